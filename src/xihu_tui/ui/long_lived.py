"""The message that says objects were made to live as long as the report is shown."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from textual.message import Message
from textual.message_pump import MessagePump

from ..core.collection import collection_paused

T = TypeVar("T")

HANDLED_WITHIN_S = 1.0
"""How long a thread waits for the app to handle `LongLived` (it may be closing)."""


class LongLived(Message):
    """Many objects were made that live as long as the report is shown (a long section's
    blocks, the search index). The app may exempt them from garbage collection, as it does
    what start-up made (`XihuApp.on_ready`): each full collection would walk them all
    again, a pause of 50-300 ms on a big report that lands on whatever key comes next."""

    def __init__(self, handled: threading.Event | None = None) -> None:
        super().__init__()
        self.handled = handled
        """Set once the app has done what it does with them: a thread that made them, with
        collection paused, waits for it before collection resumes (`made_to_live_long`)."""


def made_to_live_long(poster: MessagePump, make: Callable[[], T]) -> T:
    """`make()`, in a worker thread, for objects that live as long as the report (the
    search index): with collection paused while they are made, and until the app has
    handled `LongLived` (posted by `poster`). Posted and left, the message would leave
    time for a collection to walk them all first: 100-250 ms for a million sections'
    index, on whichever thread it fell, the interface waiting."""
    with collection_paused():
        made = make()
        handled = threading.Event()
        if poster.post_message(LongLived(handled)):
            handled.wait(HANDLED_WITHIN_S)
    return made
