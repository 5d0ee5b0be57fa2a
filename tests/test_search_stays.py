"""Search that stays, as in less and vim: Escape closes the bar at the match, n and N go on
and say where they are, wrapping is announced, and a separate key cancels back."""

from __future__ import annotations

from textual.pilot import Pilot

from explorer_view import cursor_id, notices, pane
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.explorer import ExplorerScreen
from xihu_tui.ui.widgets.key_bar import KeyBar
from xihu_tui.ui.widgets.search_bar import SearchBar

QUERY = "在这特殊的一年"
"""Found in several sections of the bundled report, in its text only."""


def screen(app: XihuApp) -> ExplorerScreen:
    assert isinstance(app.screen, ExplorerScreen)
    return app.screen


def counter(app: XihuApp) -> str:
    return str(app.screen.query_one("#search-counter").render())


def current_match(app: XihuApp) -> list[str]:
    text = pane(app)
    return [
        block.text.plain[span.start : span.end]
        for block in text.blocks
        for span in block.text.spans
        if span.style == ".match-current"  # the pane resolves the style by its name when drawing
    ]


async def search(pilot: Pilot, query: str) -> None:
    await pilot.press("slash")
    bar = pilot.app.screen.query_one(SearchBar)
    bar.input.value = query
    await pilot.pause()


async def test_escape_keeps_the_reader_at_the_match(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(pilot, QUERY)
        await pilot.press("enter", "enter")
        at = screen(app).place
        assert at.hit is not None and counter(app).startswith("3/")
        await pilot.press("escape")
        assert not app.screen.query_one(SearchBar).is_open
        assert screen(app).place == at
        assert cursor_id(app) == at.item_id
        assert current_match(app) == [QUERY]


async def test_n_and_n_go_on_with_the_bar_closed_and_say_the_counter(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await search(pilot, QUERY)
        total = len(screen(app).search.hits)
        await pilot.press("escape", "n")
        assert screen(app).search.current == 1
        assert any(f"/{QUERY}  2/{total}" in notice for notice in notices(app))
        await pilot.press("N")
        assert any(f"/{QUERY}  1/{total}" in notice for notice in notices(app))
        assert "Next match" in str(app.screen.query_one(KeyBar).render())


async def test_wrapping_around_is_announced(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await search(pilot, QUERY)
        total = len(screen(app).search.hits)
        await pilot.press("up")  # before the first: on to the last
        assert counter(app) == f"{total}/{total}"
        assert any("Before the first match: on to the last" in notice for notice in notices(app))
        await pilot.press("down")
        assert counter(app) == f"1/{total}"
        assert any("Past the last match: back to the first" in notice for notice in notices(app))


async def test_up_and_down_step_in_the_bar(bundled_report: Report) -> None:
    # Shift+Enter never reaches a terminal without the kitty protocol (tmux sends Enter):
    # Up is "previous match" everywhere.
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await search(pilot, QUERY)
        total = len(screen(app).search.hits)
        await pilot.press("down", "down")
        assert counter(app) == f"3/{total}"
        await pilot.press("up")
        assert counter(app) == f"2/{total}"
        assert "↑" in str(app.screen.query_one(KeyBar).render())  # shown with the bar's keys


async def test_after_escape_back_goes_to_where_the_search_began(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")
        start = cursor_id(app)
        await search(pilot, QUERY)
        await pilot.press("enter", "enter", "escape")
        assert cursor_id(app) != start
        await pilot.press("ctrl+o")
        for _ in range(20):
            if cursor_id(app) == start:
                break
            await pilot.pause()
        assert screen(app).place.item_id == start == cursor_id(app)


async def test_escape_again_clears_the_search(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await search(pilot, QUERY)
        await pilot.press("escape")
        at = screen(app).place.item_id
        await pilot.press("escape")
        assert screen(app).search is None
        assert current_match(app) == []
        assert screen(app).place.item_id == at  # the reader stays
        assert "Next match" not in str(app.screen.query_one(KeyBar).render())


async def test_a_label_is_found_and_the_counter_says_where(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await search(pilot, "研发用时")
        assert counter(app) == "1/3 · metric label"
        assert screen(app).place.item_id == "health-code-days"
        assert cursor_id(app) == "health-code-days"
        await pilot.press("enter", "enter")
        assert counter(app) == "3/3 · group name"
        # A group's name takes the reader to its first metric.
        assert screen(app).place.item_id == bundled_report.group_members("development-days")[0].id


async def test_reopening_the_bar_goes_on_from_the_match(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(pilot, QUERY)
        await pilot.press("enter", "enter", "escape")
        at = screen(app).place
        await pilot.press("slash")
        assert screen(app).place == at
        assert counter(app).startswith("3/")
        await pilot.press("enter")
        assert counter(app).startswith("4/")
