"""The reader's own copy of the bundled report, for `e` to edit.

The bundled report lives inside the installed package (site-packages, or the repository
in an editable install): an edit there would change what every later `xihu-tui` shows,
be lost on the next install, or need rights the reader does not have. `e` edits a copy in
the reader's data directory instead. A copy made earlier is the reader's work: it is
opened as it is, never replaced by the bundled version.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..report.files import write_atomically

__all__ = ["CopyState", "UserCopy", "data_directory", "is_bundled", "user_copy"]

COPY_NAME = "report.toml"


class CopyState(Enum):
    """What `user_copy` found, which the explorer tells the reader."""

    MADE = "made"
    """No copy was there: one was made from the bundled report."""
    SAME = "same"
    """A copy was there, the same as the bundled report."""
    KEPT = "kept"
    """A copy was there and differs (edited before): it is opened as it is."""


@dataclass(frozen=True)
class UserCopy:
    path: Path
    state: CopyState


def data_directory(environ: Mapping[str, str]) -> Path:
    """`$XDG_DATA_HOME/xihu-tui`, or `~/.local/share/xihu-tui` (as the XDG spec says,
    a relative `XDG_DATA_HOME` is ignored)."""
    base = environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "xihu-tui"


def is_bundled(path: Path, bundled: Path) -> bool:
    """Whether `path` names the bundled report file (through any link or relative path)."""
    try:
        return path.resolve() == bundled.resolve()
    except OSError:
        return False


def user_copy(bundled: Path, environ: Mapping[str, str]) -> UserCopy:
    """The reader's copy of `bundled`, made if there is none. Raises OSError.

    The directory is made private to the reader (it holds their edits); a file of that
    name that is not a regular file (a directory, a FIFO) is refused rather than opened.
    """
    directory = data_directory(environ)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = directory / COPY_NAME
    original = bundled.read_bytes()
    if os.path.lexists(path):
        if not path.is_file():
            raise IsADirectoryError(0, "not a regular file", str(path))
        state = CopyState.SAME if path.read_bytes() == original else CopyState.KEPT
        return UserCopy(path, state)
    write_atomically(path, original)
    return UserCopy(path, CopyState.MADE)
