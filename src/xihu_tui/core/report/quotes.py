"""Does a metric say what its words say? The checks behind `xihu-tui check`, one figure at a time.

A metric quotes the words of its paragraph that state it. These functions read those
words and compare: the number (which one, when the quote holds several), its sign (a
decline, 下降3.5%, is -3.5), the qualifier the words justify (约, 不到, 超过), the unit they
name (14.1亿人 is people, not 公里), and which occurrence of the quote is meant when the
paragraph repeats it. A series point is checked the same way.

Format 1 reports are read as they were written: a decline's value was its size (3.5 for
下降3.5%, kept as -3.5 in the model), and a quote could be ambiguous. Format 2 asks the
file to say the sign, the number and the occurrence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..text.numbers import Qualifier, Quantity, quantities_of
from ..text.units import UnitWord, unit_agrees, unit_of
from .problems import quoted

__all__ = ["Disagreement", "Stated", "check_metric_words", "check_series", "occurrences"]

QUALIFIER_WORDS = {
    Qualifier.EXACT: "exact",
    Qualifier.MORE_THAN: "more than (余/多/超/超过/逾)",
    Qualifier.AT_LEAST: "at least (以上/突破/超过/逾/至少)",
    Qualifier.AT_MOST: "at most (不到/不足/近/以内/以下/前N)",
    Qualifier.APPROXIMATELY: "approximately (约/左右/上下/近)",
}


@dataclass(frozen=True, slots=True)
class Stated:
    """What a metric's words state, as found when they were checked."""

    written: str
    """The words of the quote that state the number (`66万`, `下降3.5%` states `3.5%`)."""
    value: float
    """The value as the model keeps it: signed, a decline below zero."""
    quote_at: int
    """Where the quote starts in its paragraph."""
    number: int
    """Which number of the quote states the value (1 is the first)."""
    occurrence: int
    """Which occurrence of the quote in the paragraph is meant (1 is the first)."""
    number_needed: bool = False
    """The quote holds more than one number that could be this metric's: format 2 asks which."""
    occurrence_needed: bool = False
    """The paragraph holds the quote more than once: format 2 asks which."""


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A key of the metric (or series point) that disagrees with its words, and how."""

    key: str
    message: str


def occurrences(text: str, quote: str) -> list[int]:
    """Every offset at which `quote` starts in `text`, overlapping ones included."""
    found: list[int] = []
    start = text.find(quote)
    while start >= 0 and quote:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def _said(quote: str, stated: Sequence[Quantity]) -> str:
    return ", ".join(f"{quote[q.start : q.end]} = {_number(q.signed_value)}" for q in stated)


def _numbered(quote: str, stated: Sequence[Quantity]) -> str:
    return " ".join(f"{n}) {quote[q.start : q.end]}" for n, q in enumerate(stated, 1))


def _agrees(quantity: Quantity, value: float, version: int) -> bool:
    """Whether the quantity states `value`: signed in format 2; in format 1 a decline's size also."""
    if _close(quantity.signed_value, value):
        return True
    return version == 1 and _close(quantity.value, value)


def check_metric_words(
    paragraph: str,
    quote: str,
    value: float,
    unit: str,
    qualifier: Qualifier,
    *,
    number: int | None = None,
    occurrence: int | None = None,
    version: int,
    language: str = "zh",
) -> tuple[Stated | None, list[Disagreement]]:
    """Check a metric's value, qualifier, unit, `number` and `occurrence` against its words.

    The quote is known to be in the paragraph. Returns what the words state (None when no
    number of the quote can be the value) and every disagreement.
    """
    stated, problems = _check_words(
        paragraph, quote, value, unit, qualifier, number, occurrence, version, language
    )
    return stated, list(problems)  # a copy: the remembered list is never handed out


@lru_cache(maxsize=16384)
def _check_words(
    paragraph: str,
    quote: str,
    value: float,
    unit: str,
    qualifier: Qualifier,
    number: int | None,
    occurrence: int | None,
    version: int,
    language: str,
) -> tuple[Stated | None, list[Disagreement]]:
    """`check_metric_words`, remembered: a drafted report's metrics are checked as they are
    drafted and again as the report is built from them, and a reloaded report's unchanged
    metrics are the same questions asked again. The answer depends on the arguments alone."""
    problems: list[Disagreement] = []
    starts = occurrences(paragraph, quote)
    occurrence_needed = len(starts) > 1
    if occurrence is not None and occurrence > len(starts):
        times = "once" if len(starts) == 1 else f"{len(starts)} times"
        problems.append(
            Disagreement("occurrence", f"occurrence = {occurrence}, but the quote occurs {times}")
        )
        occurrence = None
    elif occurrence is None and occurrence_needed and version >= 2:
        problems.append(
            Disagreement(
                "occurrence",
                f"the quote occurs {len(starts)} times in its paragraph: say which with "
                "occurrence = N (1 is the first), or quote more words",
            )
        )
    quote_at = starts[(occurrence or 1) - 1]

    stated = _in_context(quantities_of(quote, language), paragraph, quote_at, language)
    if not stated:
        return None, [*problems, Disagreement("quote", f"quote {quote!r} states no number")]
    number_needed = len(_peers(stated, unit, paragraph, quote, quote_at, language)) > 1
    if number is not None:
        if number > len(stated):
            count = "one number" if len(stated) == 1 else f"{len(stated)} numbers"
            message = f"number = {number}, but the quote states {count}: {_numbered(quote, stated)}"
            return None, [*problems, Disagreement("number", message)]
        chosen = stated[number - 1]
        if not _agrees(chosen, value, version):
            said = _said(quote, [chosen])
            return None, [
                *problems,
                Disagreement(
                    "value", f"{_number(value)} disagrees with number {number} of the quote: {said}"
                ),
            ]
    else:
        matching = [q for q in stated if _agrees(q, value, version)]
        if not matching:
            return None, [*problems, _value_disagreement(quote, stated, value, version)]
        chosen = matching[0]
        if number_needed and version >= 2:
            problems.append(
                Disagreement(
                    "number",
                    f"the quote states {len(stated)} numbers ({_numbered(quote, stated)}): "
                    "say which this metric is with number = N",
                )
            )

    if qualifier not in chosen.accepts:
        said = " or ".join(QUALIFIER_WORDS[q] for q in Qualifier if q in chosen.accepts)
        problems.append(
            Disagreement("qualifier", f"{qualifier.value!r} disagrees with the quote, which says {said}")
        )
    word = _unit_word(chosen, paragraph, quote, quote_at, language)
    written = quote[chosen.start : chosen.end]
    if word is not None and not unit_agrees(unit, word):
        problems.append(
            Disagreement(
                "unit",
                f"{quoted(unit)} disagrees with the quote, which counts in {quoted(word.text)} "
                f"({written}{word.text})",
            )
        )
    stated_as = Stated(
        written,
        chosen.signed_value,
        quote_at,
        number=stated.index(chosen) + 1,
        occurrence=occurrence or 1,
        number_needed=number_needed,
        occurrence_needed=occurrence_needed,
    )
    return stated_as, problems


def _in_context(stated: Sequence[Quantity], paragraph: str, quote_at: int, language: str) -> list[Quantity]:
    """Each number of the quote, with its sign and qualifiers as the paragraph reads them: the
    words just outside a quote can change them (不超过30% quoted as 超过30%, 节约3万元 as
    约3万元, the 增长 of 增长3.3%、2.1% for a quote of 2.1%). Spans stay the quote's."""
    around = quantities_of(paragraph, language)
    read = []
    for quantity in stated:
        start, end = quote_at + quantity.start, quote_at + quantity.end
        found = next((p for p in around if p.start < end and start < p.end), None)
        if found is None or found.value != quantity.value:
            read.append(quantity)
        else:
            read.append(
                replace(
                    quantity,
                    qualifier=found.qualifier,
                    accepts=found.accepts,
                    direction=found.direction,
                )
            )
    return read


def _value_disagreement(quote: str, stated: Sequence[Quantity], value: float, version: int) -> Disagreement:
    if version >= 2:
        for q in stated:
            if _close(q.value, abs(value)) and q.direction < 0 < value:
                return Disagreement(
                    "value",
                    f"the quote states a decline ({quote[min(q.cue_start, q.start) : q.end]}): write it as "
                    f"value = {_number(q.signed_value)}",
                )
            if _close(q.value, abs(value)) and value < 0 <= q.signed_value:
                return Disagreement(
                    "value",
                    f"{_number(value)} is below zero, but the quote states no decline "
                    f"({quote[q.start : q.end]}): write value = {_number(q.value)}",
                )
    return Disagreement(
        "value", f"{_number(value)} disagrees with the quote, which says {_said(quote, stated)}"
    )


def _paragraph_quantity(
    quantity: Quantity, paragraph: str, quote_at: int, language: str
) -> tuple[Quantity, Sequence[Quantity]] | None:
    """The same number as the paragraph reads it, and the paragraph's numbers: its unit or
    its list may lie outside the quote (`14.1亿` quoted from `14.1亿人`)."""
    everything = quantities_of(paragraph, language)
    start = quote_at + quantity.start
    for found in everything:
        if found.start == start:
            return found, everything
    return None


def _unit_word(
    quantity: Quantity, paragraph: str, quote: str, quote_at: int, language: str
) -> UnitWord | None:
    in_paragraph = _paragraph_quantity(quantity, paragraph, quote_at, language)
    if in_paragraph is not None:
        found, everything = in_paragraph
        return unit_of(paragraph, found, everything)
    return unit_of(quote, quantity, quantities_of(quote, language))


def _peers(
    stated: Sequence[Quantity], unit: str, paragraph: str, quote: str, quote_at: int, language: str
) -> list[Quantity]:
    """The numbers of the quote that could each be this metric's: those the words give the
    metric's unit, or, when the words give none, those written in digits. A numeral inside a
    word (一线, 百强区) names no unit and is not a figure."""
    peers = []
    for quantity in stated:
        word = _unit_word(quantity, paragraph, quote, quote_at, language)
        if word is not None:
            if unit_agrees(unit, word):
                peers.append(quantity)
        elif any(character.isdigit() and character.isascii() for character in quantity.text):
            peers.append(quantity)
    return peers


# -- series ---------------------------------------------------------------------------------

_PERIOD = re.compile(r"\s*(\d{4})\s*(?:年)?\s*(?:(?:Q|第)?\s*(\d{1,2})\s*(?:月|季度|季)?)?")


def period_key(period: str) -> tuple[int, int] | None:
    """`2020` -> (2020, 0), `2020-03` or `2020年3月` -> (2020, 3); None for a period that is
    not read as a date (`十三五`), whose order is the author's."""
    found = _PERIOD.fullmatch(period.replace("-", " ").replace("/", " "))
    if found is None:
        return None
    return int(found.group(1)), int(found.group(2) or 0)


def check_series(
    periods: Sequence[str],
    values: Sequence[float],
    quotes: Sequence[str | None],
    paragraph: str,
    *,
    version: int,
    language: str = "zh",
) -> tuple[list[float], list[tuple[int, Disagreement]]]:
    """Check each point against the metric's paragraph: its own quote (in the paragraph,
    stating the value) or, without one, a number of the paragraph equal to the value. Periods
    must be unique and, where they read as dates, in order.

    Returns each point's value as the model keeps it (signed) and each disagreement with the
    index of its point.
    """
    problems: list[tuple[int, Disagreement]] = []
    signed: list[float] = []
    everything = quantities_of(paragraph, language)
    for index, (value, quote) in enumerate(zip(values, quotes, strict=True)):
        if quote is not None:
            if quote not in paragraph:
                problems.append(
                    (index, Disagreement("quote", f"quote {quoted(quote)} is not in the paragraph"))
                )
                signed.append(value)
                continue
            stated = quantities_of(quote, language)
        else:
            stated = everything
        matching = [q for q in stated if _agrees(q, value, version)]
        if matching:
            signed.append(matching[0].signed_value)
        elif quote is not None:
            signed.append(value)
            problems.append((index, _value_disagreement(quote, stated, value, version)))
        else:
            signed.append(value)
            problems.append(
                (
                    index,
                    Disagreement(
                        "value",
                        f"{_number(value)} is not a number of the metric's paragraph; "
                        'give the point the words that state it with quote = "…"',
                    ),
                )
            )
    seen: dict[str, int] = {}
    for index, period in enumerate(periods):
        if period in seen:
            problems.append(
                (
                    index,
                    Disagreement("period", f"period {quoted(period)} is already point {seen[period] + 1}"),
                )
            )
        seen.setdefault(period, index)
    keys = [period_key(period) for period in periods]
    for index in range(1, len(periods)):
        before, now = keys[index - 1], keys[index]
        if before is not None and now is not None and now < before:
            problems.append(
                (
                    index,
                    Disagreement(
                        "period",
                        f"period {quoted(periods[index])} comes after {quoted(periods[index - 1])}: "
                        "write the points in time order",
                    ),
                )
            )
    return signed, problems
