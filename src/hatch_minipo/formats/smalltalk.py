"""Smalltalk format strings (``smalltalk-format``): 'text %1 %2' bindWith: a with: b.

gettext 0.21's format-smalltalk.c: a directive is '%' followed by '%' or a digit 1 to 9.  YCP's
sformat strings have the same syntax and gettext reads them with the same parser and check, so
the ``ycp`` module uses this one's.
"""

from __future__ import annotations

from hatch_minipo.formats.base import (
    END,
    ERROR,
    NO_MARKS,
    START,
    UNTERMINATED,
    Invalid,
    Marks,
    Where,
    printable,
)

LANGUAGE = "Smalltalk"


# The driver's interface; gettext's parser ignores `translated` for this language.
def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> tuple[bool, ...]:  # noqa: ARG001
    """Per argument 1..N (N the largest number used): whether a directive uses it."""
    used: list[bool] = []
    directives = 0
    i = text.find("%")
    while i >= 0:
        marks.set(i, START)
        directives += 1
        c = text[i + 1 : i + 2]
        if c == "%":
            pass
        elif "1" <= c <= "9":
            number = ord(c) - ord("1")
            # At most 9 arguments: the list never outgrows what one digit can name.
            if len(used) <= number:
                used.extend([False] * (number + 1 - len(used)))
            used[number] = True
        elif c == "":
            marks.set(i, ERROR)
            raise Invalid(UNTERMINATED)
        else:
            marks.set(i + 1, ERROR)
            if printable(c):
                raise Invalid(
                    f"In the directive number {directives}, the character '{c}' is not a digit "
                    "between 1 and 9."
                )
            raise Invalid(
                f"The character that terminates the directive number {directives} is not a digit "
                "between 1 and 9."
            )
        marks.set(i + 1, END)
        i = text.find("%", i + 2)
    return tuple(used)


def check(ref: tuple[bool, ...], got: tuple[bool, ...], where: Where) -> str | None:
    """format-smalltalk.c's format_check: the first argument used on one side only."""
    for i in range(max(len(ref), len(got))):
        used1 = i < len(ref) and ref[i]
        used2 = i < len(got) and got[i]
        if (used1 != used2) if where.strict else (not used1 and used2):
            if used1:
                return (
                    f"a format specification for argument {i + 1} doesn't exist in '{where.pstr}'"
                )
            return (
                f"a format specification for argument {i + 1}, as in '{where.pstr}', doesn't "
                f"exist in '{where.pid}'"
            )
    return None
