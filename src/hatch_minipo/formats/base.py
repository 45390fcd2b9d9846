"""What the scanners of every format language share.

Each scanner reads a string as GNU gettext 0.21's parser for its language does and gives two
things from one pass, as the parser does: the arguments the string takes (for the checks) and
the marks where each directive starts and ends or where parsing failed (for the wrapper,
which never breaks a line inside a directive).  The reasons are worded as gettext's
format-invalid.h words them, since ``msgfmt -c`` prints them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Sequence

# The bits of gettext's "fdi" array.
START = 1
END = 2
ERROR = 4


class Invalid(Exception):  # noqa: N818 - a parser's verdict, not a failure of the program
    """A format string is not valid; ``args[0]`` is the reason, worded as GNU words it."""


class Marks:
    """gettext's fdi array: bits set per character of the string being scanned."""

    __slots__ = ("bits",)

    def __init__(self, length: int) -> None:
        self.bits = bytearray(length)

    def set(self, index: int, bit: int) -> None:
        if 0 <= index < len(self.bits):  # gettext writes one past the end; nobody reads it
            self.bits[index] |= bit


class _NoMarks(Marks):
    """For the checks, which only want the arguments."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(0)

    def set(self, index: int, bit: int) -> None:
        pass


NO_MARKS: Marks = _NoMarks()

UNTERMINATED = "The string ends in the middle of a directive."
MIXES_NUMBERED = (
    "The string refers to arguments both through absolute argument numbers and through "
    "unnumbered argument specifications."
)
MIXES_NAMED = (
    "The string refers to arguments both through argument names and through unnamed argument "
    "specifications."
)


def digit(c: str) -> bool:
    # "" (the end of the string) sorts before "0": not a digit.
    return "0" <= c <= "9"


def printable(c: str) -> bool:
    # GNU's c_isprint: ASCII graphic characters and space.
    return " " <= c <= "~"


# gettext counts and numbers arguments in a C unsigned int, which wraps.
UINT_MASK = 0xFFFFFFFF


def read_uint(text: str, i: int) -> tuple[int, int]:
    """The digits at ``i`` as ``unsigned int m = 10 * m + c`` reads them: (m, index after).

    "%4294967297$s" is argument 1 and "%4294967296$s" argument 0, as in gettext; the loop
    never makes a number larger than 2**32 (a run of any length is read in linear time).
    """
    m = 0
    end = len(text)
    while i < end and digit(text[i]):
        m = (10 * m + ord(text[i]) - 48) & UINT_MASK
        i += 1
    return m, i


def argno_0(directive: int, what: str = "") -> str:
    """INVALID_ARGNO_0 (``what``: "width's " for INVALID_WIDTH_ARGNO_0, and the like)."""
    return (
        f"In the directive number {directive}, the {what}argument number 0 is not a positive "
        "integer."
    )


def incompatible_types(number: int) -> str:
    """INVALID_INCOMPATIBLE_ARG_TYPES."""
    return f"The string refers to argument number {number} in incompatible ways."


def bad_conversion(number: int, char: str) -> str:
    if printable(char):
        return (
            f"In the directive number {number}, the character '{char}' is not a valid "
            "conversion specifier."
        )
    return (
        f"The character that terminates the directive number {number} is not a valid "
        "conversion specifier."
    )


def utf8_order(name: str) -> bytes:
    # GNU sorts argument names with strcmp on their bytes (UTF-8 here; only non-ASCII names
    # of a catalog in another charset could sort otherwise).
    return name.encode("utf-8", "surrogatepass")


class Where(NamedTuple):
    """One comparison: msgfmt's names for the two strings, and whether it is strict."""

    pid: str  # "msgid", or "msgid_plural" in a plural entry
    pstr: str  # "msgstr" or "msgstr[N]"
    strict: bool

    def count_differs(self) -> str:
        return f"number of format specifications in '{self.pid}' and '{self.pstr}' does not match"

    def not_same(self, argument: str) -> str:
        return (
            f"format specifications in '{self.pid}' and '{self.pstr}' for argument {argument} "
            "are not the same"
        )

    def unknown(self, name: str, *, as_in: bool) -> str:
        # format-python.c names the translation; format-python-brace.c (0.21) does not.
        where = f", as in '{self.pstr}'," if as_in else ""
        return f"a format specification for argument '{name}'{where} doesn't exist in '{self.pid}'"

    def missing(self, name: str) -> str:
        return f"a format specification for argument '{name}' doesn't exist in '{self.pstr}'"

    def wants_mapping(self) -> str:
        return (
            f"format specifications in '{self.pid}' expect a mapping, those in '{self.pstr}' "
            "expect a tuple"
        )

    def wants_tuple(self) -> str:
        return (
            f"format specifications in '{self.pid}' expect a tuple, those in '{self.pstr}' "
            "expect a mapping"
        )

    def invalid(self, language: str, reason: str) -> str:
        return (
            f"'{self.pstr}' is not a valid {language} format string, unlike '{self.pid}'. "
            f"Reason: {reason}"
        )


def first_name_difference(
    ref: Sequence[str], got: Sequence[str], where: Where, *, as_in: bool
) -> str | None:
    """Walk two sorted name lists the way gettext does and word its first complaint.

    With ``as_in`` (Python's % format) a name the msgid lacks is refused even when lenient.
    """
    i = j = 0
    while i < len(ref) or j < len(got):
        if i >= len(ref):
            cmp = 1
        elif j >= len(got):
            cmp = -1
        else:
            a, b = utf8_order(ref[i]), utf8_order(got[j])
            cmp = (a > b) - (a < b)
        if cmp > 0:
            if as_in or where.strict:
                return where.unknown(got[j], as_in=as_in)
            j += 1
        elif cmp < 0:
            if where.strict:
                return where.missing(ref[i])
            i += 1
        else:
            i += 1
            j += 1
    return None
