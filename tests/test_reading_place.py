"""The reader's place: one state the contents, the text and the metric panel follow, and a
history of jumps to go back and forward through. Tests wait on the place, not on frames."""

from __future__ import annotations

from rich.cells import cell_len
from textual.pilot import Pilot

from explorer_view import cursor_id, notices, pane, tree
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.explorer import ExplorerScreen
from xihu_tui.ui.widgets.key_bar import KeyBar
from xihu_tui.ui.widgets.metric_panel import MetricPanel

METRIC_ELSEWHERE = "fund-projects"
"""A metric of a later section than the first ones: a jump there is a real jump."""


def screen(app: XihuApp) -> ExplorerScreen:
    assert isinstance(app.screen, ExplorerScreen)
    return app.screen


async def until_at(pilot: Pilot, item_id: str | None, *, contents: bool = True) -> None:
    """Wait until the reader's place is `item_id` (and the contents' cursor, which may need to open a section)."""
    for _ in range(50):
        if screen(pilot.app).place.item_id == item_id and (not contents or cursor_id(pilot.app) == item_id):
            return
        await pilot.pause()
    raise AssertionError(
        f"never at {item_id}: at {screen(pilot.app).place.item_id}, cursor {cursor_id(pilot.app)}"
    )


def footer(app: XihuApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


def shown_section(app: XihuApp) -> str | None:
    section = pane(app).section
    return section.id if section is not None else None


async def test_moving_in_the_contents_moves_the_place_and_the_text(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")
        await until_at(pilot, bundled_report.sections[1].id)
        assert shown_section(app) == bundled_report.sections[1].id
        await pilot.press("l", "j")  # open it, onto its first paragraph
        first = bundled_report.sections[1].paragraphs[0].id
        await until_at(pilot, first)
        assert pane(app).marked_id == first


async def test_a_jump_can_be_gone_back_from_and_forward_to(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")
        start = bundled_report.sections[1].id
        await until_at(pilot, start)
        assert "Back" not in footer(app)  # nothing to go back to yet
        assert screen(app).jump_to(METRIC_ELSEWHERE)  # as the palette and the overview do
        await until_at(pilot, METRIC_ELSEWHERE)
        metric_section = bundled_report.section_of[METRIC_ELSEWHERE].id
        assert shown_section(app) == metric_section
        assert app.screen.query_one(MetricPanel).section.id == metric_section
        assert "Back" in footer(app)
        await pilot.press("ctrl+o")
        await until_at(pilot, start)
        assert shown_section(app) == start
        assert "Forward" in footer(app)
        await pilot.press("L")
        await until_at(pilot, METRIC_ELSEWHERE)
        await pilot.press("H")  # the other key for back
        await until_at(pilot, start)


async def test_back_with_nothing_behind_says_so(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen(app).jump_to(METRIC_ELSEWHERE)
        await until_at(pilot, METRIC_ELSEWHERE)
        await pilot.press("ctrl+o")
        await until_at(pilot, None)
        screen(app).action_back()  # the key is hidden from the footer now; the action still answers
        await pilot.pause()
        assert any("Nothing further back" in notice for notice in notices(app))


async def test_section_steps_are_jumps(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        sections = [s.id for s in bundled_report.sections]
        await pilot.press("right_square_bracket")
        await until_at(pilot, sections[0])
        await pilot.press("right_square_bracket", "right_square_bracket")
        await until_at(pilot, sections[2])
        await pilot.press("ctrl+o")
        await until_at(pilot, sections[1])
        await pilot.press("ctrl+o")
        await until_at(pilot, sections[0])


async def test_back_returns_to_where_the_text_was_scrolled(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(100, 24)) as pilot:
        longest = max(bundled_report.sections, key=lambda s: sum(len(p.text) for p in s.paragraphs))
        screen(app).jump_to(longest.id)
        await until_at(pilot, longest.id)
        pane(app).focus()
        await pilot.press("j", "j", "j", "j", "j")
        scrolled = pane(app).scroll_offset.y
        assert scrolled == 5
        elsewhere = next(
            m.id for m in bundled_report.metrics if bundled_report.section_of[m.id] is not longest
        )
        screen(app).jump_to(elsewhere)
        await pilot.pause()
        await pilot.press("ctrl+o")
        await until_at(pilot, longest.id)
        assert pane(app).scroll_offset.y == scrolled


async def test_the_overview_jump_is_in_the_history(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # the overview's first row
        first = bundled_report.metrics[0].id
        await until_at(pilot, first)
        await pilot.press("ctrl+o")
        await until_at(pilot, None)


async def test_the_text_pane_scrolls_with_less_and_vim_keys(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(100, 20)) as pilot:
        longest = max(bundled_report.sections, key=lambda s: sum(len(p.text) for p in s.paragraphs))
        screen(app).jump_to(longest.id)
        await until_at(pilot, longest.id)
        pane(app).focus()
        text = pane(app)
        await pilot.press("j", "j", "j")
        assert text.scroll_offset.y == 3
        await pilot.press("k")
        assert text.scroll_offset.y == 2
        await pilot.press("space")
        paged = text.scroll_offset.y
        assert paged > 2 + text.scrollable_content_region.height // 2
        await pilot.press("b")
        assert text.scroll_offset.y < paged
        await pilot.press("G")
        assert text.scroll_offset.y == text.max_scroll_y > paged
        await pilot.press("g")
        assert text.scroll_offset.y == 0
        await pilot.press("pagedown")
        assert text.scroll_offset.y > 0
        # Scrolling reads; it does not move the reader elsewhere.
        assert screen(app).place.item_id == longest.id


async def test_clicking_an_underlined_quote_chooses_its_metric(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    metric = bundled_report.metric_by_id["health-code-days"]
    paragraph = bundled_report.paragraph_by_id[metric.paragraph]
    async with app.run_test(size=(120, 40)) as pilot:
        section = bundled_report.section_of[metric.id].id
        screen(app).jump_to(section)
        await until_at(pilot, section)
        text = pane(app)
        start = metric.quote_start(paragraph.text) + 1  # inside the quote
        line = text.line_of(paragraph.id, start)
        assert line is not None
        laid = text.reading_layout.line(line)
        assert laid is not None
        index, line_start, _end = laid
        block = text.blocks[index]
        x = text.styles.padding.left + block.indent + cell_len(block.text.plain[line_start:start])
        y = line - int(text.scroll_offset.y)
        assert await pilot.click(text, offset=(x, y))
        await until_at(pilot, metric.id)
        assert app.screen.query_one(MetricPanel).table.cursor_row == list(
            bundled_report.section_of[metric.id].metrics
        ).index(metric)
        await pilot.press("ctrl+o")  # a click is a jump too
        await until_at(pilot, section)


async def test_clicking_a_contents_row_goes_there(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        contents = tree(app)
        # Rows: the report, then its sections, closed.
        row = 1 + 2
        section = bundled_report.sections[2].id
        assert contents.get_node_at_line(row).data.id == section
        assert await pilot.click(contents, offset=(8, row))
        await until_at(pilot, section)
        assert pane(app).section.id == section


async def test_moving_in_the_metric_table_moves_the_place(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        section = bundled_report.section_of[METRIC_ELSEWHERE]
        screen(app).jump_to(section.metrics[0].id)
        await until_at(pilot, section.metrics[0].id)
        panel = app.screen.query_one(MetricPanel)
        panel.table.focus()
        await pilot.press("down")
        await until_at(pilot, section.metrics[1].id)
        assert pane(app).marked_id == section.metrics[1].id
