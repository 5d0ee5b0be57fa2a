"""A cache of loaded reports, so a large report opens without parsing its TOML again.

TOML parsing is pure Python and the floor of opening a large report (about 2 s for
10 MB here). Once a report has been loaded and validated, its model is written as lines
of JSON (`model_json`, `_entry_bytes`), which Python reads in C, to the user's cache
directory. The entry is
found by the SHA-256 of the file's bytes, and used only when it was written for this
format version, this version of xihu-tui and this cache layout; anything else (a
missing, truncated, unreadable or foreign entry) means the file is parsed as usual.
Never `pickle`: an entry is data, and reading one runs nothing.

Small reports are not cached: they parse faster than an entry is looked up.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ... import __version__
from .builder import FORMAT_VERSION
from .files import write_atomically
from .model import Report
from .model_json import MODEL_JSON_VERSION, compact_json, report_from_parts, report_head_data, sections_data

__all__ = ["MIN_BYTES", "Fingerprint", "cache_directory", "lookup", "store"]

CACHE_LAYOUT = 2
"""2: lines of JSON, the stamp and the report without its sections, then its top-level
sections a batch to a line (1 was one JSON document)."""
MIN_BYTES = 512 * 1024
"""Reports smaller than this parse in well under the time an entry takes to find."""
KEEP = 8
"""Entries kept; the least recently written go first."""
KEEP_BYTES = 1024**3
"""The most the entries may hold together; the newest entry is kept whatever its size."""

_ENTRY_NAME = re.compile(r"[0-9a-f]{64}-[0-9]+\.json")
"""What this module names its entries (`_entry`): nothing else in the folder is touched."""


def cache_directory() -> Path:
    """`$XDG_CACHE_HOME/xihu-tui`, or `~/.cache/xihu-tui`."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xihu-tui"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the cache knows a report file's bytes by: the loader takes it before it lets
    the bytes go, and stores the report under it once the report is built."""

    size: int
    sha256: str

    @classmethod
    def of(cls, raw: bytes) -> Fingerprint:
        return cls(len(raw), hashlib.sha256(raw).hexdigest())


def _size(raw: bytes | Fingerprint) -> int:
    return len(raw) if isinstance(raw, bytes) else raw.size


def _fingerprint(raw: bytes | Fingerprint) -> Fingerprint:
    return raw if isinstance(raw, Fingerprint) else Fingerprint.of(raw)


def _stamp(fingerprint: Fingerprint, format_version: int) -> dict[str, object]:
    return {
        "cache_layout": CACHE_LAYOUT,
        "model_json": MODEL_JSON_VERSION,
        "format": format_version,
        "xihu_tui": __version__,
        "sha256": fingerprint.sha256,
    }


def _entry(directory: Path, stamp: dict[str, object]) -> Path:
    return directory / f"{stamp['sha256']}-{stamp['format']}.json"


def lookup(raw: bytes | Fingerprint, format_version: int, directory: Path | None = None) -> Report | None:
    """The report cached for exactly these bytes (or the bytes of this fingerprint), or None."""
    if _size(raw) < MIN_BYTES:
        return None
    fingerprint = _fingerprint(raw)
    stamp = _stamp(fingerprint, format_version)
    try:
        entry = _read_entry(_entry(directory or cache_directory(), stamp))
        first_line = entry.find(b"\n")
        if first_line < 0:
            return None
        document = json.loads(entry[:first_line])
        if not isinstance(document, dict) or {key: document.get(key) for key in stamp} != stamp:
            return None
        report = report_from_parts(document["report"], _entry_sections(entry, first_line + 1))
        # An entry cut short at the end of a line would pass for a shorter report.
        return report if len(report.sections) == document["top_sections"] else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # no entry, or one this version cannot vouch for: parse the file


def _read_entry(path: Path) -> bytes:
    """An entry's bytes; OSError unless it is a regular file of its own (not a link, a FIFO
    or a device, which could hang or flood the read)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    with os.fdopen(os.open(path, flags), "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        return file.read()


def store(raw: bytes | Fingerprint, report: Report, directory: Path | None = None) -> None:
    """Cache `report`, loaded from `raw` (or the bytes of this fingerprint); quietly does
    nothing if it cannot."""
    if _size(raw) < MIN_BYTES:
        return
    fingerprint = _fingerprint(raw)
    directory = directory or cache_directory()
    stamp = _stamp(fingerprint, FORMAT_VERSION)
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if directory.is_symlink():
            return  # written and pruned only in a folder of its own, never through a link
        write_atomically(_entry(directory, stamp), _entry_bytes(stamp, report))
        _prune(directory)
    except OSError:
        return


def _entry_bytes(stamp: dict[str, object], report: Report) -> bytes:
    """The entry (`CACHE_LAYOUT`): a line of the stamp, the count of top-level sections and
    the report without them, then lines of its top-level sections, a batch to a line, so
    that the data of a large report's model is never all made at once, written or read.
    JSON escapes a newline in a string, so only lines end in one."""
    head = {**stamp, "top_sections": len(report.sections), "report": report_head_data(report)}
    entry = bytearray(compact_json(head).encode("utf-8"))
    entry += b"\n"
    for batch in sections_data(report):
        entry += compact_json(batch).encode("utf-8")
        entry += b"\n"
    return bytes(entry)


def _entry_sections(entry: bytes, start: int) -> Iterator[list[Any]]:
    """The data of the top-level sections in the entry's lines from `start` on, a line's
    batch at a time; ValueError at a line cut short."""
    while start < len(entry):
        end = entry.find(b"\n", start)
        if end < 0:
            raise ValueError("the entry's last line is cut short")
        batch = json.loads(entry[start:end])
        if not isinstance(batch, list):
            raise ValueError("expected a line of sections")
        yield batch
        start = end + 1


def _prune(directory: Path) -> None:
    """Delete the oldest entries beyond `KEEP` or `KEEP_BYTES`: only regular files named as
    entries, through a descriptor of the folder itself, so a link put in its place (or in
    it) never leads the deletion elsewhere."""
    folder = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0))
    try:
        entries: list[tuple[int, int, str]] = []
        for name in os.listdir(folder):
            if not _ENTRY_NAME.fullmatch(name):
                continue
            status = os.stat(name, dir_fd=folder, follow_symlinks=False)
            if stat.S_ISREG(status.st_mode):
                entries.append((status.st_mtime_ns, status.st_size, name))
        entries.sort(reverse=True)
        kept_bytes = 0
        for position, (_, size, name) in enumerate(entries):
            kept_bytes += size
            if position >= KEEP or (position > 0 and kept_bytes > KEEP_BYTES):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(name, dir_fd=folder)
    finally:
        os.close(folder)
