"""Real catalogs of other projects, pinned by URL and sha256, cached outside the repository.

Each archive is downloaded once into ``${XDG_CACHE_HOME:-~/.cache}/hatch-minipo/real-catalogs``
and its ``.po`` files are extracted beside it, once; tests get the paths of those files and must
copy a catalog into their ``tmp_path`` before any tool writes beside it.  Without the network a
test that needs a catalog is skipped, saying why; a download whose sha256 is not the pinned one
fails the test, as it means the pin or the server is wrong.

The archives were chosen for the format flags their catalogs carry (see ``Archive.brings``),
the smallest that carry them: a run of CI downloads all of them when its machine has no cache
(about 38 MB).  Debian's are the versions of bookworm or trixie, which stay in its pool while
those releases are supported.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import hashlib
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

DEBIAN = "http://deb.debian.org/debian/pool/main"
PYPI = "https://files.pythonhosted.org/packages"

# A catalog bigger than this is no catalog: a corrupt or hostile archive is not unpacked.
_MAX_MEMBER = 64 << 20
_TIMEOUT = 30  # seconds without a byte before a download counts as unreachable


@dataclasses.dataclass(frozen=True)
class Archive:
    """One pinned archive and which of its ``.po`` files to extract."""

    name: str  # the test id and the cache folder's name
    url: str
    sha256: str
    size: int
    # Member paths to extract, "/"-separated patterns matched part by part ("*" stays within
    # one folder); every other member is left in the archive.
    include: tuple[str, ...]
    brings: str  # the format flags it was chosen for, for the reader of a failure

    @property
    def file_name(self) -> str:
        return self.url.rsplit("/", 1)[1]

    @property
    def folder_name(self) -> str:
        """The cache folder of its extracted catalogs: another pin or pattern, another one."""
        selection = hashlib.sha256("\n".join(self.include).encode()).hexdigest()
        return f"{self.name}-{self.sha256[:16]}-{selection[:8]}"


ARCHIVES = (
    Archive(
        "django",
        f"{PYPI}/94/2c/6b6c7e493d5ea789416918658ebfa16be7a64c77610307497ed09a93c8c4/"
        "Django-4.2.16-py3-none-any.whl",
        "1ddc333a16fc139fd253035a1606bb24261951bbc3a6ca256717fa06cc41a898",
        7992936,
        (
            "django/conf/locale/*/LC_MESSAGES/django.po",
            "django/contrib/admin/locale/*/LC_MESSAGES/django.po",
        ),
        "python-format, python-brace-format",
    ),
    # The same wheel (downloaded once), its JavaScript catalogs apart: they are small and few
    # beside the others, and a sample of the whole would barely reach them.
    Archive(
        "djangojs",
        f"{PYPI}/94/2c/6b6c7e493d5ea789416918658ebfa16be7a64c77610307497ed09a93c8c4/"
        "Django-4.2.16-py3-none-any.whl",
        "1ddc333a16fc139fd253035a1606bb24261951bbc3a6ca256717fa06cc41a898",
        7992936,
        ("django/contrib/admin/locale/*/LC_MESSAGES/djangojs.po",),
        "javascript-format",
    ),
    Archive(
        "gettext-examples",
        f"{DEBIAN}/g/gettext/gettext_0.21.orig.tar.xz",
        "d20fcbb537e02dcf1383197ba05bd0734ef7bf5db06bdb241eb69b7d16b73192",
        9714352,
        ("gettext-0.21/gettext-tools/examples/*/po/*.po",),
        "one hello program per language: java, csharp, qt, php, scheme, ycp, tcl, sh, "
        "perl-brace, perl, librep, objc, smalltalk, lisp, awk, object-pascal, python",
    ),
    Archive(
        "git",
        f"{DEBIAN}/g/git/git_2.39.5.orig.tar.xz",
        "c58da92c378df4a986ca33266897a7397e86c22ee266a284d8c2432c39066b59",
        7171400,
        ("git-2.39.5/po/*.po", "git-2.39.5/git-gui/po/*.po", "git-2.39.5/gitk-git/po/*.po"),
        "sh-format, perl-format, c-format (po), tcl-format (git-gui, gitk)",
    ),
    Archive(
        "clisp",
        f"{DEBIAN}/c/clisp/clisp_2.49.20241228.gitc3ec11b.orig.tar.xz",
        "6dae1a12709af3d96356ebbc0da541d6db1d8e0eb6a55885f16f6530e80e8bf9",
        7343688,
        ("clisp-2.49.20241228.gitc3ec11b/src/po/*.po",),
        "lisp-format",
    ),
    Archive(
        "ark",
        f"{DEBIAN}/a/ark/ark_25.04.3.orig.tar.xz",
        "f93a428c88226d61e5a632e0660391189731f80adb574825108015a07bb1051c",
        3017176,
        ("ark-25.04.3/po/*/*.po",),
        "kde-format, kde-kuit-format",
    ),
    Archive(
        "kdbusaddons",
        f"{DEBIAN}/k/kdbusaddons/kdbusaddons_5.116.0.orig.tar.xz",
        "03b73a4b04c227175f17bfec9a84ae7acb9f5443adc7a1adbf7bd98926bc8e56",
        48932,
        ("kdbusaddons-5.116.0/poqm/*/*.po",),
        "qt-format",
    ),
    Archive(
        "horde-core",
        f"{DEBIAN}/p/php-horde-core/php-horde-core_2.31.18+debian0.orig.tar.gz",
        "405234e27e62f6b5a95bf829333de9439a70526e8b80c80516d1029a9c7f3f3c",
        1451482,
        ("*/Horde_Core-2.31.18/locale/*/LC_MESSAGES/*.po",),
        "php-format",
    ),
    Archive(
        "tt-rss",
        f"{DEBIAN}/t/tt-rss/tt-rss_21~git20210204.b4cbc79+dfsg.orig.tar.xz",
        "13f6c50194645d4a38d7f90087f3346facda781fb7fc4c9018d0ca33a459968a",
        1234104,
        ("tt-rss-0.0~git20210204.b4cbc79/locale/*/LC_MESSAGES/*.po",),
        "php-format, perl-format",
    ),
)


class UnreachableError(Exception):
    """The archive could not be downloaded (no network, a refusal, a time-out)."""

    def __init__(self, message: str, *, network: bool) -> None:
        super().__init__(message)
        self.network = network  # the network itself failed, not this one URL


class ChecksumError(Exception):
    """A downloaded archive is not the pinned one."""


def cache_root() -> Path:
    """Where archives and their catalogs are kept: never inside the repository."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    return Path(base) / "hatch-minipo" / "real-catalogs"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(archive: Archive) -> Path:
    """The archive in the cache, downloaded first if it is not there (and checked either way).

    Raises UnreachableError when it cannot be fetched, ChecksumError when what was fetched is
    not the pinned file.
    """
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    target = root / f"{archive.sha256[:16]}-{archive.file_name}"
    if target.exists():
        if _sha256(target) == archive.sha256:
            return target
        target.unlink()  # damaged in the cache: fetch it again rather than trust it
    # Written under a temporary name in the same folder and renamed when complete and checked,
    # so a concurrent test process or an interrupted run never sees half a file.
    handle, name = tempfile.mkstemp(prefix=".download-", dir=root)
    partial = Path(name)
    digest = hashlib.sha256()
    try:
        with os.fdopen(handle, "wb") as out:
            request = urllib.request.Request(  # noqa: S310  # a pinned https/http URL
                archive.url, headers={"User-Agent": "hatch-minipo-tests"}
            )
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:  # noqa: S310
                for block in iter(lambda: response.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
        if digest.hexdigest() != archive.sha256:
            message = (
                f"{archive.url}: sha256 {digest.hexdigest()}, pinned {archive.sha256} "
                f"({partial.stat().st_size} bytes, pinned {archive.size})"
            )
            raise ChecksumError(message)
        partial.replace(target)
    except urllib.error.HTTPError as error:
        # The network works but the server refuses: a mirror that dropped an old version says
        # 404.  Reported as a skip naming the fix, not a failure of this project's code.
        message = f"{archive.url}: HTTP {error.code} (if it is gone for good, pin another)"
        raise UnreachableError(message, network=False) from error
    except (urllib.error.URLError, OSError) as error:
        raise UnreachableError(f"{archive.url}: {error}", network=True) from error
    finally:
        partial.unlink(missing_ok=True)
    return target


def _safe_member_path(name: str) -> PurePosixPath | None:
    """The relative path a member may be written to, or None when it would leave its folder."""
    path = PurePosixPath(name)
    if path.is_absolute() or "\\" in name or any(part in ("", ".", "..") for part in path.parts):
        return None
    return path


def _matches(path: PurePosixPath, patterns: tuple[str, ...]) -> bool:
    parts = path.parts
    for pattern in patterns:
        pattern_parts = pattern.split("/")
        if len(pattern_parts) == len(parts) and all(
            fnmatch.fnmatchcase(part, want) for part, want in zip(parts, pattern_parts)
        ):
            return True
    return False


def _po_members(archive: Archive, source: Path) -> Iterator[tuple[PurePosixPath, bytes]]:
    """The regular ``.po`` members the archive's patterns select, with their bytes.

    Links, devices and folders are never followed nor created; a name that is absolute or
    climbs out with ".." is skipped.
    """
    if source.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(source) as package:
            for info in package.infolist():
                # A zip member is a symbolic link when its Unix mode says so.
                mode = info.external_attr >> 16
                if info.is_dir() or (mode and (mode & 0o170000) not in (0, 0o100000)):
                    continue
                path = _safe_member_path(info.filename)
                if path is None or path.suffix != ".po" or not _matches(path, archive.include):
                    continue
                if info.file_size > _MAX_MEMBER:
                    continue
                yield path, package.read(info)
        return
    with tarfile.open(source) as tar:
        for member in tar:
            if not member.isreg() or member.size > _MAX_MEMBER:
                continue
            path = _safe_member_path(member.name)
            if path is None or path.suffix != ".po" or not _matches(path, archive.include):
                continue
            stream = tar.extractfile(member)
            if stream is not None:
                yield path, stream.read()


def extract(archive: Archive, source: Path) -> Path:
    """The folder holding the archive's selected ``.po`` files, extracted once."""
    root = cache_root()
    folder = root / archive.folder_name
    if (folder / ".complete").exists():
        return folder
    # Extracted into a fresh folder and renamed when whole, like the download.
    work = Path(tempfile.mkdtemp(prefix=f".extract-{archive.name}-", dir=root))
    try:
        for path, data in _po_members(archive, source):
            destination = work.joinpath(*path.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
        (work / ".complete").write_text(archive.url + "\n", encoding="utf-8")
        if (folder / ".complete").exists():  # a concurrent test process finished first
            return folder
        if folder.exists():  # an interrupted run left it incomplete
            shutil.rmtree(folder)
        try:
            work.rename(folder)
        except OSError:
            if not (folder / ".complete").exists():  # not a concurrent run that won the race
                raise
    finally:
        if work.exists():
            shutil.rmtree(work)
    return folder


# Once per test process: checking an archive's sha256 again for every test costs seconds.
@functools.cache
def catalog_paths(archive: Archive) -> list[Path]:
    """The archive's ``.po`` files in the cache, sorted; downloads and extracts as needed."""
    folder = extract(archive, download(archive))
    return sorted(folder.rglob("*.po"))


# Why the network failed, once it has: every later test skips at once instead of waiting for
# its own time-out.
_network_down: list[str] = []


def real_catalogs(archive: Archive) -> list[Path]:
    """:func:`catalog_paths` for a test: skips without the network, fails on a bad checksum."""
    if _network_down and not (cache_root() / archive.folder_name).exists():
        pytest.skip(
            f"cannot download the real catalogs of {archive.name}: the network failed for an "
            f"earlier archive ({_network_down[0]})"
        )
    try:
        paths = catalog_paths(archive)
    except UnreachableError as error:
        if error.network and not _network_down:
            _network_down.append(str(error))
        pytest.skip(f"cannot download the real catalogs of {archive.name}: {error}")
    except ChecksumError as error:
        pytest.fail(f"the pinned archive of {archive.name} is not what was downloaded: {error}")
    if not paths:
        pytest.fail(f"{archive.name}: no .po file matches {archive.include}")
    return paths


def relative_name(path: Path) -> str:
    """A catalog's path inside its archive, for messages."""
    for parent in path.parents:
        if (parent / ".complete").exists():
            return path.relative_to(parent).as_posix()
    return path.name
