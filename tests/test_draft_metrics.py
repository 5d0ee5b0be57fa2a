"""Drafting metrics from paragraphs (issue 16): which numbers become metrics, with what value,
unit, qualifier, label, group and series, and that `check` accepts every one as written."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xihu_tui.core.draft.metrics import DraftMetric, draft_metrics
from xihu_tui.core.report.quotes import check_metric_words, check_series
from xihu_tui.core.text.numbers import Qualifier

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

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
    (
        "全年出生人口2.41万人，出生率为6.43‰；人口自然增长率为-1.49‰。",
        [(24100, "人", EXACT), (6.43, "‰", EXACT), (-1.49, "‰", EXACT)],
    ),
    ("集成电路产量12.7亿块，增长9.5%。", [(1.27e9, "块", EXACT), (9.5, "%", EXACT)]),
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


def test_an_english_report_reads_english_words() -> None:
    text = "GDP rose 3.5% to $2.2 trillion in 2020, and about 1.2 million people found jobs. Exports fell by 4 percent."
    metrics = assert_checkable([text], "en")
    assert [(m.value, m.unit, m.qualifier) for m in metrics] == [
        (3.5, "%", EXACT),
        (2.2e12, "美元", EXACT),
        (1.2e6, "people", ABOUT),
        (-4, "%", EXACT),
    ]
    assert (metrics[0].label, metrics[-1].label) == ("GDP", "Exports")


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
    ("其中，杭州和宁波分别接待游客1021.5万人次、603.8万人次。", ["杭州接待游客", "宁波接待游客"]),
    (
        "2021年、2022年和2023年国庆假期全省旅游收入分别为298.6亿元、241.2亿元和362亿元。",
        ["国庆假期全省旅游收入"],
    ),
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


def test_a_decline_the_checks_read_for_the_first_number_only_is_never_drafted_as_a_rise() -> None:
    # find_quantities shares 减少 across 1240万人、1289万人 only when no unit word parts them.
    text = "2016年、2017年和2018年，全国农村贫困人口分别减少1240万人、1289万人和1386万人。"
    metrics = assert_checkable([text])
    assert all(m.value < 0 for m in metrics) and all(v < 0 for m in metrics for _, v in m.series)


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


@settings(max_examples=3 * settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
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


@settings(max_examples=3 * settings.default.max_examples)
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


# Articles written for these tests, in three genres, with the figures a careful author picks
# marked by hand as (paragraph, value): the value signed and normalised, as a report writes it.
# Their figures are SYNTHETIC. The drafter was not tuned on them after they were written.

NATIONAL_FEATURE = [
    "国家统计局12月6日发布数据显示，2023年全国粮食总产量13908.2亿斤，比上年增加177.6亿斤，增长1.3%，"
    "粮食产量连续9年稳定在1.3万亿斤以上。",
    "党的十八大以来，我国粮食生产稳步发展。2019年至2022年，全国粮食播种面积分别为17.41亿亩、17.52亿亩、"
    "17.64亿亩和17.75亿亩，2023年进一步扩大到17.85亿亩。",
    "从单产看，全国粮食作物单位面积产量从2013年的每亩359公斤提高到2023年的每亩389.7公斤，十年间提高了30.7公斤。",
    "分品种看，稻谷、小麦和玉米产量分别为4132.1亿斤、2731.8亿斤和5776.8亿斤，其中玉米比上年增长4.2%。",
    "农民收入稳步增长。全国农村居民人均可支配收入21691元，比上年名义增长7.7%，扣除价格因素实际增长7.6%；"
    "城乡居民收入比由上年的2.45缩小至2.39。",
    "2016年、2017年和2018年，全国农村贫困人口分别减少1240万人、1289万人和1386万人，2019年末农村贫困人口降至"
    "551万人，贫困发生率下降至0.6%。",
    "与此同时，全国高标准农田累计建成10亿亩以上，农作物耕种收综合机械化率超过73%，农业科技进步贡献率达到62.4%，"
    "比2012年提高约8个百分点。",
    "“十四五”时期，我国将确保粮食综合生产能力稳定在1.3万亿斤以上，新建和改造提升高标准农田4.5亿亩。",
]
NATIONAL_FEATURE_PICKED = [
    (0, 1.39082e12), (0, 1.776e10), (0, 1.3), (0, 9), (0, 1.3e12),
    (1, 1.775e9), (1, 1.785e9),
    (2, 389.7), (2, 30.7),
    (3, 4.1321e11), (3, 2.7318e11), (3, 5.7768e11), (3, 4.2),
    (4, 21691), (4, 7.7), (4, 7.6), (4, 2.45), (4, 2.39),
    (5, -1.386e7), (5, 5.51e6), (5, 0.6),
    (6, 1e9), (6, 73), (6, 62.4), (6, 8),
    (7, 1.3e12), (7, 4.5e8),
]  # fmt: skip

CITY_BULLETIN = [
    "一、综合",
    "初步核算，全年全市地区生产总值（GDP）5721.3亿元，按可比价格计算，比上年增长4.5%。其中，第一产业增加值"
    "86.4亿元，下降4%；第二产业增加值2035.7亿元，增长3.1%；第三产业增加值3599.2亿元，增长5.6%。"
    "三次产业结构为1.5:35.6:62.9。",
    "（一）农业",
    "全年粮食播种面积约52.3万亩，比上年减少1.2万亩；粮食总产量21.6万吨，下降2.7%。生猪出栏38.5万头，增长12.4%。",
    "（二）工业和建筑业",
    "全年规模以上工业增加值比上年增长3.8%。在规模以上工业中，国有控股企业增加值下降0.9%，股份制企业增长4.6%，"
    "外商及港澳台商投资企业增长2.2%。全市规模以上工业企业实现利润总额约412亿元，下降8.3%。",
    "二、价格",
    "全年居民消费价格总指数为99.5（上年=100），其中食品烟酒类价格指数为98.2，衣着类为101.3。"
    "工业生产者出厂价格比上年下降4%，工业生产者购进价格下降5.1%。",
    "三、人民生活",
    "全年全体居民人均可支配收入52470元，比上年增长5.2%。按常住地分，城镇居民人均可支配收入61083元，增长4.6%；"
    "农村居民人均可支配收入31952元，增长6.8%。年末全市常住人口约936万人，比上年末增加近4万人。",
    "全年新增城镇就业超过13万人，城镇调查失业率5.3%左右。全年房地产开发投资下降9.6%，"
    "商品房销售面积1052万平方米，减少18.4%。",
]
CITY_BULLETIN_PICKED = [
    (1, 5.7213e11), (1, 4.5), (1, 8.64e9), (1, -4), (1, 2.0357e11), (1, 3.1), (1, 3.5992e11), (1, 5.6),
    (3, 523000), (3, -12000), (3, 216000), (3, -2.7), (3, 385000), (3, 12.4),
    (5, 3.8), (5, -0.9), (5, 4.6), (5, 2.2), (5, 4.12e10), (5, -8.3),
    (7, 99.5), (7, 98.2), (7, 101.3), (7, -4), (7, -5.1),
    (9, 52470), (9, 5.2), (9, 61083), (9, 4.6), (9, 31952), (9, 6.8), (9, 9.36e6), (9, 40000),
    (10, 130000), (10, 5.3), (10, -9.6), (10, 1.052e7), (10, -18.4),
]  # fmt: skip

WORK_REPORT = [
    "各位代表：",
    "过去一年，面对复杂严峻的外部环境，全区上下众志成城，较好完成了区十七届人大三次会议确定的目标任务。"
    "预计全年实现地区生产总值1860亿元，增长6.5%左右；一般公共预算收入152.3亿元，同口径增长8.1%。",
    "这一年，我们坚持项目为王，全年实施省市重点项目126个，完成投资487.6亿元；新引进亿元以上产业项目58个，"
    "其中10亿元以上项目12个，总投资超过600亿元。",
    "这一年，我们用心用情保障民生，民生支出占一般公共预算支出的比重达到78.6%。新建改扩建中小学、幼儿园12所，"
    "新增学位1.08万个；城镇新增就业2.3万人，发放创业担保贷款3.2亿元；完成老旧小区改造156个，惠及居民4.7万户。",
    "今年全区经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%以上，"
    "城镇调查失业率控制在5.5%以内，居民人均可支配收入增长与经济增长基本同步，单位地区生产总值能耗下降3%。",
    "我们将全力以赴抓好十个方面工作。一是坚持创新驱动，全年研发经费投入强度达到3.8%，高新技术企业总数突破1500家。"
    "二是扩大有效投资，确保固定资产投资增长8%，新开工亿元以上项目不少于80个。",
    "各位代表，新征程上，让我们更加紧密地团结在以习近平同志为核心的党中央周围，为奋力谱写中国式现代化新篇章而不懈奋斗！",
]
WORK_REPORT_PICKED = [
    (1, 1.86e11), (1, 6.5), (1, 1.523e10), (1, 8.1),
    (2, 126), (2, 4.876e10), (2, 58), (2, 12), (2, 6e10),
    (3, 78.6), (3, 12), (3, 10800), (3, 23000), (3, 3.2e8), (3, 156), (3, 47000),
    (4, 6), (4, 5), (4, 5.5), (4, -3),
    (5, 3.8), (5, 1500), (5, 8), (5, 80),
]  # fmt: skip

# Written after the drafter, and measured before any change to it: recall 1.0, 24 drafted for 24
# picked. Two labels it showed wrong were mended afterwards (分别 with the words of what is
# counted, a series label after 2021年、2022年和2023年).
TRAVEL = [
    "国庆中秋假期文旅消费数据出炉",
    "据文化和旅游部数据中心测算，8天假期全国国内旅游出游8.26亿人次，按可比口径同比增长71.3%，按可比口径较2019年增长4.1%；实现国内旅游收入7534.3亿元，按可比口径同比增长129.5%，较2019年增长1.5%。",
    "记者从省文化和旅游厅获悉，假期全省共接待游客4150.2万人次，实现旅游收入约362亿元。其中，杭州、宁波和温州分别接待游客1021.5万人次、603.8万人次和512.4万人次。",
    "西湖景区假期累计接待游客超过480万人次，10月1日当天接待量达到68.3万人次，创历史新高。景区启动“一日一策”限流措施，单日最高限流不超过12万人。",
    "夜间消费持续升温。全市重点监测的52个商圈夜间客流量比上年同期增长36.7%，夜间消费额占全天消费额的比重达到42%左右。",
    "交通方面，铁路杭州站累计发送旅客263.5万人次，日均发送32.9万人次；杭州萧山国际机场进出港航班4870架次，旅客吞吐量近78万人次，恢复到2019年同期的103%。",
    "据测算，2021年、2022年和2023年国庆假期全省旅游收入分别为298.6亿元、241.2亿元和362亿元。",
    "“今年游客明显多了，我们民宿8间房提前半个月就订满了。”桐庐县一家民宿的老板说。",
]
TRAVEL_PICKED = [
    (1, 8.26e8), (1, 71.3), (1, 4.1), (1, 7.5343e11), (1, 129.5), (1, 1.5),
    (2, 4.1502e7), (2, 3.62e10), (2, 1.0215e7), (2, 6.038e6), (2, 5.124e6),
    (3, 4.8e6), (3, 683000), (3, 120000),
    (4, 52), (4, 36.7), (4, 42),
    (5, 2.635e6), (5, 329000), (5, 4870), (5, 780000), (5, 103),
    (6, 3.62e10), (6, 2.412e10),
]  # fmt: skip

ARTICLES = {
    "national feature": (NATIONAL_FEATURE, NATIONAL_FEATURE_PICKED),
    "city bulletin": (CITY_BULLETIN, CITY_BULLETIN_PICKED),
    "work report": (WORK_REPORT, WORK_REPORT_PICKED),
    "holiday travel news": (TRAVEL, TRAVEL_PICKED),
}


@pytest.mark.parametrize("name", ARTICLES)
def test_the_draft_of_an_article_finds_what_a_careful_author_picks(name: str) -> None:
    texts, picked = ARTICLES[name]
    recall, ratio = recall_and_ratio(texts, picked)
    assert recall >= 0.9 and ratio <= 1.5, (recall, ratio)


def test_an_english_label_is_cut_at_a_word() -> None:
    (metric, *_) = draft_metrics(["Container throughput rose 4.5% in the year."], "en")
    assert metric.label == "Container throughput" and metric.quote.startswith("Container")
