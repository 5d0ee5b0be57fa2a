"""A real report's shape in the explorer: text after subsections, notes, uncaptioned figures,
a heading with no text of its own, bounds and declines (issue 15, points 6 to 9 and 2).

The report is `fixtures/chapters_notes_figures.toml`, synthetic text written for these tests.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets.tree import TreeNode

from explorer_view import cursor_id, pane, tree
from xihu_tui.core.report.loader import load_report
from xihu_tui.core.report.model import Qualifier, Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.commands import JumpProvider
from xihu_tui.ui.drawing.line_scrollbar import LineScrollBar
from xihu_tui.ui.drawing.plain_lines import PlainLines
from xihu_tui.ui.metric_words import metric_value_words
from xihu_tui.ui.strings import CHINESE, ENGLISH
from xihu_tui.ui.widgets.section_tree import Entry

REPORT = Path(__file__).parent / "fixtures" / "chapters_notes_figures.toml"


def full_report() -> Report:
    return load_report(REPORT)


@pytest.fixture(scope="module")
def report() -> Report:
    return full_report()


async def show(app: XihuApp, pilot, item_id: str) -> None:
    tree(app).go_to(item_id)
    for _ in range(10):
        await pilot.pause()
        if cursor_id(app) == item_id:
            break
    await pilot.pause()


def shown(app: XihuApp) -> str:
    """The reading pane's lines, as laid out, one after another."""
    return "\n".join(pane(app).shown_lines())


def in_order(text: str, *parts: str) -> bool:
    """Whether each part is in `text`, each after the one before."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def node_of(app: XihuApp, item_id: str) -> TreeNode[Entry]:
    """The contents' node for an item, among those loaded so far."""
    waiting = [tree(app).root]
    while waiting:
        node = waiting.pop()
        if node.data is not None and node.data.id == item_id:
            return node
        waiting += node.children
    raise AssertionError(f"{item_id} is not in the contents")


def children(app: XihuApp, section_id: str) -> list[str | None]:
    return [child.data.id if child.data else None for child in node_of(app, section_id).children]


def label_of(app: XihuApp, item_id: str) -> str:
    label = node_of(app, item_id).label
    return label.plain if isinstance(label, Text) else str(label)


# -- one order: the tree and the pane ---------------------------------------------------------------


async def test_the_tree_lists_the_closing_paragraph_after_the_subsections(report: Report) -> None:
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "economy-close")
        listed = children(app, "economy")
        assert listed[:5] == ["economy-intro", "chart-gdp", "industry", "services", "economy-close"]
        assert listed[5:] == ["gdp", "gdp-growth"]  # the metrics, after everything the section says


async def test_the_pane_shows_each_subsection_at_its_place_among_the_paragraphs(report: Report) -> None:
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await show(app, pilot, "economy")
        assert in_order(
            shown(app),
            "一、经济运行",
            "全年全市生产总值约275亿元",
            "图1 全市生产总值及其增长速度",
            "▸ （一）工业",
            "▸ （二）服务业",
            "总的看，全市经济运行稳中有进",
        )


async def test_clicking_a_subsection_line_opens_it(report: Report) -> None:
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "economy")
        reading = pane(app)
        line = reading.line_of("services")
        assert line is not None
        await pilot.click(reading, offset=(6, line - int(reading.scroll_offset.y)))
        await pilot.pause()
        assert cursor_id(app) == "services"
        assert reading.section is not None and reading.section.id == "services"


# -- notes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "paragraph_note", "figure_note"),
    [
        ("zh", "注：合成文本：数字为测试而编写。", "注：原图为柱状图，数值见正文。"),
        (
            "en",
            "Note: Synthetic text: the figures are made up for the tests.",
            "Note: A bar chart in the source; its values are in the text.",
        ),
    ],
)
async def test_paragraph_and_figure_notes_are_shown_under_their_item_in_the_interface_language(
    report: Report, lang: str, paragraph_note: str, figure_note: str
) -> None:
    app = XihuApp(report, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "economy")
        text = shown(app)
        assert in_order(
            text, "比上年增长5.2%。", paragraph_note, "图1 全市生产总值", figure_note, "▸ （一）工业"
        )
        # A note given in one language only is shown in it, whatever the interface's.
        assert in_order(text, "结构持续优化。", "合成文本：这一段在各小节之后，是本章的结束语。")


async def test_a_note_does_not_look_like_the_source_text(report: Report) -> None:
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "economy-intro")
        reading = pane(app)
        block = next(b for b in reading.blocks if b.item_id == "economy-intro")
        note_at = block.text.plain.index("注：")
        source_at = 0
        note_looks = {str(s.style) for s in block.text.spans if s.start <= note_at < s.end}
        source_looks = {str(s.style) for s in block.text.spans if s.start <= source_at < s.end}
        assert note_looks and note_looks != source_looks


# -- figures without captions -----------------------------------------------------------------------


async def test_an_uncaptioned_chart_is_shown_by_its_alt_text_with_the_metrics_it_shows(
    report: Report,
) -> None:
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "chart-gdp")
        assert label_of(app, "chart-gdp").startswith("▣ 图1 全市生产总值")
        text = shown(app)
        assert "图1 全市生产总值及其增长速度  (图片替代文字)" in text
        assert in_order(text, "图1 全市生产总值", "图中数据：", "生产总值 约 275亿元", "生产总值增速 5.2%")
        await pilot.press("c")
        assert app.clipboard == "图1 全市生产总值及其增长速度"


async def test_the_editors_description_of_a_figure_is_marked_as_theirs(report: Report) -> None:
    for lang, in_pane, in_tree in (
        ("zh", "编者所加说明，原文无", "（编）"),
        ("en", "editors' description", "(ed.) "),
    ):
        app = XihuApp(report, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await show(app, pilot, "chart-industry")
            assert in_order(shown(app), "图表：主要行业增加值增速（无文字说明）", in_pane)
            assert label_of(app, "chart-industry").startswith(f"▣ {in_tree}图表：")
            assert in_order(shown(app), "纺织业增速 ↓9.4%", "电子设备制造业增速 12.0%")
            await pilot.press("c")
            assert app.clipboard == "图表：主要行业增加值增速（无文字说明）"


# -- a heading with no text of its own --------------------------------------------------------------


async def test_a_heading_without_text_shows_its_subsections_outline(report: Report) -> None:
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "society")
        assert in_order(
            shown(app),
            "二、社会民生",
            "▸ （一）就业 · 2 项数据",
            "全年城镇新增就业1.2万人。…",  # its first sentence, and a mark that more follows
            "▸ （二）教育",
            "▸ 1. 学前教育 · 1 项数据",
            "全市共有幼儿园320所，在园幼儿6.8万人。",
        )
        reading = pane(app)
        outline = reading.line_of("preschool")
        assert outline is not None
        await pilot.click(reading, offset=(8, outline - int(reading.scroll_offset.y)))
        await pilot.pause()
        await pilot.pause()  # the tree opens （二）教育 first, and moves its cursor after a refresh
        assert cursor_id(app) == "preschool"


# -- bounds, declines and the quote meant ------------------------------------------------------------


async def test_tree_rows_say_bounds_and_declines_in_words(report: Report) -> None:
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "gdp")
        await show(app, pilot, "industry-growth")
        await show(app, pilot, "services-value")
        assert label_of(app, "gdp").endswith("生产总值 约 275亿元")
        assert label_of(app, "industry-growth").endswith("↓3.5%")
        assert label_of(app, "textile-growth").endswith("↓9.4%")
        # 超过 says it already: no second word for it.
        assert label_of(app, "services-value").endswith("服务业增加值 超过150亿元")


async def test_a_quote_that_repeats_is_marked_where_the_metric_says(report: Report) -> None:
    text = report.paragraph_by_id["services-1"].text
    second = text.index("6.1%", text.index("6.1%") + 1)
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "catering-growth")
        reading = pane(app)
        block = next(b for b in reading.blocks if b.item_id == "services-1")
        marked = [(s.start, s.end) for s in block.text.spans if s.style == ".quote-current"]
        assert marked == [(second, second + len("6.1%"))]


async def test_the_palette_names_a_decline_and_a_bound_as_the_contents_do(report: Report) -> None:
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        provider = JumpProvider(app.screen)
        shown = {str(hit.text) async for hit in provider.search("增速")}
        assert "纺织业增速 ↓9.4%" in shown
        shown = {str(hit.text) async for hit in provider.search("生产总值")}
        assert "生产总值 约 275亿元" in shown


def test_written_words_get_the_qualifier_and_the_sign_they_leave_out() -> None:
    GDP, TEXTILE_DECLINE = (full_report().metric_by_id[key] for key in ("gdp", "textile-growth"))
    assert metric_value_words(GDP, CHINESE) == "约 275亿元"
    assert metric_value_words(GDP, ENGLISH) == "about 275亿元"  # short: the contents are narrow
    assert metric_value_words(TEXTILE_DECLINE, ENGLISH) == "↓9.4%"
    stated = dataclasses.replace(GDP, quote="超百亿元", value=10_000_000_000.0, written="超百亿")
    stated = dataclasses.replace(stated, qualifier=Qualifier.MORE_THAN)
    assert metric_value_words(stated, CHINESE) == "超百亿元"
    minus = dataclasses.replace(TEXTILE_DECLINE, quote="增速为-9.4%", written="-9.4%")
    assert metric_value_words(minus, CHINESE) == "-9.4%"


# -- drawn as Textual would draw it -----------------------------------------------------------------

SCREENS = {
    "a chapter with notes, a chart and subsection lines": ("economy", (80, 24)),
    "a placeholder figure, marked": ("chart-industry", (100, 30)),
    "an outline": ("society", (120, 40)),
}


async def _screenshot(report: Report, item_id: str, size: tuple[int, int]) -> str:
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=size) as pilot:
        await show(app, pilot, item_id)
        return app.export_screenshot()


@pytest.mark.parametrize("screen", SCREENS)
async def test_the_new_lines_are_drawn_as_textual_would_draw_them(
    report: Report, monkeypatch: pytest.MonkeyPatch, screen: str
) -> None:
    item_id, size = SCREENS[screen]
    ours = await _screenshot(report, item_id, size)
    monkeypatch.setattr(PlainLines, "render", lambda *_args: None)
    monkeypatch.setattr(LineScrollBar, "_update_bar", lambda _self: False)
    assert ours == await _screenshot(report, item_id, size)
