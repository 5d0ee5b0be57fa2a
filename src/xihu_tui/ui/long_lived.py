"""The message that says objects were made to live as long as the report is shown."""

from __future__ import annotations

from textual.message import Message


class LongLived(Message):
    """Many objects were made that live as long as the report is shown (a long section's
    blocks, the search index). The app may exempt them from garbage collection, as it does
    what start-up made (`XihuApp.on_ready`): each full collection would walk them all
    again, a pause of 50-300 ms on a big report that lands on whatever key comes next."""
