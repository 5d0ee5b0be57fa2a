"""Work in a background thread that leaves the interpreter to the interface.

A worker thread doing pure Python shares the interpreter (the GIL) with the thread that
draws: when both want it, they take turns of `sys.getswitchinterval()` (5 ms) each, so
every key the interface handles meanwhile takes twice as long. Showing a search's
hits in a section of 100,000 paragraphs while the pinyin index was being built took
110 ms instead of 55. A worker that calls `give_way` after each step of about a
millisecond gives the interpreter up as often: the interface, when it has work, then
runs for its whole turn between the worker's steps, and otherwise the worker goes on at
once.
"""

from __future__ import annotations

import time


def give_way() -> None:
    """Let another thread that is waiting for the interpreter have it now."""
    time.sleep(0)
