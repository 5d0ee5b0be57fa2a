"""How finding one's way looks (issue 17): the search bar on a match, the search that stays
after the bar closes, a jump with the way back in the footer, and the palette finding by
pinyin, at the three common sizes in both languages.

Update on purpose with `pytest tests/test_navigation_snapshots.py --snapshot-update`, then
look at the SVGs in tests/__snapshots__/test_navigation_snapshots/.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from snapshot_sizes import COMMON_SIZES
from xihu_tui.core.report.loader import load_report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets.search_bar import SearchBar

QUERY = "研发用时"
"""Matches a paragraph's words, two metric labels and a group's name: every kind of hit."""


async def searched(pilot: Pilot) -> None:
    await pilot.press("slash")
    field = pilot.app.screen.query_one(SearchBar).input
    field.cursor_blink = False  # a snapshot must not catch the text cursor mid-blink
    field.value = QUERY
    await pilot.pause()
    await pilot.press("down")  # the second match: a metric's label


async def stayed(pilot: Pilot) -> None:
    await searched(pilot)
    await pilot.press("escape", "n")  # the bar closed, the search going on, its counter said
    await pilot.pause()


async def palette_by_pinyin(pilot: Pilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    pilot.app.screen.query_one(Input).cursor_blink = False
    await pilot.press(*"jkm")
    # The palette gathers its hits in a worker and shows them in batches.
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)


async def jumped(pilot: Pilot) -> None:
    await pilot.press("right_square_bracket", "right_square_bracket")  # jumps: back is offered
    await pilot.pause()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_the_search_bar_on_a_label_match(snap_compare, size: tuple[int, int], lang: str) -> None:
    """The bar with its counter and where the hit is (a metric's label), its keys in the
    footer, the metric highlighted."""
    assert snap_compare(XihuApp(load_report(), lang=lang), terminal_size=size, run_before=searched)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_the_search_stays_with_the_bar_closed(snap_compare, size: tuple[int, int], lang: str) -> None:
    """After Escape and n: the third match (the group), the counter in a notice, n and N
    and back in the footer."""
    assert snap_compare(XihuApp(load_report(), lang=lang), terminal_size=size, run_before=stayed)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_a_jump_offers_the_way_back(snap_compare, size: tuple[int, int], lang: str) -> None:
    """Two sections on: the second section's text, and back in the footer."""
    assert snap_compare(XihuApp(load_report(), lang=lang), terminal_size=size, run_before=jumped)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_the_palette_finds_by_pinyin(snap_compare, size: tuple[int, int], lang: str) -> None:
    """jkm: the metric 健康码研发用时 first, its characters highlighted, the palette in the
    interface's language."""
    assert snap_compare(XihuApp(load_report(), lang=lang), terminal_size=size, run_before=palette_by_pinyin)
