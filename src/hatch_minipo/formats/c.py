"""C and Objective-C format strings (``c-format``, ``objc-format``): printf("%s: %d", ...).

The scanner is gettext 0.21's format-c-parse.h: the argument types it reads and the marks it
sets.  The run-time check asks what printf does with the arguments that fit the msgid.
"""

from __future__ import annotations

import functools

from hatch_minipo.formats.base import (
    END,
    ERROR,
    MIXES_NUMBERED,
    NO_MARKS,
    START,
    UNTERMINATED,
    Invalid,
    Marks,
    Where,
    bad_conversion,
    digit,
    incompatible_types,
)
from hatch_minipo.plural.grammar import c_unsigned_long

INTEGER, DOUBLE, CHAR, STRING, OBJC, POINTER, COUNT = range(1, 8)
_BASIC = 7
_UNSIGNED = 1 << 3
_SHORT = 1 << 4
_SCHAR = 2 << 4
_LONG = 1 << 6
_LONGLONG = 2 << 6
_WIDE = _LONG
_INTMAX = 1 << 20
_INTPTR = 1 << 21
_SIZE = 1 << 22
_PTRDIFF = 1 << 23
# ISO C 99 <inttypes.h> macro tails after PRI{d,i,o,u,x,X}, in the order gettext tries them.
_MACRO_SIZES = {
    "MAX": _INTMAX,
    "PTR": _INTPTR,
    **{
        f"{family}{bits}": 1 << (8 + 4 * k + b)
        for k, family in enumerate(("", "LEAST", "FAST"))
        for b, bits in enumerate(("8", "16", "32", "64"))
    },
}
_SIZE_LETTERS = frozenset("hlLqjzZt")
_FLAGS = frozenset(" +-#0'")


class _Scan:
    """One pass over a C format string."""

    def __init__(self, text: str, translated: bool, objc: bool, marks: Marks) -> None:
        self.text = text
        self.translated = translated
        self.objc = objc
        self.marks = marks
        self.unnumbered: list[int] = []
        self.numbered: list[tuple[int, int]] = []
        self.directives = 0

    def at(self, i: int) -> str:
        # C strings end in NUL: reading past the end sees "".
        return self.text[i] if i < len(self.text) else ""

    def fail(self, position: int, reason: str) -> Invalid:
        self.marks.set(position, ERROR)
        return Invalid(reason)

    def fail_here(self, i: int, reason: str) -> Invalid:
        # gettext's FDI_SET (*format == '\0' ? format - 1 : format, FMTDIR_ERROR).
        return self.fail(i - 1 if self.at(i) == "" else i, reason)

    def add(self, number: int, kind: int, position: int) -> None:
        if number:
            if self.unnumbered:
                raise self.fail(position, MIXES_NUMBERED)
            self.numbered.append((number, kind))
        else:
            if self.numbered:
                raise self.fail(position, MIXES_NUMBERED)
            self.unnumbered.append(kind)

    def number(self, i: int) -> tuple[int, int] | None:
        """An 'N$' argument number at ``i``: (N, index of the '$'), or None."""
        j = i
        while digit(self.at(j)):
            j += 1
        if j > i and self.at(j) == "$":
            return c_unsigned_long(self.text[i:j]), j
        return None

    def star(self, i: int, what: str) -> int:
        """After '*': an optional 'N$', then one int argument; the index after them."""
        found = self.number(i)
        if found is None:
            self.add(0, INTEGER, i - 1)
            return i
        number, dollar = found
        if number == 0:
            raise self.fail(
                dollar,
                f"In the directive number {self.directives}, the {what}argument number 0 is "
                "not a positive integer.",
            )
        self.add(number, INTEGER, dollar)
        return dollar + 1

    def macro(self, i: int) -> tuple[int, int]:
        """'<PRId64>' from after the '<': (type, index of the '>')."""
        bad = (
            f"In the directive number {self.directives}, the token after '<' is not the name "
            "of a format specifier macro. The valid macro names are listed in ISO C 99 "
            "section 7.8.1."
        )
        for expected in "PRI":
            if self.at(i) != expected:
                raise self.fail_here(i, bad)
            i += 1
        letter = self.at(i)
        if letter == "" or letter not in "diouxX":
            raise self.fail_here(i, bad)
        i += 1
        for size, size_bits in _MACRO_SIZES.items():
            if self.text.startswith(size, i):
                i += len(size)
                bits = size_bits
                break
        else:
            # gettext reports the first character that does not fit LEAST/FAST/digits.
            for family in ("LEAST", "FAST"):
                if self.text.startswith(family, i):
                    i += len(family)
                    break
            raise self.fail_here(i, bad)
        if self.at(i) != ">":
            raise self.fail_here(
                i,
                f"In the directive number {self.directives}, the token after '<' is not "
                "followed by '>'.",
            )
        kind = INTEGER if letter in "di" else INTEGER | _UNSIGNED
        return kind | bits, i

    def size(self, i: int) -> tuple[int, int]:
        """Length modifiers, repeats included: (size bits, next index)."""
        size = 0
        while self.at(i) in _SIZE_LETTERS:
            c = self.text[i]
            if c == "h":
                size = _SCHAR if size & (_SHORT | _SCHAR) else _SHORT
            elif c == "l":
                size = _LONGLONG if size & (_LONG | _LONGLONG) else _LONG
            elif c in "Lq":
                size = _LONGLONG
            elif c == "j":
                size = _INTMAX
            elif c in "zZ":
                size = _SIZE
            else:
                size = _PTRDIFF
            i += 1
        return size, i

    def conversion(self, i: int, size: int) -> int:
        """The argument type of the conversion at ``i`` (0: takes none)."""
        char = self.at(i)
        wide = _WIDE if size & (_LONG | _LONGLONG) else 0
        if char == "":
            raise self.fail_here(i, UNTERMINATED)
        if char in "%m":
            return 0
        if char == "c":
            return CHAR | wide
        if char == "C":
            return CHAR | _WIDE
        if char == "s":
            return STRING | wide
        if char == "S":
            return STRING | _WIDE
        if char in "di":
            return INTEGER | size
        if char in "uoxX":
            return INTEGER | _UNSIGNED | size
        if char in "eEfFgGaA":
            return DOUBLE | (size & _LONGLONG)
        if char == "p":
            return POINTER
        if char == "n":
            return COUNT | size
        if char == "@" and self.objc:
            return OBJC
        raise self.fail_here(i, bad_conversion(self.directives, char))

    def directive(self, i: int) -> int:
        """The directive whose '%' is at ``i``; the index of its last character."""
        self.marks.set(i, START)
        i += 1
        self.directives += 1
        number = 0
        found = self.number(i)
        if found is not None:
            number, dollar = found
            if number == 0:
                raise self.fail(
                    dollar,
                    f"In the directive number {self.directives}, the argument number 0 is not "
                    "a positive integer.",
                )
            i = dollar + 1
        while self.at(i) in _FLAGS or (self.translated and self.at(i) == "I"):
            i += 1  # flags, and glibc's 'I' in translations
        if self.at(i) == "*":
            i = self.star(i + 1, "width's ")
        else:
            while digit(self.at(i)):
                i += 1
        if self.at(i) == ".":
            i += 1
            if self.at(i) == "*":
                i = self.star(i + 1, "precision's ")
            else:
                while digit(self.at(i)):
                    i += 1
        if self.at(i) == "<":
            kind, i = self.macro(i + 1)
        else:
            size, i = self.size(i)
            kind = self.conversion(i, size)
        if kind:
            self.add(number, kind, i)
        self.marks.set(i, END)
        return i

    def run(self) -> tuple[int, ...]:
        i = self.text.find("%")
        while i >= 0:
            i = self.directive(i)
            i = self.text.find("%", i + 1)
        if not self.numbered:
            return tuple(self.unnumbered)
        self.numbered.sort(key=lambda pair: pair[0])
        types: dict[int, int] = {}
        for n, kind in self.numbered:
            if types.setdefault(n, kind) != kind:
                raise Invalid(incompatible_types(n))
        for position, n in enumerate(types, 1):
            if n != position:
                raise Invalid(
                    f"The string refers to argument number {n} but ignores argument number "
                    f"{position}."
                )
        return tuple(types.values())


def scan(
    text: str, *, translated: bool, objc: bool = False, marks: Marks = NO_MARKS
) -> tuple[int, ...]:
    """The argument types of a C format string; raises Invalid with gettext's reason.

    ``translated`` allows glibc's 'I' flag, which gettext accepts in translations only;
    ``objc`` adds Objective-C's ``%@``.
    """
    return _Scan(text, translated, objc, marks).run()


@functools.lru_cache(maxsize=4096)
def gnu(text: str, translated: bool) -> tuple[int, ...] | str:
    """:func:`scan`'s types, or its reason when the string is not valid."""
    try:
        return scan(text, translated=translated)
    except Invalid as exc:
        return str(exc.args[0])


def gnu_check(ref: tuple[int, ...], got: tuple[int, ...], where: Where) -> str | None:
    """format-c.c's format_check: its first complaint, or None."""
    if len(ref) != len(got) if where.strict else len(ref) < len(got):
        return where.count_differs()
    for number, (want, have) in enumerate(zip(ref, got), 1):
        if want != have:
            return where.not_same(str(number))
    return None


# Integer arguments narrower than int are promoted to int when passed to printf.
_PROMOTED = _SHORT | _SCHAR


def _same_in_memory(want: int, have: int) -> bool:
    """Whether printf reads the argument right despite a changed directive (sign aside)."""
    if want & _BASIC != have & _BASIC:
        return False
    return (want & ~(_UNSIGNED | _PROMOTED)) == (have & ~(_UNSIGNED | _PROMOTED))


def runtime_check(
    ref: tuple[int, ...], got: tuple[int, ...], where: Where
) -> list[tuple[str, bool]]:
    """What printf does with the translation and the arguments that fit: (message, fatal)."""
    out: list[tuple[str, bool]] = []
    if len(got) > len(ref):
        # printf would read arguments the program never passed.
        out.append((where.count_differs(), True))
    elif len(got) < len(ref) and where.strict:
        # printf ignores surplus arguments: harmless, though msgfmt -c refuses it.
        out.append((where.count_differs(), False))
    out.extend(
        (where.not_same(str(number)), not _same_in_memory(want, have))
        for number, (want, have) in enumerate(zip(ref, got), 1)
        if want != have
    )
    return out
