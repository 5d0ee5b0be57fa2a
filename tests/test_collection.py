"""Collection is paused while big structures are made, from any thread, and always resumes."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from xihu_tui.core.collection import collection_paused


@pytest.fixture(autouse=True)
def _collection_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_overlapping_pauses_in_two_threads_resume_collection_when_the_last_ends() -> None:
    first_inside, second_may_end = threading.Event(), threading.Event()
    seen: list[bool] = []

    def second() -> None:
        with collection_paused():
            first_inside.set()
            second_may_end.wait(5)
        seen.append(gc.isenabled())  # the first is still paused

    thread = threading.Thread(target=second)
    with collection_paused():
        thread.start()
        first_inside.wait(5)
        # The other thread ends its pause, this one has not: still paused.
        second_may_end.set()
        thread.join(5)
        assert not gc.isenabled()
    assert seen == [False]
    assert gc.isenabled()


def test_a_pause_ended_by_an_error_resumes_collection() -> None:
    with pytest.raises(RuntimeError), collection_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()


def test_collection_left_off_stays_off() -> None:
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()
