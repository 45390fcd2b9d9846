"""Write a file so that readers see the old bytes or the new ones, never a part."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path


def write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A new file is created with mode 0o666 so the umask decides the permissions, as for any
    file a tool writes (mkstemp's 0o600 would leave catalogs unreadable to others); a file
    that exists keeps its mode, and its owner where the system allows.  A symbolic link to a
    file is written through (the file it names changes, the link stays; callers that must stay
    inside a project check the resolved path first).  A file the user edits (``durable``) with
    other hard links is rewritten in place, so every name keeps seeing it; a derived file is
    replaced, since a hard link may lead anywhere.  The data are flushed to disk
    before the rename, so a crash of the machine cannot leave the new name on an empty file;
    not when ``durable`` is False, for files derived from others (a ``.mo``, a template) that
    the next run makes again: the rename alone keeps readers from a partial file, and fsync
    took 40% of a compile of thousands of catalogs.  Temporary files of ``path`` left by a
    writer that was killed are removed.
    """
    if path.is_symlink() and path.exists():  # a dangling link is replaced, as a file would be
        path = Path(os.path.realpath(path))
    try:
        before = path.stat()
    except OSError:
        before = None
    _sweep(path)
    if durable and before is not None and before.st_nlink > 1:
        try:
            _write_in_place(path, data)
        except PermissionError:
            pass  # a read-only file: replaced below, as before, leaving the other links
        else:
            return
    # os.urandom, not secrets: the name needs no secrecy, and secrets imports hashlib (5 ms).
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if before is not None:
            _keep_metadata(tmp, before)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _keep_metadata(tmp: Path, before: os.stat_result) -> None:
    os.chmod(tmp, stat.S_IMODE(before.st_mode))  # noqa: PTH101 - the mode of a stat result
    if hasattr(os, "chown") and (before.st_uid, before.st_gid) != (
        (now := tmp.stat()).st_uid,
        now.st_gid,
    ):
        with contextlib.suppress(OSError):  # only root may give a file to another user
            os.chown(tmp, before.st_uid, before.st_gid)


def _write_in_place(path: Path, data: bytes) -> None:
    # Not atomic, but a rename would give this name a new file and leave the other hard
    # links on the old one.
    with path.open("r+b") as stream:
        stream.truncate(0)
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def is_newer(output: Path, *inputs: Path) -> bool:
    """Whether ``output`` exists and was changed after every one of ``inputs``."""
    try:
        written = output.stat().st_mtime_ns
        return all(written > source.stat().st_mtime_ns for source in inputs)
    except OSError:
        return False


def _sweep(path: Path) -> None:
    """Remove ``.<name>.<pid>.<random>.tmp`` files of ``path`` whose process is gone.

    A SIGKILL between the creation of the temporary file and the rename leaves it behind; the
    next write of the same file is the first moment anything can clean up after it.  Each
    folder is listed once per process (listing it for every file made writing many catalogs
    into one folder quadratic); a writer killed after that is swept by the next process.
    """
    if os.name != "posix":  # os.kill(pid, 0) would signal the process on Windows
        return
    stale = _STALE.get(path.parent)
    if stale is None:
        stale = _STALE[path.parent] = _stale_temporaries(path.parent)
    for name in stale.pop(path.name, ()):
        (path.parent / name).unlink(missing_ok=True)


def sweep_temporaries(path: Path) -> None:
    """Remove what killed writers of ``path`` left (for writers of their own, as the cache)."""
    _sweep(path)


# Folder -> output name -> temporary files of dead writers, from one listing of the folder.
_STALE: dict[Path, dict[str, list[str]]] = {}
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[0-9a-f]{8}\.tmp")


def is_temporary(name: str) -> bool:
    """Whether a file name is one of write_bytes()'s temporary files (never an artifact's)."""
    return _TEMPORARY.fullmatch(name) is not None


def _stale_temporaries(folder: Path) -> dict[str, list[str]]:
    stale: dict[str, list[str]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:  # the folder does not exist yet, or cannot be listed: nothing to sweep
        return stale
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is not None and not running(int(match["pid"])):
            stale.setdefault(match["name"], []).append(entry.name)
    return stale


def running(pid: int) -> bool:
    """Whether a process of this id exists (another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OverflowError:  # too many digits to be a process id
        return False
    return True


def write_if_changed(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write ``data`` unless ``path`` already holds exactly them; True when it wrote.

    An unchanged file keeps its time stamp, so tools that watch it (make, editors, a second
    build) see no change where there is none.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
    write_bytes(path, data, durable=durable)
    return True
