"""The reading pane: a section's title, paragraphs and captions, with quotes marked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.model import Figure, Metric, Paragraph, Report, Section
from ..strings import Strings
from .kinsoku_text import KinsokuText


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
    """

    def __init__(self, item_id: str, text: Text, *, figure: bool = False, marked: bool = False) -> None:
        super().__init__(text)
        self.item_id = item_id
        self.set_class(figure, "-figure")
        self.set_class(marked, "-marked")


class DetailPane(VerticalScroll, can_focus=True):
    """Shows the highlighted section and scrolls to the highlighted item in it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail-pane--quote",
        "detail-pane--quote-current",
        "detail-pane--credit",
        "detail-pane--note",
    }

    DEFAULT_CSS = """
    DetailPane {
        padding: 0 1;
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
    DetailPane .detail-pane--credit {
        color: $foreground-muted;
        text-style: not italic;
    }
    DetailPane .detail-pane--note {
        color: $foreground-muted;
    }
    """

    def __init__(self, strings: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.strings = strings
        self.report: Report | None = None
        self.section: Section | None = None
        self.marked_id: str | None = None

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._restyle, init=False)

    # -- what is shown -----------------------------------------------------------------

    def show_report(self, report: Report) -> None:
        """The report's front matter, for when the tree's root is highlighted."""
        self.report, self.section, self.marked_id = report, None, None
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
        self._replace(blocks)

    def show_section(self, report: Report, section: Section, marked_id: str | None = None) -> None:
        if self.report is report and self.section is section:
            self.mark(marked_id)
            return
        self.report, self.section, self.marked_id = report, section, marked_id
        self._replace(self._section_blocks(report, section))
        self.scroll_home(animate=False)
        if marked_id is not None:
            self.call_after_refresh(self._scroll_to_marked)

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
        title = Text(section.title)
        if section.editorial:
            title.append(f"  ({self.strings.editorial_title})", style=self._style("note"))
        yield Static(title, classes="heading")
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
        return text

    def _figure_block(self, figure: Figure, marked: str | None) -> Block:
        text = Text("▣ ")
        text.append(figure.caption)
        if figure.credit:
            text.append(f"  {figure.credit}", style=self._style("credit"))
        return Block(figure.id, text, figure=True, marked=figure.id == marked)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"detail-pane--{name}", partial=True)

    def _replace(self, blocks: Iterable[Static | Block]) -> None:
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(list(blocks))

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
        paragraph = self.report.paragraph_by_id.get(block.item_id)
        if paragraph is not None:
            block.update(self._paragraph_text(paragraph, self.section))

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
