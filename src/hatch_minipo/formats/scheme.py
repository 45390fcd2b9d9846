"""Scheme FORMAT strings (``scheme-format``), as gettext 0.21's format-scheme.c reads them.

The parser and the argument-list algebra are shared with Lisp in ``_lisp_family``; Guile's
FORMAT adds ~I (complex numbers), ~Y, ~K, ~Q and ~! and its own ~C, ~T, ~_ and ~/, and has
no ~W, ~< or ~/name/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats import _lisp_family as family
from hatch_minipo.formats._lisp_family import (
    COMPLEX,
    ICCI,
    IIC,
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

LANGUAGE = "Scheme"

DIALECT = family.make_dialect(
    LANGUAGE,
    {
        "A": (IIIC, OBJECT),
        "S": (IIIC, OBJECT),
        "D": (ICCI, INTEGER),
        "B": (ICCI, INTEGER),
        "O": (ICCI, INTEGER),
        "X": (ICCI, INTEGER),
        "R": (IICCI, INTEGER),
        "F": (IIICC, REAL),
        "E": (IIIICCC, REAL),
        "G": (IIIICCC, REAL),
        "$": (IIIC, REAL),
        "I": (IIICC, COMPLEX),
        "Y": (NONE, OBJECT),
        "%": (I, None),
        "&": (I, None),
        "_": (I, None),
        "/": (I, None),
        "|": (I, None),
        "~": (I, None),
        "!": (NONE, None),
        "\n": (NONE, None),
        "Q": (NONE, None),
        "T": (IIC, None),
    },
    {**family.COMMON_SPECIAL, "C": Parser.scheme_character, "K": Parser.indirection},
)


def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> Spec:
    """The constraint on the arguments; raises Invalid with gettext's reason."""
    del translated  # Scheme reads msgid and msgstr alike
    return family.scan(text, marks, DIALECT)


def check(ref: Spec, got: Spec, where: Where) -> str | None:
    """format-scheme.c's format_check: its complaint, or None."""
    return family.check(ref, got, where)
