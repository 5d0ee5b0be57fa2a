"""The figures of an article's paragraphs, drafted as metrics a report can carry as written.

Each drafted metric is one that ``xihu-tui check`` accepts in a format 2 report: its quote is
words of its paragraph that occur there once and hold the whole number with the words that
sign and bound it (下降, 约, 以上), its value is what those words state, its unit agrees with
the unit word they give, and ``number`` says which number of the quote it is when the quote
holds more than one. That is built in rather than filtered: a quote is widened, clause by
clause, until it is unambiguous and reads its number as the paragraph does, so no figure the
drafter found is lost to the checks.

Which numbers are figures is ``candidates``' decision (years, dates, ordinals, list numbers
and names are not), the labels are ``labels``', and the 分别 lists and year-and-value runs are
``series``'. Here they are put together, and comparable metrics grouped:

* the numbers of one list (分别为……, 检查21万车次、49万人次) in one unit;
* otherwise, the metrics of one sentence in one unit that are all changes or all levels
  (食品价格上涨8.3%，衣着价格下降9.4%; 31位区领导……1600名医务人员……).

A series is attached to the metric of its latest period, and its other points are not
drafted as metrics of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..report.builder import FORMAT_VERSION
from ..report.quotes import check_metric_words, check_series
from ..text.numbers import Qualifier, quantities_of
from .candidates import Kind, Number, read_numbers
from .labels import (
    change_verb,
    clause_start,
    ends_in_counting_verb,
    label_before,
    noun_after,
    strip_change_verb,
    trim_label,
)
from .series import respectively_lists, year_runs

__all__ = ["DraftMetric", "draft_metrics"]


@dataclass(frozen=True, slots=True)
class DraftMetric:
    """A figure found in a paragraph, with the words that state it; see the module."""

    paragraph: int
    """Index of the paragraph in the paragraphs given to ``draft_metrics``."""
    label: str
    """A short label from the words around the number; never empty."""
    value: float
    """Signed and normalised: 1.6万亿 is 1.6e12, 下降3.5% is -3.5, 63.9% is 63.9."""
    unit: str
    """The unit as a report records it (人 for 名 and 位, 个百分点, 元); '' when the words name none."""
    qualifier: Qualifier
    """What the words say of the bound: 约 approximately, 超过 more-than, 前三位 at-most."""
    quote: str
    """Words of the paragraph that state the value, occurring there once."""
    number: int | None
    """Which number of the quote states the value (1 is the first), when it holds several."""
    group: str | None
    """Id shared by comparable metrics (g1, g2, …), or None."""
    series: tuple[tuple[str, float], ...] = ()
    """(period, signed value) points the paragraph states, in time order, the last this one."""
    group_label: str | None = None
    """A label for the group (the words before a 分别 list, or what the labels share)."""


# Measure words that count things named after them (引进60余家城市大脑生态企业).
_COUNTERS = frozenset("人户个家所座项条件辆台套张本篇场批株棵只头例处栋幢支份种类宗笔艘架枚")
_SENTENCE_BREAK = re.compile(r"[。；;！？!?\n]")
_LIST_GAP = re.compile(r"\s*(?:[、，,和及与或]|以及)\s*")


@dataclass(slots=True)
class _Plan:
    """How one number is drafted: its label, the words to quote, and its group or series."""

    label: str
    quote_start: int
    quote_end: int
    series: tuple[tuple[str, float], ...] = ()
    group_key: str | None = None
    group_label: str | None = None


def draft_metrics(paragraphs: Sequence[str], language: str = "zh-CN") -> list[DraftMetric]:
    """The metrics a careful author would draft from ``paragraphs``, paragraph by paragraph,
    in the order their numbers are written. ``language`` is the report's BCP 47 tag."""
    metrics: list[DraftMetric] = []
    next_group = 1
    for index, text in enumerate(paragraphs):
        drafted, next_group = _paragraph_metrics(index, text, language, next_group)
        # The last word is check's: a figure it would refuse is left for the author, never
        # written wrong (the rules above are heuristics; this gate is what the draft promises).
        metrics += [metric for metric in drafted if _checkable(metric, text, language)]
    return metrics


def _checkable(metric: DraftMetric, paragraph: str, language: str) -> bool:
    """Whether `check` accepts the metric as written in a format 2 report."""
    if not metric.unit.strip() or not metric.label.strip() or paragraph.count(metric.quote) != 1:
        return False  # the format requires a unit and a label, and a quote said once
    stated, problems = check_metric_words(
        paragraph,
        metric.quote,
        metric.value,
        metric.unit,
        metric.qualifier,
        number=metric.number,
        version=FORMAT_VERSION,
        language=language,
    )
    if stated is None or problems:
        return False
    if not metric.series:
        return True
    periods = [period for period, _ in metric.series]
    values = [value for _, value in metric.series]
    _, series_problems = check_series(
        periods, values, [None] * len(values), paragraph, version=FORMAT_VERSION, language=language
    )
    return not series_problems


def _paragraph_metrics(
    index: int, text: str, language: str, next_group: int
) -> tuple[list[DraftMetric], int]:
    numbers = read_numbers(text, language)
    if not any(number.kind is Kind.FIGURE for number in numbers):
        return [], next_group
    plans, skipped = _series_plans(text, numbers)
    _plan_the_rest(text, numbers, plans, skipped)
    keys = _group_keys(text, numbers, plans)
    ids: dict[str, str] = {}
    metrics = []
    for at in sorted(plans):
        plan, number = plans[at], numbers[at]
        quoted = _unambiguous_quote(text, plan.quote_start, plan.quote_end, number, language)
        group = None
        if at in keys:
            if keys[at] not in ids:
                ids[keys[at]] = f"g{next_group}"
                next_group += 1
            group = ids[keys[at]]
        metrics.append(
            DraftMetric(
                paragraph=index,
                label=plan.label,
                value=number.quantity.signed_value,
                unit=number.unit,
                qualifier=number.quantity.qualifier,
                quote=quoted[0],
                number=quoted[1],
                group=group,
                series=plan.series,
                group_label=_group_label(plans, keys, keys[at]) if at in keys else None,
            )
        )
    return metrics, next_group


def _series_plans(text: str, numbers: Sequence[Number]) -> tuple[dict[int, _Plan], set[int]]:
    """Plans for the numbers of year runs and 分别 lists, and the numbers that are only points
    of a series."""
    plans: dict[int, _Plan] = {}
    skipped: set[int] = set()
    for run in year_runs(text, numbers):
        *earlier, (_, last_year, last_value) = run.points
        series = tuple((period, numbers[value].quantity.signed_value) for period, _, value in run.points)
        label = run.label or _fallback_label(text, numbers[last_value])
        plans[last_value] = _Plan(
            label, numbers[last_year].quantity.start, numbers[last_value].tail, series=series
        )
        skipped.update(value for _, _, value in earlier)
    for listed in respectively_lists(text, numbers):
        members = [m for m in listed.members if m not in plans and m not in skipped]
        if len(members) != len(listed.members):
            continue
        first = numbers[members[0]].quantity
        if first.direction and any(not numbers[m].quantity.direction for m in members[1:]):
            # 分别减少1240万人、1289万人: the checks read the verb as the first number's only (the
            # unit word between them parts the list), so the others would be drafted as rises.
            # Draft none of them rather than write a decline as a rise.
            skipped.update(members[1:])
            members = members[:1]
            period = f"（{listed.periods[0]}）" if listed.periods else ""
            plans[members[0]] = _Plan(
                _with_verb(listed.label, change_verb(text, first.cue_start, first.start)) + period
                if listed.label
                else "",
                listed.start,
                numbers[members[0]].tail,
            )
            continue
        verb = change_verb(text, first.cue_start, first.start)
        label = listed.label  # when empty, the words before the list name it (_plan_the_rest)
        end = numbers[members[-1]].tail
        if listed.periods:
            series = tuple(
                (period, numbers[m].quantity.signed_value)
                for period, m in zip(listed.periods, members, strict=True)
            )
            plans[members[-1]] = _Plan(
                _with_verb(label, verb) if label else "", listed.start, end, series=series
            )
            skipped.update(members[:-1])
            continue
        key = f"list{members[0]}"
        for position, member in enumerate(members):
            item = listed.item_labels[position] if listed.item_labels else label
            plans[member] = _Plan(
                _with_verb(item, verb) if item else "",
                listed.start,
                end,
                group_key=key,
                group_label=label or None,
            )
    return plans, skipped


def _plan_the_rest(text: str, numbers: Sequence[Number], plans: dict[int, _Plan], skipped: set[int]) -> None:
    """Plans for the figures in no series or 分别 list, from the words around each."""
    floor = 0
    previous: int | None = None
    for at, number in enumerate(numbers):
        if number.kind is not Kind.FIGURE:
            continue
        if at in plans and not plans[at].label:
            plans[at].label = _earlier_label(plans, at) or _fallback_label(text, number)
            plans[at].group_label = plans[at].group_label or plans[at].label
        if at in plans or at in skipped:
            floor = max(floor, plans[at].quote_end if at in plans else number.tail)
            previous = at if at in plans else previous
            continue
        plan, named = _plan_figure(text, number, floor)
        chinese = not plans[previous].label.isascii() if previous is not None else False
        if previous is not None and chinese and not named and _same_sentence(text, numbers[previous], number):
            # 约1.6万亿元，比上年增长3.5%; 检查21万车次、49万人次: the words name the first only.
            before = plans[previous]
            stem = strip_change_verb(before.label)
            if number.unit != numbers[previous].unit and number.unit not in ("", "%"):
                stem = f"{stem}{number.unit}"
            plan.label = _with_verb(stem, change_verb(text, number.quantity.cue_start, number.quantity.start))
        if previous is not None and _joined(text, numbers[previous], number):
            before = plans[previous]
            if numbers[previous].unit == number.unit:
                key = before.group_key or f"joined{previous}"
                before.group_key = key
                before.group_label = before.group_label or before.label
                plan.group_key, plan.group_label = key, before.group_label
        plans[at] = plan
        floor = max(floor, plan.quote_end)
        previous = at


def _same_sentence(text: str, before: Number, after: Number) -> bool:
    return _SENTENCE_BREAK.search(text, before.tail, after.quantity.start) is None


def _joined(text: str, before: Number, after: Number) -> bool:
    return _LIST_GAP.fullmatch(text, before.tail, after.quantity.cue_start) is not None


def _plan_figure(text: str, number: Number, floor: int) -> tuple[_Plan, bool]:
    """How to draft a figure from its own words, and whether they name it."""
    quantity = number.quantity
    label, start = label_before(text, floor, quantity.cue_start)
    end = number.tail
    noun, noun_end = (
        noun_after(text, number.tail) if number.unit in _COUNTERS or number.unit == "人" else ("", 0)
    )
    if noun:
        verb = ends_in_counting_verb(text, floor, quantity.cue_start)
        if verb:
            label, start, end = verb + noun, quantity.cue_start - len(verb), noun_end
        elif not label or len(label) <= 4:
            label, end = label + noun, noun_end
            start = min(start, quantity.cue_start)
    named = bool(label)
    if not named:
        label = _fallback_label(text, number)
    verb = change_verb(text, quantity.cue_start, quantity.start) if quantity.direction else ""
    return _Plan(_with_verb(label, verb), min(start, quantity.cue_start), end), named


def _earlier_label(plans: dict[int, _Plan], before: int) -> str:
    """The label of the last number planned before ``before``, without its verb of change:
    what a list that names nothing (2019年、2020年分别为……) goes on about."""
    earlier = [at for at in plans if at < before]
    return strip_change_verb(plans[max(earlier)].label) if earlier else ""


def _with_verb(label: str, verb: str) -> str:
    return label if not verb or label.endswith(verb) else f"{label}{verb}"


def _fallback_label(text: str, number: Number) -> str:
    """A label when the clause names nothing: the words just before the clause's number, or
    its unit."""
    start = clause_start(text, max(0, number.quantity.cue_start - 12), number.quantity.cue_start)
    words = trim_label(text[start : number.quantity.cue_start].strip().lstrip("的"))[0]
    if any(character.isdigit() for character in words):
        words = ""  # the words of another number, cut off
    return words or number.unit or number.quantity.text


def _unambiguous_quote(
    text: str, start: int, end: int, number: Number, language: str
) -> tuple[str, int | None]:
    """The words ``text[start:end]``, widened clause by clause until they occur once in
    ``text`` and read ``number`` as the paragraph does; and which of their numbers it is when
    they hold several."""
    quantity = number.quantity
    while True:
        quote = text[start:end]
        if text.find(quote) == start and text.find(quote, start + 1) < 0:
            stated = quantities_of(quote, language)
            at = next(
                (
                    n
                    for n, found in enumerate(stated)
                    if found.start == quantity.start - start and found.value == quantity.value
                ),
                None,
            )
            if at is not None:
                return quote, (at + 1 if len(stated) > 1 else None)
        if start == 0 and end == len(text):
            # Unreachable: the paragraph occurs once in itself and reads as it reads.
            return text, None
        start, end = _wider(text, start, end)


def _wider(text: str, start: int, end: int) -> tuple[int, int]:
    """The span one clause wider on each side (to the text's ends at most)."""
    new_start = clause_start(text, 0, max(0, start - 1))
    if new_start == start:
        new_start = max(0, start - 1)
    match = re.compile(r"[，,。；;：:！？!?、\n]").search(text, end + 1)
    new_end = match.start() if match else len(text)
    if new_end == end:
        new_end = min(len(text), end + 1)
    return new_start, new_end


def _sentence_of(text: str, position: int) -> int:
    return len(_SENTENCE_BREAK.findall(text, 0, position))


def _group_keys(text: str, numbers: Sequence[Number], plans: dict[int, _Plan]) -> dict[int, str]:
    """Each grouped number's group key: its list's, or its sentence's and unit's."""
    keys: dict[int, str] = {}
    for at, plan in plans.items():
        if plan.series or not numbers[at].unit:
            continue
        if plan.group_key is not None:
            keys[at] = f"{plan.group_key}/{numbers[at].unit}"
        else:
            quantity = numbers[at].quantity
            change = "change" if quantity.direction else "level"
            keys[at] = f"sentence{_sentence_of(text, quantity.start)}/{numbers[at].unit}/{change}"
    sizes: dict[str, int] = {}
    for key in keys.values():
        sizes[key] = sizes.get(key, 0) + 1
    return {at: key for at, key in keys.items() if sizes[key] >= 2}


def _group_label(plans: dict[int, _Plan], keys: dict[int, str], key: str) -> str:
    members = [plans[at] for at in sorted(keys) if keys[at] == key]
    given = next((plan.group_label for plan in members if plan.group_label), None)
    if given:
        return given
    labels = [strip_change_verb(plan.label) for plan in members]
    suffix = _common(labels, reverse=True)
    if len(suffix) >= 2:
        return suffix
    prefix = _common(labels, reverse=False)
    return prefix if len(prefix) >= 2 else f"{members[0].label}等"


def _common(labels: Sequence[str], *, reverse: bool) -> str:
    words = [label[::-1] if reverse else label for label in labels]
    shared = ""
    for chars in zip(*words, strict=False):
        if len(set(chars)) != 1:
            break
        shared += chars[0]
    return shared[::-1] if reverse else shared
