"""The reading pane's blocks: the styled text it shows for the report's front page or a section.

Plain Rich `Text` and report data only (no widget, no Textual DOM, no style lookups), so it
can be tested apart from the widget that draws it (`detail_pane.DetailPane`). A block's
text names its styles (`named`: ".quote", ".match-current"); the pane resolves each name
when a line is drawn, so the theme, focus or hover may change their look afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Literal

from rich.style import Style
from rich.text import Text

from ...core.report.model import Figure, Metric, Note, Paragraph, Report, Section
from ...core.text.display import one_line
from ...core.text.safe_text import visible
from ..drawing.textual_private import text_of_safe_words
from ..metric_words import metric_value_words
from ..strings import Strings
from .reading_layout import BlockShape

if TYPE_CHECKING:  # the search is imported when it is first opened
    from ...core.search.hits import Hit

BlockKind = Literal[
    "title", "meta", "crumbs", "heading", "note", "paragraph", "figure", "subsection", "outline"
]

SUBSECTION_MARKER = "▸ "
"""Before a subsection's title among its parent's paragraphs and in an outline."""
FIRST_LINE_CHARS = 60
"""An outline's first line of a subsection stops at its first sentence, or this many characters."""
SENTENCE_ENDS = "。！？!?"

Matches = dict[tuple[str, str], list[tuple[int, int]]]
"""Search matches by (item id, field): their (start, end) in the field's original text."""


_INDENTS: dict[str, int] = {"paragraph": 2, "heading": 2, "figure": 4, "subsection": 2, "outline": 2}
_PADDED = frozenset({"paragraph", "heading", "figure", "subsection", "outline"})


class Block:
    """One paragraph, caption, heading or line of front matter, as the pane shows it.

    A paragraph's styled text is made when it is first needed (drawn, searched, restyled):
    its plain words are enough to lay it out, and a section of 100,000 paragraphs took
    seconds to open when every one was styled first.
    """

    __slots__ = ("_made", "_make", "_plain", "depth", "item_id", "kind", "marked", "text_start")

    def __init__(
        self,
        item_id: str,
        kind: BlockKind,
        text: Text | None,
        text_start: int = 0,
        marked: bool = False,
        depth: int = 0,
        *,
        make: Callable[[], Text] | None = None,
        plain: str = "",
    ) -> None:
        self.item_id = item_id
        """The report item it shows: a paragraph or figure id, the section id for its
        heading, a subsection's id for its line or outline entry; "" for front matter,
        breadcrumbs and the section's note. A paragraph's or figure's note is in its block."""
        self.kind = kind
        self._made, self._make, self._plain = text, make, plain
        self.text_start = text_start
        """Where the item's own text starts in `text` (after a caption's ▣ marker)."""
        self.marked = marked
        self.depth = depth
        """How deep below the shown section an outline entry's subsection is (0: a child)."""

    @property
    def text(self) -> Text:
        if self._made is None:
            assert self._make is not None, "a block has a text or a way to make it"
            self._made = self._make()
        return self._made

    @text.setter
    def text(self, text: Text) -> None:
        self._made = text

    def forget_text(self) -> bool:
        """Drop the styled text, to be made again when next needed (with the builder's
        marked item and matches as they are then); False if it cannot be made again."""
        if self._make is None:
            return False
        self._made = None
        return True

    @property
    def plain(self) -> str:
        """The block's words, as `text.plain`, without styling them."""
        return self._plain if self._made is None else self._made.plain

    @property
    def indent(self) -> int:
        """Columns before the text: the marker column, then padding (more for captions,
        and for an outline's deeper subsections)."""
        return _INDENTS.get(self.kind, 1) + 2 * self.depth

    @property
    def space_before(self) -> int:
        return 1 if self.kind in ("title", "heading") else 0

    @property
    def space_after(self) -> int:
        return 0 if self.kind in ("title", "heading") else 1

    @property
    def padding_right(self) -> int:
        return 1 if self.kind in _PADDED else 0

    @property
    def shape(self) -> BlockShape:
        """What the layout needs of the block: its plain text and the room around it."""
        return BlockShape(self.plain, self.indent, self.padding_right, self.space_before, self.space_after)


def named(name: str) -> str:
    """A span style naming the component style `detail-pane--{name}`, resolved when a line
    is drawn (`DetailPane._resolve`): a block's text is built once, and the theme, focus
    or hover may change the look of its quotes, notes and matches afterwards."""
    return "." + name


def group_matches(hits: Iterable[Hit]) -> Matches:
    """Search hits as the builder takes them: their spans by item and field."""
    matches: Matches = {}
    for hit in hits:
        matches.setdefault((hit.item_id, hit.field), []).append((hit.start, hit.end))
    return matches


class ReadingBlocks:
    """Builds the blocks for the report's front page (no `section`) or for a section.

    `marked_id` (a paragraph, figure or metric), `matches` and `current_match` may be
    changed afterwards; `text_of` then builds a block's text again.
    """

    def __init__(
        self,
        strings: Strings,
        report: Report,
        section: Section | None = None,
        *,
        marked_id: str | None = None,
        matches: Matches | None = None,
        current_match: Hit | None = None,
    ) -> None:
        self.strings = strings
        self.report = report
        self.section = section
        self.marked_id = marked_id
        self.matches: Matches = {} if matches is None else matches
        self.current_match = current_match
        self._quoted_metrics: dict[str, list[Metric]] | None = None
        self._figure_metrics: dict[str, list[Metric]] = {}
        """The section's metrics by the figure that shows them (made with `_quoted_metrics`)."""

    def blocks(self) -> list[Block]:
        """The section's blocks, or the front page's when there is no section."""
        return list(self.each_block())

    def each_block(self) -> Iterator[Block]:
        """The blocks one by one, made as they are asked for, each with the item marked and
        the matches as they are when it is made."""
        if self.section is None:
            return self._report_blocks(self.report)
        return self._section_blocks(self.report, self.section)

    def marked_block_id(self) -> str | None:
        """The block that shows the marked item: a metric is marked in its paragraph."""
        if self.marked_id is None:
            return None
        metric = self.report.metric_by_id.get(self.marked_id)
        return metric.paragraph if metric else self.marked_id

    def text_of(self, block: Block) -> Text | None:
        """A section's block's text built again (which quote is marked, or the search matches,
        changed); None for front matter, crumbs and notes, which have none of either."""
        report, section = self.report, self.section
        if section is None:
            return None
        if block.kind == "heading":
            return self._title_text(section)
        if block.kind == "figure":
            figure = next((f for f in section.figures if f.id == block.item_id), None)
            return None if figure is None else self._figure_text(figure, section)
        if block.kind == "paragraph" and (paragraph := report.paragraph_by_id.get(block.item_id)):
            return self._paragraph_text(paragraph, section)
        if block.kind in ("subsection", "outline") and (below := report.section_by_id.get(block.item_id)):
            return self._subsection_text(below, outline=block.kind == "outline")
        return None

    def quoted(self) -> dict[str, list[Metric]]:
        """The section's metrics by the paragraph that quotes them (a section may have thousands of both)."""
        if self._quoted_metrics is None:
            by_paragraph: dict[str, list[Metric]] = {}
            by_figure: dict[str, list[Metric]] = {}
            for metric in self.section.metrics if self.section is not None else ():
                by_paragraph.setdefault(metric.paragraph, []).append(metric)
                if metric.figure is not None:
                    by_figure.setdefault(metric.figure, []).append(metric)
            self._quoted_metrics, self._figure_metrics = by_paragraph, by_figure
        return self._quoted_metrics

    # -- building ----------------------------------------------------------------------

    def _report_blocks(self, report: Report) -> Iterator[Block]:
        strings = self.strings
        yield Block("", "title", Text(visible(report.title)))
        meta = [
            (strings.byline, report.byline),
            (strings.place, report.place),
            (strings.period, report.period),
        ]
        if report.published:
            date = report.published.date.isoformat()
            if report.published.inferred:
                date += f" ({strings.inferred})"
            meta.append((strings.published, date))
        lines = Text("\n").join(
            Text.assemble((f"{label}: ", "bold"), visible(value)) for label, value in meta if value
        )
        yield Block("", "meta", lines)
        if report.published and report.published.note:
            yield Block("", "meta", Text(self._note_words(report.published.note)))
        yield Block("", "meta", Text(strings.report_summary(report)))

    def _section_blocks(self, report: Report, section: Section) -> Iterator[Block]:
        crumbs = report.path_words(section.id, parents_only=True)
        if crumbs:
            yield Block("", "crumbs", Text(crumbs))
        marked = self.marked_block_id()
        yield Block(section.id, "heading", self._title_text(section), marked=section.id == marked)
        if section.note:
            yield Block("", "note", Text(self.strings.reading.note + self._note_words(section.note)))
        outline = not section.paragraphs and bool(section.sections)
        for item in section.contents():
            marked = self.marked_block_id()  # as it is now: blocks are made as they are asked for
            if isinstance(item, Figure):
                yield self._figure_block(item, section, marked)
            elif isinstance(item, Paragraph):
                yield Block(
                    item.id,
                    "paragraph",
                    None,
                    marked=item.id == marked,
                    make=partial(self._paragraph_text, item, section),
                    plain=self._paragraph_plain(item),
                )
            elif not outline:
                yield Block(item.id, "subsection", self._subsection_text(item, outline=False))
        if outline:
            yield Block("", "note", Text(self.strings.reading.outline))
            yield from self._outline_blocks(section)

    def _outline_blocks(self, section: Section, depth: int = 0) -> Iterator[Block]:
        """Each subsection below `section`, in reading order: its title, metric count and first line."""
        for child in _subsections(section):
            yield Block(child.id, "outline", self._subsection_text(child, outline=True), depth=depth)
            yield from self._outline_blocks(child, depth + 1)

    def _subsection_text(self, section: Section, *, outline: bool) -> Text:
        """▸ and the subsection's title (and in an outline its metric count and first line)."""
        reading = self.strings.reading
        text = Text(SUBSECTION_MARKER)
        title_at = len(text)
        text.append(visible(section.title))
        text.stylize(named("subsection"), 0, len(text))
        self._stylize_matches(text, section.id, "title", offset=title_at)  # over the title's look
        if section.editorial:
            text.append(f"  ({self.strings.editorial_title})", style=named("note"))
        if outline and section.metrics:
            count = reading.metric_count.format(count=len(section.metrics))
            text.append(f" · {count}", style=named("note"))
        if outline and section.paragraphs:
            text.append("\n" + _first_line(section.paragraphs[0].text))
        return text

    def _note_words(self, note: Note) -> str:
        """The note in the interface's language (or the one it has), safe to show."""
        return visible(note.text(self.strings.lang))

    def _append_note(self, text: Text, note: Note | None) -> None:
        """An item's note on a line of its own under it, in the note's look: the editors' words."""
        if note is not None:
            text.append("\n" + self.strings.reading.note + self._note_words(note), style=named("note"))

    def _paragraph_plain(self, paragraph: Paragraph) -> str:
        """`_paragraph_text(paragraph).plain`, without styling it."""
        note = paragraph.note
        words = visible(paragraph.text)
        return words if note is None else f"{words}\n{self.strings.reading.note}{self._note_words(note)}"

    def _paragraph_text(self, paragraph: Paragraph, section: Section) -> Text:
        text = text_of_safe_words(visible(paragraph.text))
        for metric in self.quoted().get(paragraph.id, ()):
            start = metric.quote_start(paragraph.text)
            if start >= 0:
                kind = "quote-current" if metric.id == self.marked_id else "quote"
                text.stylize(named(kind), start, start + len(metric.quote))
        self._stylize_matches(text, paragraph.id, "paragraph")
        self._append_note(text, paragraph.note)
        return text

    def _shown_in(self, figure: Figure, section: Section) -> list[Metric]:
        """The metrics the figure shows (those that name it)."""
        self.quoted()
        return self._figure_metrics.get(figure.id, [])

    def _title_text(self, section: Section) -> Text:
        title = Text(visible(section.title))
        self._stylize_matches(title, section.id, "title")
        if section.editorial:
            title.append(f"  ({self.strings.editorial_title})", style=named("note"))
        return title

    def _stylize_matches(self, text: Text, item_id: str, field: str, offset: int = 0) -> None:
        current = self.current_match
        for start, end in self.matches.get((item_id, field), ()):
            is_current = current is not None and (current.item_id, current.field, current.start) == (
                item_id,
                field,
                start,
            )
            text.stylize(named("match-current" if is_current else "match"), offset + start, offset + end)

    def _figure_block(self, figure: Figure, section: Section, marked: str | None) -> Block:
        text = self._figure_text(figure, section)
        return Block(figure.id, "figure", text, text_start=2, marked=figure.id == marked)

    def _figure_text(self, figure: Figure, section: Section) -> Text:
        """▣ and the figure's words, its credit, what the words are when they are no caption
        (the source's alt text, or the editors' description), the metrics it shows and its note."""
        reading = self.strings.reading
        text = Text("▣ ")
        text.append(visible(figure.words))
        self._stylize_matches(text, figure.id, "caption", offset=2)
        if figure.credit:
            text.append("  ")
            credit_at = len(text)
            text.append(visible(figure.credit), style=named("credit"))
            self._stylize_matches(text, figure.id, "credit", offset=credit_at)
        if not figure.caption:
            what = reading.alt_text if figure.alt else reading.placeholder
            text.append(f"  ({what})", style=named("note"))
        if shown := self._shown_in(figure, section):
            language = self.report.language
            look = named("figure-metrics")
            text.append("\n" + reading.in_figure, style=look)
            for number, metric in enumerate(shown):
                text.append(" · " if number else "", style=look)
                text.append(one_line(metric.label) + " ", style=look)
                value = one_line(metric_value_words(metric, self.strings, language))
                text.append(value, style=look)
                text.stylize(Style(bold=True), len(text) - len(value), len(text))
        self._append_note(text, figure.note)
        return text


def _subsections(section: Section) -> list[Section]:
    return [item for item in section.contents() if isinstance(item, Section)]


def _first_line(text: str) -> str:
    """A paragraph's first sentence on one line, cut with … when longer than FIRST_LINE_CHARS."""
    line = one_line(text)
    end = next((at + 1 for at, character in enumerate(line) if character in SENTENCE_ENDS), len(line))
    if end > FIRST_LINE_CHARS:
        return line[:FIRST_LINE_CHARS] + "…"
    return line[:end] + ("…" if end < len(line) else "")
