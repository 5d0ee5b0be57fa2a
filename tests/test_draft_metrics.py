"""Drafting metrics from paragraphs (issue 16): which numbers become metrics, with what value,
unit, qualifier, label, group and series, and that `check` accepts every one as written."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import tomllib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xihu_tui.core.draft.metrics import DraftMetric, draft_metrics
from xihu_tui.core.numbers import Qualifier
from xihu_tui.core.quotes import check_metric_words, check_series

ROOT = Path(__file__).resolve().parent.parent
EXACT, MORE, AT_LEAST, AT_MOST, ABOUT = (
    Qualifier.EXACT,
    Qualifier.MORE_THAN,
    Qualifier.AT_LEAST,
    Qualifier.AT_MOST,
    Qualifier.APPROXIMATELY,
)


def problems_of(paragraphs: Sequence[str], metric: DraftMetric, language: str = "zh-CN") -> list[str]:
    """What `xihu-tui check` would say of the metric written into a format 2 report."""
    text = paragraphs[metric.paragraph]
    found: list[str] = []
    if text.count(metric.quote) != 1 or not metric.label:
        found.append(f"quote occurs {text.count(metric.quote)} times, label {metric.label!r}")
    stated, disagreements = check_metric_words(
        text,
        metric.quote,
        metric.value,
        metric.unit,
        metric.qualifier,
        number=metric.number,
        version=2,
        language=language,
    )
    if stated is None:
        found.append("the quote states no such number")
    found += [f"{d.key}: {d.message}" for d in disagreements]
    if metric.series:
        periods = [period for period, _ in metric.series]
        values = [value for _, value in metric.series]
        _, series_problems = check_series(
            periods, values, [None] * len(values), text, version=2, language=language
        )
        found += [f"series[{i}].{d.key}: {d.message}" for i, d in series_problems]
        if metric.series[-1][1] != metric.value:
            found.append("the series does not end at the metric's value")
    return found


def assert_checkable(paragraphs: Sequence[str], language: str = "zh-CN") -> list[DraftMetric]:
    metrics = draft_metrics(paragraphs, language)
    for metric in metrics:
        assert problems_of(paragraphs, metric, language) == [], metric
    units_by_group: dict[str, set[str]] = {}
    for metric in metrics:
        if metric.group is not None:
            units_by_group.setdefault(metric.group, set()).add(metric.unit)
    assert all(len(units) == 1 for units in units_by_group.values()), units_by_group
    return metrics


def figures(sentence: str) -> list[tuple[float, str, Qualifier]]:
    return [(m.value, m.unit, m.qualifier) for m in assert_checkable([sentence])]


# -- what becomes a metric, with what value, unit and qualifier -------------------------------

SENTENCES = [
    ("全年地区生产总值约1.6万亿元，比上年增长3.5%。", [(1.6e12, "元", ABOUT), (3.5, "%", EXACT)]),
    ("规模以上工业增加值比上年下降4%。", [(-4, "%", EXACT)]),
    ("居民消费价格总指数为99.5（上年同期=100）。", [(99.5, "指数", EXACT)]),
    ("年末常住人口约1200万人，比上年末减少3.2万人。", [(1.2e7, "人", ABOUT), (-32000, "人", EXACT)]),
    ("全市共有普通高校近60所，在校学生超过80万人。", [(60, "所", AT_MOST), (800000, "人", MORE)]),
    ("协调解决问题4000余个，解决率达96.7%。", [(4000, "个", MORE), (96.7, "%", EXACT)]),
    ("设立总规模超百亿元的全周期政府基金。", [(1e10, "元", MORE)]),
    ("数字经济增加值增长30%以上，增速稳居全市首位。", [(30, "%", AT_LEAST), (1, "位", EXACT)]),
    ("科技进步创新指数首次跻身全省前三位。", [(3, "位", AT_MOST)]),
    ("31位区领导深入基层，1600名医务人员坚守岗位。", [(31, "人", EXACT), (1600, "人", EXACT)]),
    ("增速比上年回落不到0.3个百分点。", [(-0.3, "个百分点", AT_MOST)]),
    ("出口额增长1.5倍，达到3.2亿美元。", [(1.5, "倍", EXACT), (3.2e8, "美元", EXACT)]),
    ("完成老旧小区综合提升改造266万方。", [(2.66e6, "方", EXACT)]),
    ("西湖区已连续八年排名全国综合实力百强区前列。", [(8, "年", EXACT)]),
    ("全年接待游客3000万人次左右。", [(3e7, "人次", ABOUT)]),
    ("人均可支配收入为百分之九十六点七。", [(96.7, "%", EXACT)]),
    ("单位生产总值能耗下降到0.35吨标准煤/万元。", [(0.35, "吨标准煤/万元", EXACT)]),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES)
def test_the_figures_of_a_sentence(sentence: str, expected: list[tuple[float, str, Qualifier]]) -> None:
    assert figures(sentence) == expected


NOT_METRICS = [
    "12月28日，中共杭州市西湖区委九届十次全体(扩大)会议举行。",
    "审议通过《关于制定西湖区国民经济和社会发展的第十四个五年规划和二〇三五年远景目标的建议》。",
    "时钟滴答，2020年接近尾声。",
    "2021年1月，全市召开“双千”大会。",
    "一、综合",
    "（一）工业",
    "1. 农业生产稳定",
    "推进政务服务2.0、基层治理四平台建设，建成“1+1+1+N”的核心架构。",
    "打造三级驾驶舱体系，加快5G基站和G20配套建设。",
    "全市上下一起努力，勇争一流，奋战一线，跻身百强。",
    "全面落实“十四五”规划，位居全国第一。",
    "坚持“四个自信”，走进千家万户。",
    "实施三年行动计划。",
    "前三季度经济运行平稳，前5个月出口回升。",
    "每一件民生实事都是一张金名片。",
]


@pytest.mark.parametrize("sentence", NOT_METRICS)
def test_what_is_not_a_metric(sentence: str) -> None:
    assert figures(sentence) == []


# -- labels -------------------------------------------------------------------------------------

LABELS = [
    ("全年地区生产总值约1.6万亿元，比上年增长3.5%。", ["地区生产总值", "地区生产总值增长"]),
    ("年末城镇化率达到63.9%。", ["城镇化率"]),
    ("中直工业增加值比上年增长2.1%。", ["中直工业增加值增长"]),
    ("衣着价格下降9.4%。", ["衣着价格下降"]),
    ("引进60余家城市大脑生态企业。", ["引进城市大脑生态企业"]),
    ("620名机关事业单位党员干部、850名教师下沉一线。", ["机关事业单位党员干部", "教师"]),
    ("累计洗楼扫楼66万户，检查21万车次、49万人次。", ["洗楼扫楼", "检查", "检查人次"]),
    ("食品、衣着和交通通信价格分别上涨8.3%、1.2%和2.5%。", ["食品上涨", "衣着上涨", "交通通信价格上涨"]),
]


@pytest.mark.parametrize(("sentence", "labels"), LABELS)
def test_labels_name_the_quantity(sentence: str, labels: list[str]) -> None:
    assert [m.label for m in assert_checkable([sentence])] == labels


# -- groups and series --------------------------------------------------------------------------


def test_the_items_of_a_respectively_list_share_a_group() -> None:
    metrics = assert_checkable(["食品、衣着和交通通信价格分别上涨8.3%、1.2%和2.5%，全年接待游客3000万人次。"])
    listed = [m for m in metrics if m.unit == "%"]
    assert [m.value for m in listed] == [8.3, 1.2, 2.5]
    assert len({m.group for m in listed}) == 1 and listed[0].group is not None
    assert [m.number for m in listed] == [1, 2, 3]
    assert next(m for m in metrics if m.unit == "人次").group is None


def test_price_categories_of_one_sentence_are_a_group() -> None:
    metrics = assert_checkable(["居民消费价格上涨2.4%。其中，食品价格上涨8.3%，衣着价格下降9.4%。"])
    assert metrics[0].group is None
    assert metrics[1].group == metrics[2].group is not None
    assert metrics[1].group_label == "价格"


def test_a_respectively_list_of_years_is_a_series_on_the_latest() -> None:
    text = "2016年至2019年，宏观税负分别为17.47%、17.35%、17.01%和16.02%。"
    (metric,) = assert_checkable([text])
    assert (metric.label, metric.value, metric.unit) == ("宏观税负", 16.02, "%")
    assert metric.series == (("2016", 17.47), ("2017", 17.35), ("2018", 17.01), ("2019", 16.02))


def test_a_year_list_before_respectively() -> None:
    text = "2017年、2018年和2019年进出口总额分别下降1.2%、增长3.4%和下降0.5%。"
    (metric,) = assert_checkable([text])
    assert metric.series == (("2017", -1.2), ("2018", 3.4), ("2019", -0.5))
    assert metric.value == -0.5


def test_a_year_and_value_run_is_a_series() -> None:
    text = "城镇化率从2015年的56.1%提高到2020年的63.9%，首次突破60%。"
    metrics = assert_checkable([text])
    assert [(m.label, m.value, m.series) for m in metrics] == [
        ("城镇化率", 63.9, (("2015", 56.1), ("2020", 63.9))),
        ("城镇化率", 60, ()),
    ]
    assert metrics[0].quote == "2020年的63.9%" and metrics[0].number == 2


def test_a_repeated_figure_gets_an_unambiguous_quote() -> None:
    text = "各季度涨幅分别为5.0%、2.7%、2.3%和0.5%，全年同比上涨0.5%的月份有两个。"
    metrics = assert_checkable([text])
    assert [m.value for m in metrics if m.unit == "%"] == [5.0, 2.7, 2.3, 0.5, 0.5]


# -- every drafted metric passes `check` -------------------------------------------------------

_SUBJECTS = [
    "地区生产总值",
    "居民消费价格",
    "城镇化率",
    "常住人口",
    "在校学生",
    "出口总额",
    "粮食产量",
    "游客",
]
_BEFORE = ["", "全年", "年末", "其中，", "2020年", "累计", "预计今年"]
_VERBS = ["", "为", "达到", "比上年增长", "同比下降", "比上年末减少", "回落", "提高到", "分别为", "共"]
_MARKERS = ["", "约", "超过", "近", "不到", "突破", "至少"]
_NUMBERS = [
    "3.5",
    "1.6万亿",
    "60多",
    "4000余",
    "百",
    "十二",
    "八",
    "1,200",
    "0.3",
    "二〇二〇",
    "96.7",
    "1200万",
]
_UNITS = ["%", "元", "亿元", "人", "名", "个百分点", "倍", "户", "所", "万方", "公里", "年", "", "天", "家"]
_AFTER = ["", "以上", "左右", "以内"]
_JOINS = ["，", "。", "、", "；", "和"]


@st.composite
def clauses(draw: st.DrawFn) -> str:
    number = draw(st.sampled_from(_NUMBERS))
    listed = "、".join(
        draw(st.sampled_from(_NUMBERS)) + draw(st.sampled_from(_UNITS))
        for _ in range(draw(st.integers(0, 2)))
    )
    return "".join(
        [
            draw(st.sampled_from(_BEFORE)),
            draw(st.sampled_from(_SUBJECTS)),
            draw(st.sampled_from(_VERBS)),
            draw(st.sampled_from(_MARKERS)),
            number,
            draw(st.sampled_from(_UNITS)),
            draw(st.sampled_from(_AFTER)),
            f"、{listed}" if listed else "",
        ]
    )


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    parts = draw(st.lists(clauses(), min_size=1, max_size=6))
    joins = draw(st.lists(st.sampled_from(_JOINS), min_size=len(parts), max_size=len(parts)))
    text = "".join(part + join for part, join in zip(parts, joins, strict=True))
    if draw(st.booleans()):  # a repeat makes quotes ambiguous unless widened
        text += draw(st.sampled_from(parts)) + "。"
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraphs(), min_size=1, max_size=3))
def test_every_drafted_metric_of_generated_paragraphs_passes_check(texts: list[str]) -> None:
    assert_checkable(texts)


_FRAGMENTS = [
    *list(
        "一二三四五六七八九十百千万亿两零〇点分别为比上年增长下降约近超过以上余多人元个%年月日第、，。；（）“”0123456789."
    ),
    "分别为",
    "个百分点",
    "2015年的",
    "2020年的",
    "从",
    "提高到",
    "前",
    "位",
    "首位",
    "居全市",
    "《",
    "》",
    "5G",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_FRAGMENTS), max_size=60).map("".join), min_size=1, max_size=3))
def test_every_drafted_metric_of_any_text_passes_check(texts: list[str]) -> None:
    assert_checkable(texts)


# -- the articles: recall and count against what a careful author picked -----------------------


def _paragraphs_and_metrics(
    sections: list[dict[str, Any]],
) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    for section in sections:
        for paragraph in section.get("paragraphs", []):
            metrics = [m for m in section.get("metrics", []) if m["paragraph"] == paragraph["id"]]
            yield paragraph["id"], paragraph["text"], metrics
        yield from _paragraphs_and_metrics(section.get("sections", []))


def recall_and_ratio(paragraphs: Sequence[str], picked: Sequence[tuple[int, float]]) -> tuple[float, float]:
    """The share of hand-picked (paragraph, value) figures the draft states in the same
    paragraph, as a metric's value or a point of its series; and how many metrics it drafts
    for each one picked."""
    drafted = assert_checkable(paragraphs)
    values: dict[int, list[float]] = {}
    for metric in drafted:
        values.setdefault(metric.paragraph, []).append(metric.value)
        values[metric.paragraph] += [value for _, value in metric.series]
    found = sum(
        any(abs(v - value) <= 1e-9 * max(1.0, abs(value)) for v in values.get(at, [])) for at, value in picked
    )
    return found / len(picked), len(drafted) / len(picked)


REPORTS = ["data/report.toml", *(f"tests/fixtures/{name}" for name in ("city_statistics.toml",
           "chapters_notes_figures.toml", "nested_series.toml"))]  # fmt: skip


@pytest.mark.parametrize("path", REPORTS)
def test_the_draft_of_a_transcribed_report_finds_what_its_author_picked(path: str) -> None:
    document = tomllib.loads((ROOT / path).read_text(encoding="utf-8"))
    rows = list(_paragraphs_and_metrics(document["sections"]))
    texts = [text for _, text, _ in rows]
    picked = [(at, float(m["value"])) for at, (_, _, metrics) in enumerate(rows) for m in metrics]
    recall, ratio = recall_and_ratio(texts, picked)
    assert recall >= 0.9 and ratio <= 1.5, (recall, ratio)
