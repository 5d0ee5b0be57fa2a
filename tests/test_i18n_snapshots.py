"""Looks of issue 17's part (one language, the overview's filter and groups), at the three
common sizes in both languages: the help, scrolled to the search bar's and the palette's keys;
the overview filtered by pinyin; the overview grouped by group and by section.

Update on purpose with `pytest tests/test_i18n_snapshots.py --snapshot-update`, then look at
the SVGs in tests/__snapshots__/test_i18n_snapshots/.
"""

from __future__ import annotations

import pytest

from snapshot_sizes import COMMON_SIZES
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp

LANGS = ["zh", "en"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_help(snap_compare, bundled_report: Report, size: tuple[int, int], lang: str) -> None:
    assert snap_compare(XihuApp(bundled_report, lang=lang), terminal_size=size, press=["question_mark"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_help_scrolled_to_the_search_bar(
    snap_compare, bundled_report: Report, size: tuple[int, int], lang: str
) -> None:
    press = ["question_mark", *["pagedown"] * 3]
    assert snap_compare(XihuApp(bundled_report, lang=lang), terminal_size=size, press=press)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_overview_filtered_by_pinyin(
    snap_compare, bundled_report: Report, size: tuple[int, int], lang: str
) -> None:
    # Enter leaves the filter for its rows, so no text cursor is caught mid-blink.
    press = ["m", "slash", "x", "i", "h", "u", "enter"]
    assert snap_compare(XihuApp(bundled_report, lang=lang), terminal_size=size, press=press)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_overview_grouped_by_group(
    snap_compare, bundled_report: Report, size: tuple[int, int], lang: str
) -> None:
    assert snap_compare(XihuApp(bundled_report, lang=lang), terminal_size=size, press=["m", "F"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_overview_grouped_by_section_and_filtered(
    snap_compare, bundled_report: Report, size: tuple[int, int], lang: str
) -> None:
    press = ["m", "F", "F", "slash", "j", "k", "m", "enter"]
    assert snap_compare(XihuApp(bundled_report, lang=lang), terminal_size=size, press=press)
