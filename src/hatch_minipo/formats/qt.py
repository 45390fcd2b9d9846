"""Qt format strings (``qt-format``): tr("text %1 %L2").arg(a).arg(b).

gettext 0.21's format-qt.c: a directive is '%', an optional 'L', and one or two digits
(%0 to %99); anything else after a '%' is text, so no string is invalid.
"""

from __future__ import annotations

from typing import NamedTuple

from hatch_minipo.formats.base import END, NO_MARKS, START, Marks, Where, digit

LANGUAGE = "Qt"


class Spec(NamedTuple):
    """The arguments a string takes."""

    # No 'L' flag and single digits only: the multi-argument .arg(a, b) may be used.
    simple: bool
    used: tuple[bool, ...]  # per argument 0..N: whether a directive uses it


# The driver's interface; gettext's parser ignores `translated` for this language.
def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> Spec:  # noqa: ARG001
    """The arguments; Qt's syntax has no invalid string."""
    simple = True
    used: list[bool] = []
    i = text.find("%")
    while i >= 0:
        start = i
        i += 1
        locale = text[i : i + 1] == "L"
        if locale:
            i += 1
        c = text[i : i + 1]
        if digit(c):
            marks.set(start, START)
            if locale:
                simple = False
            number = ord(c) - ord("0")
            if digit(text[i + 1 : i + 2]):
                number = 10 * number + ord(text[i + 1]) - ord("0")
                simple = False
                i += 1
            # At most 100 arguments: two digits are the most gettext reads.
            if len(used) <= number:
                used.extend([False] * (number + 1 - len(used)))
            used[number] = True
            marks.set(i, END)
            i += 1
        i = text.find("%", i)
    return Spec(simple, tuple(used))


def check(ref: Spec, got: Spec, where: Where) -> str | None:
    """format-qt.c's format_check: always strict, since Qt warns of an unused argument."""
    if ref.simple and not got.simple:
        return (
            f"'{where.pid}' is a simple format string, but '{where.pstr}' is not: it contains an "
            "'L' flag or a double-digit argument number"
        )
    for i in range(max(len(ref.used), len(got.used))):
        used1 = i < len(ref.used) and ref.used[i]
        used2 = i < len(got.used) and got.used[i]
        if used1 != used2:
            if used1:
                return f"a format specification for argument {i} doesn't exist in '{where.pstr}'"
            return (
                f"a format specification for argument {i}, as in '{where.pstr}', doesn't exist "
                f"in '{where.pid}'"
            )
    return None
