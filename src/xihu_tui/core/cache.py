"""A cache of loaded reports, so a large report opens without parsing its TOML again.

TOML parsing is pure Python and the floor of opening a large report (about 2 s for
10 MB here). Once a report has been loaded and validated, its model is written as JSON
(`model_json`), which Python reads in C, to the user's cache directory. The entry is
found by the SHA-256 of the file's bytes, and used only when it was written for this
format version, this version of xihu-tui and this cache layout; anything else (a
missing, truncated, unreadable or foreign entry) means the file is parsed as usual.
Never `pickle`: an entry is data, and reading one runs nothing.

Small reports are not cached: they parse faster than an entry is looked up.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .. import __version__
from .files import write_atomically
from .model import Report
from .model_json import MODEL_JSON_VERSION, report_from_data, report_to_data

__all__ = ["MIN_BYTES", "cache_directory", "lookup", "store"]

CACHE_LAYOUT = 1
MIN_BYTES = 512 * 1024
"""Reports smaller than this parse in well under the time an entry takes to find."""
KEEP = 8
"""Entries kept; the least recently written go first."""


def cache_directory() -> Path:
    """`$XDG_CACHE_HOME/xihu-tui`, or `~/.cache/xihu-tui`."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xihu-tui"


def _stamp(raw: bytes, format_version: int) -> dict[str, object]:
    return {
        "cache_layout": CACHE_LAYOUT,
        "model_json": MODEL_JSON_VERSION,
        "format": format_version,
        "xihu_tui": __version__,
        "sha256": hashlib.sha256(raw).hexdigest(),
    }


def _entry(directory: Path, stamp: dict[str, object]) -> Path:
    return directory / f"{stamp['sha256']}-{stamp['format']}.json"


def lookup(raw: bytes, format_version: int, directory: Path | None = None) -> Report | None:
    """The report cached for exactly these bytes, or None."""
    if len(raw) < MIN_BYTES:
        return None
    stamp = _stamp(raw, format_version)
    try:
        document = json.loads(_entry(directory or cache_directory(), stamp).read_bytes())
        if not isinstance(document, dict) or {key: document.get(key) for key in stamp} != stamp:
            return None
        return report_from_data(document["report"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # no entry, or one this version cannot vouch for: parse the file


def store(raw: bytes, report: Report, directory: Path | None = None) -> None:
    """Cache `report`, loaded from `raw`; quietly does nothing if it cannot."""
    if len(raw) < MIN_BYTES:
        return
    directory = directory or cache_directory()
    stamp = _stamp(raw, report.format_version)
    document = {**stamp, "report": report_to_data(report)}
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        entry = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_atomically(_entry(directory, stamp), entry)
        _prune(directory)
    except OSError:
        return


def _prune(directory: Path) -> None:
    entries = sorted(directory.glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
