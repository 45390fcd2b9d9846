"""Locale names as gettext looks them up: ``de``, ``pt_BR``, ``sr@latin``, ``zh_Hant_TW``.

A locale name becomes a folder name (``<locale>/LC_MESSAGES``), so anything accepted here must
also be safe as one path component: no separators, no ``..``, nothing absolute.
"""

from __future__ import annotations

import re

# language[_Script][_TERRITORY][.codeset][@modifier], as in glibc and gettext's lookup.
# The case is part of the name: Python's gettext normalizes the requested language
# (``pt_br`` -> ``pt_BR``) before it looks for a folder, so a folder ``pt_br`` is never found.
_LOCALE = re.compile(
    r"""
    [a-z]{2,3}                      # ISO 639 language
    (?:_[A-Z][a-z]{3})?             # ISO 15924 script: zh_Hant, sr_Latn
    (?:_(?:[A-Z]{2}|[0-9]{3}))?     # ISO 3166 territory or UN M.49 region: pt_BR, es_419
    (?:\.[A-Za-z0-9][A-Za-z0-9_-]*)?  # codeset: de_DE.UTF-8
    (?:@[a-z][a-z0-9]*)?            # modifier: sr@latin, ca@valencia, be@tarask
    """,
    re.VERBOSE,
)

_FORM = "language[_Script][_TERRITORY][@modifier], e.g. de, pt_BR, zh_Hant, sr@latin"


def is_locale(name: str) -> bool:
    """Whether ``name`` is a gettext locale name, and so a safe folder name."""
    return _LOCALE.fullmatch(name) is not None


def locale_problem(name: str) -> str | None:
    """Why ``name`` is not a locale name (a sentence fragment), or None when it is one."""
    if is_locale(name):
        return None
    if not name:
        return "is empty, not a locale name"
    if "/" in name or "\\" in name or name in {".", ".."}:
        return f"{name!r} is a path, not a locale name ({_FORM})"
    hint = _suggest(name)
    if hint is not None:
        return f"{name!r} is not a gettext locale name; write {hint!r}"
    return f"{name!r} is not a gettext locale name ({_FORM})"


def normalize_locale(name: str) -> str | None:
    """``name`` as a gettext locale name (``pt-BR`` -> ``pt_BR``), or None when it is none."""
    if is_locale(name):
        return name
    return _suggest(name)


def _suggest(name: str) -> str | None:
    """The usual spelling of a near miss such as ``pt-BR``, ``pt_br`` or ``zh-hant``."""
    parts = re.split(r"[-_]", name)
    if len(parts) not in {2, 3} or not all(part.isalnum() for part in parts):
        return None
    fixed = [parts[0].lower()]
    fixed.extend(part.title() if len(part) == 4 else part.upper() for part in parts[1:])
    candidate = "_".join(fixed)
    return candidate if is_locale(candidate) and candidate != name else None
