"""Reading a report file's bytes: only from a regular file, and never more than the limit.

A report's path may name anything: a symlink to `/dev/zero` or `/dev/urandom` (whose
reported size is 0, and which never end), a FIFO with no writer (opening it waits for
ever), a process substitution's pipe, a terminal. Each is refused by what it is, with
one line saying so, before a byte is read. A regular file is read through the
descriptor that was checked, and only up to the limit plus one byte, so one that grows
while it is read cannot take more memory than the limit either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import Problem, ReportError

__all__ = ["read_report_bytes"]

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO that slipped past the check must not block the open
    | getattr(os, "O_NOCTTY", 0)  # a terminal must never become this process's own
    | getattr(os, "O_BINARY", 0)
)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_report_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path` (a symlink is followed), at most `max_bytes`.

    Raises `ReportError` with one located problem when the file is missing, unreadable,
    not a regular file, or larger than `max_bytes` (before reading, or when it grows
    past it while being read).
    """

    def fail(message: str) -> ReportError:
        return ReportError([Problem(str(path), message)])

    def refuse_unless_regular(mode: int) -> None:
        kind = _kind(mode)
        if kind == "a directory":
            raise fail("is a directory, not a report file")
        if kind is not None:
            raise fail(f"is {kind}, not a regular file: save the report to a file and open that")

    def refuse_if_over(size: int) -> None:
        if size > max_bytes:
            raise fail(
                f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                "(raise it with --max-size if you trust this file)"
            )

    try:
        # Looked at before it is opened: opening a device can have effects of its own.
        refuse_unless_regular(os.stat(path).st_mode)
        descriptor = os.open(path, _OPEN_FLAGS)
        with os.fdopen(descriptor, "rb") as file:
            # The file opened may not be the one looked at (renamed in between): check again.
            status = os.fstat(file.fileno())
            refuse_unless_regular(status.st_mode)
            refuse_if_over(status.st_size)
            raw = file.read(max_bytes + 1)
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("permission denied: the file cannot be read") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None
    if len(raw) > max_bytes:
        raise fail(f"file grew past the {max_bytes:,}-byte limit while it was read")
    return raw
