"""The reading pane's blocks, built without the pane: order, words, crumbs and named styles."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text

from reports import report_toml
from xihu_tui.core.report.loader import load_report, loads_report
from xihu_tui.core.report.model import Figure, Paragraph, Report, Section
from xihu_tui.core.search.hits import Hit
from xihu_tui.ui.strings import strings_for
from xihu_tui.ui.widgets.reading_blocks import Block, Matches, ReadingBlocks, group_matches, named

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module", params=["bundled", "nested"])
def report(request: pytest.FixtureRequest) -> Report:
    return load_report() if request.param == "bundled" else load_report(FIXTURES / "nested_series.toml")


def builder(
    report: Report,
    section: Section | None = None,
    *,
    marked_id: str | None = None,
    matches: Matches | None = None,
    current_match: Hit | None = None,
) -> ReadingBlocks:
    """As the pane builds them, in the report's language."""
    strings = strings_for(None, report.language)
    return ReadingBlocks(
        strings, report, section, marked_id=marked_id, matches=matches, current_match=current_match
    )


def styles_over(text: Text, start: int, end: int) -> list[str]:
    """The named styles of the spans that cover `text[start:end]` whole."""
    return [str(span.style) for span in text.spans if span.start <= start and end <= span.end]


def block_for(blocks: list[Block], item_id: str) -> Block:
    return next(block for block in blocks if block.item_id == item_id)


def quoted_metrics(report: Report) -> list[tuple[Section, Paragraph, str, int]]:
    """(section, paragraph, metric id, quote start) for every metric whose quote is in its paragraph."""
    found = []
    for section in report.walk():
        for metric in section.metrics:
            paragraph = report.paragraph_by_id[metric.paragraph]
            start = metric.quote_start(paragraph.text)
            if start >= 0:
                found.append((section, paragraph, metric.id, start))
    return found


def test_a_sections_blocks_follow_its_contents(report: Report) -> None:
    for section in report.walk():
        blocks = builder(report, section).blocks()
        items = [block for block in blocks if block.kind in ("paragraph", "figure", "subsection")]
        kinds = {Paragraph: "paragraph", Figure: "figure", Section: "subsection"}
        assert [(block.item_id, block.kind) for block in items] == [
            (item.id, kinds[type(item)]) for item in section.contents()
        ]
        heading = block_for(blocks, section.id)
        assert heading.kind == "heading" and heading.text.plain.startswith(section.title)


def test_every_paragraphs_text_is_its_words_unchanged(report: Report) -> None:
    strings = strings_for(None, report.language)
    for section in report.walk():
        blocks = builder(report, section).blocks()
        for paragraph in section.paragraphs:
            plain = block_for(blocks, paragraph.id).text.plain
            assert plain[: len(paragraph.text)] == paragraph.text
            rest = plain[len(paragraph.text) :]  # the paragraph's note, on a line of its own
            if paragraph.note is None:
                assert rest == ""
            else:
                assert rest.startswith("\n" + strings.reading.note)


def test_the_crumbs_are_the_sections_parents(report: Report) -> None:
    for section in report.walk():
        blocks = builder(report, section).blocks()
        crumbs = report.path_words(section.id, parents_only=True)
        shown = [block.text.plain for block in blocks if block.kind == "crumbs"]
        assert shown == ([crumbs] if crumbs else [])
        if crumbs:
            assert blocks[0].kind == "crumbs"


def test_a_metrics_quote_carries_the_quote_style(report: Report) -> None:
    found = quoted_metrics(report)
    assert found
    for section, paragraph, metric_id, start in found:
        text = block_for(builder(report, section).blocks(), paragraph.id).text
        quote = report.metric_by_id[metric_id].quote
        assert named("quote") in styles_over(text, start, start + len(quote))
        assert named("quote-current") not in styles_over(text, start, start + len(quote))


def test_the_marked_quote_carries_the_current_quote_style_and_its_paragraph_is_marked(report: Report) -> None:
    section, paragraph, metric_id, start = quoted_metrics(report)[-1]
    blocks = builder(report, section, marked_id=metric_id).blocks()
    block = block_for(blocks, paragraph.id)
    quote = report.metric_by_id[metric_id].quote
    assert named("quote-current") in styles_over(block.text, start, start + len(quote))
    assert [b.item_id for b in blocks if b.marked] == [paragraph.id]


def test_marking_another_quote_rebuilds_the_text_as_a_new_build_would(report: Report) -> None:
    section, paragraph, metric_id, _ = quoted_metrics(report)[0]
    built = builder(report, section)
    block = block_for(built.blocks(), paragraph.id)
    built.marked_id = metric_id
    rebuilt = built.text_of(block)
    fresh = block_for(builder(report, section, marked_id=metric_id).blocks(), paragraph.id).text
    assert rebuilt is not None and rebuilt.spans == fresh.spans and rebuilt.plain == fresh.plain
    assert built.marked_block_id() == paragraph.id


def test_search_matches_carry_their_styles_the_current_one_apart(report: Report) -> None:
    section = next(s for s in report.walk() if len(s.paragraphs) >= 1 and s.paragraphs[0].text)
    paragraph = section.paragraphs[0]
    hits = [
        Hit(section.id, paragraph.id, "paragraph", 0, 1),
        Hit(section.id, paragraph.id, "paragraph", 1, 2),
        Hit(section.id, section.id, "title", 0, 1),
    ]
    blocks = builder(report, section, matches=group_matches(hits), current_match=hits[1]).blocks()
    text = block_for(blocks, paragraph.id).text
    assert named("match") in styles_over(text, 0, 1)
    assert named("match-current") not in styles_over(text, 0, 1)
    assert named("match-current") in styles_over(text, 1, 2)
    assert named("match") in styles_over(block_for(blocks, section.id).text, 0, 1)


def test_a_subsection_lines_title_match_is_past_its_marker(nested_report: Report) -> None:
    economy = nested_report.section_by_id["economy"]
    hit = Hit("industry", "industry", "title", 0, 1)
    line = block_for(builder(nested_report, economy, matches=group_matches([hit])).blocks(), "industry")
    assert line.kind == "subsection" and line.text.plain == "▸ 工业"
    assert named("match") in styles_over(line.text, 2, 3)
    assert named("match") not in styles_over(line.text, 0, 1)


def test_a_figure_follows_the_paragraph_it_names(nested_report: Report) -> None:
    society = nested_report.section_by_id["society"]
    blocks = builder(nested_report, society).blocks()
    kinds = [(block.item_id, block.kind) for block in blocks if block.item_id]
    assert kinds == [("society", "heading"), ("society-1", "paragraph"), ("society-photo", "figure")]
    figure = block_for(blocks, "society-photo")
    assert figure.text.plain.startswith("▣ 新建的学校。  测试 摄")
    assert figure.text_start == 2


def test_the_front_page_has_the_title_and_the_report_lines(report: Report) -> None:
    blocks = builder(report).blocks()
    assert (blocks[0].kind, blocks[0].text.plain) == ("title", report.title)
    assert all(block.kind == "meta" for block in blocks[1:])
    assert builder(report).text_of(blocks[0]) is None  # nothing on it is marked or matched


def test_a_heading_with_no_text_shows_its_subsections_outline(tmp_path: Path) -> None:
    path = tmp_path / "outline.toml"
    path.write_text(
        'format = 1\n\n[report]\ntitle = "报告"\nlanguage = "zh-CN"\n\n'
        '[[sections]]\nid = "top"\ntitle = "总体"\n\n'
        '[[sections.sections]]\nid = "one"\ntitle = "第一"\n\n'
        '[[sections.sections.paragraphs]]\nid = "one-1"\ntext = "第一句。第二句。"\n\n'
        '[[sections.sections.sections]]\nid = "deep"\ntitle = "更深"\n\n'
        '[[sections.sections.sections.paragraphs]]\nid = "deep-1"\ntext = "深处。"\n',
        encoding="utf-8",
    )
    report = load_report(path)
    blocks = builder(report, report.section_by_id["top"]).blocks()
    outline = [(block.item_id, block.depth, block.text.plain) for block in blocks if block.kind == "outline"]
    assert outline == [("one", 0, "▸ 第一\n第一句。…"), ("deep", 1, "▸ 更深\n深处。")]
    assert not any(block.kind == "subsection" for block in blocks)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_paragraph_is_laid_out_by_the_words_it_will_show(report: Report, lang: str) -> None:
    """A paragraph's styled text is made only when drawn: the words it is laid out by
    before then must be the very words it shows, notes and odd characters included."""
    odd = "控制\x07字符\r与\u202e反向\t和[b]标记[/]"
    odd_report = loads_report(
        report_toml(
            {"title": "t", "language": "zh-CN"},
            [
                ("[[sections]]", {"id": "s", "title": "s"}),
                ("[[sections.paragraphs]]", {"id": "p", "text": odd}),
            ],
        )
    )
    with_notes = load_report(FIXTURES / "chapters_notes_figures.toml")
    assert any(p.note for p in with_notes.paragraphs)
    for shown in (report, odd_report, with_notes):
        for section in shown.walk():
            blocks = ReadingBlocks(strings_for(lang, shown.language), shown, section).blocks()
            for block in blocks:
                before = block.plain
                assert before == block.text.plain, block.item_id
