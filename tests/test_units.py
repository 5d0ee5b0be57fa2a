"""Tests for xihu_tui.core.text.units: the unit word a quote gives its number, and whether a metric's unit agrees."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xihu_tui.core.report.model import Report
from xihu_tui.core.text.numbers import Quantity, find_quantities
from xihu_tui.core.text.units import UnitWord, describe, unit_agrees, unit_of


def units_in(text: str, language: str = "zh") -> dict[str, tuple[str, str] | None]:
    """Each number of ``text`` as written, and the unit word it takes (as written, canonical)."""
    quantities = find_quantities(text, language)
    found: dict[str, tuple[str, str] | None] = {}
    for quantity in quantities:
        word = unit_of(text, quantity, quantities)
        if word is not None:
            assert text[word.start : word.end] == word.text
        found[quantity.text] = None if word is None else (word.text, word.canonical)
    return found


@pytest.mark.parametrize(
    ("text", "number", "written", "canonical"),
    [
        ("人口14.1亿人", "14.1亿", "人", "人"),
        ("1600名医务人员", "1600", "名", "人"),
        ("31位区领导", "31", "位", "人"),
        ("累计洗楼扫楼66万户", "66万", "户", "户"),
        ("检查21万车次、49万人次", "49万", "人次", "人次"),
        ("协调解决问题4000余个", "4000余", "个", "个"),
        ("引进60余家企业", "60余", "家", "家"),
        ("新建学校15所", "15", "所", "所"),
        ("比上年减少1.2万吨", "1.2万", "吨", "吨"),
        ("节约5公斤", "5", "公斤", "千克"),
        ("新建绿道3.6公里", "3.6", "公里", "公里"),
        ("新建绿道3千米", "3", "千米", "公里"),
        ("改造266万方", "266万", "方", "方"),
        ("土方3000方", "3000", "方", "方"),
        ("绿地23万平方米", "23万", "平方米", "平方米"),
        ("面积3.5平方公里", "3.5", "平方公里", "平方公里"),
        ("面积3.5平方千米", "3.5", "平方千米", "平方公里"),
        ("复垦1200亩", "1200", "亩", "亩"),
        ("仅仅用7天时间", "7", "天", "天"),
        ("连续8年", "8", "年", "年"),
        ("历时3个月", "3", "个月", "个月"),
        ("历时3个多月", "3", "个多月", "个月"),
        ("5个工作日内办结", "5", "个工作日", "工作日"),
        ("年满60岁", "60", "岁", "岁"),
        ("装机100千瓦", "100", "千瓦", "千瓦"),
        ("发电100千瓦时", "100", "千瓦时", "千瓦时"),
        ("撬动社会资本16.3亿元", "16.3亿", "元", "元"),
        ("出口3亿美元", "3亿", "美元", "美元"),
        ("增长3倍", "3", "倍", "倍"),
        ("提高3个百分点", "3", "个百分点", "个百分点"),
        ("提高3百分点", "3", "百分点", "个百分点"),
        ("加装电梯101台（套）", "101", "台（套）", "台（套）"),
        ("购置设备30台(套)", "30", "台(套)", "台（套）"),
        # The quantity's own per cent
        ("解决率达96.7%", "96.7%", "%", "%"),
        ("解决率达96.7％", "96.7％", "％", "%"),
        ("增长30%以上", "30%以上", "%", "%"),
        ("满意率百分之九十", "百分之九十", "百分之", "%"),
        # Compounds
        ("单位GDP能耗0.35吨标准煤/万元", "0.35", "吨标准煤/万元", "吨标准煤/万元"),
        ("均价3.2万元/平方米", "3.2万", "元/平方米", "元/平方米"),
        ("人口密度1200人/平方公里", "1200", "人/平方公里", "人/平方公里"),
        ("均价8元/公斤", "8", "元/公斤", "元/千克"),
        # Currencies written before the number
        ("人民币3亿", "3亿", "人民币", "元"),
        ("¥300", "300", "¥", "元"),
        ("￥300", "300", "￥", "元"),
        # An index: 指数 before the number, nothing after it
        ("居民消费价格总指数为99.5（上年同期=100）", "99.5", "指数", "指数"),
        ("景气指数达到102.3，", "102.3", "指数", "指数"),
    ],
)
def test_unit_of(text: str, number: str, written: str, canonical: str) -> None:
    assert units_in(text)[number] == (written, canonical)


@pytest.mark.parametrize(
    ("text", "number", "written", "canonical"),
    [
        ("GDP reached $2.2 trillion", "2.2 trillion", "$", "美元"),
        ("a US$3 billion loan", "3 billion", "US$", "美元"),
        ("£3 billion", "3 billion", "£", "英镑"),
        ("€5 million", "5 million", "€", "欧元"),
        ("RMB 300 million", "300 million", "RMB", "元"),
        ("2.2 trillion yuan", "2.2 trillion", "yuan", "元"),
        ("300 billion dollars", "300 billion", "dollars", "美元"),
        ("3,400 people", "3,400", "people", "people"),
        ("1.5 million tonnes", "1.5 million", "tonnes", "tons"),
        ("a 300 km railway", "300", "km", "km"),
        ("45 percent of firms", "45", "percent", "%"),
        ("45 per cent of firms", "45", "per cent", "%"),
        ("45% of firms", "45%", "%", "%"),
        ("0.3 percentage points", "0.3", "percentage points", "percentage points"),
        ("3 times as many", "3", "times", "times"),
        ("about $3 billion", "3 billion", "$", "美元"),
    ],
)
def test_unit_of_in_english(text: str, number: str, written: str, canonical: str) -> None:
    assert units_in(text, "en-GB")[number] == (written, canonical)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("分别为17.47%、17.35%、17.01%和16.02%", ["%"] * 4),
        ("分别为3.3、0.5个百分点", ["个百分点"] * 2),
        ("分别增长3.3、2.1和0.5个百分点", ["个百分点"] * 3),
        ("分别为12，15及20家", ["家"] * 3),
        ("学校分别有3所、5所与7所", ["所"] * 3),
        ("3-5个", ["个"] * 2),
        ("3至5年", ["年"] * 2),
        ("价格指数分别为101.2、99.8和100.3", ["指数"] * 3),
        ("rose 3, 5 and 7 percent", ["%"] * 3),
        ("between 3 and 5 people", ["people"] * 2),
        # A unit of its own wins; words between end the list.
        ("3人、5户", ["人", "户"]),
        ("增长3.5%，全年达到120亿元", ["%", "元"]),
    ],
)
def test_a_number_without_a_unit_takes_its_lists(text: str, expected: list[str]) -> None:
    found = units_in(text, "en")
    assert [word and word[1] for word in found.values()] == expected


def test_the_quantities_may_be_left_to_unit_of() -> None:
    text = "分别为3.3、0.5个百分点"
    first = find_quantities(text)[0]
    word = unit_of(text, first)
    assert word is not None and word.canonical == "个百分点"


@pytest.mark.parametrize(
    "text",
    [
        "人口14.1亿",  # the measure comes before the number
        "总人口为14.1亿。",
        "三方协议",  # parties, not square metres
        "三方面",
        "五方式",
        "增长3.5，",
        "上年同期=100）",
    ],
)
def test_no_unit_word(text: str) -> None:
    quantities = find_quantities(text)
    assert quantities
    assert unit_of(text, quantities[-1], quantities) is None


def _word(text: str, canonical: str | None = None) -> UnitWord:
    return UnitWord(text, 0, len(text), canonical or text)


@pytest.mark.parametrize(
    ("metric_unit", "word", "canonical"),
    [
        ("人", "人", None),
        ("人", "名", "人"),
        ("人", "位", "人"),
        ("名", "名", "人"),
        ("位", "位", "人"),  # 前三位: a rank is recorded in 位
        ("平方米", "方", None),
        ("立方米", "方", None),
        ("台", "台（套）", None),
        ("套", "台(套)", "台（套）"),
        ("台（套）", "台(套)", "台（套）"),
        ("台(套)", "台（套）", None),
        ("个百分点", "百分点", "个百分点"),
        ("百分点", "个百分点", None),
        ("千克", "公斤", "千克"),
        ("公斤", "千克", None),
        ("公里", "千米", "公里"),
        ("个月", "个多月", "个月"),
        ("月", "个月", None),
        ("小时", "个小时", "小时"),
        ("%", "％", "%"),
        ("%", "percent", "%"),
        ("per cent", "%", None),
        ("美元", "$", "美元"),
        ("dollars", "US$", "美元"),
        ("USD", "$", "美元"),
        ("英镑", "£", "英镑"),
        ("欧元", "€", "欧元"),
        ("元", "¥", "元"),
        ("yuan", "人民币", "元"),
        ("people", "persons", "people"),
        ("People", "people", None),
        ("tons", "tonnes", "tons"),
        ("km", "kilometres", "km"),
        ("元/平方米", "元/平方米", None),
        ("元/千克", "元/公斤", "元/千克"),
        ("吨标准煤/万元", "吨标准煤/万元", None),
        ("人/平方千米", "人/平方公里", None),
        (" 人 ", "人", None),
        ("指数", "指数", None),
    ],
)
def test_units_that_agree(metric_unit: str, word: str, canonical: str | None) -> None:
    assert unit_agrees(metric_unit, _word(word, canonical))


@pytest.mark.parametrize(
    ("metric_unit", "word", "canonical"),
    [
        ("公里", "人", None),  # 14.1亿人 is not a distance
        ("人", "户", None),
        ("户", "人", None),
        ("人", "人次", None),
        ("个", "家", None),
        ("公里", "方", None),
        ("平方米", "平方公里", None),
        ("米", "公里", None),
        ("%", "个百分点", None),  # a change of a rate is no rate
        ("百分比", "%", None),
        ("人", "people", None),  # an English report's units are English words
        ("people", "人", None),
        ("元", "$", "美元"),
        ("美元", "元", None),
        ("万元", "元", None),  # values are normalised: 1.2万元 is 12000 元
        ("元", "元/平方米", None),
        ("吨标准煤/元", "吨标准煤/万元", None),
        ("千瓦时", "度", None),
        ("", "人", None),
        ("台", "套", None),
    ],
)
def test_units_that_disagree(metric_unit: str, word: str, canonical: str | None) -> None:
    assert not unit_agrees(metric_unit, _word(word, canonical))


def test_describe_names_the_word_with_its_number() -> None:
    text = "总人口14.1亿人，医务人员1600名"
    people, staff = find_quantities(text)
    assert describe(text, people, _unit(text, people)) == '人 (in "14.1亿人")'
    assert describe(text, staff, _unit(text, staff)) == '名, read as 人 (in "1600名")'


def _unit(text: str, quantity: Quantity) -> UnitWord:
    word = unit_of(text, quantity)
    assert word is not None
    return word


def test_every_metric_of_the_bundled_report_agrees_with_its_unit_word(bundled_report: Report) -> None:
    """The real report: every metric whose quote names a unit records that unit."""
    checked = 0
    for metric in bundled_report.metrics:
        quantities = find_quantities(metric.quote)
        (quantity,) = [q for q in quantities if metric.value in (q.value, q.signed_value)][:1]
        word = unit_of(metric.quote, quantity, quantities)
        if word is not None:
            assert unit_agrees(metric.unit, word), (metric.id, metric.unit, word)
            checked += 1
    assert checked >= 30


# Property tests

_UNITS = [
    "人",
    "户",
    "个",
    "家",
    "吨",
    "公里",
    "平方米",
    "元",
    "美元",
    "个百分点",
    "%",
    "台（套）",
    "元/平方米",
]
_JOINS = ["、", "和", "及", "与", "，", ",", "以及"]
_numbers = st.decimals(min_value=Decimal("0.1"), max_value=Decimal(99_999), places=1).map(lambda d: f"{d:f}")


@settings(max_examples=2 * settings.default.max_examples)
@given(
    st.lists(st.tuples(st.sampled_from(_JOINS), _numbers), min_size=1, max_size=6),
    _numbers,
    st.sampled_from(_UNITS),
    st.sampled_from(["", "。", "，其中", "的企业"]),
)
def test_every_number_of_a_list_takes_the_lists_unit(
    items: list[tuple[str, str]], first: str, unit: str, trail: str
) -> None:
    text = "分别为" + first + "".join(join + number for join, number in items) + unit + trail
    quantities = find_quantities(text)
    assert len(quantities) == len(items) + 1, text
    for quantity in quantities:
        word = unit_of(text, quantity, quantities)
        assert word is not None, (text, quantity)
        assert unit_agrees(unit, word), (text, quantity, word)


@settings(max_examples=2 * settings.default.max_examples)
@given(
    st.sampled_from(["", "全区", "同比增长", "约", "超过"]),
    _numbers,
    st.sampled_from(["", "万", "亿"]),
    st.sampled_from([u for u in _UNITS if u != "%"] + ["名", "公斤", "千米", "方"]),
    st.text(alphabet="的企业在。，", max_size=6),
)
def test_the_word_after_a_number_is_its_unit_whatever_surrounds_it(
    lead: str, number: str, multiplier: str, unit: str, trail: str
) -> None:
    text = lead + number + multiplier + unit + trail
    quantities = find_quantities(text)
    (quantity,) = quantities
    word = unit_of(text, quantity, quantities)
    assert word is not None
    assert (word.start, word.end) == (quantity.end, quantity.end + len(unit))
    assert unit_agrees(unit, word)
    assert not unit_agrees("公顷", word)


def test_a_number_followed_by_a_word_of_its_own_keeps_out_of_its_lists_unit() -> None:
    text = "Container throughput rose 4.5% to about 2.2 million TEU, between 3 and 5 km further."
    quantities = find_quantities(text, "en")
    units = {q.text: (word.text if (word := unit_of(text, q, quantities)) else None) for q in quantities}
    assert units["4.5%"] == "%" and units["2.2 million"] is None
    assert units["3"] == units["5"] == "km"
