"""What a reader sees of the explorer, for Pilot tests: the contents' cursor, the text, the
notifications. One place, so every test reads the screen the same way."""

from __future__ import annotations

from textual.geometry import Region
from textual.pilot import Pilot

from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets.detail_pane import DetailPane
from xihu_tui.ui.widgets.section_tree import SectionTree


def tree(app: XihuApp) -> SectionTree:
    return app.screen.query_one(SectionTree)


def cursor_id(app: XihuApp) -> str | None:
    """The id of the item highlighted in the contents (None: the report itself)."""
    node = tree(app).cursor_node
    return node.data.id if node is not None and node.data is not None else None


def contents_rows(app: XihuApp) -> list[str]:
    """The contents' rows as drawn, top to bottom (as much of them as the column shows)."""
    contents = tree(app)
    return [strip.text for strip in contents.render_lines(Region(0, 0, *contents.size))]


def pane(app: XihuApp) -> DetailPane:
    return app.screen.query_one(DetailPane)


def pane_text(app: XihuApp) -> str:
    """The reading pane's words; none while a new version's panes are being put in place."""
    return "\n".join(block.text.plain for found in app.screen.query(DetailPane) for block in found.blocks)


def notices(app: XihuApp) -> list[str]:
    """Each notification on screen, as its title and message."""
    return [f"{notice.title}\n{notice.message}" for notice in app._notifications]


async def searches_done(pilot: Pilot) -> None:
    """Until every search still wanted has landed (given-up ones are not waited for)."""
    app = pilot.app
    wanted = [worker for worker in app.workers if worker.group == "search" and not worker.is_cancelled]
    if wanted:
        await app.workers.wait_for_complete(wanted)
    await pilot.pause()


async def pane_arrived(pilot: Pilot) -> None:
    """Until the reading pane has got where it was going (End, a hit far ahead: laid out a
    slice at a time, on timers) and its scroll's animation is over. Waits, asserts nothing."""
    detail = pane(pilot.app)
    for _ in range(1_000):
        if not detail.on_its_way:
            break
        await pilot.pause(0.01)
    await pilot.wait_for_scheduled_animations()
