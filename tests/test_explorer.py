"""The explorer, driven from the keyboard as a reader would."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer_view import cursor_id, pane, pane_arrived, tree
from xihu_tui.core.report.loader import bundled_report_path, load_report
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets.detail_pane import Block, DetailPane
from xihu_tui.ui.widgets.metric_panel import MetricPanel, MetricTable
from xihu_tui.ui.widgets.metric_sparkline import MetricSparkline

CLOSING = tuple("，。、；：？！）》」』”’,.;:?!)")


def text_blocks(app: XihuApp) -> list[Block]:
    """The reading pane's section heading, paragraphs and captions."""
    return [block for block in pane(app).blocks if block.kind in ("heading", "paragraph", "figure")]


def detail_text(app: XihuApp) -> str:
    return "\n".join(block.text.plain for block in text_blocks(app))


def shown_lines(app: XihuApp) -> list[str]:
    """The reading pane's lines exactly as laid out on screen."""
    return pane(app).shown_lines()


async def test_opens_on_the_report_with_its_sections(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.title == bundled_report.title
        sections = [node.data.item.title for node in tree(app).root.children]
        assert sections == [s.title for s in bundled_report.sections]
        assert app.focused is tree(app)


async def test_highlighting_a_section_shows_it_without_enter(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")
        epidemic = bundled_report.sections[1]
        assert cursor_id(app) == epidemic.id
        assert detail_text(app).startswith(f"{epidemic.title}\n{epidemic.paragraphs[0].text}")
        table = app.screen.query_one(MetricTable)
        assert table.row_count == len(epidemic.metrics)


async def test_every_item_is_reachable_from_the_keyboard(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    expected = {s.id for s in bundled_report.walk()}
    expected |= {
        item.id for item in (*bundled_report.paragraphs, *bundled_report.figures, *bundled_report.metrics)
    }
    seen: set[str] = set()
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(400):
            node = tree(app).cursor_node
            assert node is not None
            if node.data.kind == "section" and not node.is_expanded:
                await pilot.press("l")
            if node.data.id:
                seen.add(node.data.id)
            before = node
            await pilot.press("j")
            if tree(app).cursor_node is before:
                break
    assert seen == expected


async def test_h_and_l_collapse_expand_and_go_to_parent(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "l")
        section = tree(app).cursor_node
        assert section.is_expanded
        await pilot.press("l")  # into the first child
        assert tree(app).cursor_node.parent is section
        await pilot.press("h")  # back to the parent
        assert tree(app).cursor_node is section
        await pilot.press("h")  # collapse
        assert not section.is_expanded


async def test_g_and_capital_g_jump_to_first_and_last(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G")
        assert cursor_id(app) == bundled_report.sections[-1].id
        await pilot.press("g")
        assert tree(app).cursor_node is tree(app).root


async def test_brackets_step_through_sections(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    ids = [s.id for s in bundled_report.walk()]
    async with app.run_test(size=(120, 40)) as pilot:
        visited = []
        for _ in ids:
            await pilot.press("right_square_bracket")
            visited.append(cursor_id(app))
        assert visited == ids
        await pilot.press("right_square_bracket")
        assert cursor_id(app) == ids[-1]  # stays on the last one
        await pilot.press("left_square_bracket")
        assert cursor_id(app) == ids[-2]


async def test_brackets_enter_subsections_only_once_they_are_open(nested_report: Report) -> None:
    app = XihuApp(nested_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert cursor_id(app) == "society"  # economy's subsections are folded away
        await pilot.press("left_square_bracket")
        assert cursor_id(app) == "economy"
        await pilot.press("l")  # open economy: industry shows
        await pilot.press("right_square_bracket")
        assert cursor_id(app) == "industry"
        await pilot.press("right_square_bracket")
        assert cursor_id(app) == "society"  # industry is still folded
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert cursor_id(app) == "economy"  # and stays on the first


async def test_highlighting_a_metric_marks_its_quote_and_compares_it(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    metric = bundled_report.metric_by_id["medical-staff"]
    async with app.run_test(size=(120, 40)) as pilot:
        tree(app).go_to(metric.id)
        await pilot.pause()
        marked = [b for b in pane(app).blocks if b.marked]
        assert [b.item_id for b in marked] == [metric.paragraph]
        quote_at = marked[0].text.plain.index(metric.quote)
        styles_at_quote = {
            str(span.style) for span in marked[0].text.spans if span.start <= quote_at < span.end
        }
        styles_elsewhere = {
            str(span.style) for span in marked[0].text.spans if not span.start <= quote_at < span.end
        }
        assert styles_at_quote and styles_at_quote.isdisjoint(styles_elsewhere)
        sparkline = app.screen.query_one(MetricSparkline)
        assert sparkline.metric is metric
        assert sparkline.comparison is not None and sparkline.comparison.kind == "group"
        table = app.screen.query_one(MetricTable)
        assert table.cursor_row == bundled_report.sections[1].metrics.index(metric)


async def test_marked_item_is_scrolled_into_view(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    last = bundled_report.sections[1].paragraphs[-1]
    async with app.run_test(size=(80, 24)) as pilot:
        tree(app).go_to(last.id)
        await pilot.pause()
        assert cursor_id(app) == last.id
        await pilot.pause()
        reading = pane(app)
        line = reading.line_of(last.id)
        assert line is not None
        assert reading.scroll_offset.y <= line < reading.scroll_offset.y + reading.size.height


async def test_enter_on_a_metric_row_jumps_to_it_in_the_text(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    metric = bundled_report.metric_by_id["key-persons"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")  # the epidemic section
        table = app.screen.query_one(MetricTable)
        table.focus()
        await pilot.pause()
        table.move_cursor(row=bundled_report.sections[1].metrics.index(metric))
        await pilot.press("enter")
        await pilot.pause()
        assert cursor_id(app) == metric.id
        assert isinstance(app.focused, DetailPane)


async def test_moving_in_the_metric_table_marks_the_quote(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "tab", "tab")
        assert isinstance(app.focused, MetricTable)
        await pilot.press("down", "down")
        await pilot.pause()
        metric = bundled_report.sections[1].metrics[2]
        assert app.screen.query_one(MetricSparkline).metric is metric
        assert app.screen.query_one(DetailPane).marked_id == metric.id


async def test_o_toggles_the_contents_drawer(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(80, 24)) as pilot:
        contents = tree(app)
        assert contents.display and contents.size.width > 0
        await pilot.press("o")
        assert contents.size.width == 0 or not contents.display
        assert isinstance(app.focused, DetailPane)
        await pilot.press("o")
        assert contents.has_focus


async def test_tiny_terminal_starts_with_the_drawer_closed(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        assert tree(app).has_class("-closed")
        await pilot.press("right_square_bracket")  # sections still step with the drawer closed
        assert cursor_id(app) == bundled_report.sections[0].id


async def test_metric_panel_moves_beside_the_text_when_wide(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(MetricPanel)
        pane = app.screen.query_one(DetailPane)
        assert panel.region.x > pane.region.x and panel.region.y == pane.region.y
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert panel.region.y > pane.region.y


async def test_c_copies_the_current_metric_with_its_quote(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    metric = bundled_report.metric_by_id["qinqing-payout"]
    async with app.run_test(size=(120, 40)) as pilot:
        tree(app).go_to(metric.id)
        await pilot.pause()
        await pilot.press("c")
        assert metric.quote in app.clipboard and "60多亿元" in app.clipboard
        notes = list(app._notifications)
        assert notes and "OSC 52" in notes[-1].message


async def test_c_copies_a_paragraph_verbatim(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    paragraph = bundled_report.paragraphs[5]
    async with app.run_test(size=(120, 40)) as pilot:
        tree(app).go_to(paragraph.id)
        await pilot.pause()
        await pilot.press("c")
        assert app.clipboard == paragraph.text


async def test_t_cycles_to_a_light_theme(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:

        def drawn_lightness() -> int:
            """The reading pane's background as drawn: its last row's, summed over red, green, blue."""
            reading = pane(app)
            bottom = reading.render_line(reading.size.height - 1)
            return sum(next(iter(bottom)).style.bgcolor.get_truecolor())

        await pilot.pause()
        assert drawn_lightness() < 3 * 128  # it opens dark
        drawn = {}
        for _ in range(6):
            await pilot.press("t")
            await pilot.pause()
            drawn[app.theme] = drawn_lightness()
        assert drawn["textual-light"] > 3 * 128  # the text is drawn on a light background


async def test_contents_redraw_in_the_new_theme_and_focus(bundled_report: Report) -> None:
    """The contents keep their style between frames; a theme or focus change must renew it."""
    from textual.dom import DOMNode

    app = XihuApp(bundled_report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        contents = tree(app)

        def drawn_background() -> object:
            blank = contents.render_line(contents.size.height - 1)  # below the last section
            return blank._segments[0].style.bgcolor

        dark = drawn_background()
        app.theme = "textual-light"
        await pilot.pause()
        assert drawn_background() != dark
        assert drawn_background() == DOMNode.rich_style.fget(contents).bgcolor
        await pilot.press("tab")  # focus leaves the contents
        await pilot.pause()
        assert contents.rich_style == DOMNode.rich_style.fget(contents)


async def test_q_quits(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_interface_follows_the_report_language_unless_overridden(bundled_report: Report) -> None:
    for lang, word in ((None, "上一节"), ("en", "Prev section")):
        app = XihuApp(bundled_report, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            descriptions = [b.binding.description for b in app.screen.active_bindings.values()]
            assert word in descriptions


@pytest.mark.parametrize("size", [(20, 8), (40, 12), (60, 20), (80, 24), (200, 60), (1, 1)])
async def test_no_size_crashes_it(bundled_report: Report, size: tuple[int, int]) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "l", "j", "j", "right_square_bracket", "o", "o")
        await pilot.resize_terminal(120, 40)
        await pilot.press("j")
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert app.is_running
    assert app.return_code is None  # no exit was asked for (a quit would say 0)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_no_shown_line_starts_with_closing_punctuation(bundled_report: Report, size) -> None:
    from rich.cells import cell_len

    app = XihuApp(bundled_report)
    async with app.run_test(size=size) as pilot:
        for section in bundled_report.walk():
            tree(app).go_to(section.id)
            await pilot.pause()
            lines = shown_lines(app)
            assert lines
            width = pane(app).text_width
            assert all(not line.startswith(CLOSING) for line in lines), section.id
            if section.id == "epidemic":  # a number keeps its magnitude: 1.9万 is never torn in two
                assert any("1.9万" in line for line in lines), lines
            assert all(lines), section.id  # no empty line is laid out
            assert max(cell_len(line) for line in lines) <= width, section.id


HOSTILE = [
    "[bold]粗体[/bold]",
    "[/]",
    "[@click=app.quit]退出[/]",
    "[link='file:///etc/passwd']x[/link]",
    "$accent",
]


def hostile_report(tmp_path: Path) -> Path:
    text = bundled_report_path().read_text(encoding="utf-8")
    for attack in HOSTILE:
        text = text.replace("在这特殊的一年,", f"在这特殊的一年,{attack}", 1)
    text = text.replace('title = "在这特殊的一年!', 'title = "[@click=app.quit]报告[/][bold]', 1)
    text = text.replace('place = "杭州市西湖区"', 'place = "[/]西湖[@click=app.quit]"')
    text = text.replace('title = "筑牢疫情防控的坚固防线"', 'title = "筑牢[/]防线[@click=app.quit]"')
    text = text.replace('label = "坚守岗位的医务人员"', 'label = "[b]医务[/]人员[@click=app.quit]"')
    text = text.replace('caption = "杭州城西新地标“天目里”综合体"', 'caption = "天目里[/][red]"')
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_markup_in_content_is_shown_literally_and_never_acted_on(tmp_path: Path) -> None:
    report = load_report(hostile_report(tmp_path))
    app = XihuApp(report)
    async with app.run_test(size=(120, 40)) as pilot:
        for item_id in [*report.section_by_id, *report.section_of]:  # every item, drawn in turn
            tree(app).go_to(item_id)
            await pilot.pause()
        await pilot.press("g", "right_square_bracket", "c", "m")
        await pilot.pause()
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        await pilot.press("escape")
        tree(app).go_to("opening-1")
        await pilot.pause()
        shown = detail_text(app)
        assert all(attack in shown for attack in HOSTILE)
        tree(app).go_to("medical-staff")
        await pilot.pause()
        await pilot.click("HeaderTitle")
        assert app.is_running
        assert "[@click=app.quit]报告[/][bold]" in app.screen.title
    assert app.return_code is None  # no exit was asked for (a quit would say 0)


async def test_a_long_section_after_a_short_one_scrolls_to_its_end(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    long_section = max(bundled_report.sections, key=lambda s: sum(len(p.text) for p in s.paragraphs))
    short_section = min(bundled_report.sections, key=lambda s: sum(len(p.text) for p in s.paragraphs))
    async with app.run_test(size=(80, 24)) as pilot:
        for section in (short_section, long_section):
            tree(app).go_to(section.id)
            await pilot.pause()
        reading = pane(app)
        reading.focus()
        await pilot.press("end")
        await pane_arrived(pilot)
        last = long_section.paragraphs[-1]
        line = reading.line_of(last.id, len(last.text) - 1)
        assert line is not None and reading.max_scroll_y > 0
        assert (
            reading.scroll_offset.y
            <= line
            < reading.scroll_offset.y + reading.scrollable_content_region.height
        )


async def test_squeezing_the_terminal_to_nothing_and_back_keeps_the_text(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    section = bundled_report.sections[1]
    async with app.run_test(size=(80, 24)) as pilot:
        tree(app).go_to(section.paragraphs[2].id)
        await pilot.pause()
        await pilot.resize_terminal(1, 1)
        await pilot.press("j", "right_square_bracket", "left_square_bracket", "n")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.is_running
        assert pane(app).section is section
        assert "".join(shown_lines(app)).startswith(section.title)
