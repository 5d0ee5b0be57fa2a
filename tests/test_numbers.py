"""Tests for xihu_tui.core.text.numbers: Chinese quantities as the report prints them."""

from __future__ import annotations

import math
import time
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xihu_tui.core.text.numbers import Qualifier, Quantity, find_quantities, parse_quantity

EXACT = Qualifier.EXACT
MORE = Qualifier.MORE_THAN
AT_LEAST = Qualifier.AT_LEAST
AT_MOST = Qualifier.AT_MOST


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        # Arabic numerals
        ("31", 31, EXACT),
        ("1600", 1600, EXACT),
        ("3.6", 3.6, EXACT),
        ("0", 0, EXACT),
        # Arabic numerals with multipliers
        ("16.3亿", 1_630_000_000, EXACT),
        ("1.9万", 19_000, EXACT),
        ("4.5万", 45_000, EXACT),
        ("7.8万", 78_000, EXACT),
        ("266万", 2_660_000, EXACT),
        ("66万", 660_000, EXACT),
        ("21万", 210_000, EXACT),
        ("1.2亿", 120_000_000, EXACT),
        ("27.8万", 278_000, EXACT),
        ("0.1万", 1_000, EXACT),
        ("5十", 50, EXACT),
        ("3百", 300, EXACT),
        ("2千", 2_000, EXACT),
        ("3千万", 30_000_000, EXACT),
        ("5百万", 5_000_000, EXACT),
        ("2万亿", 2_000_000_000_000, EXACT),
        # Qualifier markers
        ("4000余", 4000, MORE),
        ("9800余", 9800, MORE),
        ("60余", 60, MORE),
        ("60多亿", 6_000_000_000, MORE),
        ("40多", 40, MORE),
        ("1万余", 10_000, MORE),
        ("超百亿", 10_000_000_000, MORE),
        ("超过30%", 30, MORE),
        ("30%以上", 30, AT_LEAST),
        ("1万以上", 10_000, AT_LEAST),
        ("5%以内", 5, AT_MOST),
        ("前三", 3, AT_MOST),
        ("前3", 3, AT_MOST),
        # Percentages keep their number
        ("96.7%", 96.7, EXACT),
        ("96.7％", 96.7, EXACT),
        ("百分之三十", 30, EXACT),
        # Chinese numerals
        ("八", 8, EXACT),
        ("十", 10, EXACT),
        ("十五", 15, EXACT),
        ("十四", 14, EXACT),
        ("二十一", 21, EXACT),
        ("一百零五", 105, EXACT),
        ("三千二百", 3200, EXACT),
        ("百", 100, EXACT),
        ("千", 1000, EXACT),
        ("百亿", 10_000_000_000, EXACT),
        ("两万", 20_000, EXACT),
        ("零", 0, EXACT),
        ("一亿二千万", 120_000_000, EXACT),
        ("十万零一十", 100_010, EXACT),
        ("三十多万", 300_000, MORE),
        ("百余", 100, MORE),
        # Colloquial abbreviation: the digit takes the place below the last unit
        ("一万五", 15_000, EXACT),
        ("二百五", 250, EXACT),
        # Positional Chinese digits
        ("二〇三五", 2035, EXACT),
        ("二〇二〇", 2020, EXACT),
        ("一〇〇万", 1_000_000, EXACT),
        # Rank word
        ("首位", 1, EXACT),
        # Full-width digits and decimal point
        ("２０２０", 2020, EXACT),
        ("１６．３亿", 1_630_000_000, EXACT),
        # Thousands separators
        ("1,600", 1600, EXACT),
        ("10,000", 10_000, EXACT),
        ("1,234,567.5", 1_234_567.5, EXACT),
        # Chinese decimals: 点 and digits one by one
        ("九十六点七", 96.7, EXACT),
        ("百分之九十六点七", 96.7, EXACT),
        ("三点五亿", 350_000_000, EXACT),
        ("零点五", 0.5, EXACT),
        ("一点二五万", 12_500, EXACT),
        ("零点零五", 0.05, EXACT),
        ("一百二十三点四五", 123.45, EXACT),
        ("三点五千万", 35_000_000, EXACT),
        ("二〇点五", 20.5, EXACT),
        ("超三点五亿", 350_000_000, MORE),
        ("三点五亿多", 350_000_000, MORE),
        ("九十六点七%", 96.7, EXACT),
        # Signs
        ("-5", -5, EXACT),
        ("−3.5", -3.5, EXACT),
        ("负3.5", -3.5, EXACT),
        ("-3.5%", -3.5, EXACT),
    ],
)
def test_parse_quantity(text: str, value: float, qualifier: Qualifier) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.qualifier, quantity.start, quantity.end, quantity.text) == (
        float(value),
        qualifier,
        0,
        len(text),
        text,
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Exact in float: computed in decimal, not as 16.3 * 1e8.
        ("16.3亿", 1_630_000_000.0),
        ("1.9万", 19_000.0),
        ("0.1万", 1_000.0),
        ("27.8万", 278_000.0),
        ("0.7亿", 70_000_000.0),
        ("十六点三亿", 1_630_000_000.0),
        ("零点七亿", 70_000_000.0),
        ("一点九万", 19_000.0),
        ("二十七点八万", 278_000.0),
    ],
)
def test_values_have_no_float_noise(text: str, value: float) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [(" \u3000 66万\n", "66万", 660_000), ("  首位 ", "首位", 1), ("\t前三\u3000", "前三", 3)],
)
def test_parse_quantity_strips_white_space_but_spans_index_the_input(
    text: str, span: str, value: float
) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == value
    assert quantity.text == text[quantity.start : quantity.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "%",
        "1+1+1+N",
        # 万 and 亿 need a coefficient; alone they are mostly words (万一, 亿万).
        "万",
        "亿",
        "万亿",
        # parse_quantity takes the quantity alone; a measure word makes it not one.
        "66万户",
        "前三位",
        "十四五",  # two numerals run together (the 14th five-year plan)
        "1.",
        ".5",
        "超",
        "前",
        "余",
        "以上",
        "1 2",
        # 点 makes a decimal only with a digit after it, and only after a whole numeral.
        "一点",  # "a little"
        "一点点",  # "a tiny bit"
        "八点钟",  # eight o'clock
        "十点半",  # half past ten
        "八点五十",  # ten to nine: a decimal has no 十 in its fraction
        "两点三刻",  # a quarter past two
        "点五",
        "三万点五",  # no numeral is written so
        "三点两",
        "十四五点五",
    ],
)
def test_parse_quantity_rejects(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "累计洗楼扫楼66万户,检查21万车次、49万人次",
            [("66万", 660_000, EXACT), ("21万", 210_000, EXACT), ("49万", 490_000, EXACT)],
        ),
        ("设立总规模超百亿元的全周期政府基金", [("超百亿", 10_000_000_000, MORE)]),
        ("科技进步创新指数首次跻身全省前三位", [("前三", 3, AT_MOST)]),
        ("西湖区已连续八年排名", [("八", 8, EXACT)]),
        ("二〇三五年远景目标", [("二〇三五", 2035, EXACT)]),
        ("预计今年全年数字经济增加值增长30%以上", [("30%以上", 30, AT_LEAST)]),
        ("增速稳居全市首位", [("首位", 1, EXACT)]),
        ("31位区领导深入基层", [("31", 31, EXACT)]),
        ("1600名医务人员坚守岗位", [("1600", 1600, EXACT)]),
        ("排查出重点人员1.9万人", [("1.9万", 19_000, EXACT)]),
        ("累计兑付金额60多亿元", [("60多亿", 6_000_000_000, MORE)]),
        ("协调解决问题4000余个", [("4000余", 4000, MORE)]),
        ("解决率达96.7%", [("96.7%", 96.7, EXACT)]),
        ("撬动社会资本16.3亿元", [("16.3亿", 1_630_000_000, EXACT)]),
        ("累计兑付金额1.2亿元", [("1.2亿", 120_000_000, EXACT)]),
        ("惠及群众27.8万人", [("27.8万", 278_000, EXACT)]),
        ("引进60余家城市大脑生态企业", [("60余", 60, MORE)]),
        ("经验输出至全国40多个城市", [("40多", 40, MORE)]),
        ("康养体系建设惠及老人4.5万名", [("4.5万", 45_000, EXACT)]),
        ("安置房竣工7.8万方", [("7.8万", 78_000, EXACT)]),
        ("完成老旧小区综合提升改造266万方", [("266万", 2_660_000, EXACT)]),
        ("新建绿道3.6公里", [("3.6", 3.6, EXACT)]),
        ("9800余名党员到社区报到服务", [("9800余", 9800, MORE)]),
        ("投入3千万元", [("3千万", 30_000_000, EXACT)]),
        (
            "共有１，２３４和1,600家",
            [("１", 1, EXACT), ("２３４", 234, EXACT), ("1,600", 1600, EXACT)],
        ),
        ("2020年10,000人", [("2020", 2020, EXACT), ("10,000", 10_000, EXACT)]),
        ("２０２０年", [("２０２０", 2020, EXACT)]),
        ("制定第十四个五年规划", [("十四", 14, EXACT), ("五", 5, EXACT)]),
        ("十四五规划", [("十四", 14, EXACT), ("五", 5, EXACT)]),
        ("气温-5度", [("-5", -5, EXACT)]),
        ("目前三家", [("三", 3, EXACT)]),  # the 前 of 目前 is no "top N"
        ("一百零五户和两万人", [("一百零五", 105, EXACT), ("两万", 20_000, EXACT)]),
        ("万一", [("一", 1, EXACT)]),
        ("群众满意率达百分之九十六点七", [("百分之九十六点七", 96.7, EXACT)]),
        ("撬动社会资本三点五亿元", [("三点五亿", 350_000_000, EXACT)]),
        ("人均零点五平方米", [("零点五", 0.5, EXACT)]),
        ("惠及一点二五万人", [("一点二五万", 12_500, EXACT)]),
        ("得分九十六点五分", [("九十六点五", 96.5, EXACT)]),
        # 点 as a word, or a time of day: never a decimal.
        ("抓好重点工作", []),
        ("重点五项任务", [("五", 5, EXACT)]),
        ("有一点点进步", [("一", 1, EXACT)]),
        ("早上八点钟集合", [("八", 8, EXACT)]),
        ("十点半开会", [("十", 10, EXACT)]),
        ("上午八点五十分", [("八", 8, EXACT), ("五十", 50, EXACT)]),
        ("下午两点三刻", [("两", 2, EXACT), ("三", 3, EXACT)]),
        ("从早八点半到晚十点", [("八", 8, EXACT), ("十", 10, EXACT)]),
    ],
)
def test_find_quantities_in_sentences(sentence: str, expected: list[tuple[str, float, Qualifier]]) -> None:
    found = find_quantities(sentence)
    assert [(q.text, q.value, q.qualifier) for q in found] == [
        (span, float(value), qualifier) for span, value, qualifier in expected
    ]
    for quantity in found:
        assert sentence[quantity.start : quantity.end] == quantity.text


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("PM2.5平均浓度为30微克/立方米", ["30"]),
        ("G20峰会", []),
        ("面积600km2", ["600"]),
        ("an area of 600 km2", ["600"]),
        ("建成5G基站3000个", ["5", "3000"]),  # digits before a letter still count: 5G is read
    ],
)
def test_digits_glued_to_letters_are_names_not_numbers(sentence: str, numbers: list[str]) -> None:
    assert [q.text for q in find_quantities(sentence, "en")] == numbers


@pytest.mark.parametrize("text", ["", "abc", "%", "万亿", "，。、", "(", "】"])
def test_find_quantities_finds_nothing(text: str) -> None:
    assert find_quantities(text) == []


def test_over_long_numbers_are_dropped_not_infinite() -> None:
    assert parse_quantity("9" * 400) is None
    assert find_quantities("约" + "9" * 400 + "个和3个") == [Quantity(3.0, EXACT, 403, 404, "3")]


@pytest.mark.parametrize(
    ("unit", "times"),
    [
        ("十四", 10_000),  # each match stops early inside a long numeral run
        ("万", 100_000),
        ("1", 100_000),
        ("1,234", 4_000),
        ("一二三四五六七八九〇", 10_000),
        ("超过前百分之", 4_000),
        ("1.", 10_000),
        ("一点", 10_000),
        ("一点二", 10_000),
        ("八点五十", 10_000),
        ("点" + "五" * 100, 1_000),
        ("累计洗楼扫楼66万户,检查21万车次、49万人次。", 4_000),
    ],
)
def test_long_input_is_fast(unit: str, times: int) -> None:
    text = unit * times
    started = time.perf_counter()
    find_quantities(text)
    parse_quantity(text)
    # Generous: the point is to catch quadratic behaviour, which takes minutes at this size.
    assert time.perf_counter() - started < 5


# Property tests


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_arabic_integers_round_trip(n: int) -> None:
    for text in (str(n), f"{n:,}"):
        quantity = parse_quantity(text)
        assert quantity is not None
        assert quantity.value == n


@given(
    st.decimals(min_value=0, max_value=100_000, places=3, allow_nan=False, allow_infinity=False),
    st.sampled_from([("万", 10**4), ("亿", 10**8)]),
)
def test_decimal_with_multiplier_round_trips(amount: Decimal, multiplier: tuple[str, int]) -> None:
    suffix, factor = multiplier
    quantity = parse_quantity(f"{amount:f}{suffix}")
    assert quantity is not None
    assert math.isclose(quantity.value, float(amount) * factor, rel_tol=1e-12)


_CHINESE_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")


def _below_wan(n: int) -> str:
    """1 <= n < 10000 in the standard reading; inner runs of zeros become one 零."""
    out = ""
    gap = False
    for exponent in (3, 2, 1, 0):
        digit = n // 10**exponent % 10
        if digit == 0:
            gap = gap or bool(out)
        else:
            out += ("零" if gap else "") + _CHINESE_DIGITS[digit] + _SMALL_UNITS[exponent]
            gap = False
    return out


def to_chinese(n: int, liang: bool = False) -> str:
    """Reference converter for 0 < n < 10**8: 10 → 十, 105 → 一百零五, 20000 → 二万/两万."""
    wan, rest = divmod(n, 10**4)
    if wan:
        text = _below_wan(wan) + "万"
        if rest:
            text += ("零" if rest < 1000 else "") + _below_wan(rest)
    else:
        text = _below_wan(rest)
    if text.startswith("一十"):
        text = text[1:]
    if liang and text[:2] in ("二千", "二百", "二万"):
        text = "两" + text[1:]
    return text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (10, "十"),
        (15, "十五"),
        (21, "二十一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (3200, "三千二百"),
        (20_000, "二万"),
        (10_500, "一万零五百"),
        (100_010, "十万零一十"),
        (12_000_000, "一千二百万"),
    ],
)
def test_reference_converter(n: int, text: str) -> None:
    assert to_chinese(n) == text


@settings(max_examples=2 * settings.default.max_examples)
@given(st.integers(min_value=1, max_value=10**8 - 1), st.booleans())
def test_chinese_numerals_round_trip(n: int, liang: bool) -> None:
    text = to_chinese(n, liang)
    quantity = parse_quantity(text)
    assert quantity is not None, text
    assert quantity.value == n, text


_NUMERIC_ALPHABET = "0123456789.,%％０１．万亿十百千零〇一二两三五余多超过前首位以上下内分之目点钟刻半 -"
# Pieces of the words around numbers, which the cues and markers read.
_WORD_PIECES = [
    *"约近不到足降减增长为至了幅度左右上下个人年月元吨、和，负−$£",
    *["下降", "增长", "超过", "以上", "以内", "节约", "最近", "个百分点", "台（套）", "及以上"],
    *[" about ", " fell ", " by ", " to ", " more than ", " million", " percent", " or more", "US$", " and "],
]
_texts = (
    st.text()
    | st.text(alphabet=_NUMERIC_ALPHABET, max_size=40)
    | st.lists(st.sampled_from([*_NUMERIC_ALPHABET, *_WORD_PIECES]), max_size=20).map("".join)
)


@settings(max_examples=3 * settings.default.max_examples)
@given(_texts, st.sampled_from(["zh-CN", "en"]))
def test_find_quantities_never_raises_and_spans_are_sound(text: str, language: str) -> None:
    found = find_quantities(text, language)
    previous_end = 0
    for quantity in found:
        assert (
            previous_end
            <= quantity.cue_start
            <= quantity.start
            < quantity.end
            <= quantity.cue_end
            <= len(text)
        )
        assert quantity.text == text[quantity.start : quantity.end]
        assert math.isfinite(quantity.value)
        assert quantity.qualifier in quantity.accepts
        assert quantity.direction in (-1, 0, 1)
        assert quantity.signed_value * quantity.direction >= 0
        previous_end = quantity.cue_end


@settings(max_examples=3 * settings.default.max_examples)
@given(_texts, st.sampled_from(["", " ", "\u3000", "\n\t"]), st.sampled_from(["zh-CN", "en"]))
def test_parse_quantity_never_raises(text: str, padding: str, language: str) -> None:
    text = padding + text + padding
    quantity = parse_quantity(text, language)
    if quantity is not None:
        assert quantity.text == text[quantity.start : quantity.end]
        assert text[quantity.cue_start : quantity.cue_end] == text.strip()
        assert find_quantities(text, language) == [quantity]


# Chinese decimals: a numeral, 点, then digits one by one (三点一四).

_FRACTION_DIGITS = "零一二三四五六七八九"


def to_chinese_decimal(integer: int, fraction: str) -> str:
    """Reference converter: (96, "7") → 九十六点七, (0, "05") → 零点零五."""
    whole = to_chinese(integer) if integer else "零"
    return whole + "点" + "".join(_FRACTION_DIGITS[int(d)] for d in fraction)


@pytest.mark.parametrize(
    ("integer", "fraction", "text"),
    [(96, "7", "九十六点七"), (0, "05", "零点零五"), (10, "5", "十点五"), (105, "25", "一百零五点二五")],
)
def test_reference_decimal_converter(integer: int, fraction: str, text: str) -> None:
    assert to_chinese_decimal(integer, fraction) == text


_decimal_numbers = st.tuples(
    st.integers(min_value=0, max_value=10**8 - 1).filter(lambda n: n < 10**4 or n % 10**4),
    st.text(alphabet="0123456789", min_size=1, max_size=8),
)


@settings(max_examples=2 * settings.default.max_examples)
@given(_decimal_numbers, st.sampled_from(["", "万", "亿", "千万", "百亿"]))
def test_chinese_and_arabic_decimals_agree(number: tuple[int, str], multiplier: str) -> None:
    integer, fraction = number
    chinese = parse_quantity(to_chinese_decimal(integer, fraction) + multiplier)
    arabic = parse_quantity(f"{integer}.{fraction}{multiplier}")
    assert chinese is not None and arabic is not None
    assert chinese.value == arabic.value
    exponent = sum({"十": 1, "百": 2, "千": 3, "万": 4, "亿": 8}[c] for c in multiplier)
    assert chinese.value == float(Decimal(f"{integer}.{fraction}").scaleb(exponent))


@given(_decimal_numbers)
def test_chinese_decimal_percentages_keep_their_number(number: tuple[int, str]) -> None:
    integer, fraction = number
    written = "百分之" + to_chinese_decimal(integer, fraction)
    assert find_quantities(f"满意率达{written}。") == [
        Quantity(float(Decimal(f"{integer}.{fraction}")), EXACT, 4, 4 + len(written), written)
    ]


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=10, max_value=59))
def test_a_time_of_day_is_no_decimal(hour: int, minute: int) -> None:
    """八点五十分 is ten to nine: the hour and the minutes, never 8.5."""
    found = find_quantities(f"上午{to_chinese(hour)}点{to_chinese(minute)}分")
    assert [q.value for q in found] == [hour, minute]


# Signs and directions: 同比下降3.5% is a decline of 3.5, 降至3.5% a level.

FALL, RISE, LEVEL = -1, 1, 0


@pytest.mark.parametrize(
    ("sentence", "written", "value", "direction", "cue"),
    [
        ("同比下降3.5%", "3.5%", 3.5, FALL, "下降3.5%"),
        ("比上年减少1.2万吨", "1.2万", 12_000, FALL, "减少1.2万"),
        ("下降了0.3个百分点", "0.3", 0.3, FALL, "下降了0.3"),
        ("能耗降低5%", "5%", 5, FALL, "降低5%"),
        ("价格回落0.8%", "0.8%", 0.8, FALL, "回落0.8%"),
        ("出口下滑2%", "2%", 2, FALL, "下滑2%"),
        ("股价下跌12%", "12%", 12, FALL, "下跌12%"),
        ("差距缩小3个百分点", "3", 3, FALL, "缩小3"),
        ("工业增加值负增长3.5%", "3.5%", 3.5, FALL, "负增长3.5%"),
        ("税费减3%", "3%", 3, FALL, "减3%"),
        ("成本降5%", "5%", 5, FALL, "降5%"),
        ("降幅为2%", "2%", 2, FALL, "降幅为2%"),
        ("下降幅度为1.5%", "1.5%", 1.5, FALL, "下降幅度为1.5%"),
        ("同比下降百分之三", "百分之三", 3, FALL, "下降百分之三"),
        ("同比增长3.5%", "3.5%", 3.5, RISE, "增长3.5%"),
        ("增加1600名", "1600", 1600, RISE, "增加1600"),
        ("提高3个百分点", "3", 3, RISE, "提高3"),
        ("上升两位", "两", 2, RISE, "上升两"),
        ("房价上涨0.5%", "0.5%", 0.5, RISE, "上涨0.5%"),
        ("规模扩大一倍", "一", 1, RISE, "扩大一"),
        ("增幅达5.1%", "5.1%", 5.1, RISE, "增幅达5.1%"),
        ("营收增3成", "3", 3, RISE, "增3"),
        # A target is a level, not a change.
        ("回落至2.1%", "2.1%", 2.1, LEVEL, "回落至2.1%"),
        ("下降到30", "30", 30, LEVEL, "下降到30"),
        ("降至30天", "30", 30, LEVEL, "降至30"),
        ("增加到了120家", "120", 120, LEVEL, "增加到了120"),
        ("提高为4.5%", "4.5%", 4.5, LEVEL, "提高为4.5%"),
        ("由3.5%降至2.1%", "2.1%", 2.1, LEVEL, "降至2.1%"),
        # Written with a sign: negative, a decline.
        ("气温-5度", "-5", -5, FALL, "-5"),
        ("增速为−3.5%", "−3.5%", -3.5, FALL, "−3.5%"),
        ("增速为－3.5%", "－3.5%", -3.5, FALL, "－3.5%"),
        ("增速为负3.5%", "负3.5%", -3.5, FALL, "负3.5%"),
        ("净利润负百分之二", "负百分之二", -2, FALL, "负百分之二"),
        # A sign and a verb multiply.
        ("同比增长-3.5%", "-3.5%", -3.5, FALL, "增长-3.5%"),
        ("同比下降-3.5%", "-3.5%", -3.5, RISE, "下降-3.5%"),
    ],
)
def test_directions(sentence: str, written: str, value: float, direction: int, cue: str) -> None:
    (quantity,) = [q for q in find_quantities(sentence) if q.text == written]
    assert (quantity.value, quantity.direction) == (value, direction)
    assert sentence[quantity.cue_start : quantity.cue_end] == cue
    assert sentence[quantity.start : quantity.end] == written


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("节能降耗3%", "3%"),  # 降 belongs to 降耗, which is not beside the number
        ("减免税费3亿元", "3亿"),
        ("实现增加值3亿元", "3亿"),  # value added, not an increase
        ("增长率为3%", "3%"),  # a rate stated, not a change
        ("增速为3%", "3%"),
        ("3-5个", "5"),  # a range, not a minus
        ("2020-12-29", "12"),  # a date
        ("COVID-19", "19"),  # a name
        ("肩负一项使命", "一"),  # 负 of 肩负 is no sign
        ("误差正负3%", "3%"),  # 正负 is ±
        ("负责3个项目", "3"),
    ],
)
def test_no_direction(sentence: str, written: str) -> None:
    (quantity,) = [q for q in find_quantities(sentence) if q.text == written]
    assert quantity.direction == 0
    assert quantity.value > 0
    assert quantity.signed_value == quantity.value
    assert (quantity.cue_start, quantity.cue_end) == (quantity.start, quantity.end)


@pytest.mark.parametrize(
    ("sentence", "directions"),
    [
        ("分别增长3.3%、2.1%和0.5%", [RISE, RISE, RISE]),
        ("分别下降3.3%、2.1%及0.5%", [FALL, FALL, FALL]),
        ("分别下降3.3、0.5个百分点", [FALL, FALL]),
        ("增长3.3%、下降2.1%", [RISE, FALL]),
        ("下降3.3%，其中出口2.1%", [FALL, LEVEL]),  # words between: no longer one list
        ("-3.3%、2.1%", [FALL, LEVEL]),  # a sign is its number's own
    ],
)
def test_a_list_shares_the_verb_of_its_first_number(sentence: str, directions: list[int]) -> None:
    assert [q.direction for q in find_quantities(sentence)] == directions


@pytest.mark.parametrize(
    ("value", "direction", "signed"),
    [
        (3.5, FALL, -3.5),
        (-3.5, FALL, -3.5),
        (3.5, RISE, 3.5),
        (-3.5, RISE, 3.5),
        (-3.5, LEVEL, -3.5),
        (3.5, LEVEL, 3.5),
    ],
)
def test_signed_value(value: float, direction: int, signed: float) -> None:
    assert Quantity(value, EXACT, 0, 1, "x", direction=direction).signed_value == signed


def test_a_quantity_built_the_old_way_accepts_its_qualifier_and_is_its_own_cue() -> None:
    quantity = Quantity(30.0, MORE, 4, 9, "超过30%")
    assert quantity.direction == 0
    assert quantity.accepts == {MORE}
    assert (quantity.cue_start, quantity.cue_end) == (4, 9)


_DECLINE_WORDS = ["下降", "减少", "降低", "回落", "下滑", "下跌", "减", "降", "缩小", "负增长"]
_RISE_WORDS = ["增长", "增加", "提高", "上升", "上涨", "增", "扩大"]
_FILLERS = ["", "了", "幅度为", "幅为", "达"]
_LEADS = ["", "同比", "比上年", "全区", "。", "，", "其中出口"]
_TRAILS = ["", "。", "，", "人", "元", "吨", "个百分点"]


def _written_numbers() -> st.SearchStrategy[tuple[str, float]]:
    """Positive numbers as reports write them, with their values: 3.5, 1.2万, 百分之三十, 两万."""
    arabic = st.decimals(min_value=Decimal("0.01"), max_value=100_000, places=2).map(
        lambda d: (f"{d:f}", float(d))
    )
    chinese = st.integers(min_value=1, max_value=10**8 - 1).map(lambda n: (to_chinese(n), float(n)))
    with_multiplier = st.tuples(arabic, st.sampled_from([("万", 10**4), ("亿", 10**8)])).map(
        lambda pair: (pair[0][0] + pair[1][0], float(Decimal(pair[0][0]) * pair[1][1]))
    )
    percent = arabic.map(lambda pair: (pair[0] + "%", pair[1]))
    return arabic | chinese | with_multiplier | percent


@settings(max_examples=2 * settings.default.max_examples)
@given(
    st.sampled_from(_LEADS),
    st.sampled_from(_DECLINE_WORDS),
    st.sampled_from(_FILLERS),
    _written_numbers(),
    st.sampled_from(_TRAILS),
)
def test_a_decline_word_makes_any_number_a_decline(
    lead: str, verb: str, filler: str, number: tuple[str, float], trail: str
) -> None:
    written, value = number
    sentence = lead + verb + filler + written + trail
    (quantity,) = find_quantities(sentence)
    assert quantity.text == written
    assert quantity.value == value
    assert quantity.direction == FALL
    assert quantity.signed_value == -value < 0
    assert sentence[quantity.cue_start : quantity.end] == verb + filler + written


@given(
    st.sampled_from(_LEADS),
    st.sampled_from(_RISE_WORDS + _DECLINE_WORDS),
    st.sampled_from(["到", "至", "为"]),
    _written_numbers(),
    st.sampled_from(_TRAILS),
)
def test_a_target_is_a_level(
    lead: str, verb: str, target: str, number: tuple[str, float], trail: str
) -> None:
    written, value = number
    (quantity,) = find_quantities(lead + verb + target + written + trail)
    assert (quantity.text, quantity.value, quantity.direction) == (written, value, LEVEL)
    assert quantity.signed_value == value


@given(st.sampled_from(["-", "−", "－", "负"]), _written_numbers(), st.sampled_from(_TRAILS))
def test_a_sign_makes_any_number_negative(sign: str, number: tuple[str, float], trail: str) -> None:
    written, value = number
    assume(sign == "负" or written[0].isdigit())  # a minus sign goes with digits only
    (quantity,) = find_quantities("增速为" + sign + written + trail)
    assert quantity.text == sign + written
    assert quantity.value == quantity.signed_value == -value
    assert quantity.direction == FALL


# Bounds and approximations: 约3万, 近905倍, 不到0.3个百分点, 首次突破60%, 3000人左右.

APPROX = Qualifier.APPROXIMATELY


@pytest.mark.parametrize(
    ("sentence", "written", "qualifier", "accepts", "cue"),
    [
        # approximately
        ("参观者约3万人", "3万", APPROX, {APPROX}, "约3万"),
        ("投资约5亿元", "5亿", APPROX, {APPROX}, "约5亿"),
        ("大约3000名", "3000", APPROX, {APPROX}, "大约3000"),
        ("大概两成", "两", APPROX, {APPROX}, "大概两"),
        ("面积约为3.5平方公里", "3.5", APPROX, {APPROX}, "约为3.5"),
        ("约有1200户", "1200", APPROX, {APPROX}, "约有1200"),
        ("每天3000人左右", "3000", APPROX, {APPROX}, "3000人左右"),
        ("比例在30%左右", "30%", APPROX, {APPROX}, "30%左右"),
        ("客流5000人次上下。", "5000", APPROX, {APPROX}, "5000人次上下"),
        ("3000元上下的商品", "3000", APPROX, {APPROX}, "3000元上下"),
        # at most
        ("增幅不到0.3个百分点", "0.3", AT_MOST, {AT_MOST}, "增幅不到0.3"),
        ("不足1000户", "1000", AT_MOST, {AT_MOST}, "不足1000"),
        ("未达5%", "5%", AT_MOST, {AT_MOST}, "未达5%"),
        ("失业率低于3%", "3%", AT_MOST, {AT_MOST}, "低于3%"),
        ("不超过30%", "30%", AT_MOST, {AT_MOST}, "不超过30%"),
        ("未超过3天", "3", AT_MOST, {AT_MOST}, "未超过3"),
        ("最多5人", "5", AT_MOST, {AT_MOST}, "最多5"),
        ("5%以内", "5%以内", AT_MOST, {AT_MOST}, "5%以内"),
        ("2万以下", "2万以下", AT_MOST, {AT_MOST}, "2万以下"),
        ("5个工作日内办结", "5", AT_MOST, {AT_MOST}, "5个工作日内"),
        ("30分钟之内", "30", AT_MOST, {AT_MOST}, "30分钟之内"),
        ("60岁及以下", "60", AT_MOST, {AT_MOST}, "60岁及以下"),
        ("排名前三", "前三", AT_MOST, {AT_MOST}, "前三"),
        # nearly: at most, and approximately
        ("增长近905倍", "905", AT_MOST, {AT_MOST, APPROX}, "增长近905"),
        ("将近一半", "一", AT_MOST, {AT_MOST, APPROX}, "将近一"),
        ("接近3000人", "3000", AT_MOST, {AT_MOST, APPROX}, "接近3000"),
        # at least
        ("首次突破60%", "60%", AT_LEAST, {AT_LEAST, MORE}, "首次突破60%"),
        ("规模突破3000亿元", "3000亿", AT_LEAST, {AT_LEAST, MORE}, "突破3000亿"),
        ("增速高于3%", "3%", AT_LEAST, {AT_LEAST, MORE}, "高于3%"),
        ("至少3家", "3", AT_LEAST, {AT_LEAST}, "至少3"),
        ("不低于90%", "90%", AT_LEAST, {AT_LEAST}, "不低于90%"),
        ("不少于200人", "200", AT_LEAST, {AT_LEAST}, "不少于200"),
        ("增长30%以上", "30%以上", AT_LEAST, {AT_LEAST}, "增长30%以上"),
        ("惠及1万人以上", "1万", AT_LEAST, {AT_LEAST}, "1万人以上"),
        ("50岁及以上", "50", AT_LEAST, {AT_LEAST}, "50岁及以上"),
        # more than (超过, 超 and 逾 accept at-least too)
        ("超过30%", "超过30%", MORE, {MORE, AT_LEAST}, "超过30%"),
        ("超百亿元", "超百亿", MORE, {MORE, AT_LEAST}, "超百亿"),
        ("逾3000人", "3000", MORE, {MORE, AT_LEAST}, "逾3000"),
        ("4000余个", "4000余", MORE, {MORE}, "4000余"),
        ("60多亿元", "60多亿", MORE, {MORE}, "60多亿"),
        ("用了1年多", "1", MORE, {MORE}, "1年多"),
        ("历时3个多月", "3", MORE, {MORE}, "3个多月"),
        ("两年余", "两", MORE, {MORE}, "两年余"),
        # more than one marker
        ("超过30%以上", "超过30%以上", MORE, {MORE, AT_LEAST}, "超过30%以上"),
        ("同比下降约3%", "3%", APPROX, {APPROX}, "下降约3%"),
        ("增长超过三成", "超过三", MORE, {MORE, AT_LEAST}, "增长超过三"),
    ],
)
def test_bounds(sentence: str, written: str, qualifier: Qualifier, accepts: set[Qualifier], cue: str) -> None:
    (quantity,) = [q for q in find_quantities(sentence) if q.text == written]
    assert quantity.qualifier is qualifier
    assert quantity.accepts == accepts
    assert sentence[quantity.cue_start : quantity.cue_end] == cue


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        # Words that hold a marker's character but are no marker.
        ("最近一次", "一"),
        ("附近3家超市", "3"),
        ("近年来新增3家", "3"),
        ("节约3万元", "3万"),
        ("签约5亿元", "5亿"),
        ("预约3000人次", "3000"),
        ("超市3家", "3"),
        ("目前三家", "三"),
        ("30家上下游企业", "30"),
        ("3年多次获得", "3"),  # 多次: many times
        ("高于全国0.5个百分点", "0.5"),  # 全国 stands between: a comparison, not a bound
        ("以下3项", "3"),  # a marker after a number, never before it
        ("三方面", "三"),
    ],
)
def test_words_that_are_not_markers(sentence: str, written: str) -> None:
    (quantity,) = [q for q in find_quantities(sentence) if q.text == written]
    assert (quantity.qualifier, quantity.accepts) == (EXACT, {EXACT})


_MARKERS_BEFORE = {
    "约": (APPROX, {APPROX}),
    "大约": (APPROX, {APPROX}),
    "约为": (APPROX, {APPROX}),
    "近": (AT_MOST, {AT_MOST, APPROX}),
    "不到": (AT_MOST, {AT_MOST}),
    "不足": (AT_MOST, {AT_MOST}),
    "不超过": (AT_MOST, {AT_MOST}),
    "低于": (AT_MOST, {AT_MOST}),
    "首次突破": (AT_LEAST, {AT_LEAST, MORE}),
    "至少": (AT_LEAST, {AT_LEAST}),
    "逾": (MORE, {MORE, AT_LEAST}),
}
_MARKERS_AFTER = {"左右": (APPROX, {APPROX}), "以上": (AT_LEAST, {AT_LEAST}), "以下": (AT_MOST, {AT_MOST})}
# Text around a quantity that joins no word with its markers.
_AROUND = st.text(alphabet="全区企业完成目标在和年，。；的 ", max_size=8)


@settings(max_examples=2 * settings.default.max_examples)
@given(
    _AROUND, st.sampled_from(sorted(_MARKERS_BEFORE)), _written_numbers(), st.sampled_from(_TRAILS), _AROUND
)
def test_a_marker_before_a_number_survives_the_text_around(
    lead: str, marker: str, number: tuple[str, float], unit: str, trail: str
) -> None:
    written, value = number
    assume(not (unit and trail[:1] in "以"))
    sentence = lead + marker + written + unit + trail
    found = [q for q in find_quantities(sentence) if q.value == value and q.text == written]
    assert len(found) == 1, sentence
    (quantity,) = found
    assert (quantity.qualifier, quantity.accepts) == _MARKERS_BEFORE[marker]
    assert sentence[quantity.cue_start : quantity.cue_end] == marker + written


@settings(max_examples=2 * settings.default.max_examples)
@given(
    _AROUND,
    _written_numbers(),
    st.sampled_from(["", "人", "个", "万元", "平方米", "个百分点"]),
    st.sampled_from(sorted(_MARKERS_AFTER)),
    st.sampled_from(["", "。", "，", "的"]),
)
def test_a_marker_after_a_number_survives_the_text_around(
    lead: str, number: tuple[str, float], unit: str, marker: str, trail: str
) -> None:
    written, value = number
    assume(not unit.startswith("万") or written.replace(".", "").isdigit())  # no 1.5万万元, 一万零一万元
    sentence = lead + written + unit + marker + trail
    quantity = find_quantities(sentence)[-1]
    assert math.isclose(quantity.value, value * (10_000 if unit.startswith("万") else 1), rel_tol=1e-12)
    assert (quantity.qualifier, quantity.accepts) == _MARKERS_AFTER[marker]
    assert sentence[quantity.cue_end - len(marker) : quantity.cue_end] == marker


# English reports: 2.2 trillion, 45%, more than 3,000, fell by 3.5%.


@pytest.mark.parametrize(
    ("sentence", "written", "value"),
    [
        ("GDP reached 2.2 trillion yuan", "2.2 trillion", 2.2e12),
        ("1.5 million tonnes", "1.5 million", 1_500_000),
        ("300 billion dollars", "300 billion", 300e9),
        ("3 thousand people", "3 thousand", 3_000),
        ("a 3bn loan", "3bn", 3e9),
        ("1.5 Million", "1.5 Million", 1_500_000),
        ("45% of firms", "45%", 45),
        ("45 percent of firms", "45", 45),
        ("45 per cent of firms", "45", 45),
        ("3,400 people", "3,400", 3_400),
        ("0.3 percentage points", "0.3", 0.3),
        ("in 2020", "2020", 2020),  # a year reads as a number: callers judge
        ("the 西湖区 has 1.9万 people", "1.9万", 19_000),  # Chinese numbers stay readable
    ],
)
def test_english_numbers(sentence: str, written: str, value: float) -> None:
    (quantity,) = [q for q in find_quantities(sentence, "en-GB") if q.text == written]
    assert quantity.value == value


def test_scale_words_are_read_only_in_english_reports() -> None:
    assert [q.text for q in find_quantities("2.2 trillion", "zh-CN")] == ["2.2"]
    assert [q.text for q in find_quantities("2.2 trillion", "en")] == ["2.2 trillion"]
    assert [q.text for q in find_quantities("2.2 trillion", "EN-us")] == ["2.2 trillion"]


@pytest.mark.parametrize(
    ("sentence", "written", "qualifier", "accepts", "direction", "cue"),
    [
        ("about 3,000 people", "3,000", APPROX, {APPROX}, LEVEL, "about 3,000"),
        ("around 1.5 million", "1.5 million", APPROX, {APPROX}, LEVEL, "around 1.5 million"),
        ("approximately 300", "300", APPROX, {APPROX}, LEVEL, "approximately 300"),
        ("roughly 3 thousand", "3 thousand", APPROX, {APPROX}, LEVEL, "roughly 3 thousand"),
        ("some 45 percent", "45", APPROX, {APPROX}, LEVEL, "some 45"),
        ("about $3 billion", "3 billion", APPROX, {APPROX}, LEVEL, "about $3 billion"),
        ("nearly 3,400 people", "3,400", AT_MOST, {AT_MOST, APPROX}, LEVEL, "nearly 3,400"),
        ("Almost 20%", "20%", AT_MOST, {AT_MOST, APPROX}, LEVEL, "Almost 20%"),
        ("just under 0.3 percentage points", "0.3", AT_MOST, {AT_MOST}, LEVEL, "just under 0.3"),
        ("less than 5%", "5%", AT_MOST, {AT_MOST}, LEVEL, "less than 5%"),
        ("under 30", "30", AT_MOST, {AT_MOST}, LEVEL, "under 30"),
        ("below 2%", "2%", AT_MOST, {AT_MOST}, LEVEL, "below 2%"),
        ("up to 3,000 people", "3,000", AT_MOST, {AT_MOST}, LEVEL, "up to 3,000"),
        ("at most 5", "5", AT_MOST, {AT_MOST}, LEVEL, "at most 5"),
        ("5% or less", "5%", AT_MOST, {AT_MOST}, LEVEL, "5% or less"),
        ("more than 3,000", "3,000", MORE, {MORE, AT_LEAST}, LEVEL, "more than 3,000"),
        ("over 40 cities", "40", MORE, {MORE, AT_LEAST}, LEVEL, "over 40"),
        ("above 2%", "2%", AT_LEAST, {AT_LEAST, MORE}, LEVEL, "above 2%"),
        ("exceeding 300", "300", AT_LEAST, {AT_LEAST, MORE}, LEVEL, "exceeding 300"),
        ("at least 3", "3", AT_LEAST, {AT_LEAST}, LEVEL, "at least 3"),
        ("3,000 people or more", "3,000", AT_LEAST, {AT_LEAST}, LEVEL, "3,000 people or more"),
        # declines, increases and levels
        ("exports fell by 3.5%", "3.5%", EXACT, {EXACT}, FALL, "fell by 3.5%"),
        ("exports fell 3.5%", "3.5%", EXACT, {EXACT}, FALL, "fell 3.5%"),
        ("decreased by 1.2 million tons", "1.2 million", EXACT, {EXACT}, FALL, "decreased by 1.2 million"),
        ("declined 2%", "2%", EXACT, {EXACT}, FALL, "declined 2%"),
        ("dropped 0.3 percentage points", "0.3", EXACT, {EXACT}, FALL, "dropped 0.3"),
        ("shrank by 5 per cent", "5", EXACT, {EXACT}, FALL, "shrank by 5"),
        ("a decline of 4%", "4%", EXACT, {EXACT}, FALL, "decline of 4%"),
        ("exports were down 3%", "3%", EXACT, {EXACT}, FALL, "down 3%"),
        ("rose 5%", "5%", EXACT, {EXACT}, RISE, "rose 5%"),
        ("increased by 3 billion", "3 billion", EXACT, {EXACT}, RISE, "increased by 3 billion"),
        ("GDP grew 6.1%", "6.1%", EXACT, {EXACT}, RISE, "grew 6.1%"),
        ("up 2%", "2%", EXACT, {EXACT}, RISE, "up 2%"),
        ("fell to 3%", "3%", EXACT, {EXACT}, LEVEL, "fell to 3%"),
        ("rose to 5%", "5%", EXACT, {EXACT}, LEVEL, "rose to 5%"),
        ("rose from 3% to 5%", "3%", EXACT, {EXACT}, LEVEL, "rose from 3%"),
        ("fell by more than 3%", "3%", MORE, {MORE, AT_LEAST}, FALL, "fell by more than 3%"),
        ("grew -3.5%", "-3.5%", EXACT, {EXACT}, FALL, "grew -3.5%"),
    ],
)
def test_english_words(
    sentence: str, written: str, qualifier: Qualifier, accepts: set[Qualifier], direction: int, cue: str
) -> None:
    (quantity,) = [q for q in find_quantities(sentence, "en") if q.text == written]
    assert (quantity.qualifier, quantity.accepts, quantity.direction) == (qualifier, accepts, direction)
    assert sentence[quantity.cue_start : quantity.cue_end] == cue


@pytest.mark.parametrize(
    ("sentence", "directions"),
    [
        ("rose 3%, 5% and 7%", [RISE, RISE, RISE]),
        ("fell 3% and 2%", [FALL, FALL]),
        ("rose from 3% to 5%", [LEVEL, LEVEL]),
    ],
)
def test_an_english_list_shares_its_verb(sentence: str, directions: list[int]) -> None:
    assert [q.direction for q in find_quantities(sentence, "en")] == directions


def test_english_words_are_read_only_in_english_reports() -> None:
    (quantity,) = find_quantities("fell by about 3%", "zh-CN")
    assert (quantity.qualifier, quantity.direction) == (EXACT, LEVEL)


@given(
    st.sampled_from(["", "Exports ", "In 2020, output "]),
    st.sampled_from(["fell", "decreased", "declined", "dropped", "shrank"]),
    st.sampled_from(["", " by"]),
    st.decimals(min_value=Decimal("0.01"), max_value=100_000, places=2),
    st.sampled_from(["", "%", " percent", " million tons", " billion yuan"]),
)
def test_an_english_decline_makes_any_number_a_decline(
    lead: str, verb: str, by: str, amount: Decimal, trail: str
) -> None:
    sentence = f"{lead}{verb}{by} {amount:f}{trail}."
    quantity = find_quantities(sentence, "en")[-1]
    assert quantity.direction == FALL
    assert quantity.signed_value < 0
    assert sentence[quantity.cue_start :].startswith(verb)


def test_every_item_of_a_list_with_its_own_unit_shares_the_lists_decline() -> None:
    found = find_quantities("各地常住人口分别减少1240万人、1289万人和1386万人。")
    assert [q.signed_value for q in found] == [-12_400_000, -12_890_000, -13_860_000]
