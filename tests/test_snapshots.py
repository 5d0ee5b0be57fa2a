"""How the explorer looks: main view at two sizes, a metric in focus, and a light theme.

Update on purpose with `pytest tests/test_snapshots.py --snapshot-update`, then look at
the SVGs in tests/__snapshots__/.
"""

from __future__ import annotations

from textual.pilot import Pilot

from xihu_tui.core.report.loader import load_report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets.detail_pane import DetailPane
from xihu_tui.ui.widgets.section_tree import SectionTree


def go_to(item_id: str):
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        tree = pilot.app.screen.query_one(SectionTree)
        tree.go_to(item_id)
        # The cursor moves after the tree's next refresh, the reading pane after that.
        report = pilot.app.report
        section = report.section_by_id.get(item_id) or report.section_of[item_id]
        marked = None if item_id == section.id else item_id
        for _ in range(50):
            await pilot.pause()
            detail = pilot.app.screen.query_one(DetailPane)
            shown = detail.section is not None and detail.section.id == section.id
            if (
                tree.current is not None
                and tree.current.id == item_id
                and shown
                and detail.marked_id == marked
            ):
                break
        # The pane scrolls to the marked item once its blocks are laid out: wait for it to settle.
        detail = pilot.app.screen.query_one(DetailPane)
        still, last = 0, None
        for _ in range(60):
            await pilot.pause(0.02)
            position = detail.scroll_offset.y
            still = still + 1 if position == last else 0
            last = position
            if still >= 5:
                break
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


def test_main_view_80x24(snap_compare) -> None:
    assert snap_compare(XihuApp(load_report()), terminal_size=(80, 24), run_before=go_to("epidemic"))


def test_main_view_120x40(snap_compare) -> None:
    assert snap_compare(XihuApp(load_report()), terminal_size=(120, 40), run_before=go_to("epidemic"))


def test_metric_highlighted_120x40(snap_compare) -> None:
    assert snap_compare(XihuApp(load_report()), terminal_size=(120, 40), run_before=go_to("medical-staff"))


def test_metric_highlighted_80x24(snap_compare) -> None:
    assert snap_compare(
        XihuApp(load_report()), terminal_size=(80, 24), run_before=go_to("resettlement-housing")
    )


def in_light_theme(item_id: str):
    async def run_before(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await go_to(item_id)(pilot)

    return run_before


def test_light_theme_120x40(snap_compare) -> None:
    assert snap_compare(
        XihuApp(load_report()), terminal_size=(120, 40), run_before=in_light_theme("government-fund")
    )


def test_english_interface_wide(snap_compare) -> None:
    app = XihuApp(load_report(), lang="en")
    assert snap_compare(app, terminal_size=(160, 40), run_before=go_to("old-estates"))


def test_light_theme_80x24(snap_compare) -> None:
    assert snap_compare(
        XihuApp(load_report()), terminal_size=(80, 24), run_before=in_light_theme("direct-payout")
    )


def test_overview_80x24(snap_compare) -> None:
    assert snap_compare(XihuApp(load_report()), terminal_size=(80, 24), press=["m"])


def test_help_120x40(snap_compare) -> None:
    assert snap_compare(XihuApp(load_report()), terminal_size=(120, 40), press=["question_mark"])
