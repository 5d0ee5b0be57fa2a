"""Very long lists in the contents: more than `RANGE_FROM` children come in ranges of
`RANGE_SIZE`, each opened like a section, so a report of a million sections opens at once.
Stepping, jumping and searching go through the ranges as if they were not there."""

from __future__ import annotations

import re

import pytest

from explorer_view import contents_rows, cursor_id, tree
from reports import report_toml
from xihu_tui.core.report.loader import loads_report
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets.section_tree import RANGE_FROM, RANGE_SIZE

SECTIONS = RANGE_FROM + 2 * RANGE_SIZE + 7  # ranges: 1000, 1000, 1000, 1000, 7 (when 1000 each)


@pytest.fixture(scope="module")
def many_sections() -> Report:
    sections = [("[[sections]]", {"id": f"s{n}", "title": f"第{n}节"}) for n in range(1, SECTIONS + 1)]
    sections.insert(1, ("[[sections.paragraphs]]", {"id": "p1", "text": "只有第一节有一段话。"}))
    return loads_report(report_toml({"title": "很多节", "language": "zh-CN"}, sections))


@pytest.fixture(scope="module")
def long_section() -> Report:
    paragraphs = [
        ("[[sections.paragraphs]]", {"id": f"p{n}", "text": f"第{n}段。"}) for n in range(1, SECTIONS + 1)
    ]
    sections = [("[[sections]]", {"id": "long", "title": "很长的一节"}), *paragraphs]
    sections.append(("[[sections]]", {"id": "after", "title": "后面一节"}))
    return loads_report(report_toml({"title": "很长", "language": "zh-CN"}, sections))


def range_count() -> int:
    return -(-SECTIONS // RANGE_SIZE)


async def test_a_report_of_very_many_sections_lists_them_in_ranges(many_sections: Report) -> None:
    app = XihuApp(many_sections, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert len(tree(app).root.children) == range_count()
        rows = contents_rows(app)
        # Each range names its first and last section and how many it holds.
        assert any(re.search(rf"第1节 … 第{RANGE_SIZE}节 {RANGE_SIZE}\b", row) for row in rows), rows
        last_first = (range_count() - 1) * RANGE_SIZE + 1
        assert any(f"第{last_first}节 … 第{SECTIONS}节" in row for row in rows), rows


async def test_brackets_step_through_ranges_as_through_sections(many_sections: Report) -> None:
    app = XihuApp(many_sections, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(2):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert cursor_id(app) == "s2"
        assert any("第2节" in row for row in contents_rows(app))  # its range opened
        app.screen.jump_to(f"s{RANGE_SIZE}")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert cursor_id(app) == f"s{RANGE_SIZE + 1}"  # on into the next range
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert cursor_id(app) == f"s{RANGE_SIZE}"


async def test_a_jump_to_the_last_section_opens_only_its_range(many_sections: Report) -> None:
    app = XihuApp(many_sections, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.jump_to(f"s{SECTIONS}")
        await pilot.pause()
        assert cursor_id(app) == f"s{SECTIONS}"
        opened = [node for node in tree(app).root.children if node.is_expanded]
        assert len(opened) == 1 and opened[0] is tree(app).root.children[-1]
        assert any(f"第{SECTIONS}节" in row for row in contents_rows(app))


async def test_a_range_shows_its_sections_matches(many_sections: Report) -> None:
    app = XihuApp(many_sections, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        tree(app).show_match_counts({"s1": 2, "s5": 1, f"s{SECTIONS}": 4})
        await pilot.pause()
        rows = contents_rows(app)
        assert any("‹3› 第1节 … " in row for row in rows), rows
        assert any(f"‹4› 第{(range_count() - 1) * RANGE_SIZE + 1}节 … " in row for row in rows), rows


async def test_a_section_of_very_many_paragraphs_lists_them_in_ranges(long_section: Report) -> None:
    app = XihuApp(long_section, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        target = f"p{2 * RANGE_SIZE + 5}"
        app.screen.jump_to(target)
        await pilot.pause()
        assert cursor_id(app) == target
        section = tree(app).root.children[0]
        assert section.is_expanded and len(section.children) == range_count()
        assert [child.is_expanded for child in section.children].count(True) == 1
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert cursor_id(app) == "after"
