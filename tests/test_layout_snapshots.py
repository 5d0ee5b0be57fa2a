"""How the explorer's layout looks (issue 17): a section with figures at the three common
sizes in both languages, and the report's key figures at its root.

Update on purpose with `pytest tests/test_layout_snapshots.py --snapshot-update`, then look
at the SVGs in tests/__snapshots__/test_layout_snapshots/.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from layout_reports import shapes_report
from snapshot_sizes import COMMON_SIZES
from test_snapshots import go_to
from xihu_tui.core.report.loader import load_report
from xihu_tui.ui.app import XihuApp


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_a_highlighted_metric_in_its_section(snap_compare, size: tuple[int, int], lang: str) -> None:
    """坚守岗位的医务人员 (1,600): its row in the contents whole, the table with every number
    whole, the group's bars with the marked value over its bar."""
    app = XihuApp(load_report(), lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=go_to("medical-staff"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_the_report_s_key_figures_at_its_root(snap_compare, size: tuple[int, int], lang: str) -> None:
    """A synthetic report: long titles cut with an ellipsis (or whole, when the column is wide
    enough), a line per group at the root, the first group's bars."""

    async def settle(pilot: Pilot) -> None:
        for _ in range(3):
            await pilot.pause()

    app = XihuApp(shapes_report(), lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=settle)
