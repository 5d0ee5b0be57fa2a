"""Search as the explorer and `xihu-tui search` use it: what is found, and exactly where."""

from __future__ import annotations

import dataclasses
import math
import re
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xihu_tui.core.report.model import Figure, Note, Paragraph, Report, Section
from xihu_tui.core.search.folding import fold
from xihu_tui.core.search.hits import Hit, SearchResult
from xihu_tui.core.search.index import SearchIndex

HYPOTHESIS = settings(suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def index(bundled_report: Report) -> SearchIndex:
    return SearchIndex(bundled_report)


def field_text(report: Report, hit: Hit) -> str:
    """The original text a hit's offsets point into."""
    if hit.field == "title":
        return report.section_by_id[hit.item_id].title
    if hit.field == "paragraph":
        return report.paragraph_by_id[hit.item_id].text
    if hit.field == "label":
        return report.metric_by_id[hit.item_id].label
    if hit.field == "group":
        return report.group_by_id[hit.item_id].label
    if hit.field == "note":
        return next(
            text for _s, item, field, text in reading_order(report) if (item, field) == (hit.item_id, "note")
        )
    figure = next(f for f in report.figures if f.id == hit.item_id)
    return figure.caption if hit.field == "caption" else figure.credit or ""


TEXT_FIELDS = ("title", "paragraph", "caption", "credit")
"""The fields of the report's own text; labels, groups and notes are searched too (see
test_search_labels.py), and the editors' notes hold English and full-width commas."""


def in_text(hits: Iterable[Hit]) -> list[Hit]:
    return [hit for hit in hits if hit.field in TEXT_FIELDS]


def matched(report: Report, hit: Hit) -> str:
    return field_text(report, hit)[hit.start : hit.end]


def reading_order(report: Report) -> Iterator[tuple[str, str, str, str]]:
    """(section, item, field, text) as the reading pane and then the contents show them,
    written independently: a section's text, its subsections, then its metrics' labels and
    the groups whose first metric it holds, each followed by its note (every language)."""
    first_section = {}
    for group in report.groups:
        members = [m for m in report.metrics if m.group == group.id]
        if members:
            first_section.setdefault(report.section_of[members[0].id].id, []).append(group)

    def note(section: Section, item_id: str, written: Note | None) -> Iterator[tuple[str, str, str, str]]:
        if written is not None:
            yield section.id, item_id, "note", "\n".join(text for _, text in written.texts)

    def walk(section: Section) -> Iterator[tuple[str, str, str, str]]:
        yield section.id, section.id, "title", section.title
        yield from note(section, section.id, section.note)
        after: dict[str | None, list[Figure]] = {}
        for figure in section.figures:
            after.setdefault(figure.after, []).append(figure)

        yield from _figures(section, after.get(None, []), note)
        for paragraph in section.paragraphs:
            yield section.id, paragraph.id, "paragraph", paragraph.text
            yield from note(section, paragraph.id, paragraph.note)
            yield from _figures(section, after.get(paragraph.id, []), note)
        for subsection in section.sections:
            yield from walk(subsection)
        for metric in section.metrics:
            yield section.id, metric.id, "label", metric.label
            yield from note(section, metric.id, metric.note)
        for group in first_section.get(section.id, []):
            yield section.id, group.id, "group", group.label
            yield from note(section, group.id, group.description)

    for section in report.sections:
        yield from walk(section)


def _figures(section: Section, figures: list[Figure], note: Any) -> Iterator[tuple[str, str, str, str]]:
    for figure in figures:
        yield section.id, figure.id, "caption", figure.caption
        if figure.credit is not None:
            yield section.id, figure.id, "credit", figure.credit
        yield from note(section, figure.id, figure.note)


def naive_hits(report: Report, needle: str) -> list[Hit]:
    """Plain `str.find`, left to right, for queries that folding does not change."""
    hits = []
    for section_id, item_id, field, text in reading_order(report):
        start = text.find(needle)
        while start != -1:
            hits.append(Hit(section_id, item_id, field, start, start + len(needle)))  # type: ignore[arg-type]
            start = text.find(needle, start + len(needle))
    return hits


def assert_spans_are_sound(report: Report, result: SearchResult) -> None:
    for hit in result.hits:
        text = field_text(report, hit)
        assert 0 <= hit.start < hit.end <= len(text), hit
    assert (result.problem is None) == bool(result.hits)


# --- literal text ----------------------------------------------------------------------


def test_health_code_is_found_in_epidemic_3_at_its_offsets(
    index: SearchIndex, bundled_report: Report
) -> None:
    text = bundled_report.paragraph_by_id["epidemic-3"].text
    start = text.index("健康码")

    result = index.search("健康码")

    assert result.kind == "text"
    assert result.problem is None
    # The paragraph first, then the contents' metric rows that name it (found since labels are searched).
    assert result.hits[0] == Hit("epidemic", "epidemic-3", "paragraph", start, start + 3)
    assert text[result.hits[0].start : result.hits[0].end] == "健康码"
    labels = [hit for hit in result.hits[1:]]
    assert labels and all(hit.field == "label" for hit in labels)
    assert all("健康码" in bundled_report.metric_by_id[hit.item_id].label for hit in labels)


def test_full_width_digits_find_the_half_width_year(index: SearchIndex, bundled_report: Report) -> None:
    result = index.search("２０２０")

    assert [h.item_id for h in result.hits] == ["opening-1"]
    assert matched(bundled_report, result.hits[0]) == "2020"


def test_a_full_width_comma_matches_the_half_width_commas_of_the_text(
    index: SearchIndex, bundled_report: Report
) -> None:
    expected = in_text(naive_hits(bundled_report, ","))
    assert len(expected) > 50  # the report writes half-width commas throughout

    assert in_text(index.search("，").hits) == expected
    assert in_text(index.search(",").hits) == expected


@pytest.mark.parametrize("query", ["健 康 码", " 健康码 ", "健\t康\n码", "健\u3000康码"])
def test_white_space_in_the_query_is_ignored(index: SearchIndex, query: str) -> None:
    assert index.search(query).hits == index.search("健康码").hits


def test_white_space_in_the_text_is_ignored_and_kept_inside_the_hit(
    index: SearchIndex, bundled_report: Report
) -> None:
    # The photo credit is "张闻涛 摄".
    (hit,) = index.search("涛摄").hits

    assert (hit.item_id, hit.field) == ("fig-plenary", "credit")
    assert matched(bundled_report, hit) == "涛 摄"


@pytest.mark.parametrize("query", ["app", "APP", "App", "ａｐｐ", "ＡＰＰ"])
def test_case_and_width_are_ignored(index: SearchIndex, bundled_report: Report, query: str) -> None:
    result = index.search(query)

    assert [h.item_id for h in result.hits] == ["reform-5"]
    assert matched(bundled_report, result.hits[0]) == "App"
    assert result.kind == "text"


def test_titles_and_captions_are_searched(index: SearchIndex, bundled_report: Report) -> None:
    title = index.search("坚固防线")
    caption = index.search("天目里")

    assert (title.hits[0].section_id, title.hits[0].item_id, title.hits[0].field) == (
        "epidemic",
        "epidemic",
        "title",
    )
    assert [(h.item_id, h.field) for h in caption.hits] == [("fig-tianmuli", "caption")]
    assert matched(bundled_report, caption.hits[0]) == "天目里"


@pytest.mark.parametrize("query", ["西湖", "在这特殊的一年", "。", "“", "区"])
def test_hits_are_every_occurrence_in_reading_order(
    index: SearchIndex, bundled_report: Report, query: str
) -> None:
    assert list(index.search(query).hits) == naive_hits(bundled_report, query)


def test_hits_are_ordinary_frozen_hits(index: SearchIndex) -> None:
    for hit in (index.search("健康码").hits[0], index.search("=31人").hits[0]):
        same = Hit(hit.section_id, hit.item_id, hit.field, hit.start, hit.end, hit.metric_id)
        assert hit == same
        assert hash(hit) == hash(same)
        assert repr(hit) == repr(same)
        with pytest.raises(dataclasses.FrozenInstanceError):
            hit.start = 0  # type: ignore[misc]
    assert index.search("=31人").hits[0].metric_id == "district-leaders"


def test_no_match_says_so(index: SearchIndex) -> None:
    result = index.search("不存在的词语")

    assert result.hits == ()
    assert (result.kind, result.problem) == ("text", "no-match")
    assert result.detail


@pytest.mark.parametrize("query", ["", " ", "\u3000", "\n\t "])
def test_a_blank_query_is_blank(index: SearchIndex, query: str) -> None:
    result = index.search(query)

    assert (result.kind, result.problem, result.hits) == ("empty", "blank", ())


ODD_QUERIES = [
    "[",
    "\\",
    "*",
    "(?P<x>",
    ".*",
    "(",
    "|",
    "^$",
    "+?",
    "{1,2}",
    "a" * 10_000,
    "健" * 10_000,
    "😀",
    "\x00",
    "\x07",
    "\u202e",
    "\ud800",
    "ﬁ",
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=lambda q: repr(q[:12]))
def test_odd_queries_are_literal_and_never_raise(
    index: SearchIndex, bundled_report: Report, query: str
) -> None:
    result = index.search(query)

    assert result.kind == "text"
    assert_spans_are_sound(bundled_report, result)
    for hit in result.hits:
        assert fold(matched(bundled_report, hit)) == fold(query)
    if query != "(":  # the report has "全体(扩大)"; its English notes have fi for ﬁ
        assert in_text(result.hits) == []


def test_a_dot_is_a_literal_dot(index: SearchIndex, bundled_report: Report) -> None:
    result = index.search(".")

    assert result.hits
    assert {matched(bundled_report, h) for h in result.hits} == {"."}


# --- offsets through folding -----------------------------------------------------------


def one_paragraph_report(*texts: str) -> Report:
    paragraphs = tuple(Paragraph(f"p{i}", text) for i, text in enumerate(texts, 1))
    return Report("测试", "zh-CN", (Section("s", "节", paragraphs=paragraphs),))


@pytest.mark.parametrize(
    ("text", "query", "found"),
    [
        ("健 康 码", "健康码", "健 康 码"),
        ("健 康 码", "康码", "康 码"),
        ("Straße", "strasse", "ße"),
        ("Straße", "STRASSE", "ße"),
        ("ﬁnal", "fi", "ﬁ"),
        ("重 5㎏ 左右", "5kg", "5㎏"),
        ("ＡＢＣ  ＤＥＦ", "c d", "Ｃ  Ｄ"),
        ("第\u3000一", "第一", "第\u3000一"),
    ],
)
def test_hits_point_at_original_characters(text: str, query: str, found: str) -> None:
    (hit,) = SearchIndex(one_paragraph_report(text)).search(query).hits

    assert text[hit.start : hit.end].endswith(found)
    assert text[hit.start : hit.end] == text[hit.start : hit.end].strip()


@pytest.mark.parametrize(("text", "query"), [("Straße", "s"), ("ﬁnal", "f"), ("ﬁnal", "in"), ("5㎏", "k")])
def test_a_hit_never_starts_or_ends_inside_an_expanded_character(text: str, query: str) -> None:
    result = SearchIndex(one_paragraph_report(text)).search(query)

    for hit in result.hits:
        assert fold(text[hit.start : hit.end]) == query


def test_a_match_inside_an_expansion_does_not_hide_a_later_one() -> None:
    (hit,) = SearchIndex(one_paragraph_report("ß s")).search("s").hits

    assert (hit.start, hit.end) == (2, 3)


def reference_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Hits found the slow, obvious way: at each character, fold characters until the query's length."""
    wanted = fold(query)
    folds = [fold(char) for char in text]
    spans = []
    i = 0
    while i < len(text):
        if folds[i]:
            taken, j = "", i
            while j < len(text) and len(taken) < len(wanted):
                taken += folds[j]
                j += 1
            if taken == wanted:
                spans.append((i, j))
                i = j
                continue
        i += 1
    return spans


FOLDING_ALPHABET = "aAbBsSß ﬁfi…..健康,，\u3000Ｋ㎏kg"


@HYPOTHESIS
@given(
    text=st.text(FOLDING_ALPHABET, min_size=1, max_size=30),
    query=st.text(FOLDING_ALPHABET, min_size=1, max_size=5),
)
def test_hits_are_what_the_obvious_algorithm_finds(text: str, query: str) -> None:
    folded = fold(query)
    assume(folded and not (folded.isascii() and folded.isalpha()))  # letters are pinyin too

    hits = SearchIndex(one_paragraph_report(text)).search(query).hits

    assert [(h.start, h.end) for h in hits if h.field == "paragraph"] == reference_spans(text, query)


# --- pinyin ----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["jiankangma", "JianKangMa", "jian kang ma", "jiankangm", "jkm", "JKM"])
def test_pinyin_finds_the_health_code(index: SearchIndex, bundled_report: Report, query: str) -> None:
    result = index.search(query)

    assert result.kind == "pinyin"
    assert [h.item_id for h in in_text(result.hits)] == ["epidemic-3"]
    assert (
        bundled_report.paragraph_by_id["epidemic-3"].text[result.hits[0].start : result.hits[0].end]
        == "健康码"
    )


def test_pinyin_of_west_lake_highlights_the_characters(index: SearchIndex, bundled_report: Report) -> None:
    result = index.search("xihu")

    assert result.kind == "pinyin"
    assert {matched(bundled_report, h) for h in in_text(result.hits)} == {"西湖"}
    assert in_text(result.hits) == in_text(naive_hits(bundled_report, "西湖"))


def test_initials_of_west_lake(index: SearchIndex, bundled_report: Report) -> None:
    found = index.search("xh").hits

    assert set(naive_hits(bundled_report, "西湖")) <= set(found)
    assert all(len(matched(bundled_report, h)) == 2 for h in found)


def test_pinyin_hits_are_chinese_characters_only(index: SearchIndex, bundled_report: Report) -> None:
    for query in ("an", "xi", "zhong", "jian", "shuzi", "hangzhou", "hz"):
        for hit in in_text(index.search(query).hits):  # an English note matches an as text
            assert all("\u4e00" <= c <= "\u9fff" for c in matched(bundled_report, hit)), (query, hit)


def test_pinyin_and_text_hits_merge_in_reading_order() -> None:
    report = one_paragraph_report("App 健康码", "西湖 xihu 西湖")
    result = SearchIndex(report).search("xihu")

    assert result.kind == "pinyin"
    assert [(h.item_id, h.start, h.end) for h in result.hits] == [("p2", 0, 2), ("p2", 3, 7), ("p2", 8, 10)]


def test_a_plain_text_hit_of_letters_is_kind_text() -> None:
    result = SearchIndex(one_paragraph_report("this xihu is latin")).search("xihu")

    assert result.kind == "text"
    assert [(h.start, h.end) for h in result.hits] == [(5, 9)]


def test_characters_read_as_in_their_phrase() -> None:
    index = SearchIndex(one_paragraph_report("银行在重庆。"))

    # 行 alone is xing and 重 zhong; in 银行 and 重庆 they are hang and chong.
    for query in ("yinhang", "chongqing", "yh", "cq"):
        assert index.search(query).hits, query
    for query in ("yinxing", "zhongqing", "yx", "zq"):
        assert not index.search(query).hits, query


def test_a_second_reading_outside_its_phrases_is_not_a_match(
    index: SearchIndex, bundled_report: Report
) -> None:
    # pypinyin lists kang as a second reading of 杭: reading every character every
    # way it can be read made 创建杭州 answer jiankang, and 杭州 kangzhou.
    assert {matched(bundled_report, h) for h in index.search("jiankang").hits} == {"健康"}
    assert not index.search("kangzhou").hits
    assert {matched(bundled_report, h) for h in index.search("hangzhou").hits} == {"杭州"}


def test_pinyin_matches_at_least_two_characters(index: SearchIndex, bundled_report: Report) -> None:
    # One syllable alone would find a good part of the report: 见, 建, 件, 健 ... for jian.
    for query in ("ji", "jian", "xi", "an", "zhong"):
        assert all(len(matched(bundled_report, hit)) >= 2 for hit in index.search(query).hits), query
    assert index.search("jian").problem == "no-match"
    assert {matched(bundled_report, h) for h in in_text(index.search("xih").hits)} == {"西湖"}


def test_letters_that_are_no_pinyin_find_nothing(index: SearchIndex) -> None:
    assert index.search("qqqq").problem == "no-match"
    assert index.search("xyz").problem == "no-match"


def test_the_pinyin_index_is_built_lazily(bundled_report: Report) -> None:
    index = SearchIndex(bundled_report)
    assert not index.pinyin_ready

    index.search("健康码")
    index.search(">1万")
    assert not index.pinyin_ready

    assert index.search("jkm").hits  # built on demand
    assert index.pinyin_ready
    index.build_pinyin()  # idempotent
    assert index.pinyin_ready


def test_building_pinyin_in_a_worker_while_searching(bundled_report: Report) -> None:
    index = SearchIndex(bundled_report)
    expected = SearchIndex(bundled_report).search("xihu").hits
    workers = [threading.Thread(target=index.build_pinyin) for _ in range(3)]
    for worker in workers:
        worker.start()
    found = index.search("xihu").hits
    for worker in workers:
        worker.join()

    assert found == expected
    assert index.pinyin_ready


def test_pinyin_data_is_read_only_for_the_pinyin_index() -> None:
    code = (
        "import sys\n"
        "from xihu_tui.core.search import index as search\n"
        "from xihu_tui.core.text import pinyin\n"
        "from xihu_tui.core.report.loader import bundled_report_path, load_report\n"
        "index = search.SearchIndex(load_report(bundled_report_path()))\n"
        "assert index.search('健康码').hits and index.search('>1万').hits\n"
        "print(pinyin._readings_cache is None, 'pypinyin' in sys.modules)\n"
        "assert index.search('jkm').hits\n"
        "print(pinyin._readings_cache is None, 'pypinyin' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    # pypinyin's dictionary is read when needed, without importing pypinyin and its phrases.
    assert result.stdout.split() == ["True", "False", "False", "False"]


# --- scope -----------------------------------------------------------------------------


def test_a_section_scope_includes_its_subsections(nested_report: Report) -> None:
    index = SearchIndex(nested_report)

    def sections(query: str, section_id: str | None) -> list[str]:
        return [h.section_id for h in in_text(index.search(query, section_id=section_id).hits)]

    assert sections("产", None) == ["economy", "industry", "digital-industry", "digital-industry"]
    assert sections("产", "economy") == ["economy", "industry", "digital-industry", "digital-industry"]
    assert sections("产", "industry") == ["industry", "digital-industry", "digital-industry"]
    assert sections("产", "digital-industry") == ["digital-industry", "digital-industry"]
    assert sections("产", "society") == []
    assert sections("学校", "economy") == []
    assert sections("学校", "society") == ["society", "society"]


def test_a_scoped_search_in_the_bundled_report(index: SearchIndex) -> None:
    everywhere = index.search("西湖")
    scoped = index.search("西湖", section_id="epidemic")

    assert {h.section_id for h in scoped.hits} == {"epidemic"}
    assert list(scoped.hits) == [h for h in everywhere.hits if h.section_id == "epidemic"]
    assert index.search("xihu", section_id="digital").hits == tuple(
        h for h in index.search("xihu").hits if h.section_id == "digital"
    )


def test_an_unknown_section_is_a_problem(index: SearchIndex) -> None:
    result = index.search("健康码", section_id="no-such-section")

    assert (result.problem, result.hits) == ("unknown-section", ())
    assert "no-such-section" in result.detail


def test_counts_by_section_are_direct(nested_report: Report, index: SearchIndex) -> None:
    # Each section's own hits: in its text, then in its metrics' labels (生产总值, 工业产值,
    # 数字产业企业) and the name of a group that begins there (产出).
    assert SearchIndex(nested_report).search("产").counts_by_section() == {
        "economy": 1 + 3,
        "industry": 1 + 1,
        "digital-industry": 2 + 1,
    }
    result = index.search("西湖")
    assert result.counts_by_section() == dict(Counter(h.section_id for h in result.hits))
    assert list(result.counts_by_section()) == [
        "opening",
        "epidemic",
        "digital",
        "livelihood",
        "reform",
        "party",
    ]


def test_figures_follow_their_paragraphs_in_reading_order() -> None:
    section = Section(
        "s",
        "甲 title",
        paragraphs=(Paragraph("p1", "甲一"), Paragraph("p2", "甲二甲")),
        figures=(
            Figure("f-after", "甲 caption after p1", credit="甲 credit", after="p1"),
            Figure("f-first", "甲 caption first"),
        ),
        sections=(Section("sub", "甲 sub", paragraphs=(Paragraph("sub-1", "甲"),)),),
    )
    report = Report("r", "zh-CN", (section, Section("t", "甲 other")))

    result = SearchIndex(report).search("甲")

    assert [(h.section_id, h.item_id, h.field, h.start) for h in result.hits] == [
        ("s", "s", "title", 0),
        ("s", "f-first", "caption", 0),
        ("s", "p1", "paragraph", 0),
        ("s", "f-after", "caption", 0),
        ("s", "f-after", "credit", 0),
        ("s", "p2", "paragraph", 0),
        ("s", "p2", "paragraph", 2),
        ("sub", "sub", "title", 0),
        ("sub", "sub-1", "paragraph", 0),
        ("t", "t", "title", 0),
    ]


# --- numbers ---------------------------------------------------------------------------


def metric_ids(result: SearchResult) -> set[str]:
    return {h.metric_id for h in result.hits if h.metric_id}


def assert_metric_hits_quote_their_metric(report: Report, result: SearchResult) -> None:
    for hit in result.hits:
        metric = report.metric_by_id[hit.metric_id or ""]
        assert hit.item_id == metric.paragraph
        assert hit.field == "paragraph"
        assert hit.section_id == report.section_of[metric.id].id
        assert report.paragraph_by_id[hit.item_id].text[hit.start : hit.end] == metric.quote


@pytest.mark.parametrize("query", [">1万", "> 1万", "＞１万", ">10000", "> 10,000"])
def test_more_than_ten_thousand(index: SearchIndex, bundled_report: Report, query: str) -> None:
    result = index.search(query)

    assert result.kind == "number"
    assert metric_ids(result) == {m.id for m in bundled_report.metrics if m.value > 10_000}
    assert {"households-visited", "vehicle-checks", "key-persons", "qinqing-payout"} <= metric_ids(result)
    assert not {"district-leaders", "medical-staff"} & metric_ids(result)
    assert_metric_hits_quote_their_metric(bundled_report, result)


def test_number_hits_are_in_reading_order(index: SearchIndex, bundled_report: Report) -> None:
    hits = index.search(">0").hits
    order = {item_id: n for n, (_, item_id, _, _) in enumerate(reading_order(bundled_report))}

    assert len(hits) == len(bundled_report.metrics)
    assert [(order[h.item_id], h.start) for h in hits] == sorted((order[h.item_id], h.start) for h in hits)


@pytest.mark.parametrize("query", [">=100 人", ">=100人", "≥100人", "≥100名", ">= 100 位"])
def test_at_least_a_hundred_people(index: SearchIndex, bundled_report: Report, query: str) -> None:
    result = index.search(query)

    expected = {m.id for m in bundled_report.metrics if m.unit == "人" and m.value >= 100}
    assert metric_ids(result) == expected
    assert "medical-staff" in expected and "district-leaders" not in expected
    assert "households-visited" not in metric_ids(result)  # 户, not 人
    assert "number query: value >= 100, unit" in result.detail


@pytest.mark.parametrize("query", ["<= 96.7%", "<=96.7％", "≤96.7%"])
def test_percentages(index: SearchIndex, bundled_report: Report, query: str) -> None:
    result = index.search(query)

    assert metric_ids(result) == {m.id for m in bundled_report.metrics if m.unit == "%" and m.value <= 96.7}
    assert "resolution-rate" in metric_ids(result)
    assert_metric_hits_quote_their_metric(bundled_report, result)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("=31人", {"district-leaders"}),
        ("=31位", {"district-leaders"}),
        ("==1600", {"medical-staff"}),
        ("=96.7%", {"resolution-rate"}),
        ("=3位", {"innovation-rank"}),
        ("<2", {"digital-economy-rank"}),
        ("=八", {"top100-years"}),
        ("=31斤", set()),
    ],
)
def test_equal_to(index: SearchIndex, query: str, expected: set[str]) -> None:
    assert metric_ids(index.search(query)) == expected


def test_yuan_after_a_multiplier_is_the_unit(index: SearchIndex, bundled_report: Report) -> None:
    result = index.search("≥1亿元")

    expected = {m.id for m in bundled_report.metrics if m.unit == "元" and m.value >= 1e8}
    assert metric_ids(result) == expected
    assert {"qinqing-payout", "government-fund", "social-capital", "direct-payout"} == expected


@pytest.mark.parametrize("query", [">abc", ">", "≥", "<=  ", "=人", ">>1", "<万"])
def test_a_comparison_without_a_number_is_a_bad_number(index: SearchIndex, query: str) -> None:
    result = index.search(query)

    assert (result.kind, result.problem, result.hits) == ("number", "bad-number", ())
    assert "number" in result.detail


def test_number_queries_respect_the_scope(nested_report: Report) -> None:
    index = SearchIndex(nested_report)

    assert metric_ids(index.search(">=500")) == {"gdp", "industry-output", "digital-firms"}
    assert metric_ids(index.search(">=500", section_id="industry")) == {"industry-output", "digital-firms"}
    assert metric_ids(index.search(">=500", section_id="society")) == set()
    assert index.search(">=500", section_id="society").problem == "no-match"


# --- properties ------------------------------------------------------------------------


@HYPOTHESIS
@given(query=st.text(max_size=40))
def test_any_query_is_safe(index: SearchIndex, bundled_report: Report, query: str) -> None:
    result = index.search(query)

    assert_spans_are_sound(bundled_report, result)
    assert result.kind in ("empty", "text", "pinyin", "number")
    for earlier, later in pairwise(result.hits):
        if (earlier.item_id, earlier.field) == (later.item_id, later.field) and not earlier.metric_id:
            assert earlier.end <= later.start  # no overlaps within a text


@st.composite
def paragraph_slices(draw: st.DrawFn, report: Report) -> tuple[Paragraph, str]:
    paragraph = draw(st.sampled_from(report.paragraphs))
    start = draw(st.integers(0, len(paragraph.text) - 1))
    end = draw(st.integers(start + 1, min(len(paragraph.text), start + 30)))
    return paragraph, paragraph.text[start:end]


def disguise(draw: st.DrawFn, text: str) -> str:
    """The same words typed differently: upper case, full width, stray spaces."""
    out = []
    for char in text:
        how = draw(st.sampled_from(["same", "upper", "wide", "space"]))
        if how == "upper":
            char = char.upper()
        elif how == "wide" and "!" <= char <= "~":
            char = chr(ord(char) + 0xFEE0)
        elif how == "space":
            char += " "
        out.append(char)
    return "".join(out)


@HYPOTHESIS
@given(data=st.data())
def test_a_piece_of_a_paragraph_finds_that_paragraph(
    index: SearchIndex, bundled_report: Report, data: st.DataObject
) -> None:
    paragraph, piece = data.draw(paragraph_slices(bundled_report))
    query = disguise(data.draw, piece)
    result = index.search(query)
    assume(result.kind != "number")

    assert paragraph.id in {h.item_id for h in result.hits}
    assert_spans_are_sound(bundled_report, result)


@st.composite
def chinese_runs(draw: st.DrawFn, report: Report) -> tuple[Paragraph, int, str, slice]:
    """Two to six Chinese characters in a row from some paragraph: the paragraph, where
    they start in it, the whole run of Chinese they are part of, and where they are in it."""
    runs = [
        (paragraph, match.start(), match.group())
        for paragraph in report.paragraphs
        for match in re.finditer("[\u4e00-\u9fff]{2,}", paragraph.text)
    ]
    paragraph, start, run = draw(st.sampled_from(runs))
    offset = draw(st.integers(0, len(run) - 2))
    size = draw(st.integers(2, min(6, len(run) - offset)))
    return paragraph, start + offset, run, slice(offset, offset + size)


@HYPOTHESIS
@given(data=st.data())
def test_the_pinyin_of_a_run_of_characters_finds_it(
    index: SearchIndex, bundled_report: Report, data: st.DataObject
) -> None:
    from pypinyin import Style, lazy_pinyin

    paragraph, start, run, piece = data.draw(chinese_runs(bundled_report))
    style = data.draw(st.sampled_from([Style.NORMAL, Style.FIRST_LETTER]))
    # Each character as pypinyin reads it in its run (率 is lv alone, shuai in 率先).
    query = "".join(lazy_pinyin(run, style=style)[piece])
    result = index.search(query)

    assert result.kind == "pinyin"
    assert any(h.item_id == paragraph.id and h.start <= start < h.end for h in result.hits), query


def test_the_detail_explains_in_english(index: SearchIndex) -> None:
    for query in ("健康码", "jkm", ">1万", ">x", "", "没有"):
        assert re.search(r"\b(query|hits?|number|blank)\b", index.search(query).detail), query


def test_values_compare_with_a_tolerance(nested_report: Report) -> None:
    index = SearchIndex(nested_report)
    gdp = nested_report.metric_by_id["gdp"].value

    assert math.isclose(gdp, 1.2e11)
    assert "gdp" in metric_ids(index.search("=1200亿"))
    assert "gdp" in metric_ids(index.search(">=1200亿元"))
    assert "gdp" not in metric_ids(index.search(">1200亿"))


# --- lazy hits -------------------------------------------------------------------------

LAZY_QUERIES = ("西湖", "健康码", "2020", "的", "xihu", ">=1", "量子计算机", " ")


def reading_position(report: Report) -> dict[tuple[str, str], int]:
    """(item, field) -> its place in reading order, written independently."""
    return {(item, field): i for i, (_s, item, field, _t) in enumerate(reading_order(report))}


@pytest.mark.parametrize("query", ["西湖", "健康码", "2020", "的"])
def test_lazy_hits_behave_like_the_tuple_of_eager_hits(
    index: SearchIndex, bundled_report: Report, query: str
) -> None:
    hits = index.search(query).hits
    expected = tuple(naive_hits(bundled_report, query))
    assert expected  # the reference finds something, so the comparisons below mean something
    assert len(hits) == len(expected)
    assert tuple(hits) == expected and list(hits) == list(expected)
    assert hits == expected and expected == hits
    assert bool(hits)
    for i in (0, 1, len(expected) // 2, len(expected) - 1, -1, -2, -len(expected)):
        if -len(expected) <= i < len(expected):
            assert hits[i] == expected[i]
    for cut in (
        slice(None),
        slice(0, 3),
        slice(2, 7),
        slice(-3, None),
        slice(None, None, 2),
        slice(5, 1, -1),
    ):
        assert hits[cut] == expected[cut]
    with pytest.raises(IndexError):
        hits[len(expected)]
    with pytest.raises(IndexError):
        hits[-len(expected) - 1]
    assert expected[-1] in hits
    assert hits.index(expected[len(expected) // 2]) == expected.index(expected[len(expected) // 2])
    assert list(reversed(hits)) == list(reversed(expected))
    assert hash(hits) == hash(expected)
    hits[0].start  # noqa: B018  (a Hit, frozen as ever)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hits[0].start = 1  # type: ignore[misc]


@pytest.mark.parametrize("query", LAZY_QUERIES)
def test_lazy_hits_are_in_reading_order_and_index_like_iteration(
    index: SearchIndex, bundled_report: Report, query: str
) -> None:
    hits = index.search(query).hits
    made = list(hits)
    assert len(made) == len(hits)
    assert [hits[i] for i in range(len(hits))] == made
    assert bool(hits) == bool(made)
    place = reading_position(bundled_report)
    order = [(place[hit.item_id, hit.field], hit.start) for hit in made]
    assert order == sorted(order)


@pytest.mark.parametrize("query", LAZY_QUERIES)
@pytest.mark.parametrize("scoped", [None, "epidemic", "digital"])
def test_per_section_access_matches_the_full_list(
    index: SearchIndex, bundled_report: Report, query: str, scoped: str | None
) -> None:
    result = index.search(query, section_id=scoped)
    everything = list(result.hits)
    assert result.counts_by_section() == dict(Counter(hit.section_id for hit in everything))
    assert list(result.counts_by_section()) == list(dict.fromkeys(hit.section_id for hit in everything))
    order = {section.id: i for i, section in enumerate(bundled_report.walk())}
    for section in bundled_report.walk():
        assert result.hits_in_section(section.id) == [
            hit for hit in everything if hit.section_id == section.id
        ]
        brute = next((i for i, hit in enumerate(everything) if order[hit.section_id] >= order[section.id]), 0)
        assert result.first_index_at_or_after(section.id) == brute, section.id
    assert result.hits_in_section("no-such-section") == []
    assert result.first_index_at_or_after("no-such-section") == 0


def nested_hits_report() -> Report:
    """Three levels, hits in some sections' own texts and not others'."""

    def section(id_: str, *texts: str, sections: tuple[Section, ...] = ()) -> Section:
        paragraphs = tuple(Paragraph(f"{id_}-{i}", text) for i, text in enumerate(texts, 1))
        return Section(id_, f"节{id_}", paragraphs=paragraphs, sections=sections)

    return Report(
        "测试",
        "zh-CN",
        (
            section(
                "a",
                "西湖西湖",
                sections=(
                    section("a1", "无", sections=(section("a1x", "西湖"),)),
                    section("a2", "西湖，西湖"),
                ),
            ),
            section("b", "无", sections=(section("b1", "一个西湖"),)),
            section("c", "无"),
            section("d", "西湖", sections=(section("d1", "无"),)),
        ),
    )


@pytest.mark.parametrize(
    ("query", "scoped"), [("西湖", None), ("西湖", "a"), ("西", "b"), ("无", None), ("节", None)]
)
def test_per_section_access_with_subsections(query: str, scoped: str | None) -> None:
    report = nested_hits_report()
    result = SearchIndex(report).search(query, section_id=scoped)
    everything = list(result.hits)
    assert everything
    order = {section.id: i for i, section in enumerate(report.walk())}
    assert result.counts_by_section() == dict(Counter(hit.section_id for hit in everything))
    for section in report.walk():
        assert result.hits_in_section(section.id) == [
            hit for hit in everything if hit.section_id == section.id
        ]
        brute = next((i for i, hit in enumerate(everything) if order[hit.section_id] >= order[section.id]), 0)
        assert result.first_index_at_or_after(section.id) == brute, section.id


def test_results_with_no_hits_have_an_empty_sequence(index: SearchIndex) -> None:
    for query in ("", "  ", "量子计算机", ">=1e30"):
        result = index.search(query)
        assert len(result.hits) == 0 and not result.hits
        assert result.hits == () and tuple(result.hits) == () and result.hits[:5] == ()
        assert result.counts_by_section() == {}
        assert result.hits_in_section("epidemic") == []
        assert result.first_index_at_or_after("epidemic") == 0


@pytest.mark.parametrize("query", ["西湖", "的", "2020", "，", "App"])
@pytest.mark.parametrize("scoped", [None, "epidemic"])
def test_hits_found_section_by_section_are_those_found_at_once(
    bundled_report: Report, query: str, scoped: str | None
) -> None:
    eager = SearchIndex(bundled_report)
    eager._build()
    eager._expanded = frozenset(fold(query))  # as if the query could match inside an expansion
    at_once = eager.search(query, section_id=scoped)
    lazy = SearchIndex(bundled_report).search(query, section_id=scoped)
    assert lazy.hits._all is None and (at_once.hits._all is not None or not at_once.hits)
    assert len(lazy.hits) == len(at_once.hits)
    assert len(lazy.hits) > 0 or scoped is not None
    assert lazy.counts_by_section() == at_once.counts_by_section()
    assert lazy.hits[-1:] == at_once.hits[-1:] and lazy.hits[3:9] == at_once.hits[3:9]
    assert tuple(lazy.hits) == tuple(at_once.hits) and lazy.hits == at_once.hits
    for section in bundled_report.walk():
        assert lazy.hits_in_section(section.id) == at_once.hits_in_section(section.id)
        assert lazy.first_index_at_or_after(section.id) == at_once.first_index_at_or_after(section.id)
    if scoped is None and fold(query) == query:
        assert list(lazy.hits) == naive_hits(bundled_report, query)


@pytest.mark.parametrize("query", ["xihu", "xh", "jiankangma", "jkm", "shuzi"])
@pytest.mark.parametrize("scoped", [None, "epidemic"])
def test_pinyin_hits_located_by_section_are_those_located_at_once(
    index: SearchIndex, query: str, scoped: str | None
) -> None:
    lazy = index.search(query, section_id=scoped)
    scope = index._scope(scoped)
    assert scope is not None
    at_once = index._hits(*index._pinyin_spans(query, scope))
    assert lazy.hits._all is None or not at_once
    assert len(lazy.hits) == len(at_once)
    assert tuple(lazy.hits) == tuple(at_once)
    assert lazy.counts_by_section() == at_once.counts_by_section()
