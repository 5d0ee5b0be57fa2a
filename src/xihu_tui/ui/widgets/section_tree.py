"""The contents: the report as a tree of sections with their paragraphs, captions and metrics.

A section's paragraphs, figures and subsections are listed in the one order the source
prints them (`Section.contents`), so a closing paragraph stays after the subsections it
follows; its metrics come last.

The column is as wide as the report's section titles need, within limits, and the reader
can make it narrower or wider (keys, or dragging its right edge). A label cut to the
column ends in an ellipsis, and a metric's value and unit, or a section's count, are never
cut: the words before them give up the room (`60多` alone for 60多亿元 is a wrong figure).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...core.report.model import Figure, Metric, Paragraph, Report, Section
from ...core.text.display import one_line
from ...core.text.safe_text import visible_line
from ..drawing.line_scrollbar import LineScrollBars
from ..drawing.plain_lines import PlainLines
from ..drawing.textual_private import (
    forget_tree_lines_drawn,
    number_tree_lines,
    prepare_tree_lines,
    update_scrollbars,
)
from ..metric_words import metric_value_words
from ..strings import Strings

if TYPE_CHECKING:
    from typing_extensions import Self

Kind = Literal["report", "section", "paragraph", "figure", "metric", "range"]
Child = Section | Paragraph | Figure | Metric
LABEL_CHARS = 60
"""A paragraph's preview, at most: the column cuts it to its width."""
WIDTH_AT_LEAST = 20
WIDTH_AT_MOST = 56
SHARE_AT_MOST = 0.4
"""Of the screen's width, the most the column takes unless the reader asks for more."""
TEXT_KEEPS = 30
"""Cells the reading column keeps however wide the reader makes the contents."""
EDGE = 3
"""Padding, the right border and a scrollbar: the cells of the column that are not labels."""
WIDTH_SAMPLE = 5_000
"""Sections whose titles set the column's width: enough for any real report's contents."""
RANGE_FROM = 2_000
"""Children a node lists one by one, at most: more come in ranges of `RANGE_SIZE`, each
opened like a section. A million sections made a million tree nodes: minutes and gigabytes."""
RANGE_SIZE = 1_000


@dataclass(frozen=True)
class Entry:
    """What a tree node stands for."""

    kind: Kind
    item: Report | Section | Paragraph | Figure | Metric
    section: Section | None = None
    """The section that holds the item (the section itself for a section node)."""
    span: tuple[int, int] = (0, 0)
    """A range's children: `[start, stop)` of its parent's (`item`'s) children."""

    @property
    def id(self) -> str | None:
        """The item's id; a range's is its parent's, whose text it shows (None: the report)."""
        return None if isinstance(self.item, Report) else self.item.id


def _cut(label: Text, cells: int) -> Text:
    """`label` in at most `cells` cells, ending in an ellipsis right after the last character
    kept (Rich pads a wide character cut at the edge with a space before it)."""
    room, end = cells - 1, 0
    for character in label.plain:
        room -= cell_len(character)
        if room < 0:
            break
        end += 1
    cut = label[:end]
    cut.append("…")
    return cut


def _preview(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS] + "…"


class SectionTree(LineScrollBars, Tree[Entry]):
    """Sections load their children when first expanded, so big reports open fast."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="tree.down"),
        Binding("k", "cursor_up", "Up", show=False, id="tree.up"),
        Binding("left,h", "collapse_or_parent", "Collapse", show=False, id="tree.collapse"),
        Binding("right,l", "expand_or_child", "Expand", show=False, id="tree.expand"),
        Binding("g,home", "scroll_home", "First", show=False, id="tree.first"),
        Binding("G,end", "scroll_end", "Last", show=False, id="tree.last"),
    ]

    DEFAULT_CSS = """
    SectionTree {
        padding: 0 1;
        overflow-x: hidden;
    }
    """

    class WidthChosen(Message):
        """The reader dragged the column's edge: the screen lays itself out again."""

    def __init__(self, report: Report, strings: Strings, *, id: str | None = None) -> None:
        super().__init__(Text(visible_line(report.title)), data=Entry("report", report), id=id)
        self.report = report
        self.strings = strings
        self.auto_expand = False  # Enter is "jump to", not "toggle"; arrows and space toggle.
        self.guide_depth = 2
        self._item_nodes: dict[str, TreeNode[Entry]] = {}
        self._loaded: set[int] = set()
        self._range_children: dict[int, list[Child]] = {}
        """Node id → its children, for a node that lists them in ranges."""
        self._match_counts: dict[str, int] = {}
        self._wanted_width: int | None = None
        self._only: set[str] | None = None
        """When narrowed: the sections shown (those with matches and their ancestors)."""
        self._own_style: Style | None = None
        self._plain_lines = PlainLines()
        self._kept: dict[int, int] = {}
        """Node id → characters at the end of its label that are never cut (a value, a count)."""
        self.chosen_width: int | None = None
        """The width the reader made the column, if they did."""
        self._dragging = False
        self._dragged = False

    # -- showing and hiding lines --------------------------------------------------------

    _lines_changing = False
    """Inside `_changing_lines` (a class default: Tree refreshes before `__init__` ends)."""
    _repaint_wanted = False
    """Whether a refresh was asked for inside `_changing_lines`: made once, at its end."""

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self._lines_changing and not recompose:
            # Once, when the lines have changed (see `_changing_lines`): Tree asks on every
            # node added, and opening a range of a thousand asked a thousand times (40 ms).
            self._repaint_wanted = True
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @contextmanager
    def _changing_lines(self) -> Iterator[None]:
        """Show or hide nodes without laying out the screen.

        Tree asks for a layout whenever its lines change, and a layout redraws every pane
        (`n` into another section cost twice a key that lays out nothing). But the tree's
        size is its styles' (its width set by the screen, its height the column's), never
        its lines': new lines need only its scrollbar sized again. The lines are numbered
        at the end, so the cursor can go to a node just shown in this frame."""
        if self._lines_changing:
            yield
            return
        self._lines_changing, self._repaint_wanted = True, False
        try:
            yield
            number_tree_lines(self)
        finally:
            self._lines_changing = False
        update_scrollbars(self, self.virtual_size)
        if self._repaint_wanted:
            self.refresh()

    # -- drawing -----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # As Tree.render_lines does first: a line's looks depend on focus and hover.
        prepare_tree_lines(self)
        lines = self._plain_lines.render(self, crop, self.render_line)
        return super().render_lines(crop) if lines is None else lines

    @property
    def rich_style(self) -> Style:
        """Cached: `Tree` asks for it once per line drawn, and each answer walks the DOM.

        That was a third of the cost of drawing the contents after a scroll.
        """
        if self._own_style is None:
            self._own_style = super().rich_style
        return self._own_style

    def notify_style_update(self) -> None:
        # Called whenever CSS (a theme, focus, a class) may have changed this widget's looks.
        self._own_style = None
        super().notify_style_update()

    def render_label(self, node: TreeNode[Entry], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        entry = node.data
        if entry is not None and entry.kind in ("section", "range") and self._match_counts:
            badge = self._badge(entry, node)
            if badge is not None:
                badge.stylize(style)
                icon = len(self.ICON_NODE) if node.allow_expand else 0
                label = label[:icon] + badge + label[icon:]
        room = self.scrollable_content_region.width - self._guide_width(node)
        if label.cell_len <= room or room <= 0:
            return label
        kept = self._kept.get(node.id, 0)
        head, tail = label[: len(label) - kept], label[len(label) - kept :]
        if head.cell_len <= 1:
            head, tail = label, Text()  # nothing left to give room: the whole label is cut
        return _cut(head, max(2, room - tail.cell_len)) + tail

    def process_label(self, label: str | Text) -> Text:
        # Every label here is one line already (`visible_line`): Tree's cut to the first
        # line was a third of the cost of adding a node.
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def get_label_width(self, node: TreeNode[Entry]) -> int:
        # Tree measures every label after each change to size its horizontal scroll, which
        # this column does not have (labels are cut to it): a million sections took minutes.
        return 0

    def _guide_width(self, node: TreeNode[Entry]) -> int:
        depth = 0
        while node.parent is not None:
            depth, node = depth + 1, node.parent
        return depth * self.guide_depth

    # -- width -------------------------------------------------------------------------

    def wanted_width(self) -> int:
        """The cells the sections' titles need, two levels deep, with their counts, up to
        `WIDTH_AT_MOST` (the column is never wider unless the reader asks)."""
        if self._wanted_width is None:
            self._wanted_width = self._measure_titles()
        return self._wanted_width

    def _measure_titles(self) -> int:
        widest, walked = 0, 0
        top = self.report.sections
        if len(top) > RANGE_FROM:  # the top level shows ranges: their labels are its titles
            for start in range(0, min(len(top), WIDTH_SAMPLE), RANGE_SIZE):
                span = (start, min(start + RANGE_SIZE, len(top)))
                widest = max(widest, self.guide_depth + 2 + self._range_label(top, span).cell_len)
        for section in self.report.sections:
            children = [child for child in section.contents() if isinstance(child, Section)]
            for depth, item in [(1, section), *((2, child) for child in children)]:
                # The expand icon ("▶ ") and the guides in front of the title.
                matches = sum(self._match_counts.get(s.id, 0) for s in item.walk())
                badge = len(f"‹{matches}› ") if matches else 0
                title = self._section_label(item).cell_len + badge
                cells = depth * self.guide_depth + 2 + title
                widest = max(widest, cells)
            walked += 1 + len(children)
            # A million sections would take seconds to measure; the first few thousand tell
            # the column's width as well, and a title cut later still ends in an ellipsis.
            if widest + EDGE >= WIDTH_AT_MOST or walked >= WIDTH_SAMPLE:
                break
        return widest + EDGE

    def width_for(self, screen_width: int) -> int:
        """The column's width on a screen this wide: the reader's choice if any, else what the
        titles want, within limits; the text keeps `TEXT_KEEPS` cells either way."""
        most = max(WIDTH_AT_LEAST, screen_width - TEXT_KEEPS)
        if self.chosen_width is not None:
            return max(WIDTH_AT_LEAST // 2, min(self.chosen_width, most))
        share = max(WIDTH_AT_LEAST, int(screen_width * SHARE_AT_MOST))
        return max(WIDTH_AT_LEAST, min(self.wanted_width(), WIDTH_AT_MOST, share, most))

    def widen(self, cells: int, screen_width: int) -> None:
        """Make the column `cells` wider (narrower if negative), from its width now."""
        current = self.width_for(screen_width)
        self.chosen_width = max(WIDTH_AT_LEAST // 2, min(current + cells, screen_width - TEXT_KEEPS))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        # The right border is the handle: Textual 8 has no splitter of its own.
        self._dragged = False
        if event.button == 1 and event.x >= self.outer_size.width - 1:
            self._dragging = self._dragged = True
            self.capture_mouse()
            event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self.chosen_width = max(WIDTH_AT_LEAST // 2, event.screen_x - self.region.x + 1)
            self.post_message(self.WidthChosen())
            event.stop()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            event.stop()

    def on_click(self, event: events.Click) -> None:
        if self._dragged:  # the end of a drag is not a click on a row
            self._dragged = False
            event.prevent_default()
            event.stop()

    def on_mount(self) -> None:
        self._add_sections(self.root, self.report.sections)
        self.root.expand()

    # -- population --------------------------------------------------------------------

    def _add_sections(self, parent: TreeNode[Entry], sections: tuple[Section, ...]) -> None:
        shown: list[Child] = [s for s in sections if self._only is None or s.id in self._only]
        self._list_children(parent, self.report, None, shown)

    def _list_children(
        self, parent: TreeNode[Entry], owner: Report | Section, section: Section | None, children: list[Child]
    ) -> None:
        """`children` under `parent`, one by one, or in ranges when there are very many."""
        if len(children) <= RANGE_FROM:
            for child in children:
                self._list_item(parent, child, section)
            return
        self._range_children[parent.id] = children
        for start in range(0, len(children), RANGE_SIZE):
            span = (start, min(start + RANGE_SIZE, len(children)))
            node = parent.add(self._range_label(children, span), data=Entry("range", owner, section, span))
            self._kept[node.id] = len(f" {span[1] - span[0]}")

    def _range_label(self, children: Sequence[Child], span: tuple[int, int]) -> Text:
        """The first and the last of the range's items, and how many it holds."""
        first, last = (self._short_words(children[at]) for at in (span[0], span[1] - 1))
        label = Text(first)
        label.append(" … ", style="dim")
        label.append(last)
        label.append(f" {span[1] - span[0]}", style="dim")
        return label

    @staticmethod
    def _short_words(item: Child) -> str:
        """The start of what names the item in a range's label."""
        if isinstance(item, Section):
            words = item.title
        elif isinstance(item, Metric):
            words = item.label
        elif isinstance(item, Paragraph):
            words = item.text
        else:
            words = item.words
        return visible_line(one_line(words)[:20])

    def _list_item(self, parent: TreeNode[Entry], item: Child, section: Section | None) -> None:
        if isinstance(item, Section):
            self._add_section(parent, item)
        elif section is None:
            raise ValueError(f"{item.id} is not in a section")
        elif isinstance(item, Paragraph):
            label = Text("¶ ", style="dim") + Text(_preview(item.text))
            self._leaf(parent, label, Entry("paragraph", item, section))
        elif isinstance(item, Figure):
            self._leaf(parent, self._figure_label(item), Entry("figure", item, section))
        else:
            value = " " + visible_line(metric_value_words(item, self.strings, self.report.language))
            label = (
                Text("◆ ", style="dim")
                + Text(self.strings.reading.drafted_mark if item.drafted else "", style="italic")
                + Text(visible_line(item.label))
                + Text(value, style="bold")
            )
            self._leaf(parent, label, Entry("metric", item, section))
            self._kept[self._item_nodes[item.id].id] = len(value)

    def _add_section(self, parent: TreeNode[Entry], section: Section) -> None:
        if self._only is not None and section.id not in self._only:
            return
        node = parent.add(self._section_label(section), data=Entry("section", section, section))
        self._kept[node.id] = self._count_chars(section)
        self._item_nodes[section.id] = node

    @staticmethod
    def _count_chars(section: Section) -> int:
        return len(f" {len(section.metrics)}") if section.metrics else 0

    def _section_label(self, section: Section) -> Text:
        """The title and the metrics' count; a search's badge is drawn in front of it
        (`render_label`), so a new search changes no label."""
        label = Text(visible_line(section.title))
        if section.metrics:
            label.append(f" {len(section.metrics)}", style="dim")
        return label

    def _badge(self, entry: Entry, node: TreeNode[Entry]) -> Text | None:
        """A section's search matches, subsections included (a range's: its sections'), as
        drawn in front of its title: in front, so a long title cannot push the count out of
        the narrow column."""
        if entry.kind == "range" and node.parent is not None:
            start, stop = entry.span
            sections = [c for c in self._range_children[node.parent.id][start:stop] if isinstance(c, Section)]
        else:
            sections = [entry.item] if isinstance(entry.item, Section) else []
        matches = sum(self._match_counts.get(s.id, 0) for section in sections for s in section.walk())
        if not matches:
            return None
        badge = Text()
        badge.append(f"‹{matches}›", style="bold reverse")
        badge.append(" ")
        return badge

    # -- search ------------------------------------------------------------------------

    def show_match_counts(self, counts: dict[str, int]) -> None:
        """Badge each section with its search matches, subsections included.

        Only the lines on screen are drawn again: a million sections' labels are not touched.
        """
        if counts == self._match_counts:
            return
        self._match_counts = counts
        self._wanted_width = None  # the badges are part of the titles' width
        forget_tree_lines_drawn(self)
        self.refresh()

    def narrow(self, section_ids: set[str] | None) -> None:
        """Show only these sections (and their ancestors), or every section again with None."""
        keep = None
        if section_ids is not None:
            keep = {s.id for target in section_ids for s in self.report.section_path(target)}
        if keep == self._only:
            return
        current = self.current
        self._only = keep
        with self._changing_lines():
            self.root.remove_children()
            self._item_nodes.clear()
            self._loaded.clear()
            self._range_children.clear()
            self._add_sections(self.root, self.report.sections)
        if current is not None and current.id is not None:
            self.go_to(current.id)

    @property
    def narrowed(self) -> bool:
        return self._only is not None

    def _populate(self, node: TreeNode[Entry]) -> None:
        entry = node.data
        if entry is None or entry.kind not in ("section", "range") or node.id in self._loaded:
            return
        self._loaded.add(node.id)
        if entry.kind == "range":
            assert node.parent is not None
            start, stop = entry.span
            for child in self._range_children[node.parent.id][start:stop]:
                self._list_item(node, child, entry.section)
            return
        section = entry.item
        assert isinstance(section, Section)
        only = self._only
        children: list[Child] = (
            list(section.contents())
            if only is None
            else [item for item in section.contents() if not isinstance(item, Section) or item.id in only]
        )
        self._list_children(node, section, section, [*children, *section.metrics])

    def _open_range_holding(self, parent: TreeNode[Entry], item_id: str) -> TreeNode[Entry] | None:
        """The range under `parent` that holds the item, opened; None if there is none."""
        children = self._range_children.get(parent.id)
        if children is None:
            return None
        at = next((i for i, child in enumerate(children) if child.id == item_id), None)
        if at is None:
            return None
        node = parent.children[at // RANGE_SIZE]
        self._populate(node)
        node.expand()
        return node

    def _figure_label(self, figure: Figure) -> Text:
        """▣ and the figure's words; the editors' description of an uncaptioned one is marked so."""
        label = Text("▣ ", style="dim")
        if figure.caption or figure.alt:
            return label + Text(_preview(figure.words))
        mark = Text(self.strings.reading.editorial_mark, style="dim")
        return label + mark + Text(_preview(figure.words), style="italic")

    def _leaf(self, parent: TreeNode[Entry], label: Text, entry: Entry) -> None:
        node = parent.add_leaf(label, data=entry)
        assert entry.id is not None
        self._item_nodes[entry.id] = node

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[Entry]) -> None:
        self._populate(event.node)

    # -- navigation --------------------------------------------------------------------

    @property
    def current(self) -> Entry | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def go_to(self, item_id: str) -> bool:
        """Move the cursor to any section, paragraph, figure or metric, expanding its ancestors."""
        section = self.report.section_of.get(item_id) or self.report.section_by_id.get(item_id)
        if section is None:
            return False
        with self._changing_lines():
            parent = self.root
            for ancestor in self.report.section_path(section.id):
                node = self._item_nodes.get(ancestor.id)
                if node is None and self._open_range_holding(parent, ancestor.id) is not None:
                    node = self._item_nodes.get(ancestor.id)
                if node is None:  # hidden while the tree is narrowed to search matches
                    return False
                if ancestor.id != item_id and not node.is_expanded:
                    self._populate(node)
                    node.expand()
                parent = node
            target = self._item_nodes.get(item_id)
            if target is None and self._open_range_holding(parent, item_id) is not None:
                target = self._item_nodes.get(item_id)
            if target is None:
                return False
        if self.size.height:
            self.move_cursor(target)
        else:  # not laid out yet (new panes): scrolled now, the line would go to the top
            self.call_after_refresh(self.move_cursor, target)
        return True

    def next_section(self, section_id: str | None, step: int) -> str | None:
        """The section the tree shows `step` (1 or -1) away from `section_id` in document
        order, stopping at the first and last; the first or last with no `section_id`."""
        order = self.report.section_ids
        here = self.report.section_index.get(section_id, -1) if section_id is not None else -1
        if here < 0:
            candidates = order if step > 0 else reversed(order)
        else:
            # Walk from here, not over every section: a step usually finds one next door.
            # (By index: a slice of a million ids cost milliseconds a step.)
            steps = range(here + 1, len(order)) if step > 0 else range(here - 1, -1, -1)
            candidates = (order[at] for at in steps)
        found = next((candidate for candidate in candidates if self._listed(candidate)), None)
        return found if found is not None or here < 0 else section_id

    def _listed(self, section_id: str) -> bool:
        """Whether the section is in the contents: its node is made, or it is in a range of
        its parent's (which makes its nodes only when opened)."""
        if section_id in self._item_nodes:
            return True
        if self._only is not None and section_id not in self._only:
            return False
        path = self.report.section_path(section_id)
        parent = self._item_nodes.get(path[-2].id) if len(path) > 1 else self.root
        return parent is not None and parent.id in self._range_children

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            with self._changing_lines():
                node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent, animate=False)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            with self._changing_lines():
                self._populate(node)
                node.expand()
        elif node.children:
            self.move_cursor(node.children[0], animate=False)
