"""Qt plural format strings (``qt-plural-format``): tr("%n file(s)", "", n).

gettext 0.21's format-qt-plural.c: a directive is '%n' or '%Ln'; only whether a string has one
matters, and no string is invalid.
"""

from __future__ import annotations

from hatch_minipo.formats.base import END, NO_MARKS, START, Marks, Where

LANGUAGE = "Qt plural"


# The driver's interface; gettext's parser ignores `translated` for this language.
def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> int:  # noqa: ARG001
    """The number of directives."""
    directives = 0
    i = text.find("%")
    while i >= 0:
        start = i
        i += 1
        if text[i : i + 1] == "L":
            i += 1
        if text[i : i + 1] == "n":
            marks.set(start, START)
            directives += 1
            marks.set(i, END)
            i += 1
        i = text.find("%", i)
    return directives


def check(ref: int, got: int, where: Where) -> str | None:
    """format-qt-plural.c's format_check: the number, if the msgid shows it, must be shown."""
    if (ref == 0 and got > 0) or (where.strict and ref > 0 and got == 0):
        return where.count_differs()
    return None
