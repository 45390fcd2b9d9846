"""Reproducible artifacts: the same project gives the same wheel and sdist bytes, whatever the
folder, the time, ``PYTHONHASHSEED``, the umask, the locale and the time zone of the build.

hatchling writes reproducible archives by default: without ``SOURCE_DATE_EPOCH`` every
timestamp is its fixed 2020-02-02, with it the given time; owners and permissions are
normalized.  What this checks is that the hook keeps it so: compiled catalogs, their order
and their modes must not depend on the build's surroundings.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from typing import TYPE_CHECKING

import pytest

from e2e import ending, only, sdist_files, wheel_files

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

PROJECT = "flat"
HATCHLING_DEFAULT_EPOCH = 1580601600  # 2020-02-02, hatchling's timestamp without the variable
# Two builds, as different as a machine allows.
SURROUNDINGS = (
    {
        "folder": "first/flat",
        "mtime": 1_000_000_000,
        "umask": 0o022,
        "env": {"PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "TZ": "UTC", "PYTHONUTF8": "1"},
    },
    {
        "folder": "second/much/deeper/folder/flat",
        "mtime": 1_900_000_000,
        "umask": 0o077,
        "env": {"PYTHONHASHSEED": "4242", "LC_ALL": "POSIX", "TZ": "Pacific/Auckland"},
    },
)


def fresh_copy(source: Path, destination: Path, mtime: int) -> None:
    """Copy file by file, so the umask in force decides the modes, and set every time stamp."""
    for path in sorted(source.rglob("*")):
        if "__pycache__" in path.parts or path.suffix == ".mo":
            continue
        target = destination / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    for path in [destination, *destination.rglob("*")]:
        os.utime(path, (mtime, mtime))


def build(
    source: Path, where: Path, surroundings: dict, build_env: dict[str, str], epoch: str | None
) -> subprocess.Popen[bytes]:
    """Start `python -m build` (sdist, then the wheel from it) in the given surroundings."""
    root = where / surroundings["folder"]
    previous = os.umask(surroundings["umask"])
    try:
        fresh_copy(source, root, surroundings["mtime"])
    finally:
        os.umask(previous)
    env = {key: value for key, value in build_env.items() if key != "PYTHONUTF8"}
    env.update(surroundings["env"])
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.Popen(
        [sys.executable, "-m", "build", "--outdir", str(root.parent / "dist"), "."],
        cwd=root,
        env=env,
        umask=surroundings["umask"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


@pytest.mark.parametrize("epoch", [None, "1700000000"], ids=["default", "SOURCE_DATE_EPOCH"])
def test_two_builds_give_identical_bytes(tmp_path, build_env, epoch):
    """Two builds in different surroundings give byte-identical wheels and sdists."""
    from conftest import TEST_PROJECTS  # noqa: PLC0415

    # Overlapping, each in its own tree: it halves the wait; the second starts later than the
    # 2-second resolution of zip time stamps.
    running = []
    for surroundings in SURROUNDINGS:
        running.append(build(TEST_PROJECTS / PROJECT, tmp_path, surroundings, build_env, epoch))
        time.sleep(2.5)
    outputs = [process.communicate(timeout=600)[0].decode(errors="replace") for process in running]
    for process, output in zip(running, outputs):
        assert process.returncode == 0, output
    roots = [tmp_path / s["folder"] for s in SURROUNDINGS]
    # The surroundings did differ where the archives must not show it: modes and times.
    catalogs = [root / "po" / "de.mini.po" for root in roots]
    assert [c.stat().st_mode & 0o777 for c in catalogs] == [0o644, 0o600]
    assert [int(c.stat().st_mtime) for c in catalogs] == [s["mtime"] for s in SURROUNDINGS]
    dists = [root.parent / "dist" for root in roots]
    wheels = [only(dist, "*.whl") for dist in dists]
    sdists = [only(dist, "*.tar.gz") for dist in dists]
    assert wheels[0].read_bytes() == wheels[1].read_bytes()
    assert sdists[0].read_bytes() == sdists[1].read_bytes()

    # The artifacts are worth comparing: they hold the compiled catalogs, dated as expected.
    compiled = ending(wheel_files(wheels[0]), ".mo")
    assert len(compiled) == len(list((TEST_PROJECTS / PROJECT / "po").glob("*.mini.po")))
    assert sorted(ending(sdist_files(sdists[0]), ".mo").values()) == sorted(compiled.values())
    expected = int(epoch) if epoch is not None else HATCHLING_DEFAULT_EPOCH
    with tarfile.open(sdists[0]) as archive:
        assert {member.mtime for member in archive.getmembers()} == {expected}
    zip_time = dt.datetime.fromtimestamp(expected, tz=dt.timezone.utc)
    with zipfile.ZipFile(wheels[0]) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {zip_time.timetuple()[:6]}
