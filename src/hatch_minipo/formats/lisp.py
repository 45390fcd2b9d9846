"""Common Lisp FORMAT strings (``lisp-format``), as gettext 0.21's format-lisp.c reads them.

The parser and the argument-list algebra are shared with Scheme in ``_lisp_family``; Lisp has
~W, ~/name/, ~< ... ~> justification, CLISP's ~! call, and ~C with no parameter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats import _lisp_family as family
from hatch_minipo.formats._lisp_family import (
    CHARACTER,
    ICCI,
    II,
    IICCI,
    IIIC,
    IIICC,
    IIIICCC,
    INTEGER,
    NONE,
    OBJECT,
    REAL,
    I,
    Parser,
    Spec,
)
from hatch_minipo.formats.base import NO_MARKS

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Marks, Where

LANGUAGE = "Lisp"

DIALECT = family.make_dialect(
    LANGUAGE,
    {
        "A": (IIIC, OBJECT),
        "S": (IIIC, OBJECT),
        "W": (NONE, OBJECT),
        "D": (ICCI, INTEGER),
        "B": (ICCI, INTEGER),
        "O": (ICCI, INTEGER),
        "X": (ICCI, INTEGER),
        "R": (IICCI, INTEGER),
        "C": (NONE, CHARACTER),
        "F": (IIICC, REAL),
        "E": (IIIICCC, REAL),
        "G": (IIIICCC, REAL),
        "$": (IIIC, REAL),
        "%": (I, None),
        "&": (I, None),
        "|": (I, None),
        "~": (I, None),
        "I": (I, None),
        "\n": (NONE, None),
        "_": (NONE, None),
        "T": (II, None),
    },
    {
        **family.COMMON_SPECIAL,
        "/": Parser.call_function,
        "<": Parser.justification,
        ">": Parser.closing,
        "!": Parser.clisp_call,
    },
)


def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> Spec:
    """The constraint on the arguments; raises Invalid with gettext's reason."""
    del translated  # Lisp reads msgid and msgstr alike
    return family.scan(text, marks, DIALECT)


def check(ref: Spec, got: Spec, where: Where) -> str | None:
    """format-lisp.c's format_check: its complaint, or None."""
    return family.check(ref, got, where)
