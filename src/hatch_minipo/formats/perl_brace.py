"""Perl brace format strings (``perl-brace-format``): libintl-perl's __x("{count} files", ...).

A transcription of gettext 0.21's format-perl-brace.c.  A directive is '{', an identifier
[_A-Za-z][_0-9A-Za-z]*, and '}'; anything else is text, so no string is invalid.  A
translation may add names (they expand to themselves at run time) but, when checked
strictly, must keep every name of the msgid.
"""

from __future__ import annotations

import dataclasses

from hatch_minipo.formats.base import END, NO_MARKS, START, Marks, Where, utf8_order

LANGUAGE = "Perl brace"


@dataclasses.dataclass(frozen=True)
class Spec:
    """The argument names of a string, sorted as strcmp sorts them, without duplicates."""

    names: tuple[str, ...]
    directives: int


def _name_start(c: str) -> bool:
    return ("A" <= c <= "Z") or ("a" <= c <= "z") or c == "_"


def _name_char(c: str) -> bool:
    return _name_start(c) or ("0" <= c <= "9")


def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> Spec:
    """format_parse(): the argument names of a Perl brace format string (never Invalid)."""
    del translated  # read alike in msgid and msgstr
    names: set[str] = set()
    directives = 0
    end = len(text)
    i = text.find("{")
    while i >= 0:
        j = i + 1
        if j < end and _name_start(text[j]):
            j += 1
            while j < end and _name_char(text[j]):
                j += 1
            if j < end and text[j] == "}":
                marks.set(i, START)
                names.add(text[i + 1 : j])
                directives += 1
                marks.set(j, END)
                i = j
        # A "{" that starts no directive is text; the next "{" is at or after the name read.
        i = text.find("{", i + 1)
    return Spec(tuple(sorted(names, key=utf8_order)), directives)


def check(ref: Spec, got: Spec, where: Where) -> str | None:
    """format-perl-brace.c's format_check: its first complaint, or None."""
    if not where.strict:
        return None
    have = set(got.names)
    for name in ref.names:
        if name not in have:
            return where.missing(name)
    return None
