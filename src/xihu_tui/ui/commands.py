"""The command palette (ctrl+p) jumps to any section or metric by name, or by its pinyin
as `/` reads it (`jkm`, `jiankang`, `xihu`)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.style import Style

from ..core.report.model import Report
from ..core.search.text_match import MatchableText, Query
from ..core.text.pinyin import readings
from ..core.text.safe_text import visible_line
from .metric_words import metric_value_words
from .screens.explorer import ExplorerScreen
from .strings import Strings

METRIC_WEIGHT = 0.9
"""A metric matching as well as a section ranks just below it."""
QUOTE_WEIGHT = 0.8
"""Matching only the quote counts for a little less than matching the label."""


@dataclass(frozen=True)
class Target:
    """Something the palette can jump to."""

    item_id: str
    kind: str  # "section" or "metric"
    name: str
    """What the reader sees and the query is matched against first."""
    context: str = ""
    """Dimmed words after the name (a metric's section), shown but not matched."""
    quote: str = ""
    """A metric's quote, matched too and shown when it is what matched."""


def targets(report: Report, strings: Strings) -> list[Target]:
    """Every section (with its path when nested), then every metric, in document order; a
    metric by its label and value, with a bound's word and a decline's ↓ as the contents show them."""
    found: list[Target] = []
    for section in report.walk():
        found.append(Target(section.id, "section", report.path_words(section.id)))
    for metric in report.metrics:
        section = report.section_of[metric.id]
        found.append(
            Target(
                metric.id,
                "metric",
                visible_line(f"{metric.label} {metric_value_words(metric, strings, report.language)}"),
                context=visible_line(section.title),
                quote=visible_line(metric.quote),
            )
        )
    return found


def _highlight(text: str, offsets: Sequence[int], style: Style) -> Content:
    """`text` as literal content (never markup) with the matched characters styled."""
    content = Content(text)
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


MARKERS = {"section": "§ ", "metric": "◆ "}
SPAN_BOOST = 1.5
"""What Textual's fuzzy search gives a match in one piece over the same letters scattered:
a match by pinyin is one piece of the text, and ranks as one."""


@dataclass(frozen=True)
class Prepared:
    """A target with its name and quote folded once, for every keystroke to match."""

    target: Target
    name: MatchableText
    quote: MatchableText

    @classmethod
    def of(cls, target: Target) -> Prepared:
        return cls(target, MatchableText(target.name), MatchableText(target.quote))


def _match(matcher: Matcher, query: Query, text: MatchableText) -> tuple[float, Sequence[int]]:
    """Textual's fuzzy score and offsets, or the core's (text as `/` folds it, or pinyin) where
    that scores better: `jkm` is no fuzzy match for 健康码 at all."""
    search = matcher.fuzzy_search
    score, offsets = search.match(matcher.query, text.text) if text.text else (0.0, ())
    span = query.find(text)
    if span is not None:
        found = list(range(*span))
        found_score = search.score(text.text, found) * SPAN_BOOST
        if found_score > score:
            return found_score, found
    return score, offsets


def prompt(
    target: Target,
    matcher: Matcher | None = None,
    query: Query | None = None,
    prepared: Prepared | None = None,
) -> tuple[float, Content]:
    """The score of `target` for the matcher's query and how the palette shows it.

    A metric matches on its label and written value, or on its quote; not on its section's
    title, which every metric of the section shares (typing a title finds the section).
    """
    marker = Content.styled(MARKERS[target.kind], "dim")
    context = Content.styled(f" · {target.context}", "dim") if target.context else Content("")
    if matcher is None:
        return 0.0, Content.assemble(marker, Content(target.name), context)
    query = query if query is not None else Query(matcher.query)
    prepared = prepared if prepared is not None else Prepared.of(target)
    score, offsets = _match(matcher, query, prepared.name)
    quote_score, quote_offsets = _match(matcher, query, prepared.quote) if target.quote else (0.0, [])
    quote_score *= QUOTE_WEIGHT
    if target.kind == "metric":
        score *= METRIC_WEIGHT
        quote_score *= METRIC_WEIGHT
    if score >= quote_score:
        name = _highlight(target.name, offsets if score else [], matcher.match_style)
        return score, Content.assemble(marker, name, context)
    quote = _highlight(f"“{target.quote}”", [o + 1 for o in quote_offsets], matcher.match_style)
    shown = Content.assemble(marker, Content(target.name), context, "\n   ", quote.stylize_before("dim"))
    return quote_score, shown


class JumpProvider(Provider):
    """Hits for each section and metric; choosing one moves the explorer to it."""

    _prepared: list[Prepared] | None = None

    async def startup(self) -> None:
        self._prepared = [Prepared.of(target) for target in self._targets()]
        # Pinyin's dictionaries take a moment to read, once per process: not in a keystroke.
        await asyncio.to_thread(readings)

    def explorer(self) -> ExplorerScreen | None:
        if isinstance(self.app.screen, ExplorerScreen):
            return self.app.screen
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ExplorerScreen):
                return screen
        return None

    def _targets(self) -> list[Target]:
        explorer = self.explorer()
        return targets(explorer.report, explorer.strings) if explorer is not None else []

    def jump(self, item_id: str) -> None:
        explorer = self.explorer()
        if explorer is None:
            return
        if self.app.screen is not explorer:
            explorer.pop_until_active()  # close the overview or help the palette was opened over
        explorer.jump_to(item_id)

    async def discover(self) -> Hits:
        for target in self._targets():
            if target.kind == "section":
                _, shown = prompt(target)
                yield DiscoveryHit(shown, partial(self.jump, target.item_id), text=target.name)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        wanted = Query(query)
        prepared = self._prepared if self._prepared is not None else [Prepared.of(t) for t in self._targets()]
        found = False
        for entry in prepared:
            target = entry.target
            score, shown = prompt(target, matcher, wanted, entry)
            if score > 0:
                found = True
                yield Hit(score, shown, partial(self.jump, target.item_id), text=target.name)
        explorer = self.explorer()
        if not found and wanted and explorer is not None:
            # Said here, in the interface's language: Textual's own "No matches found" is
            # English, and shows only when no provider has anything.
            words = explorer.strings.shell.palette_no_match
            yield Hit(NOTHING_SCORE, Content.styled(words, "dim italic"), _nothing, text=words)


NOTHING_SCORE = 1e-6
"""Below any real match, so the palette's own commands that match come first."""


def _nothing() -> None:
    """Choosing "nothing matches" only closes the palette."""
