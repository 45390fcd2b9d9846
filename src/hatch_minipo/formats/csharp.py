"""C# format strings (``csharp-format``): String.Format("{0} of {1,5:N2}", ...).

The reading is gettext 0.21's format-csharp.c: it counts the arguments (the largest number
plus one), doubled braces are text, and it sets the marks of each directive.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hatch_minipo.formats import _java
from hatch_minipo.formats.base import (
    END,
    ERROR,
    NO_MARKS,
    START,
    UINT_MASK,
    Invalid,
    Marks,
    printable,
)

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Where

LANGUAGE = "C#"

_BRACES = re.compile(r"[{}]")
_DIGITS = re.compile(r"[0-9]*")


class _Scan:
    """One pass over a C# format string."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.directives = 0
        self.count = 0  # numbered_arg_count, an unsigned int

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def fail_here(self, i: int, reason: str) -> Invalid:
        # gettext marks the last character when the string ends inside the directive.
        self.marks.set(i - 1 if self.at(i) == "" else i, ERROR)
        return Invalid(reason)

    def digits(self, i: int) -> int:
        return _DIGITS.match(self.text, i).end()  # type: ignore[union-attr]

    def directive(self, i: int) -> int:
        """The directive after the '{' at ``i - 1``; the index after its '}'."""
        self.directives += 1
        end = self.digits(i)
        if end == i:
            raise self.fail_here(
                i,
                f"In the directive number {self.directives}, '{{' is not followed by an argument "
                "number.",
            )
        number = _java.u32_digits(self.text, i, end)
        i = end
        if self.at(i) == ",":
            i += 1
            if self.at(i) == "-":
                i += 1
            end = self.digits(i)
            if end == i:
                raise self.fail_here(
                    i,
                    f"In the directive number {self.directives}, ',' is not followed by a number.",
                )
            i = end
        if self.at(i) == ":":
            close = self.text.find("}", i + 1)
            i = len(self.text) if close < 0 else close
        char = self.at(i)
        if char == "":
            raise self.fail_here(
                i, "The string ends in the middle of a directive: found '{' without matching '}'."
            )
        if char != "}":
            what = f" '{char}'" if printable(char) else ""
            raise self.fail_here(
                i,
                f"The directive number {self.directives} ends with an invalid character{what} "
                "instead of '}'.",
            )
        if self.count <= number:
            self.count = (number + 1) & UINT_MASK
        return i + 1

    def lone_close(self) -> str:
        if self.directives == 0:
            return "The string starts in the middle of a directive: found '}' without matching '{'."
        return f"The string contains a lone '}}' after directive number {self.directives}."

    def run(self) -> int:
        found = _BRACES.search(self.text)
        while found is not None:
            start = found.start()
            self.marks.set(start, START)
            i = start + 1
            if self.at(i) == found.group():
                i += 1  # '{{' or '}}'
            elif found.group() == "{":
                i = self.directive(i)
            else:
                raise self.fail_here(i, self.lone_close())
            self.marks.set(i - 1, END)
            found = _BRACES.search(self.text, i)
        return self.count


def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> int:
    """format_parse(): how many arguments the string takes; raises Invalid with the reason."""
    del translated  # read the same in msgid and msgstr
    return _Scan(text, marks).run()


def check(ref: int, got: int, where: Where) -> str | None:
    """format_check(): only the argument counts are compared."""
    if ref != got if where.strict else ref < got:
        return where.count_differs()
    return None
