"""Which numbers of a paragraph state a figure, and which only name a time, a rank or a thing.

``quantities_of`` reads every number, numerals inside words included (一起, 百强区 read 1
and 100). A careful author keeps only the quantitative claims (docs/report-format.md, "What is
not a metric"), so each number gets a kind:

* YEAR: four digits (2020, 二〇三五) with 年, or joined to one that has it (2016—2020年).
* DATE: a month (12月, 3月份), a day (28日, 1号), a quarter (一季度), a time of day (8时,
  8:30), and a period of the top N (前5个月).
* NAME: an ordinal (第一, 第十四个), a list or heading number (一、, （一）, 1.), a number in a
  short quotation or a title (“1+1+1+N”, “双千”, 《……五年规划》), digits glued to letters or
  a plus (5G, 4A级, 1+X), a session (九届十次), a numeral inside a word (一起, 一流, 百强,
  三级驾驶舱: a Chinese numeral with no unit word after it, or 一 with one: 每一件), a
  set phrase (千家万户, 四个自信), a count that names a plan (三年行动计划), and a bare number
  that nothing marks as a figure (政务服务2.0): no unit, multiplier, qualifier, change or
  copula (为, 达, 是) before it.
* FIGURE: everything else.

Ranks are figures when the words make them one: 前三位 (within the top three, at-most) and
居全市首位 (1), as the bundled report records them; 前三季度 and 前5个月 are periods.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from ..text.numbers import Qualifier, Quantity, quantities_of
from ..text.units import UnitWord, unit_of

__all__ = ["Kind", "Number", "read_numbers"]


class Kind(Enum):
    """What a number of the text is."""

    FIGURE = "figure"
    YEAR = "year"
    DATE = "date"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class Number:
    """A number of a paragraph, what kind it is, the unit a metric would record, and where its
    words end (past its unit word and any bound after it: 3000人左右)."""

    quantity: Quantity
    kind: Kind
    unit: str
    tail: int


# Quotation marks and brackets whose short content is a name, not a claim.
_NAME_SPANS = re.compile(
    r"“[^“”]{0,14}”|\"[^\"\n]{0,14}\"|「[^「」]{0,14}」|『[^『』]{0,14}』|【[^【】]*】|《[^《》]*》"
)
_ASCII_DIGIT = re.compile(r"[0-9０-９]")
_YEAR_TEXT = re.compile(r"(?:[0-9]{4}|[〇零一二三四五六七八九]{4})")
_JOINS_A_YEAR = re.compile(r"\s*(?:年|[—–\-~～至到/]\s*(?:[0-9]{4}|[〇零一二三四五六七八九]{4})\s*年)")
_HEADING_AFTER = re.compile(r"\s*[、.．）)]")
_TIME_AFTER = re.compile(r"时(?![间期代候刻段尚])|[:：][0-9]|季度|季(?![节风])|月份|周年")
_DAY_AFTER = re.compile(r"[日号]")
_PLAN_AFTER = re.compile(r"计划|规划|行动|工程|方案|战略|攻坚|工作法|体系|机制|模式|方面")
# 三次会议, 十次全会: a session; 10亿元以上项目: a class of projects, not a claim.
_SESSION_AFTER = re.compile(r"(?:全体)?(?:会议|全会|代表大会|党代会)")
_CLASS_AFTER = re.compile(r"的?(?:项目|企业|产业|工业|客户|大户|商户|单位)")
# 十年间, 三年来, 五年前: the setting of a statement, not a figure.
_SPAN_AFTER = re.compile(r"间|来|以来|前|后|里")
_RATIO_BEFORE = re.compile(r"[0-9][:：]\Z")
_SET_PHRASES = re.compile(
    "千家万户|百家争鸣|千方百计|五湖四海|三番五次|千军万马|一带一路|一国两制|四个意识|四个自信|"
    "两个维护|两个确立|四个全面|五位一体|三个代表|两个一百年|三个务必|四风|三公|八项规定|"
    "三次产业|十全十美|九牛一毛|四面八方|千辛万苦|万水千山|三令五申|七上八下|五花八门|一五一十|两会"
)
_RANK_BEFORE = re.compile(
    r"(?:[居列]|排名|排在?|名列|位列|位居|稳居|跃居)\s*(?:全[国省市区县]|[全本]?[国省市区县]内)?\s*\Z"
)
_COPULA_BEFORE = re.compile(r"(?:分别)?(?:为|是|的|达|达到|到|至|有|计|共|合|占|约|[:：])\s*\Z")
_COUNTS_PEOPLE_AS_RANK = ("位", "名")


def _in_spans(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _own_word(text: str, quantity: Quantity, word: UnitWord | None) -> bool:
    """Whether ``word`` is written right after the number (past its bound), not borrowed from
    its list or written before it."""
    return (
        word is not None
        and word.start >= quantity.end
        and not text[quantity.end : word.start].strip(" 　多余")
    )


def _is_year(text: str, quantity: Quantity, word: UnitWord | None, english: bool) -> bool:
    digits = quantity.text.lstrip("-")
    if not _YEAR_TEXT.fullmatch(digits) or not 1000 <= abs(quantity.value) <= 2200:
        return False
    if english and digits.isdigit() and not _own_word(text, quantity, word):
        return True  # in 2020: English years take no word
    return (word is not None and word.canonical == "年") or _JOINS_A_YEAR.match(
        text, quantity.end
    ) is not None


def _is_date(text: str, quantity: Quantity, word: UnitWord | None, own: bool) -> bool:
    after = quantity.end
    whole = quantity.value.is_integer() and quantity.qualifier is Qualifier.EXACT
    if word is not None and word.text == "月" and whole and 1 <= quantity.value <= 12:
        return True
    if whole and 1 <= quantity.value <= 31 and _DAY_AFTER.match(text, after):
        return True
    if _TIME_AFTER.match(text, after):
        return True
    if own and word is not None and word.counts_time and _SPAN_AFTER.match(text, word.end):
        return True
    # 前5个月, 前三年: the first months of a year, a period rather than a bound.
    return quantity.text.startswith("前") and own and word is not None and word.counts_time


def _is_heading_number(text: str, quantity: Quantity) -> bool:
    before = text[: quantity.start].rstrip()
    opened = before.endswith(("（", "("))
    if opened and text[quantity.end : quantity.end + 1] in ("）", ")"):
        return True
    at_line_start = not before or before.endswith(("\n", "。", "；", ";", "：", ":"))
    return at_line_start and _HEADING_AFTER.match(text, quantity.end) is not None


def _is_name(
    text: str, quantity: Quantity, word: UnitWord | None, own: bool, spans: Sequence[tuple[int, int]]
) -> bool:
    start, end = quantity.start, quantity.end
    if _in_spans(spans, start, end) or _is_heading_number(text, quantity):
        return True
    if text[max(0, start - 1) : start] == "第" or text[end : end + 1] in ("+", "＋", "#"):
        return True
    if text[max(0, start - 1) : start] in ("+", "＋"):
        return True
    glued = text[end : end + 1]
    if glued.isascii() and glued.isalpha() and not (own and word is not None):
        return True
    if word is not None and (
        word.canonical == "届" or (word.canonical == "次" and text[start - 1 : start] == "届")
    ):
        return True
    after_unit = word.end if own and word is not None else end
    if word is not None and word.canonical == "次" and _SESSION_AFTER.match(text, after_unit):
        return True
    if quantity.qualifier in (Qualifier.AT_LEAST, Qualifier.AT_MOST) and _CLASS_AFTER.match(
        text, quantity.cue_end
    ):
        return True
    if _RATIO_BEFORE.search(text, max(0, start - 2), start):
        return True
    if (
        _PLAN_AFTER.match(text, after_unit)
        and word is not None
        and word.canonical in ("年", "个", "项", "大")
    ):
        return True
    return any(m.start() <= start < m.end() for m in _SET_PHRASES.finditer(text, max(0, start - 4), end + 6))


def _is_chinese_word(quantity: Quantity, word: UnitWord | None, own: bool) -> bool:
    """A numeral inside a word: written in Chinese with no unit word of its own, or 一 of 每一件."""
    if _ASCII_DIGIT.search(quantity.text) or "%" in quantity.text or "百分之" in quantity.text:
        return False
    if quantity.text == "首位":
        return False
    if not own:
        return True
    return quantity.value == 1 and quantity.text.endswith("一")


def _is_bare(text: str, quantity: Quantity, word: UnitWord | None) -> bool:
    """A number with nothing that marks it as a figure (政务服务2.0)."""
    if word is not None or quantity.text == "首位":
        return False
    if any(c in quantity.text for c in "万亿") or quantity.qualifier is not Qualifier.EXACT:
        return False
    if quantity.direction != 0 or quantity.cue_start < quantity.start:
        return False
    return _COPULA_BEFORE.search(text, max(0, quantity.start - 6), quantity.start) is None


def _metric_unit(quantity: Quantity, word: UnitWord | None) -> str:
    if quantity.text == "首位":
        return "位"
    if word is None:
        return ""
    if quantity.text.startswith("前") and word.text in _COUNTS_PEOPLE_AS_RANK:
        return word.text  # a rank: 前三位 is a place, not three people
    return word.canonical


def _kind(
    text: str, quantity: Quantity, word: UnitWord | None, spans: Sequence[tuple[int, int]], english: bool
) -> Kind:
    own = _own_word(text, quantity, word)
    if _is_year(text, quantity, word, english):
        return Kind.YEAR
    if _is_date(text, quantity, word, own):
        return Kind.DATE
    if (
        quantity.text == "首位"
        and _RANK_BEFORE.search(text, max(0, quantity.start - 8), quantity.start) is None
    ):
        return Kind.NAME
    if _is_name(text, quantity, word, own, spans) or _is_chinese_word(quantity, word, own):
        return Kind.NAME
    if _is_bare(text, quantity, word):
        return Kind.NAME
    return Kind.FIGURE


def read_numbers(text: str, language: str = "zh-CN") -> list[Number]:
    """Every number of ``text``, in order, with its kind, its unit and where its words end."""
    quantities = quantities_of(text, language)
    spans = [(m.start(), m.end()) for m in _NAME_SPANS.finditer(text)]
    numbers = []
    for quantity in quantities:
        word = unit_of(text, quantity, quantities)
        tail = quantity.cue_end
        if word is not None and _own_word(text, quantity, word):
            tail = max(tail, word.end)
        kind = _kind(text, quantity, word, spans, language.lower().startswith("en"))
        numbers.append(Number(quantity, kind, _metric_unit(quantity, word), tail))
    return numbers
