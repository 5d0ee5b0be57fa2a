"""The command palette (ctrl+p) jumps to any section or metric by name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.style import Style

from ..core.model import Report
from ..core.safe_text import visible_line
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
        path = " › ".join(s.title for s in report.section_path(section.id)) or section.title
        found.append(Target(section.id, "section", visible_line(path)))
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


def prompt(target: Target, matcher: Matcher | None = None) -> tuple[float, Content]:
    """The score of `target` for the matcher's query and how the palette shows it.

    A metric matches on its label and written value, or on its quote; not on its section's
    title, which every metric of the section shares (typing a title finds the section).
    """
    marker = Content.styled(MARKERS[target.kind], "dim")
    context = Content.styled(f" · {target.context}", "dim") if target.context else Content("")
    if matcher is None:
        return 0.0, Content.assemble(marker, Content(target.name), context)
    search = matcher.fuzzy_search
    score, offsets = search.match(matcher.query, target.name)
    quote_score, quote_offsets = search.match(matcher.query, target.quote) if target.quote else (0.0, [])
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
        for target in self._targets():
            score, shown = prompt(target, matcher)
            if score > 0:
                yield Hit(score, shown, partial(self.jump, target.item_id), text=target.name)
