"""The Chinese line breaker: width, kinsoku, unbreakable numbers, and no lost text."""

from __future__ import annotations

import itertools
import re
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from xihu_tui.core.text.linebreak import break_lines, wrap

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_79aa45311a04b356.txt"

# What the rules promise, written out independently of the module's own tables.
NO_START = set("，。、；：？！）》」』”’〕】〗〉…—％々") | set(",.;:?!)]}>%")
NO_END = set("（《「『“‘〔【〖〈") | set("([{<")
UNSPLIT = ["96.7%", "1.9万", "16.3亿", "60多亿", "4000余", "27.8万", "1+1+1+N", "P+R", "2.0", "App"]
UNSPLIT += ["……", "——"]

# Sentences from the article, so the rules are exercised even without shared/.
SAMPLES = [
    "组建区、镇街、村社三级组织指挥体系,31位区领导深入基层、靠前指挥,各镇街和部门闻令而动、"
    "通力协作,1600名医务人员坚守岗位、连续奋战,排查出重点人员1.9万人,实现卡口全严控、"
    "排查全覆盖、重点全隔离。",
    "西湖区企业“云仰科技”用11天时间研发“亲清在线”平台,累计兑付金额60多亿元,惠及杭州26万家企业。",
    "开展“千名干部联企业、千家企业评部门”活动,协调解决问题4000余个,解决率达96.7%。"
    "打造“科技八点半”“西商大会”“云上西湖”等特色品牌,多层次满足服务需求。"
    "设立总规模超百亿元的全周期政府基金,撬动社会资本16.3亿元,投资项目86个。",
    "将智慧和人文关怀渗透进城市的每处肌理,目前,西湖区已初步建成“1+1+1+N”的城市大脑西湖平台核心架构。",
    "推进政务服务2.0、基层治理四平台建设,累计兑付金额1.2亿元、惠及群众27.8万人;"
    "创新市中医院周边“P+R”停车换乘模式、“幸福云”大救助信息平台等应用,不断提升公共服务水平。",
    "老吾老以及人之老——西湖区在全市首创区域医疗数字影像集中诊断系统,康养体系建设惠及老人4.5万名。",
    "区文体中心入选国家体育服务综合体典型案例……2021年,聚焦民生需求,幸福西湖的答卷,将续写精彩。",
    "“美丽西湖”App,是西湖区打造的“文明大脑”综合数字平台。平台包括“一码”“一图”“一中心”“一驾驶舱”。",
    "在这特殊的一年! 一起点亮,这份杭州西湖区年度答卷",
    "12月28日,中共杭州市西湖区委九届十次全体(扩大)会议举行。",
]

ZWJ = "\u200d"


def is_mark(ch: str) -> bool:
    return not ch.isspace() and (unicodedata.category(ch)[0] == "M" or get_character_cell_size(ch) == 0)


def first_cluster_end(text: str, start: int) -> int:
    """End of the character at `start` together with the marks drawn onto it."""
    end = start + 1
    while end < len(text) and (is_mark(text[end]) or (text[end - 1] == ZWJ and not text[end].isspace())):
        end += 1
    return end


def is_one_cluster(line: str) -> bool:
    return bool(line) and first_cluster_end(line, 0) == len(line)


def paragraphs_of(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group spans by the `\\n`-separated paragraph they fall in."""
    groups: list[list[tuple[int, int]]] = []
    start = 0
    for piece in text.split("\n"):
        end = start + len(piece)
        groups.append([(s, e) for s, e in spans if start <= s and e <= end])
        start = end + 1
    return groups


def check_layout(text: str, width: int, spans: list[tuple[int, int]]) -> None:
    """The rules every result obeys, for any text and width."""
    limit = max(width, 1)
    # Rule 9: ordered, non-overlapping, and only whitespace falls between the spans.
    position = 0
    for s, e in spans:
        assert position <= s <= e <= len(text), spans
        assert text[position:s].strip() == "", (text[position:s], spans)
        assert "\n" not in text[s:e]
        position = e
    assert text[position:].strip() == ""
    assert "".join("".join(text[s:e] for s, e in spans).split()) == "".join(text.split())
    # Rule 8: every paragraph gets at least one line; no line straddles a newline.
    groups = paragraphs_of(text, spans)
    assert all(groups), groups
    assert sum(map(len, groups)) == len(spans)
    for group in groups:
        for index, (s, e) in enumerate(group):
            line = text[s:e]
            # Rule 1: the only line wider than the limit is a single wide character.
            assert cell_len(line) <= limit or is_one_cluster(line), (line, width)
            assert not line or not line[-1].isspace(), line
            if index == 0:
                continue  # a paragraph's first line starts wherever the text does
            # Rules 5 and 6: a wrapped line starts on a base character, not a space or mark.
            assert not is_mark(line[0]), line
            assert not line[0].isspace() or (len(line) > 1 and is_mark(line[1])), line


def kinsoku_exceptions(text: str, width: int, spans: list[tuple[int, int]]) -> list[str]:
    """Lines that break rules 2 or 3 although the neighbouring character would have fit."""
    bad = []
    for group in paragraphs_of(text, spans):
        for (s1, e1), (s2, e2) in itertools.pairwise(group):
            would_fit = cell_len(text[s1 : first_cluster_end(text, s2)]) <= max(width, 1)
            last = e1 - 1
            while last > s1 and is_mark(text[last]):
                last -= 1
            if would_fit and (text[s2] in NO_START or text[last] in NO_END):
                bad.append(f"{text[s1:e1]!r} | {text[s2:e2]!r}")
    return bad


def split_tokens(text: str, spans: list[tuple[int, int]], tokens: list[str]) -> list[str]:
    """Occurrences of `tokens` that a line boundary cuts through."""
    cuts = {s for s, _ in spans} | {e for _, e in spans}
    found = []
    for token in tokens:
        for match in re.finditer(re.escape(token), text):
            if any(match.start() < cut < match.end() for cut in cuts):
                found.append(token)
    return found


def check_chinese_rules(text: str, width: int) -> None:
    spans = break_lines(text, width)
    check_layout(text, width, spans)
    lines = [text[s:e] for s, e in spans]
    assert all(cell_len(line) <= width for line in lines), lines
    assert not [line for line in lines[1:] if line[0] in NO_START], lines
    assert not [line for line in lines[:-1] if line[-1] in NO_END], lines
    assert not split_tokens(text, spans, UNSPLIT), lines


# --- real text ---------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=range(len(SAMPLES)))
def test_article_samples_at_every_width(sample: str) -> None:
    for width in range(10, 121):
        check_chinese_rules(sample, width)


def test_whole_article_at_every_width() -> None:
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"source article not found at {SEED_ARTICLE} (shared/ is not beside this checkout)")
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", article) if p.strip()]
    assert len(paragraphs) > 30
    for paragraph in paragraphs:
        for width in range(20, 121):
            check_chinese_rules(paragraph, width)


def test_article_as_one_text_keeps_its_newlines() -> None:
    text = "\n\n".join(SAMPLES)
    spans = break_lines(text, 40)
    check_layout(text, 40, spans)
    assert spans.count((len(SAMPLES[0]) + 1, len(SAMPLES[0]) + 1)) == 1  # the blank line


# --- targeted rules ----------------------------------------------------------------------


def test_empty_text_is_one_empty_line() -> None:
    assert break_lines("", 10) == [(0, 0)]
    assert wrap("", 10) == [""]


def test_newlines_force_breaks_and_are_in_no_span() -> None:
    assert break_lines("中文\n\n文", 80) == [(0, 2), (3, 3), (4, 5)]
    assert wrap("一\n", 80) == ["一", ""]
    assert wrap("一\r\n二", 80) == ["一", "二"]  # the \r is trailing whitespace


def test_spans_index_the_original_text() -> None:
    text = "西湖区 hello 西湖区"
    spans = break_lines(text, 7)
    assert [text[s:e] for s, e in spans] == wrap(text, 7) == ["西湖区", "hello", "西湖区"]
    assert spans == [(0, 3), (4, 9), (10, 13)]


def test_chinese_breaks_between_any_two_characters() -> None:
    assert wrap("杭州市西湖区", 4) == ["杭州", "市西", "湖区"]
    assert wrap("杭州市西湖区", 5) == ["杭州", "市西", "湖区"]  # 5 cells hold only two


@pytest.mark.parametrize("comma", ["，", ",", "、", "。", "；", ")", "”"])
def test_closing_mark_carries_the_character_before_it_down(comma: str) -> None:
    text = f"中文中文{comma}中文"
    naive_cut = 8  # a plain cell wrap would start the next line with the mark
    lines = wrap(text, naive_cut)
    assert lines[0] == "中文中"
    assert lines[1].startswith(f"文{comma}")


def test_consecutive_closing_marks_move_as_a_group() -> None:
    assert wrap("我说好。”再见", 6) == ["我说", "好。”", "再见"]
    assert wrap("他说“好”，再见", 8) == ["他说", "“好”，再", "见"]


@pytest.mark.parametrize("opening", ["“", "《", "（", "(", "「"])
def test_opening_mark_never_ends_a_line(opening: str) -> None:
    text = f"中文中文{opening}引号"
    lines = wrap(text, 8 + cell_len(opening))
    assert lines[0] == "中文中文"
    assert lines[1].startswith(opening)


@pytest.mark.parametrize("pair", ["……", "——"])
def test_ellipsis_and_dash_are_not_split_and_do_not_start_a_line(pair: str) -> None:
    text = f"人之老{pair}西湖区"
    for width in range(4, 20):
        lines = wrap(text, width)
        assert pair in "".join(lines)
        assert any(pair in line for line in lines), lines
        assert not any(line.startswith(pair[0]) for line in lines), lines
    assert wrap(text, 7) == ["人之", "老" + pair + "西", "湖区"]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("解决率达96.7%。打造", "96.7%。"),
        ("排查出重点人员1.9万人", "1.9万"),
        ("撬动社会资本16.3亿元", "16.3亿"),
        ("累计兑付金额60多亿元", "60多亿"),
        ("协调解决问题4000余个", "4000余"),
        ("投入9,800万元", "9,800万"),
        ("建成“1+1+1+N”的平台", "“1+1+1+N”"),
        ("政务服务2.0、基层", "2.0、"),
        ("“美丽西湖”App,是", "App,"),
    ],
)
def test_numbers_and_latin_runs_stay_whole(text: str, unit: str) -> None:
    for width in range(cell_len(unit), 30):
        lines = wrap(text, width)
        assert any(unit in line for line in lines), (width, lines)


def test_other_words_after_a_number_may_move() -> None:
    assert wrap("到2020年", 6) == ["到2020", "年"]


def test_half_width_comma_before_a_number_is_a_break() -> None:
    # The article uses "," as a Chinese comma, so "滴答," can end a line before "2020年".
    assert wrap("时钟滴答,2020年", 9) == ["时钟滴答,", "2020年"]
    assert wrap("9,800 10:30", 5) == ["9,800", "10:30"]  # but not inside a number


def test_latin_words_break_at_spaces_which_are_dropped() -> None:
    text = "hello brave  new world"
    assert wrap(text, 11) == ["hello brave", "new world"]
    assert break_lines(text, 6) == [(0, 5), (6, 11), (13, 16), (17, 22)]
    assert wrap("say hi, “friend”", 8) == ["say hi,", "“friend”"]


def test_chinese_and_latin_break_between_each_other() -> None:
    assert wrap("西湖App", 5) == ["西湖", "App"]
    assert wrap("App西湖", 5) == ["App西", "湖"]
    assert wrap("don’t stop", 5) == ["don’t", "stop"]


def test_a_unit_wider_than_the_line_is_broken_by_characters() -> None:
    assert wrap("a" * 30, 10) == ["a" * 10] * 3
    assert wrap("abcdefghijklmnopqrstuvwxyz 1+1+1+N", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz", "1+1+1+N"]


@pytest.mark.parametrize("width", [-3, 0, 1, 2])
def test_double_width_characters_at_tiny_widths(width: int) -> None:
    assert wrap("中文字", width) == ["中", "文", "字"]


def test_double_width_is_two_cells() -> None:
    assert wrap("中文ab中文", 6) == ["中文ab", "中文"]
    assert wrap("ＡＢＣ中", 4) == ["ＡＢ", "Ｃ中"]


def test_combining_marks_stay_on_their_base_character() -> None:
    text = "e\u0301" * 6
    assert wrap(text, 2) == ["e\u0301e\u0301"] * 3
    assert wrap("中文e\u0301中", 1) == ["中", "文", "e\u0301", "中"]
    assert wrap("中\u20dd文", 2) == ["中\u20dd", "文"]


def test_leading_indentation_is_kept_when_it_fits() -> None:
    assert wrap("\u3000\u3000西湖区年度答卷", 10) == ["\u3000\u3000西湖区", "年度答卷"]
    assert wrap("    中文", 3) == ["中", "文"]
    assert break_lines("   ", 10) == [(0, 0)]


def test_a_hundred_thousand_characters_in_well_under_a_second() -> None:
    text = ("".join(SAMPLES) * 200)[:100_000]
    start = time.perf_counter()
    spans = break_lines(text, 80)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    check_layout(text, 80, spans)


# --- properties --------------------------------------------------------------------------

CJK = "中文西湖区年度答卷杭州市〇々"
PUNCTUATION = "，。、；：？！）》」』”’〕】〗〉…—％（《「『“‘〔【〖〈,.;:?!)]}>%([{<"
PIECES = [*CJK, *PUNCTUATION, "……", "——", "1.9万", "96.7%", "60多亿", "App", "P+R", "\u0301"]
PIECES += [*"aZ09+.", " ", "\u3000", "\n", "hello", "中文"]
chinese_texts = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
any_texts = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(CJK + PUNCTUATION + " \n\u0301\u200d\ufe0f\u3000"),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    ),
    max_size=120,
)


@settings(max_examples=3 * settings.default.max_examples)
@given(text=any_texts, width=st.integers(min_value=-2, max_value=60))
def test_any_text_is_laid_out_without_loss(text: str, width: int) -> None:
    check_layout(text, width, break_lines(text, width))


@settings(max_examples=3 * settings.default.max_examples)
@given(text=chinese_texts, width=st.integers(min_value=1, max_value=60))
def test_kinsoku_gives_way_only_when_nothing_else_fits(text: str, width: int) -> None:
    spans = break_lines(text, width)
    check_layout(text, width, spans)
    assert kinsoku_exceptions(text, width, spans) == []
