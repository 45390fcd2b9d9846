"""GNU gettext as the oracle: run its tools, or skip with the reason when they are missing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "mini-po"


def require(tool: str) -> str:
    """The path of a GNU gettext tool, or skip the test saying which one is missing."""
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"GNU gettext's {tool} is not installed (apt-get install gettext)")
    return found


def corpus_files() -> list[Path]:
    """Every .mini.po of the shared corpus, or skip when the corpus is not beside the project."""
    files = sorted(CORPUS.glob("*/*.mini.po"))
    if not files:
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return files


def msgfmt(source: Path, *args: str) -> bytes | None:
    """What msgfmt writes for ``source`` (None when it refuses the file or writes nothing)."""
    out = source.with_name(source.name + ".gnu.mo")
    result = subprocess.run(
        [require("msgfmt"), *args, "-o", str(out), str(source)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0 or not out.exists():
        return None
    data = out.read_bytes()
    out.unlink()
    return data
