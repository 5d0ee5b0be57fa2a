"""A format 1 report rewritten in format 2, saying in the file what format 1 left to the reader.

Format 2 asks three things of a metric that format 1 did not: a decline's value is signed
(下降3.5% is -3.5, where format 1 wrote its size), and a quote that holds several numbers
that could be the metric's, or that the paragraph repeats, says which one is meant
(`number`, `occurrence`). Format 1 meant the first that agreed; the upgrade writes exactly
that, so the report means what it meant before, now in so many words.

The file is edited with tomlkit, which keeps its comments, order and layout: only the keys
that change are touched. The result is checked as format 2 before it is returned.
"""

from __future__ import annotations

from dataclasses import dataclass

from .builder import FORMAT_VERSION, ReportBuilder, Upgrade
from .loader import loads_report, parse_document
from .problems import KeyPath, format_key_path
from .toml_lines import key_lines, line_of

__all__ = ["Change", "upgrade_text"]


@dataclass(frozen=True, slots=True)
class Change:
    """One key the upgrade wrote, where, and why."""

    line: int | None
    key_path: KeyPath
    old: object
    new: object

    def describe(self) -> str:
        key = self.key_path[-1]
        if key == "value":
            why = "a decline is signed in format 2"
        elif key == "number":
            why = "the quote holds more than one number; format 1 meant the first that agreed"
        elif key == "occurrence":
            why = "the paragraph repeats the quote; format 1 meant the first"
        else:
            why = "the format version"
        was = "" if self.old is None else f"{self.old} → "
        return f"{format_key_path(self.key_path)}: {was}{self.new} ({why})"


def upgrade_text(text: str, *, source: str = "<string>") -> tuple[str, list[Change]]:
    """`text` (a valid report) in format 2, and what changed; ([], `text`) if it is format 2
    already. Raises `ReportError` when `text` is not a valid report."""
    import tomlkit  # only for --upgrade: opening a report never needs it

    document = parse_document(text, source=source)
    builder = ReportBuilder(source, text)
    builder.build(document)
    if builder.version >= FORMAT_VERSION:
        return text, []
    lines = key_lines(text)
    edited = tomlkit.parse(text)
    changes = [_apply(edited, upgrade, document, lines) for upgrade in builder.upgrades]
    if "format" in edited:
        changes.insert(0, Change(line_of(("format",), lines), ("format",), edited["format"], FORMAT_VERSION))
        edited["format"] = FORMAT_VERSION
        result = tomlkit.dumps(edited)
    else:
        changes.insert(0, Change(None, ("format",), None, FORMAT_VERSION))
        result = _with_format_line(tomlkit.dumps(edited))
    loads_report(result, source=source)  # what it wrote must read as format 2
    return result, changes


def _apply(
    edited: object, upgrade: Upgrade, document: dict[str, object], lines: dict[KeyPath, int]
) -> Change:
    table: object = edited
    old_table: object = document
    for part in upgrade.path:
        table = table[part]  # type: ignore[index]
        old_table = old_table[part]  # type: ignore[index]
    old = old_table.get(upgrade.key) if isinstance(old_table, dict) else None
    table[upgrade.key] = upgrade.value  # type: ignore[index]
    key_path = (*upgrade.path, upgrade.key)
    return Change(line_of(key_path if old is not None else upgrade.path, lines), key_path, old, upgrade.value)


def _with_format_line(text: str) -> str:
    """`text` with `format = 2` before its first key or table, after its opening comments."""
    lines = text.splitlines(keepends=True)
    at = next((n for n, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")), 0)
    return "".join([*lines[:at], f"format = {FORMAT_VERSION}\n\n", *lines[at:]])
