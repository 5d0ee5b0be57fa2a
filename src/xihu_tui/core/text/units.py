"""Unit words: what a quote says its number counts (14.1亿人, 3.6公里, 元/平方米, $2.2 trillion).

A metric records its ``unit``; the loader refuses one that disagrees with the unit word of its
quote, such as ``14.1亿人`` recorded in 公里. ``unit_of`` reads the word the text gives one
quantity and ``unit_agrees`` compares a metric's unit with it. When no word can be read,
``unit_of`` is None and any unit is accepted: Chinese often names the measure before the number
(人口14.1亿), and nothing here guesses it.

Where ``unit_of`` looks, in order:

1. In the quantity itself: ``96.7%`` and ``百分之三十`` count per cent.
2. Right after it, past white space: 人, 个百分点, 台（套）, ‰, 元/平方米, people, per cent. A
   multiplier (万, 亿, million) belongs to the quantity already, so 1.2万吨 counts 吨.
3. Right before it (before its cue words, 约 or 超过): a currency sign or code ($, US$, £, €,
   ¥, RMB, 人民币), or the 指数 of an index (总指数为99.5, whose base （上年同期=100） may follow).
4. In its list: a number with no word of its own takes the unit of the list's last number
   that has one (分别为3.3、0.5个百分点; 增长3.3%、2.1%和0.5%). The items of a list are joined by
   、 ， , 和 及 与 或 以及, a range's by 至 到 - ~ —, English ones by "and", "or" and "to".

A unit word stands for its canonical form: 名 and 位 for 人, 公斤 for 千克, 千米 for 公里, 百分点
for 个百分点, $ for 美元, £ for 英镑, € for 欧元, ¥ for 元, 台(套) for 台（套）, per cent for %.
English words stand for themselves, folded to one spelling (person → people, tonnes → tons).
方 is read as a unit only after digits or 万/亿 (266万方), never in 三方 or 方面.

``unit_agrees`` compares with width and case folded (NFKC, then casefold). A metric's unit
agrees with a word when it is

* the word as written, its canonical form, or another spelling of that form: 人 = 名 = 位,
  千克 = 公斤, 公里 = 千米, 平方公里 = 平方千米, 个百分点 = 百分点, 小时 = 个小时,
  周 = 星期, 工作日 = 个工作日, % = percent = per cent, 美元 = $ = US$ = USD = dollars,
  元 = ¥ = RMB = CNY = yuan = 人民币, people = person = persons, tons = tonnes, km = kilometres;
* or one of the readings of a word that has several: 方 is 平方米 or 立方米, 台（套） is 台 or 套,
  and 个月 and 月 are one;
* for a compound (元/平方米, 吨标准煤/万元), agreement part by part.

Nothing else agrees. In particular an English report's units are English words (people, not
人), % is not 百分比, 度 is not 千瓦时 (it may be degrees), and 万元 is not 元 (a value is
normalised to base units, so 1.2万元 is 12000 元).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .patterns import lazy_pattern as _lazy

if TYPE_CHECKING:  # numbers reads unit words (1万人以上), so it imports this module
    from .numbers import Quantity

__all__ = ["UnitWord", "describe", "joins_a_list", "read_unit_after", "unit_agrees", "unit_of"]


@dataclass(frozen=True, slots=True)
class UnitWord:
    """A unit word as written at ``text[start:end]`` of its source, and the unit it stands for."""

    text: str
    start: int
    end: int
    canonical: str

    @property
    def counts_time(self) -> bool:
        """A duration (年, 个月, 小时...): one that 多 and 余 may follow (3个多月, 1年多)."""
        return self.canonical in _DURATIONS


# Each spelling and the unit it stands for. The 多 or 余 of 3个多月 is written inside the word.
_CHINESE: dict[str, str] = {
    # people, households, counts
    "人": "人", "名": "人", "位": "人", "人次": "人次", "车次": "车次", "户次": "户次",
    "架次": "架次", "班次": "班次", "户": "户", "个": "个", "家": "家", "所": "所", "座": "座",
    "项": "项", "条": "条", "件": "件", "次": "次", "辆": "辆", "台": "台", "套": "套",
    "台（套）": "台（套）", "台(套)": "台（套）", "张": "张", "本": "本", "篇": "篇", "场": "场",
    "批": "批", "株": "株", "棵": "棵", "只": "只", "头": "头", "例": "例", "处": "处",
    "栋": "栋", "幢": "幢", "支": "支", "份": "份", "种": "种", "类": "类", "届": "届", "块": "块",
    "期": "期", "轮": "轮", "宗": "宗", "笔": "笔", "艘": "艘", "架": "架", "枚": "枚",
    # weight, length, area, volume
    "吨": "吨", "吨标准煤": "吨标准煤", "千克": "千克", "公斤": "千克", "克": "克", "斤": "斤",
    "公里": "公里", "千米": "公里", "米": "米", "厘米": "厘米", "毫米": "毫米",
    "平方米": "平方米", "平方公里": "平方公里", "平方千米": "平方公里", "亩": "亩", "公顷": "公顷",
    "方": "方", "立方米": "立方米", "升": "升",
    # time
    "天": "天", "年": "年", "个月": "个月", "个多月": "个月", "个余月": "个月", "月": "月",
    "小时": "小时", "个小时": "小时", "个多小时": "小时", "分钟": "分钟", "周": "周",
    "星期": "周", "个星期": "周", "个多星期": "周", "工作日": "工作日", "个工作日": "工作日",
    "岁": "岁",
    # energy
    "千瓦": "千瓦", "千瓦时": "千瓦时", "兆瓦": "兆瓦", "度": "度",
    # money
    "元": "元", "美元": "美元", "英镑": "英镑", "欧元": "欧元", "日元": "日元", "港元": "港元",
    "港币": "港元", "澳元": "澳元", "韩元": "韩元",
    # ratios and indices
    "倍": "倍", "个百分点": "个百分点", "百分点": "个百分点", "指数": "指数",
    # per mille: birth, death and natural growth rates (出生率为6.43‰)
    "‰": "‰",
}  # fmt: skip

# English spellings, matched ignoring case, as whole words.
_ENGLISH: dict[str, str] = {
    "people": "people", "person": "people", "persons": "people",
    "households": "households", "household": "households",
    "tons": "tons", "ton": "tons", "tonnes": "tons", "tonne": "tons",
    "km": "km", "kilometres": "km", "kilometre": "km", "kilometers": "km", "kilometer": "km",
    "square kilometres": "square kilometres", "square kilometre": "square kilometres",
    "square kilometers": "square kilometres", "square kilometer": "square kilometres",
    "sq km": "square kilometres", "km2": "square kilometres", "km²": "square kilometres",
    "square metres": "square metres", "square metre": "square metres",
    "square meters": "square metres", "square meter": "square metres",
    "sq m": "square metres", "m2": "square metres", "m²": "square metres",
    "metres": "metres", "metre": "metres", "meters": "metres", "meter": "metres",
    "kg": "kg", "kilograms": "kg", "kilogram": "kg",
    "hectares": "hectares", "hectare": "hectares", "ha": "hectares", "mu": "mu",
    "percent": "%", "per cent": "%", "pct": "%",
    "percentage points": "percentage points", "percentage point": "percentage points",
    "times": "times",
    "years": "years", "year": "years", "months": "months", "month": "months",
    "weeks": "weeks", "week": "weeks", "days": "days", "day": "days",
    "hours": "hours", "hour": "hours", "minutes": "minutes", "minute": "minutes",
    "kwh": "kWh", "kilowatt-hours": "kWh", "kilowatt hours": "kWh", "kw": "kW",
    "kilowatts": "kW", "mw": "MW", "megawatts": "MW", "gw": "GW", "gigawatts": "GW",
    "dollars": "美元", "dollar": "美元", "us dollars": "美元", "usd": "美元",
    "pounds": "英镑", "pound": "英镑", "gbp": "英镑",
    "yuan": "元", "rmb": "元", "cny": "元", "renminbi": "元",
    "euros": "欧元", "euro": "欧元", "eur": "欧元",
    "yen": "日元", "jpy": "日元", "hkd": "港元", "hong kong dollars": "港元",
}  # fmt: skip

# Currencies written before the number: $2.2 trillion, US$3 billion, 人民币3亿元.
_SIGNS: dict[str, str] = {
    "$": "美元", "＄": "美元", "US$": "美元", "USD": "美元", "HK$": "港元", "HKD": "港元",
    "£": "英镑", "￡": "英镑", "GBP": "英镑", "€": "欧元", "EUR": "欧元",
    "¥": "元", "￥": "元", "RMB": "元", "CNY": "元", "人民币": "元",
}  # fmt: skip

_PER_CENT: dict[str, str] = {"%": "%", "％": "%", "百分之": "%"}

# Readings a word has besides its canonical form's spellings.
_ALSO: dict[str, frozenset[str]] = {
    "方": frozenset({"平方米", "立方米"}),
    "台（套）": frozenset({"台", "套"}),
    "个月": frozenset({"月"}),
    "月": frozenset({"个月"}),
}

_DURATIONS = frozenset({"天", "年", "个月", "月", "小时", "分钟", "周", "工作日", "岁"})

# A denominator may carry its own multiplier: 吨标准煤/万元 is per ten thousand yuan.
_DENOMINATOR_MULTIPLIERS = ("百万", "千万", "万", "亿")


def _alternation(spellings: Iterable[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))


_ENGLISH_WORD = rf"(?i:{_alternation(_ENGLISH)})(?![A-Za-z])".replace(r"\ ", r"\s+")
# 方 is a unit only when nothing makes it a word (方面, 方式, 方案, 方法, 方向 ...).
_ONE_UNIT = (
    rf"(?:{_alternation(w for w in _CHINESE if w != '方')}|方(?![面式案法向针位阵便言舱圆块志剂略])"
    rf"|{_ENGLISH_WORD})"
)
_AFTER = _lazy(rf"\s*(?P<unit>{_ONE_UNIT})")
_DENOMINATOR = _lazy(rf"[/／](?:{'|'.join(_DENOMINATOR_MULTIPLIERS)})?{_ONE_UNIT}")
_SIGN_BEFORE = _lazy(
    rf"(?:{_alternation(s for s in _SIGNS if not s.isalpha())}|(?<![A-Za-z])(?:{_alternation(s for s in _SIGNS if s.isalpha())}))\s*\Z"
)
_INDEX_BEFORE = _lazy(r"指数(?:分别)?(?:为|是|达到?|[:：])?\s*\Z")
_LIST_GAP = _lazy(
    r"\s*(?:[、，,和及与或至到~～—–-]|以及|(?i:and|or|to)(?![A-Za-z])|,\s*(?i:and|or)(?![A-Za-z]))\s*"
)
_BEFORE_REACH = 12  # characters before a number searched for its currency or 指数


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _canonical(spelling: str) -> str:
    """The unit a one-part spelling stands for (the spelling itself when unknown)."""
    for table in (_CHINESE, _PER_CENT, _SIGNS):
        if spelling in table:
            return table[spelling]
    return _ENGLISH.get(" ".join(spelling.casefold().split()), spelling)


def _compound_canonical(text: str) -> str:
    parts = re.split("[/／]", text)
    canonical = [_canonical(parts[0])]
    for part in parts[1:]:
        prefix = next((m for m in _DENOMINATOR_MULTIPLIERS if part.startswith(m) and part != m), "")
        canonical.append(prefix + _canonical(part[len(prefix) :]))
    return "/".join(canonical)


def _spellings_by_unit() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for table in (_CHINESE, _ENGLISH, _SIGNS, _PER_CENT):
        for spelling, unit in table.items():
            groups.setdefault(unit, {unit}).add(spelling)
    for unit, readings in _ALSO.items():
        groups[unit] |= readings
    return {unit: frozenset(_fold(s) for s in spellings) for unit, spellings in groups.items()}


_ACCEPTED = _spellings_by_unit()


def _part_agrees(metric_part: str, word_part: str) -> bool:
    prefix = next((m for m in _DENOMINATOR_MULTIPLIERS if word_part.startswith(m) and word_part != m), "")
    unit = _canonical(word_part[len(prefix) :])
    accepted = _ACCEPTED.get(unit, frozenset()) | {_fold(word_part[len(prefix) :]), _fold(unit)}
    folded = _fold(metric_part)
    return folded.startswith(_fold(prefix)) and folded[len(_fold(prefix)) :] in accepted


def unit_agrees(metric_unit: str, word: UnitWord) -> bool:
    """Whether a metric's ``unit`` names what ``word`` counts (see the module's equivalences)."""
    metric_parts = re.split("[/／]", metric_unit)
    word_parts = re.split("[/／]", word.text)
    return len(metric_parts) == len(word_parts) and all(
        _part_agrees(m, w) for m, w in zip(metric_parts, word_parts, strict=True)
    )


def read_unit_after(text: str, position: int) -> UnitWord | None:
    """The unit word that begins at ``position`` (past white space), right after a number.

    方 counts only after digits, 万, 亿, 余 or 多: 三方 are parties, 266万方 square metres.
    """
    match = _AFTER().match(text, position)
    if match is None:
        return None
    if match["unit"] == "方" and not (
        position and (text[position - 1] in "万亿余多" or text[position - 1].isdigit())
    ):
        return None
    end = match.end()
    while (denominator := _DENOMINATOR().match(text, end)) is not None:
        end = denominator.end()
    written = text[match.start("unit") : end]
    return UnitWord(written, match.start("unit"), end, _compound_canonical(written))


def _own_unit(text: str, quantity: Quantity) -> UnitWord | None:
    """The unit the quantity's own words give: its per cent, the word after it, the sign before."""
    for sign in ("%", "％", "百分之"):
        at = quantity.text.find(sign)
        if at >= 0:
            return UnitWord(sign, quantity.start + at, quantity.start + at + len(sign), "%")
    after = read_unit_after(text, quantity.end)
    if after is not None:
        return after
    reach = max(0, quantity.cue_start - _BEFORE_REACH)
    before = _SIGN_BEFORE().search(text, reach, quantity.start) or _SIGN_BEFORE().search(
        text, reach, quantity.cue_start
    )
    if before is not None:
        sign = before.group().strip()
        return UnitWord(sign, before.start(), before.start() + len(sign), _SIGNS[sign])
    index = _INDEX_BEFORE().search(text, reach, quantity.cue_start)
    if index is not None:
        return UnitWord("指数", index.start(), index.start() + 2, "指数")
    return None


def joins_a_list(text: str, end: int, start: int) -> bool:
    """Whether ``text[end:start]``, between two numbers, only joins the items of a list or a
    range (、 ， 和 及 与 或 以及, 至 到 - ~, and, or, to)."""
    return _LIST_GAP().fullmatch(text, end, start) is not None


def _list_around(text: str, quantity: Quantity, quantities: Sequence[Quantity]) -> list[Quantity]:
    """The numbers of the list ``quantity`` belongs to, in order (just itself when none)."""
    ordered = sorted(quantities, key=lambda q: q.start)
    at = next((i for i, q in enumerate(ordered) if (q.start, q.end) == (quantity.start, quantity.end)), None)
    if at is None:
        return [quantity]
    first = last = at
    while first > 0 and joins_a_list(text, ordered[first - 1].cue_end, ordered[first].cue_start):
        first -= 1
    while last + 1 < len(ordered) and joins_a_list(text, ordered[last].cue_end, ordered[last + 1].cue_start):
        last += 1
    return ordered[first : last + 1]


_OWN_ENGLISH_WORD = _lazy(r"[ \t]?(?!(?:and|or|to|nor)\b)[A-Za-z]", re.IGNORECASE)
"""An English word right after a number that does not join a list: the number's own unit,
known or not."""


def unit_of(text: str, quantity: Quantity, quantities: Sequence[Quantity] | None = None) -> UnitWord | None:
    """The unit word ``text`` gives ``quantity`` (one of ``find_quantities(text)``), or None.

    ``quantities`` are all the quantities of ``text``, for a number that takes its unit from
    its list; without them they are found again, reading Chinese only.
    """
    own = _own_unit(text, quantity)
    if own is not None:
        return own
    if _OWN_ENGLISH_WORD().match(text, quantity.end):
        return None  # a word of its own follows (2.2 million TEU): not its list's unit
    if quantities is None:
        from .numbers import find_quantities  # here, not above: numbers imports this module

        quantities = find_quantities(text)
    for item in reversed(_list_around(text, quantity, quantities)):
        word = _own_unit(text, item)
        if word is not None:
            return word
    return None


def describe(text: str, quantity: Quantity, word: UnitWord) -> str:
    """How a problem names a unit word: ``人 (in "14.1亿人")``, ``名, read as 人 (in "1600名")``."""
    start, end = min(quantity.start, word.start), max(quantity.end, word.end)
    read_as = "" if word.canonical == word.text else f", read as {word.canonical}"
    return f'{word.text}{read_as} (in "{text[start:end]}")'
