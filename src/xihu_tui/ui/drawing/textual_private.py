"""Every private Textual name xihu-tui relies on, checked when this module is imported.

Textual has no public API for these (checked against the pinned version), and changes
such names in patch releases. So nothing else in xihu-tui touches them: other modules
use the names and wrappers below. On import, `check` makes sure each one is still there
with the shape relied on; if one is gone, importing this module (and so the explorer)
fails with an ImportError that names the Textual installed, the Textual tested and the
name that changed, rather than drawing something wrong later.

What is relied on, and why:

- `textual._border.get_box`: the glyphs and colours of a side border, as Textual's styles
  pipeline draws them (`plain_lines` draws the sides itself).
- `Widget._scroll_update`: updates the scrollbars for a new scrollable size without the
  screen-wide layout that setting `virtual_size` asks for (`line_view`). Textual's own
  `OptionList` does the same.
- `Widget._vertical_scrollbar` and `App._start_widget`: how `Widget.vertical_scrollbar`
  makes and starts its bar; Textual has a hook for a bar's renderer, not for its class
  (`line_scrollbar` makes a `LineScrollBar` the same way).
- `Tree._pseudo_class_state`: what `Tree.render_lines` sets before drawing lines (the
  contents, drawn without it, must set it too).
- `Tree._line_cache`: the lines `Tree._render_line` drew, kept until the tree changes. The
  contents draw a section's search badge when its line is drawn (setting a million labels
  froze the screen), so a new search must forget the lines drawn with the old badges
  without `Tree._invalidate`, which also lays out every line again.
- `Tree._tree_lines`: the tree's lines, numbered (`Tree._build`) on the first use after
  nodes were shown or hidden. The contents number them at once, so the cursor goes to a
  node just shown in the same frame, and meanwhile ask for no screen-wide layout: the
  tree's size is its styles', never its lines' (`SectionTree.refresh`).
- `DOMNode._inherit_bindings`: whether a class keeps its bases' bindings, as Textual
  merges them (the help screen lists each class's keys).
- `Strip.crop_extend` returning the same strip for the same crop of the same strip, which
  only its internal cache guarantees: `PlainLines` reuses a drawn line when its content is
  the same object as last frame (the reading pane and the tables crop their cached lines
  with it), so without it every line would be drawn afresh on every frame.
- Rich's `Text._text` and `Text._length` (Rich comes with Textual): a `Text` of words that
  `visible()` has already made safe, without `Text()` stripping control codes from them
  again. Stripping is a `str.translate` over the whole string, 80–90 ms for a paragraph of
  5 MB, which its first drawing would block on, though there is nothing left to strip.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import textual
from rich.segment import Segment
from rich.text import Text
from textual.app import App
from textual.cache import LRUCache
from textual.dom import DOMNode
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Tree

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual.scrollbar import ScrollBar

TESTED_TEXTUAL = "8.2.8"
"""The Textual these names were checked against: the version `pyproject.toml` pins."""


def installed_textual() -> str:
    import importlib.metadata  # only to report a mismatch: it costs start-up 10 ms

    try:
        return importlib.metadata.version("textual")
    except importlib.metadata.PackageNotFoundError:
        return str(getattr(textual, "__version__", "unknown"))


def _names_used(function: object) -> set[str]:
    """The global and attribute names a function's code uses (empty if it has no code)."""
    function = getattr(function, "__func__", function)
    code = getattr(function, "__code__", None)
    return set(code.co_names) if code is not None else set()


def _check_get_box() -> str | None:
    try:
        border = importlib.import_module("textual._border")
    except ImportError:
        return "textual._border: the module is gone"
    get_box = getattr(border, "get_box", None)
    if not callable(get_box):
        return "textual._border.get_box: gone"
    try:
        box = get_box("tall", Style(), Style(), Style())
    except Exception as error:
        return f"textual._border.get_box: no longer takes (edge type, inner, outer, style) ({error!r})"
    try:
        sides: tuple[object, ...] = box[1][0], box[1][2]
    except (TypeError, IndexError):
        sides = ()
    if len(sides) != 2 or not all(isinstance(side, Segment) for side in sides):
        return "textual._border.get_box: no longer returns three rows of three Segments"
    return None


def _check_scroll_update() -> str | None:
    update = getattr(Widget, "_scroll_update", None)
    if not callable(update):
        return "Widget._scroll_update: gone"
    if len(inspect.signature(update).parameters) != 2:
        return "Widget._scroll_update: no longer takes (self, virtual_size)"
    if "_scroll_update" not in _names_used(ScrollView._size_updated):
        return "Widget._scroll_update: ScrollView no longer updates its scrollbars with it"
    return None


def _check_vertical_scrollbar() -> str | None:
    if not callable(getattr(App, "_start_widget", None)):
        return "App._start_widget: gone"
    if len(inspect.signature(App._start_widget).parameters) != 3:
        return "App._start_widget: no longer takes (self, parent, widget)"
    if "_vertical_scrollbar" not in _names_used(Widget.__init__):
        return "Widget._vertical_scrollbar: gone"
    made_by = _names_used(getattr(Widget.vertical_scrollbar, "fget", None))
    if not {"_vertical_scrollbar", "_start_widget"} <= made_by:
        return "Widget.vertical_scrollbar: no longer made with _vertical_scrollbar and App._start_widget"
    return None


def _check_pseudo_class_state() -> str | None:
    # The contents draw their lines without Tree.render_lines, so they must do all it does first.
    done = _names_used(Tree.render_lines)
    if "_pseudo_class_state" not in done:
        return "Tree._pseudo_class_state: Tree.render_lines no longer sets it"
    if not done <= {"_pseudo_class_state", "get_pseudo_class_state", "super", "render_lines"}:
        return "Tree._pseudo_class_state: Tree.render_lines now does more than set it"
    return None


def _check_tree_line_cache() -> str | None:
    if "_line_cache" not in _names_used(getattr(Tree, "_render_line", None)):
        return "Tree._line_cache: Tree._render_line no longer keeps its lines there"
    if "_line_cache" not in _names_used(Tree.__init__) or not callable(getattr(LRUCache, "clear", None)):
        return "Tree._line_cache: no longer an LRUCache made by Tree.__init__"
    return None


def _check_tree_lines() -> str | None:
    lines = getattr(Tree, "_tree_lines", None)
    if not isinstance(lines, property) or "_build" not in _names_used(lines.fget):
        return "Tree._tree_lines: no longer a property that builds the lines with Tree._build"
    if "virtual_size" not in _names_used(getattr(Tree, "_build", None)):
        return "Tree._build: no longer sets the tree's virtual_size from its lines"
    if "refresh" not in _names_used(getattr(Tree, "_invalidate", None)):
        return "Tree._invalidate: no longer asks for the tree to be refreshed"
    return None


def _check_inherit_bindings() -> str | None:
    if not isinstance(getattr(DOMNode, "_inherit_bindings", None), bool):
        return "DOMNode._inherit_bindings: gone"
    if "_inherit_bindings" not in _names_used(getattr(DOMNode, "_merge_bindings", None)):
        return "DOMNode._inherit_bindings: DOMNode._merge_bindings no longer reads it"
    return None


def _check_crop_extend() -> str | None:
    strip = Strip([Segment("ab")], 2)
    if strip.crop_extend(0, 3, None) is not strip.crop_extend(0, 3, None):
        return "Strip.crop_extend: no longer returns the same strip for the same crop (its cache is gone)"
    return None


def _check_text_parts() -> str | None:
    if not {"_text", "_length", "strip_control_codes"} <= _names_used(Text.__init__):
        return "rich.text.Text: no longer keeps its stripped string in _text and its length in _length"
    sample = "西湖 [/]"
    made = text_of_safe_words(sample)
    made.stylize("bold", 0, 2)
    made.append("。")
    expected = Text(sample)
    expected.stylize("bold", 0, 2)
    expected.append("。")
    if (made.plain, len(made), made.spans) != (expected.plain, len(expected), expected.spans):
        return "rich.text.Text: a Text made from _text and _length differs from Text()"
    return None


CHECKS: tuple[Callable[[], str | None], ...] = (
    _check_get_box,
    _check_scroll_update,
    _check_vertical_scrollbar,
    _check_pseudo_class_state,
    _check_tree_line_cache,
    _check_tree_lines,
    _check_inherit_bindings,
    _check_crop_extend,
    _check_text_parts,
)


def problems() -> list[str]:
    """What is gone or has changed shape, one line each (none with the Textual tested)."""
    return [problem for check in CHECKS if (problem := check()) is not None]


def check() -> None:
    """Raise ImportError if a private Textual name relied on is gone or changed shape."""
    found = problems()
    if found:
        raise ImportError(
            f"xihu-tui cannot draw with Textual {installed_textual()}: it was tested with Textual "
            f"{TESTED_TEXTUAL} (the version pyproject.toml pins), and it relies on private Textual "
            "names that are gone or have changed:\n"
            + "\n".join(f"  - {problem}" for problem in found)
            + f"\nInstall textual=={TESTED_TEXTUAL}, or see xihu_tui/ui/drawing/textual_private.py "
            "(and CONTRIBUTING.md, Layout) to upgrade."
        )


def text_of_safe_words(words: str) -> Text:
    """`Text(words)` for words without control codes (`visible()` replaced them), without
    Rich stripping them again: a `str.translate` over the whole of a long paragraph."""
    text = Text()
    text._text = [words]
    text._length = len(words)
    return text


check()

# -- the names, for the rest of xihu-tui --------------------------------------------------

get_box: Callable[..., Any] = importlib.import_module("textual._border").get_box
"""`get_box(edge type, inner style, outer style, edge style)`: a border's 3×3 segments."""


def update_scrollbars(widget: Widget, virtual_size: Size) -> None:
    """Show, hide and size `widget`'s scrollbars for `virtual_size`, without a layout."""
    widget._scroll_update(virtual_size)


def attach_vertical_scrollbar(widget: Widget, bar: ScrollBar) -> None:
    """Make `bar` the widget's vertical scrollbar and start it, as `Widget.vertical_scrollbar` does."""
    widget._vertical_scrollbar = bar
    widget.app._start_widget(widget, bar)


def prepare_tree_lines(tree: Tree[Any]) -> None:
    """What `Tree.render_lines` does before it draws: a line's looks depend on focus and hover."""
    tree._pseudo_class_state = tree.get_pseudo_class_state()


def forget_tree_lines_drawn(tree: Tree[Any]) -> None:
    """Make `tree` draw its lines afresh (their labels changed) without laying them out again."""
    tree._line_cache.clear()


def number_tree_lines(tree: Tree[Any]) -> None:
    """Number the tree's lines now, not on its next refresh: a node just shown gets its line."""
    tree._tree_lines  # noqa: B018  (a property that builds the lines)


def inherits_bindings(cls: type[DOMNode]) -> bool:
    """Does `cls` keep its bases' bindings (`inherit_bindings`, a class keyword)?"""
    return cls._inherit_bindings
