"""Lists and series a paragraph states: 分别 lists and year-and-value runs.

* A 分别 list: numbers joined by 、 和 及 与 after 分别 (分别为17.47%、17.35%、17.01%和16.02%).
  When the words before 分别 name as many periods (2016年至2019年, 2017年、2018年和2019年,
  一季度、二季度……), the list is a series; when they name as many items (食品、衣着和交通通信),
  each number takes its item as its label.
* A year-and-value run: a year right before a value (2015年的56.1%, 2020年为63.9%), twice or
  more in one sentence, in one unit: 城镇化率从2015年的56.1%提高到2020年的63.9%.

A series is only what the text states: its periods as written (years as 2015), its values
signed as the words read them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .candidates import Kind, Number
from .labels import trim_label

__all__ = ["Respectively", "YearRun", "respectively_lists", "year_runs"]

# 分别为, or 分别 with what the numbers count (杭州、宁波和温州分别接待游客1021.5万人次、……).
_RESPECTIVELY = re.compile(r"分别(?P<what>[\u4e00-\u9fff“”]{0,8}?)\s*\Z")
_LEADING_JOINERS = re.compile(r"^[、，,和及与\s]+")
_JOINER = re.compile(r"\s*(?:[、，,和及与或]|以及)\s*")
_SENTENCE_BREAK = re.compile(r"[。；;！？!?\n]")
_ITEM_BREAK = re.compile(r"[，,。；;：:！？!?\n（）()“”]")
_ITEM_SPLIT = re.compile(r"、|以及|和|及|与")
_YEAR = r"(?:[0-9]{4})"
_YEAR_RANGE = re.compile(rf"({_YEAR})年?\s*(?:至|到|—|–|-|~|～)+\s*({_YEAR})年")
_YEARS = re.compile(rf"({_YEAR})年")
_QUARTERS = re.compile(r"第?[一二三四1-4]季度")
_MONTHS = re.compile(r"[0-9]{1,2}月份?")
_PERIOD_WORDS = re.compile(
    rf"{_YEAR_RANGE.pattern}|{_YEARS.pattern}(?:末|底|度)?|{_QUARTERS.pattern}|{_MONTHS.pattern}"
)
_YEAR_BEFORE_VALUE = re.compile(r"\s*年(?:末|底|度)?(?:的|为|是|达到?|有|时)?(?:每[\u4e00-\u9fff]{1,2})?\s*")
_RUN_FILLER = re.compile(r"[从由自]\Z")


@dataclass(frozen=True, slots=True)
class Respectively:
    """A 分别 list: its numbers (indices into the paragraph's numbers), where 分别 begins, the
    label of the words before it, and per number a label or a period when they name them."""

    members: tuple[int, ...]
    start: int
    label: str
    item_labels: tuple[str, ...] | None
    periods: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class YearRun:
    """Years each right before a value, in one sentence and one unit: (period, index of the
    year, index of the value) in time order, and the label of the words before the first."""

    points: tuple[tuple[str, int, int], ...]
    label: str
    label_start: int


def _sentence_start(text: str, position: int) -> int:
    start = 0
    for match in _SENTENCE_BREAK.finditer(text, 0, position):
        start = match.end()
    return start


def _periods(region: str, count: int) -> tuple[str, ...] | None:
    ranges = list(_YEAR_RANGE.finditer(region))
    if ranges:
        first, last = int(ranges[-1][1]), int(ranges[-1][2])
        if last - first + 1 == count:
            return tuple(str(year) for year in range(first, last + 1))
    for pattern in (_YEARS, _QUARTERS, _MONTHS):
        found = [m.group(1) if pattern is _YEARS else m.group() for m in pattern.finditer(region)]
        if len(found) == count and len(set(found)) == count:
            if pattern is _YEARS and [int(y) for y in found] != sorted(int(y) for y in found):
                return None
            return tuple(found)
    return None


def _list_after(text: str, numbers: Sequence[Number], first: int) -> tuple[int, ...]:
    members = [first]
    index = first + 1
    while index < len(numbers) and numbers[index].kind is Kind.FIGURE:
        gap = text[numbers[index - 1].tail : numbers[index].quantity.cue_start]
        if _JOINER.fullmatch(gap) is None:
            break
        members.append(index)
        index += 1
    return tuple(members)


def respectively_lists(text: str, numbers: Sequence[Number]) -> list[Respectively]:
    """Every 分别 list of ``text`` (whose numbers are ``numbers``)."""
    found: list[Respectively] = []
    index = 0
    while index < len(numbers):
        number = numbers[index]
        cue = number.quantity.cue_start
        said = _RESPECTIVELY.search(text, max(0, cue - 10), cue) if number.kind is Kind.FIGURE else None
        members = _list_after(text, numbers, index) if said else ()
        if said is None or len(members) < 2:
            index += 1
            continue
        sentence = text[_sentence_start(text, said.start()) : said.start()]
        item_start = 0
        for match in _ITEM_BREAK.finditer(sentence):
            item_start = match.end()
        region = sentence[item_start:]
        periods = _periods(sentence, len(members))
        words = _LEADING_JOINERS.sub("", _PERIOD_WORDS.sub("", region)) if periods else region
        what = trim_label(said["what"])[0]
        items = [trim_label(item)[0] + what for item in _ITEM_SPLIT.split(words)]
        item_labels = tuple(items) if len(items) == len(members) and all(items) and not periods else None
        label = trim_label(words)[0] + what
        found.append(Respectively(members, said.start(), label, item_labels, periods))
        index = members[-1] + 1
    return found


def year_runs(text: str, numbers: Sequence[Number]) -> list[YearRun]:
    """Every run of years each right before a value (2015年的56.1%……2020年的63.9%)."""
    pairs: list[tuple[int, int]] = []
    for index in range(len(numbers) - 1):
        year, value = numbers[index], numbers[index + 1]
        if year.kind is Kind.YEAR and value.kind is Kind.FIGURE:
            gap = text[year.quantity.end : value.quantity.cue_start]
            if _YEAR_BEFORE_VALUE.fullmatch(gap):
                pairs.append((index, index + 1))
    runs: list[list[tuple[int, int]]] = []
    for pair in pairs:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and numbers[last[1]].unit == numbers[pair[1]].unit
            and not _SENTENCE_BREAK.search(text, numbers[last[1]].tail, numbers[pair[0]].quantity.start)
        ):
            runs[-1].append(pair)
        else:
            runs.append([pair])
    found = []
    for run in runs:
        years = [int(numbers[y].quantity.value) for y, _ in run]
        if len(run) < 2 or len(set(years)) != len(years):
            continue
        first_year = numbers[run[0][0]].quantity
        start = _sentence_start(text, first_year.start)
        for match in _ITEM_BREAK.finditer(text, start, first_year.cue_start):
            start = match.end()
        words = text[start : first_year.cue_start]
        words = _RUN_FILLER.sub("", words.rstrip())
        label, offset = trim_label(words)
        points = sorted((str(year), y, v) for year, (y, v) in zip(years, run, strict=True))
        found.append(YearRun(tuple(points), label, start + offset))
    return found
