"""Write a file so that readers see the old bytes or the new ones, never a part."""

from __future__ import annotations

import os
import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    The temporary file is created with mode 0o666 so the umask decides the permissions, as for
    any file a tool writes (mkstemp's 0o600 would leave catalogs unreadable to others).  It is
    flushed to disk before the rename, so a crash of the machine cannot leave the new name on
    an empty file.  Temporary files of ``path`` left by a writer that was killed are removed.
    """
    _sweep(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _sweep(path: Path) -> None:
    """Remove ``.<name>.<pid>.<random>.tmp`` files of ``path`` whose process is gone.

    A SIGKILL between the creation of the temporary file and the rename leaves it behind; the
    next write of the same file is the first moment anything can clean up after it.
    """
    if os.name != "posix":  # os.kill(pid, 0) would signal the process on Windows
        return
    prefix = f".{path.name}."
    try:
        names = [
            entry.name
            for entry in os.scandir(path.parent)
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp")
        ]
    except OSError:  # the folder does not exist yet, or cannot be listed: nothing to sweep
        return
    for name in names:
        pid = name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            (path.parent / name).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OverflowError:  # too many digits to be a process id
        return False
    return True


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless ``path`` already holds exactly them; True when it wrote.

    An unchanged file keeps its time stamp, so tools that watch it (make, editors, a second
    build) see no change where there is none.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
    write_bytes(path, data)
    return True
