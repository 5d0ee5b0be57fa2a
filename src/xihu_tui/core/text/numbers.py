"""Chinese quantities as a newspaper prints them: 66万户, 超百亿元, 30%以上, 二〇三五年, 同比下降3.5%.

The loader uses this to check that a metric's normalised ``value`` agrees with the quote it
came from. Callers only ask whether the expected value is among the quantities found, so
``find_quantities`` may over-match numerals inside words (一起, 一流 yield 1); the values of
real quantities, though, must be exact.

Decisions worth knowing:

* 十, 百 and 千 alone are 10, 100 and 1000, because reports write 百亿 and 千万 with no
  leading 一. 万 and 亿 without a coefficient are *not* quantities: alone they mostly occur in
  words (万一, 亿万), so ``parse_quantity("万")`` and ``parse_quantity("万亿")`` are None.
  千 before 米, 克, 瓦 or 伏 and 百 before 分点 begin a unit (千米, 千瓦, 个百分点), not a
  number: 3千米 is 3 kilometres, not 3,000 metres.
* A percentage keeps its number: ``96.7%`` is 96.7, not 0.967, matching how metrics record
  ``value = 96.7`` next to ``unit = "%"``.
* Colloquial abbreviations take the place value of the unit before them: 一万五 is 15000,
  二百五 is 250 (but 一百零五 is 105).
* ``parse_quantity`` wants the quantity and nothing else, so a measure word (户, 个, 元, 位)
  makes it None; quotes go through ``find_quantities``.
* 百分之N is N, like N%.

Bounds and approximations (``qualifier`` is the natural reading, ``accepts`` all it justifies):

* APPROXIMATELY: 约 (约为, 约有, 约合, 约占), 大约, 大概, 大致 before the number; 左右 and 上下
  after it or its unit word (3000人左右).
* AT_MOST: 不到, 不足, 未达, 未满, 不满, 低于, 少于, 不超过, 未超过, 不高于, 不多于, 最多, 至多,
  前 (前三: within the top three) before; 以下, 以内, 之内, 及以下 after, and 内 after a unit word
  (3天内). 近, 将近, 接近 and 逼近 are AT_MOST and also APPROXIMATELY.
* AT_LEAST: 至少, 最少, 不低于, 不少于 before; 以上, 及以上 after. 突破, 首次突破 and 高于 also
  accept MORE_THAN.
* MORE_THAN: 余 and 多 after the number (4000余, 60多亿) or after a duration (1年多, 3个多月);
  超, 超过 and 逾 before it, which also accept AT_LEAST.
* A marker is a marker only beside the number: 近年, 最近一次, 附近, 超市, 节约3万元, 签约5亿元
  and 上下游 hold none. 超, 超过 and 前 (and 以上, 以下, 以内 right after the number) are part
  of ``text``, as they were before the other markers were read; the others lie between
  ``cue_start`` and ``cue_end`` only.
* When a quantity carries more than one marker, 前 (AT_MOST) beats MORE_THAN, which beats
  AT_LEAST, then AT_MOST, then APPROXIMATELY; ``accepts`` holds what every marker accepts.
* Values that do not fit a float (a 400-digit run) are dropped rather than reported as inf.
* Digits glued to a letter, or after a point with no digits before it, belong to a name or a
  unit and are no number: PM2.5, G20, km2, .5.
* 点 makes a Chinese decimal only when a whole numeral stands before it and digits written
  one by one follow: 九十六点七 is 96.7, 零点五 0.5, 三点五亿 350,000,000 (the multiplier
  scales the decimal), 百分之九十六点七 96.7. Otherwise 点 is a word and the numeral before
  it stands alone: 一点 and 一点点 ("a little") and 八点钟 read 1 and 8, 十点半 reads 10, and
  重点 holds no number.
* A fraction followed by a bare 十, 百 or 千 is a time of day, so 八点五十 is 8 and 50, not
  8.5; a multiplier with 万 or 亿 still scales it (三点五千万 is 35,000,000). 刻 after the
  fraction is a quarter hour (两点三刻: 2 and 3). A time written with digits alone (八点零五分)
  cannot be told from a score (九十六点五分) and reads as a decimal, 8.05.
* 两 counts things and is no digit of a fraction (三点两 is 3), and an integer part ending in
  万 or 亿 takes no fraction (三万点五 is 30,000 and 5): nobody writes a decimal so.

Signs and directions:

* A minus sign (-, −, －) directly before the digits, not after a digit or a letter (3-5 is a
  range, 2020-12-29 a date, COVID-19 a name), and 负 before a numeral (负3.5, but not 肩负,
  胜负 or 正负) make ``value`` negative and ``direction`` -1.
* A verb of decline right before the number (同比下降3.5%, 比上年减少1.2万吨, 下降了0.3个百分点,
  降幅为2%) makes ``direction`` -1 and leaves ``value`` as written; a verb of increase makes it
  +1. A sign and a verb multiply: 增长-3.5% is a decline (value -3.5), 下降-3.5% a rise.
* A verb that names a target with 到, 至, 为 or 成 (下降到30, 降至30, 回落至2.1%) states a level,
  not a change: ``direction`` 0.
* In a list (or a range) the later numbers share the verb of the first: 分别增长3.3%、2.1%和0.5%
  are three increases. Their ``cue_start`` stays at their own start: the verb is not beside
  them.

English, when the report's language tag starts with ``en`` (Chinese is read as well):

* Digits may take a scale word: 2.2 trillion, 1.5 million, 300 billion, 3bn, 3 thousand.
  "45 percent" is 45 (the word is its unit, see ``units``), like 45%.
* about, around, approximately, roughly, some, circa, "or so" are APPROXIMATELY; nearly,
  almost and "close to" AT_MOST and APPROXIMATELY; just under, less than, fewer than, under,
  below, up to, at most, no more than, "or less" AT_MOST; more than, over, "in excess of"
  MORE_THAN and AT_LEAST; above, exceeding, upwards of AT_LEAST and MORE_THAN; at least, no
  less than, "or more", "and above" AT_LEAST.
* fell, decreased, declined, dropped, shrank, slid, down (by) N and "a decline of N" are
  declines; rose, increased, grew, climbed, jumped, gained, up (by) N increases; "fell to N"
  and "rose from N" are levels.
* A currency may stand between the words and the number: about $3 billion, 约人民币3亿元.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Context, Decimal
from enum import Enum
from functools import lru_cache

from .patterns import lazy_pattern as _lazy
from .units import joins_a_list, read_unit_after

__all__ = ["Qualifier", "Quantity", "find_quantities", "parse_quantity", "quantities_of"]


class Qualifier(str, Enum):
    """How the printed number bounds the true value."""

    EXACT = "exact"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    AT_MOST = "at-most"
    APPROXIMATELY = "approximately"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a string; ``text`` is always ``source[start:end]``.

    ``start`` and ``end`` span the number with the markers read as part of it since the first
    format: 超, 超过 and 前 right before it, 余, 多, % and 以上/以下/以内 right after it.
    ``cue_start`` and ``cue_end`` widen that span over the other words that set ``direction``
    or the qualifier (下降 in 同比下降3.5%); they equal ``start`` and ``end`` when none did.

    ``direction`` is -1 for a decrease (下降3.5%, -3.5), +1 for an increase (增长3.5%), 0
    otherwise, levels included (降至3.5%). ``value`` is the number as written, negative only
    when written with a sign; ``signed_value`` applies the direction.

    ``qualifier`` is the most natural reading of the words and ``accepts`` every qualifier
    they justify; it always holds ``qualifier``. Built from the first five fields alone, a
    quantity accepts just its qualifier and its cue is its span.
    """

    value: float
    qualifier: Qualifier
    start: int
    end: int
    text: str
    direction: int = 0
    accepts: frozenset[Qualifier] = frozenset()
    cue_start: int = -1
    cue_end: int = -1

    def __post_init__(self) -> None:
        object.__setattr__(self, "accepts", self.accepts | {self.qualifier})
        if self.cue_start < 0:
            object.__setattr__(self, "cue_start", self.start)
        if self.cue_end < 0:
            object.__setattr__(self, "cue_end", self.end)

    @property
    def signed_value(self) -> float:
        """The value as a change: 下降3.5% is -3.5, 增长-3.5% is -3.5, 下降-3.5% is 3.5."""
        if self.direction < 0:
            return -abs(self.value)
        if self.direction > 0:
            return abs(self.value)
        return self.value


# Full-width digits and signs read as ASCII, and the minus signs as one. Each maps to exactly
# one character, so indices into the folded string are indices into the original.
_FOLD = str.maketrans(
    {chr(0xFF10 + d): str(d) for d in range(10)}
    | {"．": ".", "％": "%", "－": "-", "−": "-", "﹣": "-", "＄": "$", "￡": "£"}
)

_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3,
    "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 1, "百": 2, "千": 3}  # exponents of ten
_UNIT_EXPONENTS = _SMALL_UNITS | {"万": 4, "亿": 8}

# The digits of a decimal fraction: 两 counts things, it is no digit (三点两 is not 3.2).
_FRACTION_DIGITS = "〇零一二三四五六七八九"

# 千 and 百 that begin a unit word (千米, 千克, 千瓦, 千伏, 百分点) are not numerals.
_NOT_A_UNIT_WORD = "(?!千[米克瓦伏]|百分点)"
_NUMERAL = f"{_NOT_A_UNIT_WORD}[〇零一二两三四五六七八九十百千万亿]"
_FIRST_NUMERAL = f"{_NOT_A_UNIT_WORD}[〇零一二两三四五六七八九十百千]"

# A multiplier after a number: 万, 亿, 千万, 百亿, 万亿, 千万亿 ... but not the word 亿万.
_MULT = f"(?=[十百千万亿]){_NOT_A_UNIT_WORD}[十百千]?万?亿?"
_MULT_RE = _lazy(_MULT)

# A minus sign, but not the hyphen of a range (3-5), a date (2020-12-29) or a name (COVID-19);
# 负 as a sign, but not in 肩负, 担负, 胜负, 正负 (plus or minus) and the like.
_SIGN = r"(?<![0-9A-Za-z.,\-])-(?=[0-9])|(?<![肩担背辜抱胜正欺自])负(?=[0-9〇零一二两三四五六七八九十百千]|百分之)"

# English scale words after digits (2.2 trillion, 3bn); read only in English reports.
_SCALES = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "bn": 9, "trillion": 12}
_ENGLISH_SCALE = rf"\s*(?P<scale>(?i:{'|'.join(_SCALES)}))(?![A-Za-z])"
_NO_SCALE = "(?P<scale>(?!))"  # a group that never matches, so Chinese reading has the same groups


def _number_pattern(scale: str) -> Callable[[], re.Pattern[str]]:
    # The Chinese run is capped: no real numeral is longer, and the cap keeps a long run of
    # numeral characters linear when its parse stops early and the search resumes inside it.
    return _lazy(
        rf"""
        (?P<first>首位)
        |
        (?P<sign>{_SIGN})?
        (?P<per_cent_word>百分之)?
        (?:
            # Digits glued to letters or after a point belong to a name or a unit: PM2.5, km2.
            (?<![A-Za-z0-9.])
            (?P<arabic>[0-9]{{1,3}}(?:,[0-9]{{3}}(?![0-9]))+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)
            (?:{scale})?
          | (?P<chinese>{_FIRST_NUMERAL}{_NUMERAL}{{0,31}})
            # A decimal: 点 then digits one by one (九十六点七). The fraction takes every digit
            # that follows (no backtracking to a shorter one), and a bare 十, 百 or 千 after it
            # makes a time of day (八点五十) or a quarter (两点三刻), not a decimal.
            (?:(?<![万亿])点(?P<fraction>[{_FRACTION_DIGITS}]+)(?![{_FRACTION_DIGITS}刻]|[十百千](?![万亿])))?
        )
        (?: (?P<mid>[余多])(?P<mult_after_mid>{_MULT})?
          | (?P<mult>{_MULT})(?P<post>[余多])?
        )?
        (?P<per_cent>%)?
        (?P<bound>以上|以下|以内)?
        """,
        re.VERBOSE,
    )


_CHINESE_NUMBER = _number_pattern(_NO_SCALE)
_ENGLISH_NUMBER = _number_pattern(_ENGLISH_SCALE)

_DECLINE_VERBS = "负增长|下降|减少|降低|回落|下滑|下跌|缩小|缩减|削减|压减|减小|下调|收窄|减|降|跌"
_RISE_VERBS = "增长|增加|提高|上升|上涨|扩大|提升|攀升|上调|增多|增|涨"

_A, _AT_MOST, _AT_LEAST, _MORE = (
    Qualifier.APPROXIMATELY,
    Qualifier.AT_MOST,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
)
_Reading = tuple[Qualifier, frozenset[Qualifier]]  # the natural qualifier, and all it accepts


def _reading(natural: Qualifier, *also: Qualifier) -> _Reading:
    return natural, frozenset({natural, *also})


# Markers before a number and how they bound it.
_MARKERS_BEFORE: dict[str, _Reading] = {
    **dict.fromkeys(["约", "约为", "约有", "约合", "约占", "大约", "大概", "大致"], _reading(_A)),
    **dict.fromkeys(["近", "将近", "接近", "逼近"], _reading(_AT_MOST, _A)),
    **dict.fromkeys(
        ["不到", "不足", "未达", "未达到", "未满", "不满", "低于", "少于", "不超过", "未超过", "不高于",
         "不多于", "最多", "至多", "前"],
        _reading(_AT_MOST),
    ),
    **dict.fromkeys(["超过", "超", "逾"], _reading(_MORE, _AT_LEAST)),
    **dict.fromkeys(["首次突破", "突破", "高于"], _reading(_AT_LEAST, _MORE)),
    **dict.fromkeys(["至少", "最少", "不低于", "不少于"], _reading(_AT_LEAST)),
}  # fmt: skip

# Words that end in a marker's first character without being one: 节约, 签约, 最近, 附近, 目前.
_NOT_A_MARKER_AFTER = {
    "约": "节制契预邀相公条简集签履违特赴爽守合立缔解续盟践租失誓隐婉",
    "近": "最附靠邻亲就贴远新临",
    "前": "目当此之以提空事眼向面跟",
}


def _marker_alternation() -> str:
    words = []
    for word in sorted(_MARKERS_BEFORE, key=len, reverse=True):
        guard = _NOT_A_MARKER_AFTER.get(word[0])
        words.append(f"(?<![{guard}]){word}" if guard else word)
    return "|".join(words)


# A currency written between the words and the number (约人民币3亿元, about $3 billion).
_CURRENCY = r"(?:US\$|HK\$|\$|£|€|¥|￥|人民币|(?<![A-Za-z])(?:RMB|CNY|USD|GBP|EUR)(?![A-Za-z]))\s*"

# The words before a number that say what it is: a verb of change, then the filler between
# it and the number (了, 幅度为, 达), or a target (到, 至, 为, 成) that makes it a level; then
# a marker. Read backwards from the number: anchored at its start, the first (leftmost)
# match is the longest cue.
_CUE = _lazy(
    rf"""
    (?:
        (?:(?P<fall>{_DECLINE_VERBS})|(?P<rise>{_RISE_VERBS}))
        (?:(?P<level>[到至为成])了?|了|幅度?(?:为|达到?|是)?|达到?)?
    )?
    (?P<marker>{_marker_alternation()})?
    (?:{_CURRENCY})?
    \Z
    """,
    re.VERBOSE,
)

# English cues: fell (by) 3%, a decline of 3%, down 3%, rose to 5% (a level), more than 3,000.
_ENGLISH_FALLS = (
    "fell|fallen|falls?|falling|decreased|decreases?|decreasing|declined|declines?|declining"
    "|dropped|drops?|dropping|shrank|shrunk|shrinks?|shrinking|slid|slides?|sliding|down"
)
_ENGLISH_RISES = (
    "rose|risen|rises?|rising|increased|increases?|increasing|grew|grown|grows?|growing|growth"
    "|climbed|climbs?|climbing|jumped|jumps?|jumping|gained|gains?"
    r"|up(?!\s+to(?![A-Za-z]))"  # up 3%, but up to 3% is a bound
)
_ENGLISH_MARKERS: dict[str, _Reading] = {
    **dict.fromkeys(
        ["about", "around", "approximately", "roughly", "some", "circa", "an estimated", "or so"], _reading(_A)
    ),
    **dict.fromkeys(["nearly", "almost", "close to"], _reading(_AT_MOST, _A)),
    **dict.fromkeys(
        ["just under", "less than", "fewer than", "under", "below", "up to", "at most", "no more than",
         "not more than", "or less", "or fewer"],
        _reading(_AT_MOST),
    ),
    **dict.fromkeys(["more than", "over", "just over", "well over", "in excess of"], _reading(_MORE, _AT_LEAST)),
    **dict.fromkeys(["above", "exceeding", "upwards of"], _reading(_AT_LEAST, _MORE)),
    **dict.fromkeys(
        ["at least", "no less than", "no fewer than", "not less than", "or more", "and above", "and over"],
        _reading(_AT_LEAST),
    ),
}  # fmt: skip
_ENGLISH_AFTER = ["or so", "or less", "or fewer", "or more", "and above", "and over"]


def _english_words(words: list[str]) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


_ENGLISH_CUE = _lazy(
    rf"""
    (?:
        (?<![A-Za-z])(?:(?P<fall>{_ENGLISH_FALLS})|(?P<rise>{_ENGLISH_RISES}))\s+
        (?:(?P<level>to|from)\s+|(?:by|of)\s+)?
    )?
    (?:(?<![A-Za-z])(?P<marker>{_english_words([w for w in _ENGLISH_MARKERS if w not in _ENGLISH_AFTER])})\s+)?
    (?:{_CURRENCY})?
    \Z
    """,
    re.VERBOSE | re.IGNORECASE,
)
_ENGLISH_BOUND_AFTER = _lazy(rf"\s*(?P<marker>{_english_words(_ENGLISH_AFTER)})(?![A-Za-z])", re.IGNORECASE)
_CUE_REACH = 24  # characters before a number searched for its cue; real cues are shorter

# The markers that were part of a quantity's text before cues were read apart from it.
_MARKERS_IN_TEXT = frozenset({"超", "超过", "前"})

# Markers after a number, or after the unit word that follows it (1万人以上, 3000人左右).
# 以上, 以下 and 以内 right after the number are part of its text, as they always were.
_MARKERS_AFTER: dict[str, _Reading] = {
    **dict.fromkeys(["以上", "及以上"], _reading(_AT_LEAST)),
    **dict.fromkeys(["以下", "及以下", "以内", "之内", "内"], _reading(_AT_MOST)),
    **dict.fromkeys(["左右", "上下"], _reading(_A)),
    **dict.fromkeys(["多", "余"], _reading(_MORE)),
}
_BOUND_AFTER = _lazy(
    r"""\s*(?P<marker>
        及以上|及以下|以上|以下|以内|之内|左右
      | 上下(?![\u4e00-\u9fff])|上下(?=的)     # not 上下游, 上下联动, 上下同心
      | 内                                     # after a unit only: 3天内, 5个工作日内
      | [多余](?![次项个种家部方名位人样元少么彩媒])  # after a duration only: 3个多月, 1年多
    )""",
    re.VERBOSE,
)
_AFTER_A_UNIT_ONLY = frozenset({"内", "多", "余"})

# Which qualifier names a quantity whose words give several: 超过30%以上 is more than 30.
_PRECEDENCE = (_MORE, _AT_LEAST, _AT_MOST, _A)

# Exact decimal arithmetic up to float precision; traps off because nothing here may raise.
_DECIMAL = Context(prec=40, traps=[])


def _parse_chinese(run: str) -> tuple[int, int]:
    """Value of the longest readable prefix of ``run`` and that prefix's length.

    ``run`` starts with a digit or 十/百/千, so the prefix is never empty.
    """
    leading = 0
    while leading < len(run) and run[leading] in _DIGITS:
        leading += 1
    if leading >= 2:
        # Written digit by digit (二〇三五), maybe with a multiplier (一〇〇万).
        value = 0
        for char in run[:leading]:
            value = value * 10 + _DIGITS[char]
        mult = _MULT_RE().match(run, leading)
        if mult is None:
            return value, leading
        return value * 10 ** sum(_UNIT_EXPONENTS[c] for c in mult.group()), mult.end()
    if run[0] in "〇零":
        return 0, 1

    above_wan = 0  # everything up to and including the last 亿
    wan = 0  # coefficient of 万 since the last 亿
    section = 0  # below 万
    digit: int | None = None  # a digit still waiting for its unit
    digit_unit: int | None = None  # exponent of the unit just before ``digit``, for 一万五
    last_unit: int | None = None
    last_small = 4  # within a section the small units fall: 千, then 百, then 十
    seen_wan = seen_yi = after_zero = False
    consumed = 0
    for index, char in enumerate(run):
        if char in _DIGITS:
            if digit is not None or (after_zero and _DIGITS[char] == 0):
                break
            if _DIGITS[char] == 0:
                # 零 only marks a gap (一百零五); it is no digit, and trails no span.
                after_zero = True
                continue
            digit = _DIGITS[char]
            digit_unit = None if after_zero else last_unit
        else:
            exponent = _UNIT_EXPONENTS[char]
            if exponent < 4:
                # A bare 百 or 千 only opens a section (百亿); a bare 十 may close one (一百十).
                if exponent >= last_small or (digit is None and section and char != "十"):
                    break
                section += (1 if digit is None else digit) * 10**exponent
                last_small = exponent
            elif exponent == 4:
                coefficient = section + (digit or 0)
                if seen_wan or not coefficient:
                    break
                wan, section, last_small, seen_wan = coefficient, 0, 4, True
            else:
                coefficient = wan * 10**4 + section + (digit or 0)
                if seen_yi or not coefficient:
                    break
                above_wan = coefficient * 10**8
                wan, section, last_small, seen_wan, seen_yi = 0, 0, 4, False, True
            digit, last_unit = None, exponent
        after_zero = False
        consumed = index + 1

    if digit is not None and digit_unit is not None:
        digit *= 10 ** (digit_unit - 1)
    return above_wan + wan * 10**4 + section + (digit or 0), consumed


@dataclass(frozen=True, slots=True)
class _Cue:
    """The words before a number: where they begin, whether they hold a verb of change, the
    direction it gives (0 for a level), and a marker with where it begins."""

    start: int
    has_verb: bool
    direction: int
    marker: _Reading | None
    marker_word: str
    marker_start: int


def _cue_before(folded: str, floor: int, number_start: int, english: bool) -> _Cue:
    """The cue that ends where the number begins, looked for no further back than ``floor``."""
    window_start = max(floor, number_start - _CUE_REACH)
    match = _CUE().search(folded, window_start, number_start)
    markers = _MARKERS_BEFORE
    if english and not (match and (match["fall"] or match["rise"] or match["marker"])):
        match = _ENGLISH_CUE().search(folded, window_start, number_start)
        markers = _ENGLISH_MARKERS
    if match is None or not (match["fall"] or match["rise"] or match["marker"]):
        return _Cue(number_start, False, 0, None, "", number_start)
    direction = 0 if match["level"] else -1 if match["fall"] else 1 if match["rise"] else 0
    word = " ".join(match["marker"].lower().split()) if match["marker"] else ""
    marker_start = match.start("marker") if word else number_start
    has_verb = bool(match["fall"] or match["rise"])
    return _Cue(match.start(), has_verb, direction, markers.get(word), word, marker_start)


def _bounds(readings: list[_Reading], top_n: bool) -> _Reading:
    """The natural qualifier and every accepted one, from the readings of all the markers."""
    if not readings:
        return _reading(Qualifier.EXACT)
    accepts = frozenset().union(*(accepted for _, accepted in readings))
    if top_n:  # 前三 is within the top three, whatever else is said
        return _AT_MOST, accepts
    naturals = {natural for natural, _ in readings}
    return next(q for q in _PRECEDENCE if q in naturals), accepts


def _markers_after(
    folded: str, match: re.Match[str], end: int, complete: bool, english: bool
) -> tuple[_Reading, int] | None:
    """A marker after the number's text, maybe past its unit word (3000人左右, 1万人以上, 3个多月),
    and where it ends; None when there is none or the number was not read whole."""
    if not complete or match["bound"]:
        return None
    unit = read_unit_after(folded, end)
    if unit is not None and ("多" in unit.text or "余" in unit.text):  # 3个多月: 多 inside the word
        return _MARKERS_AFTER["多"], unit.end
    bound = _BOUND_AFTER().match(folded, unit.end if unit else end)
    if bound is None and english:
        bound = _ENGLISH_BOUND_AFTER().match(folded, unit.end if unit else end)
        if bound is not None:
            return _ENGLISH_MARKERS[" ".join(bound["marker"].lower().split())], bound.end()
    if bound is None:
        return None
    marker = bound["marker"]
    if marker in _AFTER_A_UNIT_ONLY and (unit is None or (marker != "内" and not unit.counts_time)):
        return None
    return _MARKERS_AFTER[marker], bound.end()


def _read_number(match: re.Match[str]) -> tuple[float | None, int, bool]:
    """The value ``match`` describes, where it ends, and whether its Chinese run read whole.

    The end falls short of ``match.end()`` when a Chinese run reads only in part (十四五 reads
    十四); the markers after the run then belong to nothing. The value is None when it does
    not fit a float.
    """
    complete = True
    end = match.end()
    if match["first"]:
        number = Decimal(1)
    elif match["arabic"]:
        number = _DECIMAL.create_decimal(match["arabic"].replace(",", ""))
    else:
        integer, consumed = _parse_chinese(match["chinese"])
        number = Decimal(integer)
        if consumed < len(match["chinese"]):
            complete = False
            end = match.start("chinese") + consumed
        elif match["fraction"]:
            fraction = "".join(str(_DIGITS[char]) for char in match["fraction"])
            number = _DECIMAL.create_decimal(f"{integer}.{fraction}")

    if complete:
        mult = match["mult"] or match["mult_after_mid"] or ""
        scale = _SCALES[match["scale"].lower()] if match["scale"] else 0
        number = number.scaleb(scale + sum(_UNIT_EXPONENTS[c] for c in mult), _DECIMAL)
    if match["sign"]:
        number = -number
    value = float(number)
    return (value if math.isfinite(value) else None), end, complete


@dataclass(frozen=True, slots=True)
class _Found:
    """A quantity, and whether words of its own (not a list's) gave it its direction."""

    quantity: Quantity
    own_direction: bool
    word_direction: int


def _read_quantity(
    match: re.Match[str], source: str, folded: str, floor: int, english: bool
) -> tuple[_Found | None, int]:
    """The quantity ``match`` and the words around it describe, and where reading goes on."""
    value, end, complete = _read_number(match)
    if value is None:
        return None, end
    cue = _cue_before(folded, floor, match.start(), english)
    # 超, 超过 and 前 stay in the text, as they always were (超百亿, 前三).
    start = cue.marker_start if cue.marker_word in _MARKERS_IN_TEXT else match.start()
    sign = -1 if match["sign"] else 1
    direction = cue.direction * sign if cue.direction else (-1 if sign < 0 else 0)
    readings = [cue.marker] if cue.marker else []
    if complete and (match["mid"] or match["post"]):
        readings.append(_MARKERS_AFTER["多"])
    if complete and match["bound"]:
        readings.append(_MARKERS_AFTER[match["bound"]])
    after = _markers_after(folded, match, end, complete, english)
    if after is not None:
        readings.append(after[0])
    qualifier, accepts = _bounds(readings, cue.marker_word == "前")
    quantity = Quantity(
        value,
        qualifier,
        start,
        end,
        source[start:end],
        direction=direction,
        accepts=accepts,
        cue_start=min(cue.start, start),
        cue_end=after[1] if after else end,
    )
    return _Found(quantity, cue.has_verb or sign < 0, cue.direction), quantity.cue_end


def _share_list_directions(found: list[_Found], folded: str) -> list[Quantity]:
    """Give a list's later numbers the verb of its first: 分别增长3.3%、2.1%和0.5%."""
    quantities: list[Quantity] = []
    inherited = 0
    previous_end = -1
    for item in found:
        quantity = item.quantity
        in_list = previous_end >= 0 and joins_a_list(folded, previous_end, quantity.cue_start)
        if item.own_direction or not in_list:
            inherited = item.word_direction
        elif inherited:
            quantity = replace(quantity, direction=inherited)
        quantities.append(quantity)
        # A list's items may each carry a unit (分别减少1240万人、1289万人): the next item
        # follows the unit word, not the number.
        unit = read_unit_after(folded, quantity.end)
        previous_end = max(quantity.cue_end, unit.end if unit is not None else -1)
    return quantities


def parse_quantity(text: str, language: str = "zh") -> Quantity | None:
    """Parse a string that is exactly one quantity and the words before it (after stripping
    surrounding white space): 66万, 超百亿, 下降3.5%.

    None if it is not, including when a measure word follows (``66万户``).
    """
    begin = len(text) - len(text.lstrip())
    stop = len(text.rstrip())
    found = find_quantities(text, language)
    if len(found) != 1:
        return None
    quantity = found[0]
    return quantity if (quantity.cue_start, quantity.end, quantity.cue_end) == (begin, stop, stop) else None


def find_quantities(text: str, language: str = "zh") -> list[Quantity]:
    """Every quantity in running text, left to right, non-overlapping, spans pointing into `text`.

    ``language`` is the report's BCP 47 tag: one starting with ``en`` reads English numbers
    and words (2.2 trillion, more than, fell by) besides Chinese ones.
    """
    return list(quantities_of(text, language))


def quantities_of(text: str, language: str = "zh") -> tuple[Quantity, ...]:
    """`find_quantities`, remembered: a paragraph's numbers are wanted by the drafter, then
    by the check of each of its metrics, then by the builder's check of the same metrics."""
    return _quantities(text, language.lower().startswith("en"))


@lru_cache(maxsize=4096)
def _quantities(text: str, english: bool) -> tuple[Quantity, ...]:
    pattern = _ENGLISH_NUMBER() if english else _CHINESE_NUMBER()
    folded = text.translate(_FOLD)
    found: list[_Found] = []
    position = floor = 0
    while (match := pattern.search(folded, position)) is not None:
        item, position = _read_quantity(match, text, folded, floor, english)
        if item is not None:
            found.append(item)
            floor = item.quantity.cue_end
    return tuple(_share_list_directions(found, folded))
