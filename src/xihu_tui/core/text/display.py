"""Numbers and labels as a reader of a Chinese report expects to see them on screen,
and numbers as data for the JSON and CSV the command line writes.

Plain Python and pure: the UI formats with these, tests check them without a terminal.

* Values of ten thousand and more are written with 万, 亿 or 万亿 and at most four significant
  digits (660000 is 66万, 1.63e9 is 16.3亿), because that is how the report prints them and
  because a long run of zeros is hard to compare at a glance.
* Smaller values keep their decimals (96.7) and get thousands separators (1,600).
* NaN and infinities are "n/a": they come from bad data, never from the report itself.
"""

from __future__ import annotations

import math
from typing import Literal

from rich.cells import cell_len, get_character_cell_size

from .numbers import Qualifier
from .safe_text import visible

__all__ = [
    "decline_marked",
    "fit_cells",
    "format_number",
    "format_range",
    "full_number",
    "one_line",
    "plain_number",
    "qualifier_sign",
    "with_unit",
]

NOT_AVAILABLE = "n/a"

# Largest first: a value takes the largest unit it reaches once rounded.
_CHINESE_UNITS = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
_SIGNIFICANT = 4
_QUALIFIER_SIGNS = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: ">",
    Qualifier.AT_LEAST: "≥",
    Qualifier.AT_MOST: "≤",
    Qualifier.APPROXIMATELY: "≈",
}


def _rounded(value: float) -> float:
    return float(f"{value:.{_SIGNIFICANT}g}")


def format_number(value: float) -> str:
    """A short, readable rendering of `value`: 1,600, 96.7, 66万, 16.3亿, -3.5, n/a."""
    if not math.isfinite(value):
        return NOT_AVAILABLE
    sign = "-" if value < 0 else ""
    magnitude = abs(float(value))
    for size, suffix in _CHINESE_UNITS:
        # Rounding decides the unit, so 99,995,000 is 1亿 rather than 10,000万.
        scaled = _rounded(magnitude / size)
        if scaled >= 1:
            if scaled >= 1e4:  # beyond 万亿 Chinese has no everyday unit
                return f"{sign}{magnitude:.{_SIGNIFICANT}g}"
            return f"{sign}{scaled:,.{_SIGNIFICANT}g}{suffix}"
    if magnitude.is_integer():
        return f"{sign}{int(magnitude):,}"
    return f"{sign}{magnitude:,.6g}"


def full_number(value: float) -> str:
    """The normalised value in full, for tables: 660,000, 10,000,000,000 or 96.7."""
    if not math.isfinite(value):
        return NOT_AVAILABLE
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.15g}"


def plain_number(value: float) -> int | float | None:
    """The value as data: 660000 rather than 660000.0, 96.7, or None when it is not finite.

    A whole value becomes an int only while a float holds it exactly (below 2**53), so
    the int never claims digits the float does not have.
    """
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def with_unit(number: str, unit: str) -> str:
    """`number` followed by `unit`: "1,600 人", but "96.7%" as percentages are written."""
    if not unit:
        return number
    if unit[0] in "%‰":
        return f"{number}{unit}"
    return f"{number} {unit}"


def format_range(low: float, high: float, unit: str, *, to: str = " to ") -> str:
    """Both ends with the unit: 0–1,600 人, or -5 to 10 ℃ (`to` in the reader's language) so a
    minus and the dash cannot blur."""
    separator = to if low < 0 or high < 0 else "–"
    return with_unit(f"{format_number(low)}{separator}{format_number(high)}", unit)


def qualifier_sign(qualifier: Qualifier) -> str:
    """The sign before a bounded figure: > for 超500, ≥ for 500以上, ≤ for 500以内, ≈ for
    约500, none if exact."""
    return _QUALIFIER_SIGNS[qualifier]


SIGNED_WORDS = ("-", "−", "－", "﹣", "负")
"""How a written figure can carry its own sign: -3.5%, −3.5% (and the full-width and small
minus), 负3.5%."""


def decline_marked(written: str, value: float, mark: str) -> str:
    """The words that state a figure, with `mark` in front when the figure is a decline the
    words do not sign: the number of 下降9.4% is written 9.4%, which alone reads as a rise."""
    if value < 0 and not written.lstrip().startswith(SIGNED_WORDS):
        return mark + written
    return written


def one_line(text: str) -> str:
    """`text` on one line: line breaks and tabs folded into single spaces, and other control
    characters made visible (`safe_text.visible`).

    Labels come from user files; a stray newline must not break a one-line layout, and an
    escape character must not reach the terminal.
    """
    return " ".join(visible(text).split())


ELLIPSIS = "…"


def fit_cells(text: str, width: int, *, keep: Literal["start", "end"] = "start") -> str:
    """`text` in at most `width` terminal cells: as it is if it fits, else cut, with an
    ellipsis where it was cut. `keep="end"` keeps the end, for a section path whose last
    title is the one that matters ("…之三 › 推进党建工作").

    A wide character that would straddle the edge is left out, so the result may be a
    cell short of `width`.
    """
    if cell_len(text) <= width:
        return text
    if width < 1:
        return ""
    room = width - cell_len(ELLIPSIS)
    characters = text if keep == "start" else reversed(text)
    kept: list[str] = []
    for character in characters:
        room -= get_character_cell_size(character)
        if room < 0:
            break
        kept.append(character)
    if keep == "start":
        return "".join(kept) + ELLIPSIS
    while kept and not get_character_cell_size(kept[-1]):
        kept.pop()  # a combining mark whose letter was cut would land on the ellipsis
    return ELLIPSIS + "".join(reversed(kept))
