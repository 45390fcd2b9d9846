"""Ruby format strings (``ruby-format``): format("%s of %<total>d, %{name}", ...).

A transcription of gettext 0.21's format-ruby.c: the arguments a string takes (numbered,
unnumbered or named, never mixed), the marks its parser sets, and its format_check.
"""

from __future__ import annotations

import dataclasses

from hatch_minipo.formats._ruby_perl import merged
from hatch_minipo.formats.base import (
    END,
    ERROR,
    MIXES_NAMED,
    MIXES_NUMBERED,
    NO_MARKS,
    START,
    UNTERMINATED,
    Invalid,
    Marks,
    Where,
    bad_conversion,
    digit,
    first_name_difference,
    incompatible_types,
    utf8_order,
)

LANGUAGE = "Ruby"

NONE, ANY, ESCAPED_ANY, CHARACTER, INTEGER, FLOAT = range(6)
_CONVERSIONS = {
    "%": NONE,
    "\n": NONE,
    "s": ANY,
    "p": ESCAPED_ANY,
    "c": CHARACTER,
    **dict.fromkeys("diuoxXbB", INTEGER),
    **dict.fromkeys("fgGeEaA", FLOAT),
}
_FLAGS = frozenset(" #+-0")
_UINT_MAX = 2**32 - 1


@dataclasses.dataclass(frozen=True)
class Spec:
    """The arguments a Ruby format string takes: by number (unnumbered ones counted 1, 2...)
    or by name, each with its type, sorted and without duplicates."""

    numbered: tuple[tuple[int, int], ...]
    named: tuple[tuple[str, int], ...]
    directives: int


@dataclasses.dataclass
class _Directive:
    """What one directive has said so far about its arguments."""

    name: str | None = None
    number: int = 0
    seen_width: bool = False
    width_number: int = 0
    width_takenext: bool = False
    seen_precision: bool = False
    precision_number: int = 0
    precision_takenext: bool = False


class _Scan:
    """One pass over a Ruby format string, as format-ruby.c's format_parse reads it."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.numbered: list[tuple[int, int]] = []
        self.unnumbered: list[int] = []
        self.named: list[tuple[str, int]] = []
        self.directives = 0

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def fail(self, i: int, reason: str) -> Invalid:
        self.marks.set(i, ERROR)
        return Invalid(reason)

    def number(self, i: int) -> tuple[int, int]:
        """The digits at ``i`` as format-ruby.c reads them (they stick at UINT_MAX - 1 rather
        than wrap): (value, index after them)."""
        m = 0
        while digit(self.at(i)):
            m = 10 * m + ord(self.text[i]) - 48 if m < _UINT_MAX // 10 else _UINT_MAX - 1
            i += 1
        return m, i

    # The three kinds of argument a directive could add to, counting what it has read.
    def named_seen(self, d: _Directive) -> bool:
        return bool(self.named) or d.name is not None

    def numbered_seen(self, d: _Directive) -> bool:
        return bool(self.numbered) or bool(d.number or d.width_number or d.precision_number)

    def unnumbered_seen(self, d: _Directive) -> bool:
        return bool(self.unnumbered) or d.width_takenext or d.precision_takenext

    def reason(self, template: str) -> str:
        return f"In the directive number {self.directives}, {template}"

    def name(self, d: _Directive, i: int, closing: str) -> int:
        """'<name>' or '{name}' whose opening is at ``i``; the index of the closing."""
        if self.numbered_seen(d) or self.unnumbered_seen(d):
            raise self.fail(i, MIXES_NAMED)
        if d.name is not None:
            raise self.fail(i, self.reason("two names are given for the same argument."))
        end = self.text.find(closing, i + 1)
        if end < 0:
            raise self.fail(len(self.text) - 1, UNTERMINATED)
        d.name = self.text[i + 1 : end]
        return end

    def numbered_star(self, d: _Directive, dollar: int, m: int, *, width: bool) -> None:
        """'*N$' (width) or '.*N$' (precision) whose '$' is at ``dollar``."""
        if self.named_seen(d):
            raise self.fail(dollar, MIXES_NAMED)
        if self.unnumbered_seen(d):
            raise self.fail(dollar, MIXES_NUMBERED)
        if width:
            self.width_fits(d, dollar)
        elif d.seen_precision:
            raise self.fail(dollar, self.reason("a precision is given twice."))
        if m == 0:
            raise self.fail(dollar, self.reason("the argument number 0 is not a positive integer."))
        if width:
            d.seen_width, d.width_number = True, m
        else:
            d.seen_precision, d.precision_number = True, m

    def next_star(self, d: _Directive, star: int, *, width: bool) -> None:
        """'*' (width) or '.*' (precision), taking the next argument, at ``star``."""
        if self.named_seen(d):
            raise self.fail(star, MIXES_NAMED)
        if self.numbered_seen(d):
            raise self.fail(star, MIXES_NUMBERED)
        if width:
            self.width_fits(d, star)
            d.seen_width = d.width_takenext = True
        else:
            if d.seen_precision:
                raise self.fail(star, self.reason("a precision is given twice."))
            d.seen_precision = d.precision_takenext = True

    def width_fits(self, d: _Directive, i: int) -> None:
        if d.seen_precision:
            raise self.fail(i, self.reason("the width is given after the precision."))
        if d.seen_width:
            raise self.fail(i, self.reason("a width is given twice."))

    def digits(self, d: _Directive, i: int) -> int:
        """'N$' or a constant width at ``i``; the index after them."""
        m, i = self.number(i)
        if self.at(i) != "$":
            self.width_fits(d, i)
            d.seen_width = True
            return i
        if self.named_seen(d):
            raise self.fail(i, MIXES_NAMED)
        if self.unnumbered_seen(d):
            raise self.fail(i, MIXES_NUMBERED)
        if d.number:
            raise self.fail(i, self.reason("two numbers are given for the same argument."))
        d.number = m
        return i + 1

    def star(self, d: _Directive, i: int, *, width: bool) -> int:
        """'*' or '*N$' after the '*' at ``i``; the index after it."""
        if digit(self.at(i + 1)):
            m, dollar = self.number(i + 1)
            if self.at(dollar) == "$":
                self.numbered_star(d, dollar, m, width=width)
                return dollar + 1
        self.next_star(d, i, width=width)
        return i + 1

    def precision(self, d: _Directive, i: int) -> int:
        """After the '.' at ``i``: '*', '*N$' or digits; the index after them."""
        i += 1
        if self.at(i) == "*":
            return self.star(d, i, width=False)
        while digit(self.at(i)):
            i += 1
        if d.seen_precision:
            raise self.fail(i, self.reason("a precision is given twice."))
        d.seen_precision = True
        return i

    # format-ruby.c takes flags, '<name>', 'N$', width and precision in any order, and refuses
    # each misplaced one with its own reason.
    def options(self, d: _Directive, i: int) -> int:
        """Everything between the '%' and the conversion; the index of the conversion."""
        while True:
            c = self.at(i)
            if c in _FLAGS and c:
                if d.seen_width:
                    raise self.fail(i, self.reason("a flag is given after the width."))
                if d.seen_precision:
                    raise self.fail(i, self.reason("a flag is given after the precision."))
                i += 1
            elif c == "<":
                i = self.name(d, i, ">") + 1
            elif digit(c):
                i = self.digits(d, i)
            elif c == "*":
                i = self.star(d, i, width=True)
            elif c == ".":
                i = self.precision(d, i)
            else:
                return i

    def register(self, d: _Directive, kind: int, i: int) -> None:
        """Add the directive's arguments: width, precision, then the value."""
        for number, takenext in (
            (d.width_number, d.width_takenext),
            (d.precision_number, d.precision_takenext),
        ):
            if number:
                self.numbered.append((number, INTEGER))
            elif takenext:
                self.unnumbered.append(INTEGER)
        if kind == NONE:
            return
        if d.name is not None:
            self.named.append((d.name, kind))
        elif d.number:
            self.numbered.append((d.number, kind))
        else:
            if self.named:
                raise self.fail(i, MIXES_NAMED)
            if self.numbered:
                raise self.fail(i, MIXES_NUMBERED)
            self.unnumbered.append(kind)

    def directive(self, start: int) -> int:
        """The directive whose '%' is at ``start``; the index of its last character."""
        self.marks.set(start, START)
        self.directives += 1
        d = _Directive()
        i = self.options(d, start + 1)
        c = self.at(i)
        if c == "{":
            i = self.name(d, i, "}")
            kind = ANY
        elif c in _CONVERSIONS and c:
            kind = _CONVERSIONS[c]
        elif not c:
            raise self.fail(i - 1, UNTERMINATED)
        else:
            raise self.fail(i, bad_conversion(self.directives, c))
        self.register(d, kind, i)
        self.marks.set(i, END)
        return i

    def run(self) -> Spec:
        i = self.text.find("%")
        while i >= 0:
            i = self.directive(i)
            i = self.text.find("%", i + 1)
        if self.unnumbered:
            numbered = tuple(enumerate(self.unnumbered, 1))
        else:
            numbered = merged(self.numbered, incompatible_types, int)
        named = merged(self.named, _incompatible_name, utf8_order)
        return Spec(numbered, named, self.directives)


def _incompatible_name(name: str) -> str:
    return f"The string refers to the argument named '{name}' in incompatible ways."


def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> Spec:
    """format_parse(): the arguments of a Ruby format string; raises Invalid with the reason."""
    del translated  # Ruby reads msgid and msgstr alike
    return _Scan(text, marks).run()


def check(ref: Spec, got: Spec, where: Where) -> str | None:
    """format-ruby.c's format_check: its first complaint, or None."""
    if ref.named and got.numbered:
        return (
            f"format specifications in '{where.pid}' expect a hash table, those in "
            f"'{where.pstr}' expect individual arguments"
        )
    if ref.numbered and got.named:
        return (
            f"format specifications in '{where.pid}' expect individual arguments, those in "
            f"'{where.pstr}' expect a hash table"
        )
    if ref.named or got.named:
        first = first_name_difference(
            [n for n, _ in ref.named], [n for n, _ in got.named], where, as_in=True
        )
        if first is not None:
            return first
        types = dict(ref.named)
        for name, kind in got.named:
            if types[name] != kind:
                return where.not_same(f"'{name}'")
    if ref.numbered or got.numbered:
        # Unlike the names, the numbers themselves are not compared: only count and types.
        if len(ref.numbered) != len(got.numbered):
            return where.count_differs()
        for number, ((_, want), (_, have)) in enumerate(zip(ref.numbered, got.numbered), 1):
            if want != have:
                return where.not_same(str(number))
    return None
