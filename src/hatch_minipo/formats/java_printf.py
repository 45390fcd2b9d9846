"""Java printf strings (``java-printf-format``): String.format("%1$s has %2$,d files", ...).

The reading is gettext 0.21's format-java-printf.c: the argument types, which flags, widths and
precisions each conversion allows, and the marks it sets.  Numbered ('%2$s'), unnumbered and
previous-argument ('%<s') references may be mixed.
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
    UNTERMINATED,
    Invalid,
    Marks,
    bad_conversion,
)

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Where

LANGUAGE = "Java printf"

# format-java-printf.c's format_arg_type (FAT_NONE is 0).
GENERAL, CHARACTER, INTEGER, FLOATINGPOINT, DATETIME = range(1, 6)

# Flags, in the order gettext reports them, then width and precision.
_FLAGS = "#0- +,("
_WIDTH = 1 << 7
_PRECISION = 1 << 8
_ALL_FLAGS = (1 << len(_FLAGS)) - 1


def _bits(flags: str) -> int:
    return sum(1 << _FLAGS.index(flag) for flag in flags)


# Each conversion: its argument type and what it does not allow.
_CONVERSIONS: dict[str, tuple[int, int]] = {
    "%": (0, _bits("#0 +,(") | _PRECISION),
    "n": (0, _ALL_FLAGS | _WIDTH | _PRECISION),
    **dict.fromkeys("bBhHsS", (GENERAL, _bits("0 +,("))),
    **dict.fromkeys("cC", (CHARACTER, _bits("#0 +,(") | _PRECISION)),
    "d": (INTEGER, _bits("#") | _PRECISION),
    **dict.fromkeys("oxX", (INTEGER, _bits(",") | _PRECISION)),
    **dict.fromkeys("eEfgG", (FLOATINGPOINT, 0)),
    **dict.fromkeys("aA", (FLOATINGPOINT, _bits(",("))),
    **dict.fromkeys("tT", (DATETIME, _bits("#0 +,(") | _PRECISION)),
}
_DATETIME_SUFFIXES = frozenset("HIklMSLNpzZsQBbhAaCYyjmdeRTrDFc")
_DIGITS = re.compile(r"[0-9]*")


class _Scan:
    """One pass over a Java printf string."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.found: list[tuple[int, int]] = []
        self.directives = 0
        self.unnumbered = 0
        self.last = 0  # the argument of the previous directive that took one

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def fail(self, i: int, reason: str) -> Invalid:
        self.marks.set(i, ERROR)
        return Invalid(reason)

    def number(self, i: int) -> tuple[int, int]:
        """An optional '<' or 'N$' at ``i``: (argument number or 0, next index)."""
        if self.at(i) == "<":
            if self.last == 0:
                raise self.fail(
                    i,
                    f"In the directive number {self.directives}, the reference to the argument "
                    "of the previous directive is invalid.",
                )
            return self.last, i + 1
        end = _DIGITS.match(self.text, i).end()  # type: ignore[union-attr]
        if end > i and self.at(end) == "$":
            number = _java.u32_digits(self.text, i, end)
            if number == 0:
                raise self.fail(
                    end,
                    f"In the directive number {self.directives}, the argument number 0 is not a "
                    "positive integer.",
                )
            return number, end + 1
        return 0, i  # the digits, if any, are flags and width

    def options(self, i: int) -> tuple[int, int]:
        """Flags, width and precision: (their bits, index of the conversion)."""
        flags = 0
        while self.at(i) and self.at(i) in _FLAGS:
            flags |= 1 << _FLAGS.index(self.text[i])
            i += 1
        end = _DIGITS.match(self.text, i).end()  # type: ignore[union-attr]
        if end > i:
            flags |= _WIDTH
            i = end
        if self.at(i) == ".":
            i += 1
            end = _DIGITS.match(self.text, i).end()  # type: ignore[union-attr]
            if end == i:
                if self.at(i) == "":
                    raise self.fail(i - 1, UNTERMINATED)
                raise self.fail(
                    i, f"In the directive number {self.directives}, the precision is missing."
                )
            flags |= _PRECISION
            i = end
        return flags, i

    def refuse(self, invalid: int, i: int) -> Invalid:
        """The first flag, width or precision ``invalid`` holds, worded as gettext words it."""
        conversion = self.text[i]
        for k, flag in enumerate(_FLAGS):
            if invalid & 1 << k:
                return self.fail(
                    i,
                    f"In the directive number {self.directives}, the flag '{flag}' is invalid for "
                    f"the conversion '{conversion}'.",
                )
        what = "a width" if invalid & _WIDTH else "a precision"
        return self.fail(
            i,
            f"In the directive number {self.directives}, {what} is invalid for the conversion "
            f"'{conversion}'.",
        )

    def directive(self, start: int) -> int:
        """The directive whose '%' is at ``start``; the index after it."""
        self.marks.set(start, START)
        self.directives += 1
        number, i = self.number(start + 1)
        flags, i = self.options(i)
        char = self.at(i)
        if char not in _CONVERSIONS:
            if char == "":
                raise self.fail(i - 1, UNTERMINATED)
            raise self.fail(i, bad_conversion(self.directives, char))
        kind, invalid = _CONVERSIONS[char]
        if invalid & flags:
            raise self.refuse(invalid & flags, i)
        if kind == DATETIME:
            i += 1
            suffix = self.at(i)
            if suffix not in _DATETIME_SUFFIXES:
                if suffix == "":
                    raise self.fail(i - 1, UNTERMINATED)
                # The conversion is 't' or 'T', always printable: gettext prints the suffix as
                # it is (for a non-ASCII one, msgfmt prints its first byte; this, the character).
                raise self.fail(
                    i,
                    f"In the directive number {self.directives}, for the conversion '{char}', the "
                    f"character '{suffix}' is not a valid conversion suffix.",
                )
        if kind:
            if number == 0:
                self.unnumbered += 1
                number = self.unnumbered  # an unsigned int: 2**32 directives are not read
            self.found.append((number, kind))
            self.last = number
        self.marks.set(i, END)
        return i + 1

    def run(self) -> _java.Numbered:
        i = self.text.find("%")
        while i >= 0:
            i = self.text.find("%", self.directive(i))
        return _java.merge(self.found, lambda kind, merged: kind if kind == merged else None)


def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> _java.Numbered:
    """format_parse(): (argument number, type) pairs; raises Invalid with gettext's reason."""
    del translated  # read the same in msgid and msgstr
    return _Scan(text, marks).run()


def check(ref: _java.Numbered, got: _java.Numbered, where: Where) -> str | None:
    """format_check(): the first complaint."""
    return _java.check(ref, got, where, str)
