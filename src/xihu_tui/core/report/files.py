"""Writing a file so that no reader ever sees half of it."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it, then rename it into place.

    A reader sees the old file or the new one, never a part, and a failed write leaves
    the old file as it was. A file that is replaced keeps its permissions (a private file
    stays private); a new one gets those of any new file (the umask applies). The owner
    is whoever writes: only root could give the file back to another. Raises OSError.
    """
    try:
        # Read, write, execute for each of user, group and others; the kernel clears
        # set-user-id and set-group-id on a write, and so does this.
        kept_mode: int | None = stat.S_IMODE(path.stat().st_mode) & 0o777
    except (FileNotFoundError, NotADirectoryError):
        kept_mode = None
    part = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    # O_EXCL: never write through a file or link that is already there. Made with the kept
    # mode, the data is never readable by more people than could read the old file.
    descriptor = os.open(
        part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if kept_mode is None else kept_mode
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            if kept_mode is not None:
                os.chmod(part, kept_mode)  # the umask may have taken bits the old file had
            file.write(data)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
