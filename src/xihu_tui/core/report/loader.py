"""Turn a report file into the model, or into a list of located problems.

Loading never lets an exception other than `ReportError` escape. This module reads and
decodes the file and parses its TOML; `builder` checks the document and builds the model.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, AnyStr

from ..collection import collection_paused
from .builder import FORMAT_VERSION, ReportBuilder, int_digits_limit
from .model import Report
from .problems import KeyPath, Problem, ReportError
from .report_bytes import read_report_bytes
from .toml_lines import key_lines

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT_VERSION",
    "bundled_report_path",
    "load_report",
    "loads_report",
    "parse_document",
    "read_report_text",
]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Reports larger than this are refused unread; `max_bytes` raises the limit."""

BLOCKS_FROM_CHARS = 1024 * 1024
"""A report this long or longer (in characters, or in bytes for a file) has its sections
parsed a block at a time (`_build_in_blocks`)."""
BLOCK_CHARS = 256 * 1024
"""About how much of the text (or the file) each block of sections holds."""


def bundled_report_path() -> Path:
    """The West Lake report shipped with the package.

    A wheel carries it inside the package; an editable install or a source checkout
    reads `data/report.toml` at the repository root. Found beside this file rather than
    through `importlib.resources`, whose import took 7–10 ms here, as long as loading
    the report itself (and whose answer is no file path for a zipped package anyway).
    """
    package = Path(__file__).resolve().parents[2]  # src/xihu_tui, from core/report/
    packaged = package / "data" / "report.toml"
    if packaged.is_file():
        return packaged
    return package.parents[1] / "data" / "report.toml"


def load_report(
    path: str | Path | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: bool = False,
    cache_directory: Path | None = None,
) -> Report:
    """Load and validate a report file (the bundled one when `path` is None).

    With `cache`, a large report loaded before with the same bytes comes from the
    parse cache (`core/report/cache.py`), and one loaded now is put there.
    """
    path = bundled_report_path() if path is None else Path(path)
    raw = read_report_bytes(path, max_bytes)
    if cache:
        from . import cache as parse_cache

        fingerprint = parse_cache.Fingerprint.of(raw)
        with collection_paused():  # (it makes as many objects as parsing)
            cached = parse_cache.lookup(fingerprint, FORMAT_VERSION, cache_directory)
        if cached is not None:
            return cached
    report = _load_bytes(raw, str(path))
    del raw
    if cache:
        parse_cache.store(fingerprint, report, cache_directory)
    return report


def read_report_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A report file's text, read and decoded as `load_report` reads it; `ReportError` if it cannot be."""
    return _decode(read_report_bytes(path, max_bytes), str(path))


def loads_report(text: str, *, source: str = "<string>") -> Report:
    """Parse and validate report TOML given as a string."""
    with collection_paused():
        if len(text) >= BLOCKS_FROM_CHARS:
            with contextlib.suppress(_NotInBlocks):
                return _build_in_blocks(text, source, text)
        return _build_whole(text, source)


def _build_whole(text: str, source: str) -> Report:
    return ReportBuilder(source, text).build(parse_document(text, source=source), consume=True)


def _load_bytes(raw: bytes, source: str) -> Report:
    """`loads_report` of the file's bytes. A large file is checked as text whole (`_decode`)
    but decoded a block at a time as it is parsed, so that its text is not held beside its
    model either (a million small sections make twice as much text as file)."""
    if len(raw) < BLOCKS_FROM_CHARS:
        return loads_report(_decode(raw, source), source=source)
    _decode(raw, source)  # every problem of the bytes, said as always; the text is let go of

    def text() -> str:  # for locating problems, the only other use of the text
        return raw.decode("utf-8")

    with collection_paused():
        with contextlib.suppress(_NotInBlocks):
            return _build_in_blocks(raw, source, text)
        return _build_whole(text(), source)


class _NotInBlocks(Exception):
    """The text is not one whose sections `_build_in_blocks` vouches for: it is parsed whole."""


def _build_in_blocks(text: AnyStr, source: str, whole_text: str | Callable[[], str]) -> Report:
    """The report of `text`, its `[[sections]]` parsed a block at a time and each section's
    table let go of once it is built, so that the whole document is never held: the document
    of a million small sections weighs about nine times its file, their model a third of that.
    `text` may be the bytes of a file checked already (`_decode`); `whole_text` is then what
    decodes them whole, if a problem needs locating.

    The text is cut only before a line that is `[[sections]]` alone. What comes before the
    first such line must parse and hold no `sections`, and each block must parse and hold
    `sections` alone; then the blocks' sections, in order, are the `sections` that
    `parse_document` would read, beside the rest of its document, and the builder checks the
    same document. Anything else (such a line inside a multi-line string or array leaves the
    block before it unparsable; `[report]` or another table after the sections puts a key
    beside `sections`) raises `_NotInBlocks`, and the text is parsed whole, which finds the
    same report or says the error as it always has.
    """
    first = _next_section_header(text, 0)
    if first is None:
        raise _NotInBlocks
    head = _parse_block(_piece(text, 0, first))
    if "sections" in head:
        raise _NotInBlocks
    return ReportBuilder(source, whole_text).build(
        head, consume=True, top_sections=_section_blocks(text, first)
    )


def _section_blocks(text: AnyStr, start: int) -> Iterator[dict[str, Any]]:
    """The tables of the sections from `start` (where a `[[sections]]` line starts) on, each
    let go of once taken; `_NotInBlocks` from the first block that is not sections alone."""
    while start < len(text):
        end = _next_section_header(text, start + BLOCK_CHARS)
        block = _parse_block(_piece(text, start, len(text) if end is None else end))
        sections = block.pop("sections", None)
        if block or not isinstance(sections, list):
            raise _NotInBlocks
        sections.reverse()
        while sections:
            yield sections.pop()
        start = len(text) if end is None else end


def _next_section_header(text: AnyStr, start: int) -> int | None:
    """Where the first line that is `[[sections]]` alone, at `start` or after, starts."""
    header: AnyStr
    line_ends: tuple[AnyStr, AnyStr]
    if isinstance(text, bytes):
        header, line_ends = b"\n[[sections]]", (b"\n", b"\r\n")
    else:
        header, line_ends = "\n[[sections]]", ("\n", "\r\n")
    at = max(start - 1, 0)
    while (found := text.find(header, at)) >= 0:
        after = found + len(header)
        if after == len(text) or text.startswith(line_ends, after):
            return found + 1
        at = after
    return None


def _piece(text: AnyStr, start: int, end: int) -> str:
    """`text[start:end]` as text: bytes are decoded through a view, not copied first."""
    return text[start:end] if isinstance(text, str) else str(memoryview(text)[start:end], "utf-8")


def _parse_block(block: str) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(block)
    except (ValueError, RecursionError):  # a TOMLDecodeError is a ValueError
        raise _NotInBlocks from None
    return data


def parse_document(text: str, *, source: str = "<string>") -> dict[str, Any]:
    """The TOML document `text`, unchecked; `ReportError` with its location if it is not TOML."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column = _decode_error_position(error, text)
        message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)$", "", str(error))
        raise ReportError([Problem(source, f"TOML syntax error: {message}", line, column)]) from None
    except RecursionError:
        raise ReportError([Problem(source, "TOML nesting is too deep to read")]) from None
    except ValueError as error:
        # Not a syntax error: tomllib reads integers with int(), which refuses one of more
        # digits than sys.get_int_max_str_digits() allows (4,300), and says nothing of where.
        raise ReportError([_overlong_integer(text, source, error)]) from None
    return data


def _overlong_integer(text: str, source: str, error: ValueError) -> Problem:
    """Locate the integer tomllib could not read: the first run of digits it reads as a number.

    A run that long may also stand in a string or a comment, so each is replaced by a token
    that is no TOML value, and tomllib, parsing again, stops at the first one it reads as
    a value; strings and comments hold the token as happily as the digits.
    """
    limit = int_digits_limit()
    runs = re.compile(rf"(?<![\w.])[0-9](?:_?[0-9]){{{limit},}}(?![\w.])")
    if not limit or runs.search(text) is None:
        return Problem(source, f"cannot be read: {error}")  # some other refusal: say it as it is
    message = f"an integer of more than {limit:,} digits is too long to read"
    try:
        tomllib.loads(runs.sub("@", text))
    except tomllib.TOMLDecodeError as error:
        line, _ = _decode_error_position(error, text)
    except (ValueError, RecursionError):
        return Problem(source, message)
    else:
        return Problem(source, message)
    for run in runs.finditer(text):
        if text.count("\n", 0, run.start()) + 1 == line:
            digits = len(run.group().replace("_", ""))
            message = f"an integer of {digits:,} digits is too long to read (the limit is {limit:,})"
            break
    on_line = [path for path, found in key_lines(text).items() if found == line]
    path = max(on_line, key=len, default=())
    return Problem(source, message, line, None, path, _ids_on(runs.sub("0", text), path))


def _ids_on(text: str, path: KeyPath) -> tuple[tuple[int, str], ...]:
    """The ids of the items on `path` in the document `text` (the last two, as the builder names
    them), or none if it cannot be read."""
    try:
        node: object = tomllib.loads(text)
    except (ValueError, RecursionError):
        return ()
    ids: list[tuple[int, str]] = []
    for length, part in enumerate(path, 1):
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            ids.append((length, node["id"]))
    return tuple(ids[-2:])


def _decode(raw: bytes, source: str) -> str:
    def fail(message: str, line: int | None = None, column: int | None = None) -> ReportError:
        return ReportError([Problem(source, message, line, column)])

    if not raw or raw.isspace():
        raise fail("file is empty: a report needs a [report] table and at least one section")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("file starts with a byte-order mark; save it as UTF-8 without a BOM")
    # TOML text never holds a NUL: finding one is cheaper than decoding a large binary file.
    bad = raw.find(b"\x00")
    if bad < 0:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = error.start
    if _looks_like_utf16(raw[:4096]):
        guess = "it looks like UTF-16"
    elif b"\x00" in raw:
        guess = "it looks like a binary file"
    elif _decodes_as(raw, "gb18030"):
        guess = "it looks like GBK/GB18030"
    else:
        guess = "it is not valid UTF-8"
    before = raw[:bad]
    line = before.count(b"\n") + 1
    column = bad - (before.rfind(b"\n") + 1) + 1
    raise fail(f"cannot decode byte 0x{raw[bad]:02x}: {guess}; expected UTF-8", line, column)


def _looks_like_utf16(raw: bytes) -> bool:
    """Mostly-ASCII UTF-16 has a NUL in every other byte, all on one side."""
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    return max(even, odd) > len(raw) // 4 and min(even, odd) <= max(even, odd) // 10


def _decodes_as(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _decode_error_position(error: tomllib.TOMLDecodeError, text: str) -> tuple[int, int]:
    found = re.search(r"at line (\d+), column (\d+)", str(error))
    if found:
        return int(found.group(1)), int(found.group(2))
    lines = text.splitlines() or [""]
    return len(lines), len(lines[-1]) + 1
