"""Noticing that a report file has changed, without reading a file that is still being written.

Polling `os.stat` is portable, needs no extra dependency, and costs microseconds; a
report author saves a few times a minute, so a fraction of a second's delay is fine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..draft.kinds import article_kind
from ..report.loader import DEFAULT_MAX_BYTES, load_report
from ..report.model import Report

__all__ = ["Change", "FileWatch", "ReportFile", "file_signature"]

Signature = tuple[int, int, int]
"""What tells one version of a file from the next: modification time, size and inode."""


def file_signature(path: Path) -> Signature | None:
    """The file's signature now, or None if it cannot be found."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


class Change(Enum):
    CHANGED = "changed"
    """New contents, unchanged since the previous poll: worth reading."""
    GONE = "gone"
    """The file was deleted (or renamed away), perhaps while an editor replaces it."""


class FileWatch:
    """Reports a change once the file has settled: the same signature on two polls in a row.

    An editor that truncates and then writes, or a generator that writes in pieces, is
    caught mid-way by a single poll; waiting one more poll skips most such half-files
    (and the loader refuses the rest with a clear message, so nothing breaks either way).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._shown = file_signature(path)
        self._settling: Signature | None = self._shown

    def poll(self) -> Change | None:
        now = file_signature(self.path)
        if now == self._shown:
            self._settling = now
            return None
        if now is None:
            self._shown = self._settling = None
            return Change.GONE
        if now != self._settling:
            self._settling = now
            return None
        self._shown = now
        return Change.CHANGED

    def accept(self) -> None:
        """Take the file as it is now as the version shown (after reading it on request)."""
        self._shown = self._settling = file_signature(self.path)


@dataclass(frozen=True)
class ReportFile:
    """A report on disk and how to read it: what reloading needs to read it again."""

    path: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    cache: bool = False

    @property
    def is_article(self) -> bool:
        """Whether the file is an article (text, Markdown, HTML) that is drafted when read."""
        return article_kind(self.path) is not None

    def load(self) -> Report:
        """The report as the file is now (drafted, for an article); raises `ReportError` with
        every problem."""
        if self.is_article:
            from ..draft.drafting import draft_report  # the drafter is imported only for articles

            return draft_report(self.path, self.max_bytes)
        return load_report(self.path, max_bytes=self.max_bytes, cache=self.cache)
