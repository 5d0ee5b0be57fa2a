"""Opening a report in the reader's text editor, at the line of what they were reading.

`$EDITOR` and the report's file name both come from outside: the command is built so
that neither can become something else. The variable is split as a shell would (never
run by one), its program must be found before the terminal is handed over, and the file
is named by its absolute path, which no editor reads as an option (`-x.toml`) or a
command (`+!touch X`), after `--` where the editor understands it.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..report.model import Report, Section
from ..report.problems import KeyPath
from ..report.toml_lines import key_lines, line_of

__all__ = ["EditorCommand", "EditorError", "EditorProblem", "editor_command", "item_key_paths", "item_line"]

EDITOR_VARIABLES = ("EDITOR", "VISUAL")
"""Looked up in this order: `$EDITOR`, then `$VISUAL`."""

# Editors that take `FILE:LINE` rather than the `+LINE FILE` that vi, nano, emacs,
# micro, helix and kakoune understand.
_GOTO_FLAG = {"code", "code-insiders", "codium", "cursor"}
_COLON_LINE = {"subl", "sublime_text", "zed", "gedit", "kate"}
# Editors whose option parser ends at `--`. Not micro's (Go's flag package stops at the
# first argument that is not an option, `+LINE`, and would open a file named `--`).
_END_OF_OPTIONS = {"vi", "vim", "nvim", "gvim", "view", "vim.basic", "vim.tiny", "nano", "rnano", "emacs"}


class EditorProblem(Enum):
    """Why the editor setting cannot be run."""

    UNPARSABLE = "unparsable"
    """The value cannot be split into words (an unbalanced quote)."""
    NOT_FOUND = "not-found"
    DIRECTORY = "directory"
    NOT_EXECUTABLE = "not-executable"


class EditorError(Exception):
    """The editor cannot be started: found out before the terminal is handed over, so the
    explorer can say so and carry on."""

    def __init__(self, variable: str, setting: str, problem: EditorProblem, detail: str = "") -> None:
        super().__init__(f"${variable} ({setting!r}): {problem.value}{f': {detail}' if detail else ''}")
        self.variable = variable
        self.setting = setting
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True)
class EditorCommand:
    """The reader's editor, opening one file: what to run, and the setting it came from."""

    variable: str
    """`EDITOR` or `VISUAL`."""
    setting: str
    argv: tuple[str, ...]

    def check_runnable(self, environ: Mapping[str, str]) -> None:
        """Raise `EditorError` unless the program can be started (as `subprocess` finds it)."""
        program = self.argv[0]
        if shutil.which(program, path=environ.get("PATH", os.defpath)) is not None:
            return
        problem = EditorProblem.NOT_FOUND
        if os.sep in program or (os.altsep and os.altsep in program):
            named = Path(program)
            if named.is_dir():
                problem = EditorProblem.DIRECTORY
            elif named.exists():
                problem = EditorProblem.NOT_EXECUTABLE
        raise EditorError(self.variable, self.setting, problem)


def editor_command(environ: Mapping[str, str], path: Path, line: int | None) -> EditorCommand | None:
    """The command that opens `path` at `line` in the reader's editor, or None if none is set.

    The variable may hold arguments (`code --wait`); it is split as a shell would. Raises
    `EditorError` when it cannot be split.
    """
    for variable in EDITOR_VARIABLES:
        setting = environ.get(variable, "").strip()
        if setting:
            break
    else:
        return None
    try:
        words = shlex.split(setting)
    except ValueError as error:
        raise EditorError(variable, setting, EditorProblem.UNPARSABLE, str(error)) from None
    if not words:  # only quotes: `""`
        raise EditorError(variable, setting, EditorProblem.NOT_FOUND)
    return EditorCommand(variable, setting, tuple(_arguments(words, str(Path(path).absolute()), line)))


def _arguments(words: list[str], file: str, line: int | None) -> list[str]:
    name = Path(words[0]).name
    end = ["--"] if name in _END_OF_OPTIONS else []
    if line is None:
        return [*words, *end, file]
    if name in _GOTO_FLAG:
        return [*words, "--goto", f"{file}:{line}"]
    if name in _COLON_LINE:
        return [*words, f"{file}:{line}"]
    return [*words, f"+{line}", *end, file]


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
