"""Opening a report in the reader's text editor, at the line of what they were reading."""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Mapping
from pathlib import Path

from .model import Report, Section
from .problems import KeyPath
from .toml_lines import key_lines, line_of

__all__ = ["editor_command", "item_key_paths", "item_line"]

EDITOR_VARIABLES = ("EDITOR", "VISUAL")
"""Looked up in this order: `$EDITOR`, then `$VISUAL`."""

# Editors that take `FILE:LINE` rather than the `+LINE FILE` that vi, nano, emacs,
# micro, helix and kakoune understand.
_GOTO_FLAG = {"code", "code-insiders", "codium", "cursor"}
_COLON_LINE = {"subl", "sublime_text", "zed", "gedit", "kate"}


def editor_command(environ: Mapping[str, str], path: Path, line: int | None) -> list[str] | None:
    """The command that opens `path` at `line` in the reader's editor, or None if none is set.

    The variable may hold arguments (`code --wait`); it is split as a shell would.
    """
    for variable in EDITOR_VARIABLES:
        value = environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                words = [value]
            break
    else:
        return None
    name = Path(words[0]).name
    if line is None:
        return [*words, str(path)]
    if name in _GOTO_FLAG:
        return [*words, "--goto", f"{path}:{line}"]
    if name in _COLON_LINE:
        return [*words, f"{path}:{line}"]
    return [*words, f"+{line}", str(path)]


def item_key_paths(report: Report) -> dict[str, KeyPath]:
    """Where each section, paragraph, figure and metric sits in the TOML document.

    The model keeps every array in the file's order, so the positions are those of the file.
    """
    return dict(_key_paths(report.sections, ()))


def _key_paths(sections: tuple[Section, ...], parent: KeyPath) -> Iterator[tuple[str, KeyPath]]:
    for index, section in enumerate(sections):
        path = (*parent, "sections", index)
        yield section.id, path
        for key, ids in (
            ("paragraphs", [paragraph.id for paragraph in section.paragraphs]),
            ("figures", [figure.id for figure in section.figures]),
            ("metrics", [metric.id for metric in section.metrics]),
        ):
            for position, item_id in enumerate(ids):
                yield item_id, (*path, key, position)
        yield from _key_paths(section.sections, path)


_WORDS_KEY = {"paragraphs": "text", "figures": "caption"}
"""Where a paragraph's or caption's words are: the line an editor should open at."""


def item_line(report: Report, source: str, item_id: str | None) -> int | None:
    """The line of `source` (the report's TOML) to edit the item with `item_id` at: a
    paragraph's or caption's words, a section's or metric's table header; 1 for the report."""
    if item_id is None:
        return 1
    path = item_key_paths(report).get(item_id)
    if path is None:
        return None
    words = _WORDS_KEY.get(str(path[-2]))
    return line_of((*path, words) if words else path, key_lines(source))
