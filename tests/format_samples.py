"""Shortcuts for the format checks of one singular entry, and two plural rules to check with."""

from __future__ import annotations

import gettext
from typing import Any

from hatch_minipo.formats.checks import FormatProblem, check_formats

ENGLISH = "(n != 1)"


# Czech: form 1 covers 2, 3 and 4 only, so msgfmt checks it leniently, like form 0.
CZECH = "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2"


def problems(flag: str, msgid: str, msgstr: str) -> list[FormatProblem]:
    return check_formats([flag], msgid, None, [msgstr])


def fatal(flag: str, msgid: str, msgstr: str) -> bool:
    return any(p.fatal for p in problems(flag, msgid, msgstr))


def refused(flag: str, msgid: str, msgstr: str) -> bool:
    return any(p.gnu_refuses for p in problems(flag, msgid, msgstr))


def rule(expression: str) -> Any:
    return gettext.c2py(expression)
