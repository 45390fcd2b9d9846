"""Where the catalogs of an install-layout = "share" wheel are: the README's lookup, verbatim."""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path


def locale_dirs() -> list[Path]:
    """<prefix>/share/locale of this environment, then of the user's scheme (pip --user)."""
    schemes = [None]  # the environment's own: a venv, or the system's prefix
    if sys.version_info >= (3, 10):
        schemes.append(sysconfig.get_preferred_scheme("user"))
    else:
        schemes.append(f"{os.name}_user")
    found = []
    for scheme in schemes:
        data = sysconfig.get_path("data", scheme) if scheme else sysconfig.get_path("data")
        folder = Path(data, "share", "locale")
        if folder not in found:
            found.append(folder)
    return found


def locale_dir(domain: str) -> Path:
    """The first of locale_dirs() holding a catalog of ``domain`` (the first, if none does)."""
    dirs = locale_dirs()
    for folder in dirs:
        if any(folder.glob(f"*/LC_MESSAGES/{domain}.mo")):
            return folder
    return dirs[0]
