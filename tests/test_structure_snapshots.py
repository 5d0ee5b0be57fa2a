"""How a report's shape looks in the explorer: a chapter whose closing paragraph follows its
subsections, notes under their items, an uncaptioned chart with the metrics it shows, and a
heading with no text of its own (synthetic report: `fixtures/chapters_notes_figures.toml`).

Update on purpose with `pytest tests/test_structure_snapshots.py --snapshot-update`, then look
at the SVGs in tests/__snapshots__/test_structure_snapshots/.
"""

from __future__ import annotations

from test_explorer_structure import full_report
from test_snapshots import go_to
from xihu_tui.ui.app import XihuApp


def test_chapter_with_notes_and_an_alt_text_chart_80x24(snap_compare) -> None:
    app = XihuApp(full_report(), lang="zh")
    assert snap_compare(app, terminal_size=(80, 24), run_before=go_to("chart-gdp"))


def test_closing_paragraph_after_subsections_120x40(snap_compare) -> None:
    app = XihuApp(full_report(), lang="zh")
    assert snap_compare(app, terminal_size=(120, 40), run_before=go_to("economy-close"))


def test_editors_description_and_a_decline_in_english_120x40(snap_compare) -> None:
    app = XihuApp(full_report(), lang="en")
    assert snap_compare(app, terminal_size=(120, 40), run_before=go_to("chart-industry"))


def test_outline_of_a_heading_without_text_120x40(snap_compare) -> None:
    app = XihuApp(full_report(), lang="zh")
    assert snap_compare(app, terminal_size=(120, 40), run_before=go_to("society"))
