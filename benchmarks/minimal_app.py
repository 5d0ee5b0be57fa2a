"""The baseline for start-up: a minimal Textual app (Header + Static + Footer) showing
a report's paragraphs, read with `tomllib` and nothing else.

    python benchmarks/minimal_app.py REPORT
"""

from __future__ import annotations

import sys
from typing import ClassVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Header, Static


class MinimalApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.text, markup=False)
        yield Footer()


def paragraphs(path: str) -> str:
    with open(path, "rb") as file:
        document = tomllib.load(file)
    return "\n\n".join(p["text"] for section in document["sections"] for p in section.get("paragraphs", ()))


if __name__ == "__main__":
    MinimalApp(paragraphs(sys.argv[1])).run()
