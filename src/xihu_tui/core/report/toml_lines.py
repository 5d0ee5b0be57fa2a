"""Find the line of a key in TOML source text.

`tomllib` returns plain dicts with no positions, so schema problems would otherwise
say only *what* is wrong, not *where*. This scanner follows table headers and
`key =` lines closely enough to map a key path such as
`("sections", 2, "metrics", 0, "value")` back to a line number.
"""

from __future__ import annotations

import re

from .problems import KeyPath

_HEADER = re.compile(r"""^\s*(\[\[?)\s*([A-Za-z0-9_\-."' ]+?)\s*\]\]?\s*(?:#.*)?$""")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[=.]""")
_TRIPLE_QUOTES = re.compile(r'"""|\'\'\'')
_MAX_PARTS = 200
"""Headers with more parts are not followed: no valid report has them (sections nest at
most 64 deep), and following one costs time quadratic in its depth."""
_TOO_DEEP: KeyPath = ("<too deep>",)


def _name_parts(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in dotted.split(".")]


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each table header and key found in `text` to its 1-based line number."""
    lines: dict[KeyPath, int] = {}
    array_lengths: dict[KeyPath, int] = {}
    current: KeyPath = ()
    in_multiline_string = False
    for number, line in enumerate(text.splitlines(), start=1):
        quotes = len(_TRIPLE_QUOTES.findall(line))
        if in_multiline_string:
            in_multiline_string = quotes % 2 == 0
            continue
        header = _HEADER.match(line)
        if header:
            is_array = header.group(1) == "[["
            path: KeyPath = ()
            *parents, last = _name_parts(header.group(2))
            if len(parents) >= _MAX_PARTS:
                current = _TOO_DEEP
                continue
            for part in parents:
                path += (part,)
                if path in array_lengths:
                    path += (array_lengths[path] - 1,)
            path += (last,)
            if is_array:
                index = array_lengths.get(path, 0)
                array_lengths[path] = index + 1
                path += (index,)
            lines.setdefault(path, number)
            current = path
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault((*current, key.group(1).strip("\"'")), number)
        if quotes % 2 == 1:
            in_multiline_string = True
    return lines


def line_of(path: KeyPath, lines: dict[KeyPath, int]) -> int | None:
    """The line of `path`, or of its nearest ancestor that has one."""
    for end in range(len(path), 0, -1):
        found = lines.get(path[:end])
        if found is not None:
            return found
    return None
