"""Every key the reader has, grouped by where it works, read from the classes' own BINDINGS."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from ..drawing.textual_private import inherits_bindings
from ..localized import LocalizedBindings
from ..strings import Strings
from ..widgets.detail_pane import DetailPane
from ..widgets.key_bar import KeyBar
from ..widgets.metric_panel import MetricTable
from ..widgets.search_bar import SearchBar
from ..widgets.section_tree import SectionTree
from .explorer import ExplorerScreen
from .overview import FilterInput, MetricsOverview

KEY_WIDTH_LIMIT = 20
KEY_SEPARATOR = ", "
"""Between the keys of one row: not " / ", since `/` is a key itself (the filter's)."""


@dataclass(frozen=True)
class KeyRow:
    keys: tuple[str, ...]
    """Keys as the reader types them: "[", "?", "ctrl+p"."""
    description: str


def key_label(binding: Binding) -> str:
    """A bound key as the reader types it: `left_square_bracket` is "[", `ctrl+p` stays "ctrl+p"."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    return "+".join([*modifiers, format_key(key)])


def class_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings instances of `cls` have, as Textual merges them: a subclass's key wins.

    Most derived class first, each class's bindings in the order it declares them.
    """
    chain: list[type[DOMNode]] = []
    for base in reversed(cls.__mro__):
        if isinstance(base, type) and issubclass(base, DOMNode):
            if not inherits_bindings(base):
                chain.clear()
            chain.append(base)
    seen: set[str] = set()
    found: list[Binding] = []
    for base in reversed(chain):  # most derived first
        for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
            if binding.key not in seen:
                seen.add(binding.key)
                found.append(binding)
    return found


def key_rows(bindings: Iterable[Binding], strings: Strings) -> list[KeyRow]:
    """One row per action, its keys together; bindings without a description are left out."""
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        description = strings.describe(binding.id, binding.description)
        if not description:
            continue
        keys = rows.setdefault((binding.action, description), [])
        if key_label(binding) not in keys:
            keys.append(key_label(binding))
    return [KeyRow(tuple(keys), description) for (_, description), keys in rows.items()]


def key_groups(app: App[object], strings: Strings) -> list[tuple[str, list[KeyRow]]]:
    """(title, rows) for each place keys work in `app`, from the classes' BINDINGS.

    Takes the app rather than importing its module, which imports this one."""
    group = strings.help_groups
    palette = Binding(
        app.COMMAND_PALETTE_BINDING,
        "command_palette",
        "Command palette",
        key_display=app.COMMAND_PALETTE_DISPLAY,
        id="palette",
    )
    # Every screen has Textual's own screen keys (tab, shift+tab, ctrl+c): list them once,
    # with the app's, rather than under each screen.
    every_screen = class_bindings(Screen)
    common = {(b.key, b.action) for b in every_screen}

    def screen_bindings(cls: type[Screen[Any]]) -> list[Binding]:
        return [b for b in class_bindings(cls) if (b.key, b.action) not in common]

    app_bindings = class_bindings(type(app))
    # Textual adds the palette's key at run time unless the app binds the action itself.
    palette_bound = any(b.action in {"command_palette", "app.command_palette"} for b in app_bindings)
    if app.ENABLE_COMMAND_PALETTE and not palette_bound:
        app_bindings.append(palette)
    # The palette's Enter is its input's (submit), which runs the highlighted entry.
    palette_choose = Binding("enter", "choose", "Go to the highlighted entry", id="palette.choose")
    places: list[tuple[str, Iterable[Binding]]] = [
        (group["app"], [*app_bindings, *every_screen]),
        (group["explorer"], screen_bindings(ExplorerScreen)),
        (group["contents"], class_bindings(SectionTree)),
        (group["table"], class_bindings(MetricTable)),
        (group["reading"], class_bindings(DetailPane)),
        (group["search"], class_bindings(SearchBar)),
        (
            group["overview"],
            [*screen_bindings(MetricsOverview), *Binding.make_bindings(FilterInput.BINDINGS)],
        ),
        (group["palette"], [palette_choose, *class_bindings(CommandPalette)]),
        (group["input"], class_bindings(Input)),
        (group["help"], screen_bindings(HelpScreen)),
    ]
    return [(title, key_rows(bindings, strings)) for title, bindings in places]


class HelpScreen(LocalizedBindings, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > #help {
        width: 100%;
        max-width: 90;
        height: 1fr;
        margin: 1 1 0 1;
        padding: 0 1;
        border: round $accent;
        border-title-color: $text-accent;
        border-title-style: bold;
        background: $surface;
    }
    HelpScreen .group-title {
        text-style: bold;
        color: $text-primary;
        margin-top: 1;
    }
    HelpScreen .keys {
        padding-left: 1;
    }
    """

    def __init__(self, strings: Strings) -> None:
        super().__init__()
        self.strings = strings

    def groups(self) -> list[tuple[str, list[KeyRow]]]:
        """(title, rows) for each place keys work, from the classes' BINDINGS."""
        return key_groups(self.app, self.strings)

    def compose(self) -> ComposeResult:
        groups = self.groups()
        width = min(
            KEY_WIDTH_LIMIT,
            max(
                (Content(KEY_SEPARATOR.join(row.keys)).cell_length for _, rows in groups for row in rows),
                default=0,
            ),
        )
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = Content(self.strings.help_title)
            for title, rows in groups:
                yield Static(Content(title), classes="group-title")
                yield Static(Content("\n").join(self._lines(rows, width)), classes="keys")
        yield KeyBar()

    @staticmethod
    def _lines(rows: list[KeyRow], width: int) -> Iterator[Content]:
        for row in rows:
            keys = Content.styled(KEY_SEPARATOR.join(row.keys), "bold $text-accent")
            yield Content.assemble(keys.pad_right(max(0, width - keys.cell_length)), "  ", row.description)

    def action_close(self) -> None:
        self.dismiss(None)
