"""The reading pane: a section's title, paragraphs, captions and notes, with quotes marked.

A subsection is a line at its place among the paragraphs (a click opens it); a heading with
no text of its own shows its subsections' outline instead of an empty page.

One widget draws the whole section with Textual's line API: the section is a list of
`Block`s (styled text, no widgets, built by `reading_blocks`), wrapped by the project's
kinsoku line breaker for the pane's width (`reading_layout`), and only the lines on
screen become strips. Showing another section builds a few `Text`s and redraws; it
mounts nothing, so moving through the contents costs the same for a section of three
paragraphs or of three thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice, pairwise
from time import perf_counter
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from ...core.report.model import Metric, Report, Section
from ..drawing.line_view import LineView
from ..long_lived import LongLived
from ..strings import Strings
from .reading_blocks import Block, Matches, ReadingBlocks, group_matches
from .reading_layout import ReadingLayout, character_at

if TYPE_CHECKING:  # the search is imported when it is first opened
    from ...core.search.hits import Hit

BLOCKS_AT_ONCE = 2_000
"""Blocks made when a section is shown. A longer section's others are made after, a slice
at a time (`_make_more`), so that showing a section of 100,000 paragraphs does not hold
the screen for the second it takes to make them all; whatever needs one not made yet
(a jump to it, a search hit, the end key) makes the rest at once."""
TOWARDS_FOR_S = 0.04
"""How long a slice of `_towards` goes on, at most (about): longer than `MAKING_FOR_S`,
since the reader waits for where it goes, yet well within a frame or two."""
WRAPPED_LINES_AT_ONCE = 200
"""Lines wrapped between two looks at the clock on the way somewhere (`_towards`)."""
FAR_CHARACTERS = 100_000
"""Characters to wrap before a place beyond which the pane goes there a slice at a time
(`_when_laid_out`): wrapping one long paragraph takes about 0.4 µs a character."""
FAR_BLOCKS = 20_000
"""Blocks to wrap before a place beyond which the pane goes there a slice at a time."""
MAKING_FOR_S = 0.01
"""How long a slice of `_make_more` goes on, at most (about): keys are answered between slices."""
MARKER = "█"
"""Drawn at the left of the marked block (the paragraph that holds the marked item), as
a thick left border would be."""


def _styled_segments(
    text: Text, start: int, end: int, look: Style, resolve: Callable[[str | Style], Style]
) -> list[Segment]:
    """`text[start:end]` as segments over `look`, each span's style on top, later spans over earlier ones.

    What `Text.render` gives for a slice, without slicing the `Text` and going through
    the console: this runs for every line of a newly shown section. `resolve` turns a
    span's style, which may be a component style's name (`reading_blocks.named`), into a `Style`.
    """
    plain = text.plain
    if text.style:
        look += resolve(text.style)
    spans = [span for span in text.spans if span.start < end and span.end > start]
    if not spans:
        return [Segment(plain[start:end], look)]
    cuts = sorted(
        {start, end, *(cut for span in spans for cut in (span.start, span.end) if start < cut < end)}
    )
    segments = []
    for left, right in pairwise(cuts):
        style = look
        for span in spans:
            if span.start <= left and right <= span.end:
                style += resolve(span.style)
        segments.append(Segment(plain[left:right], style))
    return segments


@dataclass(frozen=True)
class _Heading:
    """Where the pane goes once what is before it is laid out (`DetailPane._towards`)."""

    item_id: str | None
    """The item whose block it goes to; None: the end of the section (or `line`)."""
    offset: Callable[[Block], int]
    """The character of the item's block to show."""
    then: Callable[[int], None]
    """What to do there, given the line that shows it (for the end: any)."""
    line: int | None = None
    """Instead of an item or the end: the lines to wrap, where the reader has scrolled
    to (the pane does not follow the way there: it is there already)."""


_MARKABLE = frozenset({"paragraph", "figure", "heading"})
"""The kinds of block that show the marked item (not a subsection's line that names it)."""

_LOOKS: dict[str, str] = {
    "title": "title",
    "heading": "heading",
    "meta": "meta",
    "crumbs": "meta",
    "note": "meta",
    "figure": "figure",
}
"""The component style (`detail-pane--…`) each kind of block is drawn in; paragraphs: none."""


class DetailPane(LineView, can_focus=True):
    """Shows the highlighted section and scrolls to the highlighted item in it."""

    # The arrows, Page Up/Down, Home and End come from ScrollableContainer; these are
    # less's and vim's for the same moves.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="detail.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="detail.up"),
        Binding("space,f", "page_down", "Page down", show=False, id="detail.page-down"),
        Binding("b", "page_up", "Page up", show=False, id="detail.page-up"),
        Binding("g", "scroll_home", "Top", show=False, id="detail.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="detail.bottom"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail-pane--title",
        "detail-pane--heading",
        "detail-pane--meta",
        "detail-pane--figure",
        "detail-pane--marked",
        "detail-pane--marker",
        "detail-pane--quote",
        "detail-pane--quote-current",
        "detail-pane--credit",
        "detail-pane--note",
        "detail-pane--subsection",
        "detail-pane--figure-metrics",
        "detail-pane--match",
        "detail-pane--match-current",
    }

    DEFAULT_CSS = """
    DetailPane {
        padding: 0 1;
        /* Always there: a scrollbar that comes and goes would change the width and
           re-wrap every paragraph, and showing or hiding it lays out the whole screen. */
        overflow-y: scroll;
    }
    DetailPane > .detail-pane--title, DetailPane > .detail-pane--heading {
        text-style: bold;
        color: $text-primary;
    }
    DetailPane > .detail-pane--meta {
        color: $foreground-muted;
    }
    DetailPane > .detail-pane--figure {
        color: $foreground-muted;
        text-style: italic;
    }
    DetailPane > .detail-pane--marked {
        background: $boost;
    }
    DetailPane > .detail-pane--marker {
        color: $accent;
    }
    DetailPane > .detail-pane--quote {
        text-style: underline;
    }
    DetailPane > .detail-pane--quote-current {
        text-style: bold underline;
        background: $accent 40%;
    }
    DetailPane > .detail-pane--match {
        background: $warning 35%;
    }
    DetailPane > .detail-pane--match-current {
        background: $warning;
        color: $background;
        text-style: bold;
    }
    DetailPane > .detail-pane--credit {
        color: $foreground-muted;
        text-style: not italic;
    }
    DetailPane > .detail-pane--note {
        color: $foreground-muted;
    }
    DetailPane > .detail-pane--subsection {
        color: $text-primary;
        text-style: bold;
    }
    DetailPane > .detail-pane--figure-metrics {
        color: $foreground-muted;
        text-style: not italic;
    }
    """

    class SectionChosen(Message):
        """A subsection's line (or outline entry) was clicked: the reader wants to read it."""

        def __init__(self, section_id: str) -> None:
            super().__init__()
            self.section_id = section_id

    class QuoteChosen(Message):
        """An underlined quote was clicked: the reader wants its metric."""

        def __init__(self, metric_id: str) -> None:
            super().__init__()
            self.metric_id = metric_id

    def __init__(self, strings: Strings, report: Report | None = None, *, id: str | None = None) -> None:
        """Starts with `report`'s front matter, if given."""
        super().__init__(id=id)
        self.strings = strings
        self.report: Report | None = report
        self.section: Section | None = None
        self.marked_id: str | None = None
        self.blocks: list[Block] = []
        self._blocks_of: dict[str, list[int]] = {}
        """Per item id, where its blocks are in `blocks`: a section of 100,000 paragraphs
        is not walked whole to find, mark or restyle a few of them."""
        self._marked_blocks: list[int] = []
        """Where the marked blocks are in `blocks`."""
        self._shown_hits: object = None
        """The hits `show_matches` last grouped (the search session keeps the same list
        while the section and result are the same): another `n` changes only the current one."""
        self._more: Iterator[Block] | None = None
        """The blocks of the section shown not made yet (see `BLOCKS_AT_ONCE`)."""
        self._builder: ReadingBlocks | None = None
        """What builds the shown blocks, and builds one again when the marked item or the matches change."""
        self._matches: Matches = {}
        self._current_match: Hit | None = None
        self.reading_layout = ReadingLayout()
        """Which block, and which part of its text, each line shows (see `_lay_out`)."""
        self._strips: LRUCache[int, Strip] = LRUCache(512)
        self._base_style: Style | None = None
        """The pane's own style (computing it walks the ancestors: once per style update)."""
        self._styles: dict[str, Style] = {}
        self._pending_scroll: Callable[[], None] | None = None
        """The scroll to make once the pane knows its width (to an item, a hit or a line)."""
        self._heading: _Heading | None = None
        """Where the pane is on its way to while what is before it is laid out (`_towards`)."""
        self._following = False
        """True while `_towards` scrolls: any other scroll stops it."""
        self._towards_due = False
        """Whether `_towards` is on a timer already."""

    def on_mount(self) -> None:
        if self.report is not None and not self.blocks:
            self.show_report(self.report)

    # -- what is shown -----------------------------------------------------------------

    def show_report(self, report: Report) -> None:
        """The report's front matter, for when the tree's root is highlighted."""
        self.report, self.section, self.marked_id = report, None, None
        self._set_blocks(self._build(report, None).each_block(), scroll_to=None)

    def show_section(self, report: Report, section: Section, marked_id: str | None = None) -> None:
        if self.report is report and self.section is section:
            self.mark(marked_id)
            return
        self.report, self.section, self.marked_id = report, section, marked_id
        self._set_blocks(self._build(report, section).each_block(), scroll_to=marked_id)

    def _build(self, report: Report, section: Section | None) -> ReadingBlocks:
        """A builder for the report's front page or a section, with the marked item and the matches."""
        self._builder = ReadingBlocks(
            self.strings,
            report,
            section,
            marked_id=self.marked_id,
            matches=self._matches,
            current_match=self._current_match,
        )
        return self._builder

    def mark(self, item_id: str | None) -> None:
        """Mark a paragraph, figure or metric of the current section and scroll to it."""
        if self.report is None or self.section is None or self._builder is None:
            return
        previous, self.marked_id = self.marked_id, item_id
        self._builder.marked_id = item_id
        target = self._builder.marked_block_id()
        requoted = self._quote_blocks(previous, item_id)
        marked = [
            index for index in self._blocks_of.get(target or "", ()) if self.blocks[index].kind in _MARKABLE
        ]
        for index in {*self._marked_blocks, *marked}:
            block = self.blocks[index]
            block.marked = index in marked
            if block.item_id not in requoted:
                self._rebuild_block(block)
        for index in self._indices_of(requoted):
            self._rebuild_block(self.blocks[index])
        self._marked_blocks = marked
        self._redraw()
        self._scroll_to_item(item_id)

    def _quote_blocks(self, *metric_ids: str | None) -> set[str]:
        """Paragraphs whose quote styles change when these metrics are (un)marked."""
        assert self.report is not None
        return {
            metric.paragraph
            for metric_id in metric_ids
            if metric_id is not None and (metric := self.report.metric_by_id.get(metric_id)) is not None
        }

    def _style(self, name: str) -> Style:
        # Not partial: a translucent background ($boost, $accent 40%) comes blended
        # with the pane's, as CSS would draw it on a widget. Kept until the CSS changes:
        # each answer walks the DOM, and each line drawn asks a few times.
        style = self._styles.get(name)
        if style is None:
            component = f"detail-pane--{name}"
            style = self.get_component_rich_style(component)
            if not self.get_component_styles(component).has_rule("background"):
                # The pane's background would come with it, and a note or a quote in the
                # marked paragraph would lose the marked background under its words.
                style = style.without_color + Style(color=style.color)
            self._styles[name] = style
        return style

    def _resolve(self, style: str | Style) -> Style:
        """A span's style: a component style by its name (`reading_blocks.named`), or a Rich style."""
        if isinstance(style, Style):
            return style
        if style.startswith("."):
            return self._style(style[1:])
        return Style.parse(style)

    def _rebuild_block(self, block: Block) -> None:
        """Build a block's text again: which quote is marked, or the search matches, changed.
        A paragraph's is made again only when it is next drawn."""
        if block.forget_text():
            return
        if self._builder is not None and (text := self._builder.text_of(block)) is not None:
            block.text = text

    # -- layout ------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """The columns a block's line has (before its indent and right padding)."""
        return max(1, self.scrollable_content_region.width)

    def _set_blocks(self, blocks: Iterator[Block], *, scroll_to: str | None) -> None:
        self.blocks, self._blocks_of, self._marked_blocks = [], {}, []
        self._shown_hits = None
        self._index_blocks(list(islice(blocks, BLOCKS_AT_ONCE)))
        self._more = blocks if len(self.blocks) == BLOCKS_AT_ONCE else None
        if self._more is not None:
            self._make_more_soon(self._more)
        # Until the pane has a width (at mount, or squeezed to nothing) nothing is laid out.
        self.reading_layout.reset([block.shape for block in self.blocks])
        self._pending_scroll = None if scroll_to is None else partial(self._scroll_to_item, scroll_to)
        self._heading = None
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._lay_out()
        self._redraw()

    def _make_more_soon(self, more: Iterator[Block]) -> None:
        # A timer, not call_later: callbacks queued for a widget run one after another
        # without letting a key in between.
        self.set_timer(0.001, partial(self._make_more, more))

    def _make_more(self, more: Iterator[Block]) -> None:
        """Make the blocks after those made, for about `MAKING_FOR_S`, then again later."""
        stop = perf_counter() + MAKING_FOR_S
        # `more` stops being `_more` when another section is shown, or all are made at once.
        while more is self._more:
            self._make_more_now(more)
            if perf_counter() > stop:
                break
        if more is self._more:
            self._make_more_soon(more)
        self.post_message(LongLived())  # while the rest is made, collections would walk them

    def _make_more_now(self, more: Iterator[Block]) -> None:
        """Make the next few blocks of `more` (the section's blocks not made yet)."""
        made = list(islice(more, 256))
        if len(made) < 256:
            self._more = None
        self._add_blocks(made)

    def _make_all(self) -> None:
        """Make the blocks not made yet, now: one of them is needed."""
        more, self._more = self._more, None
        if more is not None:
            self._add_blocks(list(more))

    def _index_blocks(self, blocks: list[Block]) -> None:
        """Add blocks after those in `blocks`, and to the index of where each item's are."""
        blocks_of, marked = self._blocks_of, self._marked_blocks
        for index, block in enumerate(blocks, len(self.blocks)):
            blocks_of.setdefault(block.item_id, []).append(index)
            if block.marked:
                marked.append(index)
        self.blocks += blocks

    def _indices_of(self, item_ids: Iterable[str]) -> list[int]:
        return [index for item_id in item_ids for index in self._blocks_of.get(item_id, ())]

    def _add_blocks(self, blocks: list[Block]) -> None:
        self._index_blocks(blocks)
        self.reading_layout.extend([block.shape for block in blocks])
        if self.reading_layout.width >= 0:
            self._size_to_layout()  # a longer scrollbar: the section is longer than it was

    def _lay_out(self) -> bool:
        """Start the layout for the pane's width (at most once per width and section).

        Blocks are wrapped when a line of theirs is first needed (`_lay_out_to`): on
        screen, scrolled to, searched. Until then each counts for an estimate of its
        lines, so the scrollbar has a height to show; the estimate is corrected as
        blocks are wrapped. A section of thousands of paragraphs opens about as fast as
        one of `WRAPPED_AT_ONCE` blocks, which are wrapped at once (see `ReadingLayout`).
        True if it started over (a new width or section).
        """
        if self.scrollable_content_region.width <= 0:
            return False  # not laid out yet: on_resize will come
        if not self.reading_layout.set_width(self.text_width):
            return False
        self._strips.clear()
        self._lay_out_screen()
        self._size_to_layout()
        if self._pending_scroll is not None:
            scroll, self._pending_scroll = self._pending_scroll, None
            scroll()
        return True

    def _lay_out_to(self, *, line: int = 0, block: int = -1, whole: bool = False) -> None:
        """Wrap blocks, in order, until the layout has `line` lines and includes block `block`
        (all of it if `whole`; a long one is otherwise wrapped as far as it is shown)."""
        if self._more is not None and (block >= len(self.blocks) or line > self.reading_layout.height):
            self._make_all()  # beyond the blocks made so far
        if self.reading_layout.wrap_to(line=line, block=block, whole=whole):
            self._size_to_layout()  # the blocks just wrapped may have taken more lines than estimated

    def _lay_out_screen(self, top: float | None = None) -> None:
        """Wrap what the pane shows from line `top` (its scroll position by default)."""
        top = self.scroll_offset.y if top is None else top
        self._lay_out_to(line=int(top) + self.scrollable_content_region.height)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        if not self._following:
            self._heading = None  # the reader scrolled: where the pane was heading no longer matters
        # Before the frame that shows them: a correction of the estimate then costs no extra frame.
        self._lay_out_shown(int(new_value) + self.scrollable_content_region.height)
        super().watch_scroll_y(old_value, new_value)

    def _lay_out_shown(self, line: int) -> None:
        """Wrap until there are `line` lines, the last one the pane shows: at once, unless
        that is far beyond what is wrapped (the scrollbar dragged to the end of a paragraph
        of megabytes); then a slice at a time (`_towards`), the lines not wrapped yet
        drawn blank meanwhile."""
        layout = self.reading_layout
        if not layout.far_from(line, characters=FAR_CHARACTERS):
            self._lay_out_to(line=line)
        elif self._heading is None or self._heading.line is not None:
            self._heading = _Heading(None, lambda _block: 0, lambda _line: self._redraw(), line=line)
            self._towards_soon()

    def scroll_end(self, *args: Any, **kwargs: Any) -> None:
        """The real end of the section, not the estimated one.

        What is not made or wrapped yet is, a slice at a time (`_towards`): wrapping a
        paragraph of 5 MB takes most of a second.
        """
        self._heading = _Heading(
            None, lambda _block: 0, lambda _line: super(DetailPane, self).scroll_end(*args, **kwargs)
        )
        self._towards()

    def _when_laid_out(
        self, item_id: str, offset: Callable[[Block], int], then: Callable[[int], None]
    ) -> None:
        """`then(line)`, with the line that shows character `offset(block)` of the block for
        `item_id`: at once, unless much is to be made or wrapped before it (a search hit
        deep in a paragraph of megabytes, or far down a section of 100,000 paragraphs);
        then a slice at a time (`_towards`)."""
        self._heading = None
        self._lay_out()
        found = self._blocks_of.get(item_id)
        if found is not None:
            index = found[0]
            at = offset(self.blocks[index])
            characters, blocks = self.reading_layout.work_before(index, at, enough=FAR_CHARACTERS)
            if characters < FAR_CHARACTERS and blocks < FAR_BLOCKS:
                line = self.line_of(item_id, at)
                if line is not None:
                    then(line)
                return
        elif self._more is None:
            return  # no such block
        self._heading = _Heading(item_id, offset, then)
        # Not now: this is part of a key's work (a search hit marked, the contents moved),
        # which a slice would make take longer still.
        self._towards_soon()

    @property
    def on_its_way(self) -> bool:
        """Whether the pane is still on its way somewhere (the end, a far hit or scroll),
        laying out what is before it a slice at a time."""
        return self._heading is not None

    def _towards(self) -> None:
        """Make and wrap for about `TOWARDS_FOR_S` (a step at least) on the way to where the
        pane is heading (`_heading`), and scroll to the end of what is laid out so far; go on
        later unless it is laid out that far, or the reader has scrolled since. Keys are
        answered between slices."""
        heading = self._heading
        if heading is None:
            return
        stop = perf_counter() + TOWARDS_FOR_S
        layout = self.reading_layout
        self._following = True  # the scrolls below are not the reader's
        try:
            while (step := self._step_towards(heading)) and perf_counter() < stop:
                pass
            self._size_to_layout()
            if step and heading.line is None:
                # To the end of what is wrapped, not further: that would wrap the rest now.
                end_so_far = max(0, layout.wrapped_lines - self.scrollable_content_region.height)
                self.scroll_to(y=end_so_far, animate=False, immediate=True)
        finally:
            self._following = False
        if step:
            self._towards_soon()
            return
        self._heading = None
        if heading.item_id is None:
            heading.then(heading.line or 0)
        elif (found := self._blocks_of.get(heading.item_id)) is not None:
            line = self.line_of(heading.item_id, heading.offset(self.blocks[found[0]]))
            if line is not None:
                heading.then(line)

    def _towards_soon(self) -> None:
        """`_towards` on a timer (see `_make_more_soon`), one at a time: two timers due
        together run in one go, and the second slice would wait for the first."""
        if not self._towards_due:
            self._towards_due = True
            self.set_timer(0.001, self._towards_on_timer)

    def _towards_on_timer(self) -> None:
        self._towards_due = False
        self._towards()

    def _step_towards(self, heading: _Heading) -> bool:
        """Make or wrap a little more on the way to `heading`; False once there is no need."""
        layout = self.reading_layout
        if heading.line is not None:
            if layout.width < 0 or layout.wrapped_lines >= heading.line:
                return False
            if self._more is not None and (layout.complete or heading.line > layout.height):
                self._make_more_now(self._more)
                return True
            if layout.complete:
                return False
        elif heading.item_id is not None:
            found = self._blocks_of.get(heading.item_id)
            if found is None:
                if self._more is None:
                    return False  # no such block: nowhere to go
                self._make_more_now(self._more)
                return True
            index = found[0]
            if layout.width < 0 or layout.covers(index, heading.offset(self.blocks[index])):
                return False
        elif self._more is not None:
            self._make_more_now(self._more)
            return True
        elif layout.width < 0 or layout.complete:
            return False
        layout.wrap_to(line=layout.wrapped_lines + WRAPPED_LINES_AT_ONCE)
        return True

    def _size_to_layout(self) -> None:
        layout = self.reading_layout
        self.set_scrollable_size(Size(layout.width, layout.height))

    def on_resize(self) -> None:
        if self._lay_out():
            self._redraw()  # a new width: every line is new
        else:
            # Only taller or shorter (the metric panel below took other room): the lines
            # drawn stand, and Textual draws the pane's new region; a taller pane shows
            # lines that may not be wrapped yet. Drawing it all again cost a frame a key.
            self._lay_out_screen()

    def _redraw(self) -> None:
        self._strips.clear()
        self.refresh()

    def line_of(self, item_id: str, offset: int = 0) -> int | None:
        """The laid-out line that shows character `offset` of the block for `item_id`
        (None if there is no such block, or the pane has no width to lay it out in)."""
        self._lay_out()
        if self.reading_layout.width < 0:
            return None
        index = self._index_of(item_id)
        if index is None:
            return None
        self._lay_out_to(block=index)
        return self.reading_layout.line_of(index, offset)

    def shown_lines(self) -> list[str]:
        """Every line's text, as the pane shows it (blank lines left out)."""
        self._make_all()
        self._lay_out()
        self._lay_out_to(block=len(self.blocks) - 1, whole=True)
        return self.reading_layout.texts()

    # -- drawing -----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        # After a theme change, or focus and hover: the component styles may differ now.
        # The blocks' text names its styles, so the lines drawn from now on use the new ones.
        super().notify_style_update()
        self._strips.clear()
        self._base_style = None
        self._styles.clear()

    @property
    def _base(self) -> Style:
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._lay_out()  # once a frame (render_line would ask once a line)
        self._lay_out_shown(self.scroll_offset.y + crop.bottom)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        number = scroll_y + y
        if self._frame_width is None:  # called on its own, outside a frame
            self._lay_out()
            self._lay_out_shown(number + 1)
        width = self.line_width
        strip = self._strips.get(number)
        if strip is None:
            strip = self._strips[number] = self._render_layout_line(number, width)
        return strip.crop_extend(scroll_x, scroll_x + width, self._base)

    def _render_layout_line(self, number: int, width: int) -> Strip:
        base = self._base
        line = self.reading_layout.line(number)
        if line is None:
            return Strip.blank(width, base)
        index, start, end = line
        block = self.blocks[index]
        look = base + self._block_style(block)
        if block.marked:
            look += self._style("marked")
            marker = Segment(MARKER, look + self._style("marker"))
        else:
            marker = Segment(" ", look)
        body = _styled_segments(block.text, start, end, look, self._resolve)
        indent = Segment(" " * (block.indent - 1), look)
        used = cell_len(block.text.plain[start:end]) + block.indent
        fill = Segment(" " * max(0, width - used), look)
        return Strip([marker, indent, *body, fill], max(width, used))

    def _block_style(self, block: Block) -> Style:
        name = _LOOKS.get(block.kind)
        return self._style(name) if name else Style()

    # -- scrolling ---------------------------------------------------------------------

    def scroll_to_line(self, y: float) -> None:
        """Scroll to line `y` of the section, now or as soon as it is laid out."""
        if self.reading_layout.width < 0:
            self._pending_scroll = partial(self._scroll_to_y, y)
        else:
            self._scroll_to_y(y)

    def _scroll_to_y(self, y: float) -> None:
        # Wrapped first: a scroll stops at the height known so far, and below the blocks
        # wrapped that is an estimate, which may fall short of `y`.
        self._lay_out_screen(y)
        self.scroll_to(y=y, animate=False, immediate=True)

    def _scroll_to_item(self, item_id: str | None) -> None:
        """Scroll so a paragraph, figure or metric's quote is in view with a little context above."""
        if item_id is None or self.report is None:
            return
        metric: Metric | None = self.report.metric_by_id.get(item_id)
        block_id = metric.paragraph if metric else item_id
        paragraph = self.report.paragraph_by_id.get(block_id)
        offset = max(0, metric.quote_start(paragraph.text)) if metric and paragraph else 0
        # The scrollable size is known by now (set without waiting for a layout), so the
        # scroll lands in the same frame as the new section.
        self._when_laid_out(block_id, lambda _block: offset, self._scroll_near)

    def _scroll_near(self, line: int) -> None:
        """Scroll so that `line` is in view, with a little context above it."""
        self.scroll_to(y=max(0, line - 2), animate=False, immediate=True)

    def _scroll_to_hit(self, target: Hit) -> None:
        """Scroll a search hit into view, unless it is in view already."""
        if self.report is None:
            return
        credit = 0
        if target.field == "credit" and self.section is not None:
            figure = next((f for f in self.section.figures if f.id == target.item_id), None)
            credit = len(figure.words) + 2 if figure else 0

        def scroll_into_view(line: int) -> None:
            top, height = self.scroll_offset.y, self.scrollable_content_region.height
            if not top <= line < top + height - 1:
                self._scroll_near(line)

        self._when_laid_out(
            target.item_id, lambda block: target.start + block.text_start + credit, scroll_into_view
        )

    def _index_of(self, item_id: str) -> int | None:
        """Where the block for `item_id` is in `blocks`, the rest made first if it is
        further down than those made so far; None if there is none."""
        while True:
            found = self._blocks_of.get(item_id)
            if found is not None or self._more is None:
                return found[0] if found else None
            self._make_all()

    def on_click(self, event: events.Click) -> None:
        """A click on a subsection's line or outline entry opens that subsection; on a
        quote, it chooses the quote's metric."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        number = int(self.scroll_offset.y) + offset.y
        line = self.reading_layout.line(number)
        if line is None:
            return
        block = self.blocks[line[0]]
        if block.kind in ("subsection", "outline"):
            event.stop()
            self.post_message(self.SectionChosen(block.item_id))
            return
        at = character_at(
            block.text.plain, line[1], line[2], offset.x + int(self.scroll_offset.x) - block.indent
        )
        metric = self.quote_at(block.item_id, at) if at is not None else None
        if metric is not None:
            event.stop()
            self.post_message(self.QuoteChosen(metric.id))

    def quote_at(self, item_id: str, offset: int) -> Metric | None:
        """The metric whose quote covers character `offset` of a paragraph shown."""
        if self.report is None or self.section is None or self._builder is None:
            return None
        paragraph = self.report.paragraph_by_id.get(item_id)
        if paragraph is None:
            return None
        for metric in self._builder.quoted().get(item_id, ()):
            start = metric.quote_start(paragraph.text)
            if 0 <= start <= offset < start + len(metric.quote):
                return metric
        return None

    # -- search matches ----------------------------------------------------------------

    def show_matches(self, hits: Iterable[Hit], current: Hit | None) -> None:
        """Highlight search hits of the shown section, the current one apart, and scroll to it."""
        restyled: set[str]
        if hits is self._shown_hits:
            matches, restyled = self._matches, set()
        else:
            matches = group_matches(hits)
            if matches == self._matches:
                restyled = set()
            else:
                restyled = {key[0] for key in self._matches}
                restyled.update(key[0] for key in matches)
            self._shown_hits = hits if isinstance(hits, list) else None
        if not restyled and current == self._current_match:
            return
        restyled.update(hit.item_id for hit in (current, self._current_match) if hit is not None)
        self._matches, self._current_match = matches, current
        if self._builder is not None:
            self._builder.matches, self._builder.current_match = matches, current
        if len(restyled) * 4 < len(self.blocks):
            for index in self._indices_of(restyled):
                self._rebuild_block(self.blocks[index])
        else:  # most of them: walking the blocks costs less than finding each
            for block in self.blocks:
                if block.item_id in restyled and not block.forget_text():
                    self._rebuild_block(block)
        self._redraw()
        if current is not None:
            self._scroll_to_hit(current)
