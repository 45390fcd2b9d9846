"""librep format strings (``librep-format``): (format nil "%s has %d items" name n).

The scanner is gettext 0.21's format-librep.c, which is format-elisp.c with the flags
'-^0+ ', no '*' and the conversions % c d x X o s S; both run on :mod:`elisp`'s scanner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats import _gcc_elisp as shared
from hatch_minipo.formats.base import NO_MARKS
from hatch_minipo.formats.elisp import (
    CHARACTER,
    INTEGER,
    OBJECT,
    OBJECT_PRETTY,
    Dialect,
    scan_dialect,
)

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Marks, Where

LANGUAGE = "librep"

LIBREP = Dialect(
    "-^0+ ",
    stars=False,
    conversions={
        "%": 0,
        "c": CHARACTER,
        **dict.fromkeys("dxXo", INTEGER),
        "s": OBJECT_PRETTY,
        "S": OBJECT,
    },
)


def scan(
    text: str,
    translated: bool = False,  # noqa: ARG001 - msgid and msgstr are read alike
    marks: Marks = NO_MARKS,
) -> shared.Args:
    """The arguments, sorted by number, with their types; raises Invalid with gettext's reason."""
    return scan_dialect(text, LIBREP, marks)


def check(ref: shared.Args, got: shared.Args, where: Where) -> str | None:
    """format-librep.c's format_check (elisp's): its first complaint, or None."""
    return shared.check(ref, got, where)
