"""The second package: domain ``beta``, counted things."""

from __future__ import annotations

import gettext
from pathlib import Path


def files(language: str, count: int) -> str:
    translation = gettext.translation(
        "beta", Path(__file__).parent / "locale", languages=[language]
    )
    return translation.ngettext("{n} file", "{n} files", count).format(n=count)
