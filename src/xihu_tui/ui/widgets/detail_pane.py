"""The reading pane: a section's title, paragraphs and captions, with quotes marked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import AwaitMount
from textual.widgets import Static

from ...core.model import Figure, Metric, Paragraph, Report, Section
from ..strings import Strings
from .kinsoku_text import KinsokuText

if TYPE_CHECKING:  # the search is imported when it is first opened
    from ...core.search import Hit


class Block(KinsokuText):
    """One paragraph or caption of the pane, tied to the report item it shows."""

    DEFAULT_CSS = """
    Block {
        margin: 0 0 1 0;
        padding: 0 1 0 1;
        border-left: blank;
    }
    Block.-marked {
        border-left: thick $accent;
        background: $boost;
    }
    Block.-figure {
        color: $foreground-muted;
        text-style: italic;
        padding-left: 3;
    }
    Block.-heading {
        text-style: bold;
        color: $text-primary;
        margin: 1 0 0 0;
    }
    """

    def __init__(
        self, item_id: str, text: Text, *, kind: str = "paragraph", marked: bool = False, offset: int = 0
    ) -> None:
        super().__init__(text)
        self.item_id = item_id
        self.kind = kind
        self.text_start = offset
        """Where the item's own text starts in the block's text (after a caption's ▣ marker)."""
        self.add_class(f"-{kind}")
        self.set_class(marked, "-marked")


class DetailPane(VerticalScroll, can_focus=True):
    """Shows the highlighted section and scrolls to the highlighted item in it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail-pane--quote",
        "detail-pane--quote-current",
        "detail-pane--credit",
        "detail-pane--note",
        "detail-pane--match",
        "detail-pane--match-current",
    }

    DEFAULT_CSS = """
    DetailPane {
        padding: 0 1;
        /* A scrollbar that comes and goes would change the width, re-wrap every
           paragraph and move what the reader was looking at. */
        scrollbar-gutter: stable;
    }
    DetailPane > .heading {
        text-style: bold;
        color: $text-primary;
        margin: 1 0 0 1;
    }
    DetailPane > .meta {
        color: $foreground-muted;
        margin: 0 0 1 1;
    }
    DetailPane .detail-pane--quote {
        text-style: underline;
    }
    DetailPane .detail-pane--quote-current {
        text-style: bold underline;
        background: $accent 40%;
    }
    DetailPane .detail-pane--match {
        background: $warning 35%;
    }
    DetailPane .detail-pane--match-current {
        background: $warning;
        color: $background;
        text-style: bold;
    }
    DetailPane .detail-pane--credit {
        color: $foreground-muted;
        text-style: not italic;
    }
    DetailPane .detail-pane--note {
        color: $foreground-muted;
    }
    """

    def __init__(self, strings: Strings, report: Report | None = None, *, id: str | None = None) -> None:
        """Starts with `report`'s front matter, if given."""
        super().__init__(id=id)
        self.strings = strings
        self.report: Report | None = report
        self.section: Section | None = None
        self.marked_id: str | None = None
        self._matches: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self._current_match: Hit | None = None

    def compose(self) -> ComposeResult:
        # Composed, not mounted after: the first screen is drawn with the front matter.
        if self.report is not None:
            yield from self._report_blocks(self.report)

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._restyle, init=False)

    # -- what is shown -----------------------------------------------------------------

    def show_report(self, report: Report) -> None:
        """The report's front matter, for when the tree's root is highlighted."""
        self.report, self.section, self.marked_id = report, None, None
        self._replace(self._report_blocks(report))

    def _report_blocks(self, report: Report) -> list[Static | Block]:
        strings = self.strings
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
            Text.assemble((f"{label}: ", "bold"), value) for label, value in meta if value
        )
        blocks: list[Static | Block] = [
            Static(Text(report.title), classes="heading"),
            Static(lines, classes="meta"),
        ]
        if report.published and report.published.note:
            blocks.append(Static(Text(report.published.note, style=self._style("note")), classes="meta"))
        blocks.append(Static(Text(strings.report_summary(report)), classes="meta"))
        return blocks

    def show_section(self, report: Report, section: Section, marked_id: str | None = None) -> None:
        if self.report is report and self.section is section:
            self.mark(marked_id)
            return
        self.report, self.section, self.marked_id = report, section, marked_id
        mounted = self._replace(self._section_blocks(report, section))
        self.scroll_home(animate=False)
        if marked_id is not None:
            self.call_later(self._scroll_when_laid_out, mounted)

    def mark(self, item_id: str | None) -> None:
        """Mark a paragraph, figure or metric of the current section and scroll to it."""
        if self.report is None or self.section is None:
            return
        previous = self.marked_id
        self.marked_id = item_id
        previous_block = self._block_for(previous)
        block = self._block_for(item_id)
        if previous_block is not None and previous_block is not block:
            previous_block.remove_class("-marked")
            if previous in self.report.metric_by_id:
                self._restyle_block(previous_block)
        if block is not None:
            block.add_class("-marked")
            self._restyle_block(block)
        self._scroll_to_marked()

    # -- building ----------------------------------------------------------------------

    def _section_blocks(self, report: Report, section: Section) -> Iterable[Static | Block]:
        path = report.section_path(section.id)
        if len(path) > 1:
            crumbs = " › ".join(s.title for s in path[:-1])
            yield Static(Text(crumbs), classes="meta")
        yield Block(section.id, self._title_text(section), kind="heading")
        if section.note:
            yield Static(Text(section.note, style=self._style("note")), classes="meta")
        figures_after: dict[str | None, list[Figure]] = {}
        for figure in section.figures:
            figures_after.setdefault(figure.after, []).append(figure)
        marked = self._marked_block_id()
        yield from (self._figure_block(f, marked) for f in figures_after.get(None, []))
        for paragraph in section.paragraphs:
            text = self._paragraph_text(paragraph, section)
            yield Block(paragraph.id, text, marked=paragraph.id == marked)
            yield from (self._figure_block(f, marked) for f in figures_after.get(paragraph.id, []))

    def _paragraph_text(self, paragraph: Paragraph, section: Section) -> Text:
        text = Text(paragraph.text)
        for metric in section.metrics:
            if metric.paragraph != paragraph.id:
                continue
            start = paragraph.text.find(metric.quote)
            if start >= 0:
                kind = "quote-current" if metric.id == self.marked_id else "quote"
                text.stylize(self._style(kind), start, start + len(metric.quote))
        self._stylize_matches(text, paragraph.id, "paragraph")
        return text

    def _title_text(self, section: Section) -> Text:
        title = Text(section.title)
        self._stylize_matches(title, section.id, "title")
        if section.editorial:
            title.append(f"  ({self.strings.editorial_title})", style=self._style("note"))
        return title

    def _stylize_matches(self, text: Text, item_id: str, field: str, offset: int = 0) -> None:
        current = self._current_match
        for start, end in self._matches.get((item_id, field), ()):
            is_current = current is not None and (current.item_id, current.field, current.start) == (
                item_id,
                field,
                start,
            )
            style = self._style("match-current" if is_current else "match")
            text.stylize(style, offset + start, offset + end)

    def _figure_block(self, figure: Figure, marked: str | None) -> Block:
        return Block(
            figure.id, self._figure_text(figure), kind="figure", marked=figure.id == marked, offset=2
        )

    def _figure_text(self, figure: Figure) -> Text:
        text = Text("▣ ")
        text.append(figure.caption)
        self._stylize_matches(text, figure.id, "caption", offset=2)
        if figure.credit:
            text.append("  ")
            credit_at = len(text)
            text.append(figure.credit, style=self._style("credit"))
            self._stylize_matches(text, figure.id, "credit", offset=credit_at)
        return text

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"detail-pane--{name}", partial=True)

    def _replace(self, blocks: Iterable[Static | Block]) -> AwaitMount:
        with self.app.batch_update():
            self.remove_children()
            return self.mount_all(list(blocks))

    async def _scroll_when_laid_out(self, mounted: AwaitMount) -> None:
        # New blocks have no place until they are mounted and laid out; scrolling
        # to the marked one any earlier would land on a stale position.
        await mounted
        self.call_after_refresh(self._scroll_to_marked)

    # -- marking -----------------------------------------------------------------------

    def _marked_block_id(self) -> str | None:
        """The block that shows the marked item: a metric is marked in its paragraph."""
        if self.marked_id is None or self.report is None:
            return None
        metric = self.report.metric_by_id.get(self.marked_id)
        return metric.paragraph if metric else self.marked_id

    def _block_for(self, item_id: str | None) -> Block | None:
        if item_id is None or self.report is None:
            return None
        metric = self.report.metric_by_id.get(item_id)
        target = metric.paragraph if metric else item_id
        for block in self.query(Block):
            if block.item_id == target:
                return block
        return None

    def _restyle_block(self, block: Block) -> None:
        if self.report is None or self.section is None:
            return
        report, section = self.report, self.section
        if block.kind == "heading":
            block.update(self._title_text(section))
        elif block.kind == "figure":
            figure = next((f for f in section.figures if f.id == block.item_id), None)
            if figure is not None:
                block.update(self._figure_text(figure))
        elif (paragraph := report.paragraph_by_id.get(block.item_id)) is not None:
            block.update(self._paragraph_text(paragraph, section))

    # -- search matches ----------------------------------------------------------------

    def show_matches(self, hits: Iterable[Hit], current: Hit | None) -> None:
        """Highlight search hits of the shown section, the current one apart, and scroll to it."""
        matches: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for hit in hits:
            matches.setdefault((hit.item_id, hit.field), []).append((hit.start, hit.end))
        if matches == self._matches and current == self._current_match:
            return
        self._matches, self._current_match = matches, current
        for block in self.query(Block):
            self._restyle_block(block)
        if current is not None:
            self.call_after_refresh(self._scroll_to_hit, current)

    def _scroll_to_hit(self, hit: Hit) -> None:
        block = self._block_for(hit.item_id)
        if block is None:
            return
        offset = hit.start + block.text_start
        if hit.field == "credit":
            figure = (
                next((f for f in self.section.figures if f.id == hit.item_id), None) if self.section else None
            )
            offset += len(figure.caption) + 2 if figure else 0
        top = block.virtual_region.y + block.line_of_offset(offset)
        if not self.scroll_offset.y <= top < self.scroll_offset.y + self.scrollable_content_region.height - 1:
            self.scroll_to(y=max(0, top - 2), animate=False)

    def _restyle(self) -> None:
        if self.report is None:
            return
        if self.section is None:
            self.show_report(self.report)
        else:
            for block in self.query(Block):
                self._restyle_block(block)

    def _scroll_to_marked(self) -> None:
        block = self._block_for(self.marked_id)
        if block is None:
            return
        metric: Metric | None = self.report.metric_by_id.get(self.marked_id or "") if self.report else None
        line = 0
        if metric is not None:
            line = block.line_of_offset(max(0, block.text.plain.find(metric.quote)))
        top = block.virtual_region.y + line
        # Keep a little context above the target rather than pinning it to the edge.
        self.scroll_to(y=max(0, top - 2), animate=False)
