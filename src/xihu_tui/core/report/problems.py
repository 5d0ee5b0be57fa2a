"""Problems found while reading a report, each located as precisely as we can."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..text.safe_text import json_for_terminal, visible_line

KeyPath = tuple[str | int, ...]


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def quoted(text: str) -> str:
    """`text` in double quotes, with every control character escaped (`"\\u001b[2J"`), so a
    message that shows it is safe to print on a terminal."""
    return json_for_terminal(json.dumps(text, ensure_ascii=False))


def format_key_path(path: KeyPath, ids: Sequence[tuple[int, str]] = ()) -> str:
    """`("sections", 2, "metrics", 0, "value")` -> `sections[2].metrics[0].value`; a key that
    is not a bare TOML key is quoted: `report."\\u001b[2J"`. `ids` names the items on the
    way, by the length of the path that reaches each: `sections[2](economy).metrics[0](gdp).value`."""
    named = dict(ids)
    out = ""
    for length, part in enumerate(path, 1):
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = part if _BARE_KEY.fullmatch(part) else quoted(part)
            out += f".{key}" if out else key
        if length in named:
            item_id = named[length]
            out += f"({item_id if _BARE_KEY.fullmatch(item_id) else quoted(item_id)})"
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    message: str
    line: int | None = None
    column: int | None = None
    key_path: KeyPath = ()
    item_ids: tuple[tuple[int, str], ...] = ()
    """The ids of the items on `key_path`, by the length of the path that reaches each."""

    def __str__(self) -> str:
        """One line, safe to print: the file's name is anyone's, and shows its controls (`␛`)."""
        where = visible_line(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # Messages quote report text escaped already (`quoted`); this is for one that would not.
        message = visible_line(self.message)
        if self.key_path:
            return f"{where}: {format_key_path(self.key_path, self.item_ids)}: {message}"
        return f"{where}: {message}"


class ReportError(Exception):
    """A report could not be loaded. Carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
