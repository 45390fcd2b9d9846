"""Python percent format strings (``python-format``): 'text %(name)s %d' % args.

One scanner reads a string as gettext 0.21's format-python.c does (argument types and the
marks it sets) or, with ``runtime``, as Python's ``%`` operator does; the checks compare a
translation with its msgid under both readings.
"""

from __future__ import annotations

import dataclasses
import functools

from hatch_minipo.formats.base import (
    END,
    ERROR,
    MIXES_NAMED,
    NO_MARKS,
    START,
    UNTERMINATED,
    Invalid,
    Marks,
    Where,
    bad_conversion,
    digit,
    first_name_difference,
    utf8_order,
)

NONE, ANY, CHAR, STRING, INTEGER, FLOAT = range(6)
_GNU_CONVERSIONS = {
    "c": CHAR,
    "s": STRING,
    "r": STRING,
    **dict.fromkeys("iduoxX", INTEGER),
    **dict.fromkeys("eEfgG", FLOAT),
}
# Python itself also knows %a and %F, which gettext 0.21 does not.
_RUNTIME_CONVERSIONS = {**_GNU_CONVERSIONS, "a": STRING, "F": FLOAT}
# Conversions that accept any object: a translation may use them for any argument.
_TAKES_ANYTHING = (STRING, ANY)


@dataclasses.dataclass(frozen=True)
class Spec:
    """The arguments a string takes."""

    # (name, types) sorted by the name's bytes; GNU keeps one merged type, Python every use.
    named: tuple[tuple[str, tuple[int, ...]], ...]
    unnamed: tuple[int, ...]

    def names(self) -> dict[str, tuple[int, ...]]:
        return dict(self.named)


class _Scan:
    """One pass over a Python %-format string."""

    def __init__(self, text: str, runtime: bool, marks: Marks) -> None:
        self.text = text
        self.runtime = runtime
        self.conversions = _RUNTIME_CONVERSIONS if runtime else _GNU_CONVERSIONS
        self.marks = marks
        self.named: dict[str, list[int]] = {}
        self.unnamed: list[int] = []
        self.directives = 0

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def fail(self, i: int, reason: str) -> Invalid:
        # gettext's FDI_SET (*format == '\0' ? format - 1 : format, FMTDIR_ERROR).
        self.marks.set(i - 1 if self.at(i) == "" else i, ERROR)
        return Invalid(reason)

    def name(self, i: int) -> tuple[str, int]:
        """The '(name)' whose '(' is at ``i`` (parentheses nest): (name, index after it)."""
        depth = 0
        j = i + 1
        end = len(self.text)
        while j < end:
            c = self.text[j]
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    return self.text[i + 1 : j], j + 1
                depth -= 1
            j += 1
        raise self.fail(j, UNTERMINATED)

    def star(self, i: int) -> None:
        if self.named:
            raise self.fail(i, MIXES_NAMED)
        self.unnamed.append(INTEGER)

    def width_and_precision(self, i: int) -> tuple[int, int, bool]:
        """Skip flags, width, precision and size: (next index, '*' count, precision 0)."""
        while self.at(i) in "-+ #0" and self.at(i) != "":
            i += 1
        stars = 0
        if self.at(i) == "*":
            self.star(i)
            i += 1
            stars += 1
        else:
            while digit(self.at(i)):
                i += 1
        zero_precision = False
        if self.at(i) == ".":
            i += 1
            if self.at(i) == "*":
                self.star(i)
                i += 1
                stars += 1
            elif digit(self.at(i)):
                zero_precision = True
                while digit(self.at(i)):
                    zero_precision = zero_precision and self.text[i] == "0"
                    i += 1
        if self.at(i) in "hlL" and self.at(i) != "":
            i += 1
        return i, stars, zero_precision

    def directive(self, start: int) -> int:
        """The directive whose '%' is at ``start``; the index of its last character."""
        self.marks.set(start, START)
        i = start + 1
        self.directives += 1
        name: str | None = None
        if self.at(i) == "(":
            name, i = self.name(i)
        i, stars, zero_precision = self.width_and_precision(i)
        char = self.at(i)
        if char == "":
            raise self.fail(i, UNTERMINATED)
        if char == "%":
            # Python writes '%' only for a bare "%%"; "%5%" or "%(x)%" raise at run time.
            if self.runtime and i != start + 1:
                raise self.fail(i, bad_conversion(self.directives, char))
            kind = NONE
        elif char in self.conversions:
            kind = self.conversions[char]
            if kind == STRING and zero_precision:
                kind = ANY
        else:
            raise self.fail(i, bad_conversion(self.directives, char))
        if name is not None:
            if self.unnamed or (self.runtime and stars):
                raise self.fail(i, MIXES_NAMED)
            self.named.setdefault(name, []).append(kind)
        elif char != "%":
            if self.named:
                raise self.fail(i, MIXES_NAMED)
            self.unnamed.append(kind)
        self.marks.set(i, END)
        return i

    def run(self) -> Spec:
        i = self.text.find("%")
        while i >= 0:
            i = self.directive(i)
            i = self.text.find("%", i + 1)
        ordered = sorted(self.named, key=utf8_order)
        if self.runtime:
            named = tuple((n, tuple(self.named[n])) for n in ordered)
            return Spec(named, tuple(self.unnamed))
        merged: list[tuple[str, tuple[int, ...]]] = []
        for n in ordered:
            kinds = set(self.named[n])
            if len(kinds) > 1:
                kinds.discard(ANY)
            if len(kinds) > 1:
                raise Invalid(
                    f"The string refers to the argument named '{n}' in incompatible ways."
                )
            merged.append((n, (kinds.pop(),)))
        return Spec(tuple(merged), tuple(self.unnamed))


def scan(text: str, *, runtime: bool = False, marks: Marks = NO_MARKS) -> Spec:
    """The arguments of a %-format string as gettext reads it, or as Python does with
    ``runtime``; raises Invalid with the reason."""
    return _Scan(text, runtime, marks).run()


@functools.lru_cache(maxsize=4096)
def gnu(text: str) -> Spec | str:
    """gettext's reading: the arguments, or why the string is not valid."""
    try:
        return scan(text)
    except Invalid as exc:
        return str(exc.args[0])


@functools.lru_cache(maxsize=4096)
def runtime(text: str) -> Spec | str:
    """Python's reading: the arguments, or why ``%`` would raise."""
    try:
        return scan(text, runtime=True)
    except Invalid as exc:
        return str(exc.args[0])


def gnu_check(ref: Spec, got: Spec, where: Where) -> str | None:
    """format-python.c's format_check: its first complaint, or None."""
    if ref.named and got.unnamed:
        return where.wants_mapping()
    if ref.unnamed and got.named:
        return where.wants_tuple()
    if ref.named or got.named:
        return _gnu_names_check(ref, got, where)
    if ref.unnamed or got.unnamed:
        if len(ref.unnamed) != len(got.unnamed):
            return where.count_differs()
        for number, (want, have) in enumerate(zip(ref.unnamed, got.unnamed), 1):
            if not _gnu_same(want, have, where):
                return where.not_same(str(number))
    return None


def _gnu_same(want: int, have: int, where: Where) -> bool:
    # A lenient comparison lets a "%.0s" (which prints nothing) stand for any argument.
    return want == have or (not where.strict and ANY in (want, have))


def _gnu_names_check(ref: Spec, got: Spec, where: Where) -> str | None:
    first = first_name_difference(
        [n for n, _ in ref.named], [n for n, _ in got.named], where, as_in=True
    )
    if first is not None:
        return first
    ref_types = ref.names()
    for name, (kind,) in got.named:
        if not _gnu_same(ref_types[name][0], kind, where):
            return where.not_same(f"'{name}'")
    return None


def passed_names(ref: Spec, singular: Spec | None) -> dict[str, tuple[int, ...]]:
    """The names the program passes: the reference's, and a plural entry's msgid's."""
    return ref.names() if singular is None else {**singular.names(), **ref.names()}


def runtime_check(
    ref: Spec, names: dict[str, tuple[int, ...]], got: Spec, where: Where
) -> list[tuple[str, bool]]:
    """What ``msgstr % args`` does with the arguments that fit msgid: (message, fatal) pairs.

    ``names`` are every argument name the program passes (msgid's and msgid_plural's).
    """
    if names and got.unnamed:
        # "%s" % {"n": 1} prints the dict, "%d" % {"n": 1} raises.
        return [(where.wants_mapping(), True)]
    if ref.unnamed and got.named:
        return [(where.wants_tuple(), True)]
    out: list[tuple[str, bool]] = []
    ref_types = ref.names()
    for name, kinds in got.named:
        if name not in names:
            out.append((where.unknown(name, as_in=True), True))  # KeyError
            continue
        want = frozenset(ref_types.get(name, names[name]))  # a name may be used many times
        changed = [kind for kind in kinds if kind not in want]
        if changed:
            fatal = any(kind not in _TAKES_ANYTHING for kind in changed)
            out.append((where.not_same(f"'{name}'"), fatal))
    if where.strict:
        # Python ignores names the mapping has but the string does not use.
        have = got.names()
        out.extend((where.missing(name), False) for name, _ in ref.named if name not in have)
    if ref.unnamed or got.unnamed:
        if len(ref.unnamed) != len(got.unnamed):
            # Too few or too many values for the tuple: TypeError either way.
            out.append((where.count_differs(), True))
        else:
            for number, (want_kind, kind) in enumerate(zip(ref.unnamed, got.unnamed), 1):
                if kind != want_kind:
                    out.append((where.not_same(str(number)), kind not in _TAKES_ANYTHING))
    return out
