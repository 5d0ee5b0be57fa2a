"""Chinese quantities as a newspaper prints them: 66万户, 超百亿元, 30%以上, 二〇三五年.

The loader uses this to check that a metric's normalised ``value`` agrees with the quote it
came from. Callers only ask whether the expected value is among the quantities found, so
``find_quantities`` may over-match numerals inside words (一起, 一流 yield 1); the values of
real quantities, though, must be exact.

Decisions worth knowing:

* 十, 百 and 千 alone are 10, 100 and 1000, because reports write 百亿 and 千万 with no
  leading 一. 万 and 亿 without a coefficient are *not* quantities: alone they mostly occur in
  words (万一, 亿万), so ``parse_quantity("万")`` and ``parse_quantity("万亿")`` are None.
* A percentage keeps its number: ``96.7%`` is 96.7, not 0.967, matching how metrics record
  ``value = 96.7`` next to ``unit = "%"``.
* Colloquial abbreviations take the place value of the unit before them: 一万五 is 15000,
  二百五 is 250 (but 一百零五 is 105).
* ``parse_quantity`` wants the quantity and nothing else, so a measure word (户, 个, 元, 位)
  makes it None; quotes go through ``find_quantities``.
* Besides 余, 多, 超, 以上 and 前, the parser knows 超过 (MORE_THAN), 以下 and 以内
  (AT_MOST), and 百分之N (N, like N%).
* When a quantity carries more than one marker, 前 (AT_MOST) beats 超/余/多 (MORE_THAN),
  which beat 以上 (AT_LEAST) and 以下/以内 (AT_MOST).
* Values that do not fit a float (a 400-digit run) are dropped rather than reported as inf.
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
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Context, Decimal
from enum import Enum

__all__ = ["Qualifier", "Quantity", "find_quantities", "parse_quantity"]


class Qualifier(str, Enum):
    """How the printed number bounds the true value."""

    EXACT = "exact"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    AT_MOST = "at-most"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a string; ``text`` is always ``source[start:end]``."""

    value: float
    qualifier: Qualifier
    start: int
    end: int
    text: str


# Full-width digits and signs read as ASCII. Each maps to exactly one character, so indices
# into the folded string are indices into the original.
_FOLD = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)} | {"．": ".", "％": "%"})

_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3,
    "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 1, "百": 2, "千": 3}  # exponents of ten
_UNIT_EXPONENTS = _SMALL_UNITS | {"万": 4, "亿": 8}

# The digits of a decimal fraction: 两 counts things, it is no digit (三点两 is not 3.2).
_FRACTION_DIGITS = "〇零一二三四五六七八九"

# A multiplier after a number: 万, 亿, 千万, 百亿, 万亿, 千万亿 ... but not the word 亿万.
_MULT = "(?=[十百千万亿])[十百千]?万?亿?"
_MULT_RE = re.compile(_MULT)

# The Chinese run is capped: no real numeral is longer, and the cap keeps a long run of
# numeral characters linear when its parse stops early and the search resumes inside it.
_PATTERN = re.compile(
    rf"""
    (?P<first>首位)
    |
    # 前 as "top N", but not the 前 of 目前, 此前, 提前 ...
    (?P<prefix>超过?|(?<![目当此之以提空事眼向面跟])前)?
    (?P<per_cent_word>百分之)?
    (?:
        (?P<arabic>[0-9]{{1,3}}(?:,[0-9]{{3}}(?![0-9]))+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)
      | (?P<chinese>[〇零一二两三四五六七八九十百千][〇零一二两三四五六七八九十百千万亿]{{0,31}})
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
        mult = _MULT_RE.match(run, leading)
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


def _qualifier(match: re.Match[str], complete: bool) -> Qualifier:
    prefix = match["prefix"]
    if prefix == "前":
        return Qualifier.AT_MOST
    if prefix or (complete and (match["mid"] or match["post"])):
        return Qualifier.MORE_THAN
    if complete and match["bound"]:
        return Qualifier.AT_LEAST if match["bound"] == "以上" else Qualifier.AT_MOST
    return Qualifier.EXACT


def _from_match(match: re.Match[str], source: str) -> tuple[Quantity | None, int]:
    """The quantity ``match`` describes, and where it ends.

    The end falls short of ``match.end()`` when a Chinese run reads only in part (十四五 reads
    十四); the markers after the run then belong to nothing.
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
        number = number.scaleb(sum(_UNIT_EXPONENTS[c] for c in mult), _DECIMAL)
    value = float(number)
    if not math.isfinite(value):
        return None, end
    start = match.start()
    return Quantity(value, _qualifier(match, complete), start, end, source[start:end]), end


def parse_quantity(text: str) -> Quantity | None:
    """Parse a string that is exactly one quantity (after stripping surrounding white space).

    None if it is not, including when a measure word follows (``66万户``).
    """
    begin = len(text) - len(text.lstrip())
    stop = len(text.rstrip())
    match = _PATTERN.fullmatch(text.translate(_FOLD), begin, stop)
    if match is None:
        return None
    quantity, end = _from_match(match, text)
    return quantity if end == stop else None


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in running text, left to right, non-overlapping, spans pointing into `text`."""
    folded = text.translate(_FOLD)
    found: list[Quantity] = []
    position = 0
    while (match := _PATTERN.search(folded, position)) is not None:
        quantity, position = _from_match(match, text)
        if quantity is not None:
            found.append(quantity)
    return found
