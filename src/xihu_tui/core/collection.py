"""Pausing cyclic garbage collection while a large structure is made, from any thread.

Making a big report, or its search index, makes millions of objects and frees none of
them, so every collection the allocations set off walks them all for nothing: a third of
the time a million sections took to load, and more than half of the time their search
index took to build, each collection holding the interpreter for up to 140 ms, whichever
thread it fell on. Reference counting frees as usual meanwhile.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection inside, however it ends; then as before.

    Pauses may overlap, in one thread or several (a search index built while a report
    reloads): collection resumes when the last ends, if it was on when the first began.
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
