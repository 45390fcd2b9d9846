"""Python brace format strings (``python-brace-format``): 'text {name} {0.attr:>10}'.format(...).

GNU's reading is gettext 0.21's format-python-brace.c (argument names and the marks it sets);
Python's is ``string.Formatter.parse``, with ``str.format``'s own rules for field names and
automatic numbering.  The checks compare a translation with its msgid under both.
"""

from __future__ import annotations

import dataclasses
import functools
import string
from typing import TYPE_CHECKING, Union

from hatch_minipo.formats.base import (
    END,
    ERROR,
    NO_MARKS,
    START,
    UNTERMINATED,
    Invalid,
    Marks,
    Where,
    digit,
    first_name_difference,
    utf8_order,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

# The presentation types gettext 0.21 accepts at the end of a standard format specifier.
_GNU_TYPES = frozenset("bcdoxXneEfFgG%")
_ALIGN = frozenset("<>=^")


def _name_char(c: str, *, first: bool) -> bool:
    return ("A" <= c <= "Z") or ("a" <= c <= "z") or c == "_" or (not first and digit(c))


class _Scan:
    """One pass over a brace format string, as format-python-brace.c reads it."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.names: list[str] = []

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def field(self, i: int, *, numeric: bool) -> int | None:
        """The end of an identifier (or of a number, when allowed) at ``i``, or None."""
        if _name_char(self.at(i), first=True):
            i += 1
            while _name_char(self.at(i), first=False):
                i += 1
            return i
        if numeric and digit(self.at(i)):
            while digit(self.at(i)):
                i += 1
            return i
        return None

    def directive(self, origin: int, *, toplevel: bool) -> int:
        """Parse the directive whose '{' is at ``origin``; the index after it.

        gettext's parse_directive takes its own '{' as the origin of the marks it sets, so
        they land that many characters too early: the first directive of a string starting
        at offset 0 is the only one protected where it stands.
        """
        count = len(self.names)

        def fail(i: int, reason: str) -> Invalid:
            self.marks.set(i - origin, ERROR)
            return Invalid(reason)

        def cannot_start(i: int, what: str) -> Invalid:
            # GNU prints the character with %c: the end of the string ends the message there.
            char = self.at(i)
            if not char:
                return fail(i, f"In the directive number {count}, '")
            return fail(i, f"In the directive number {count}, '{char}' cannot start {what}.")

        i = origin + 1
        if self.at(i) == "{":
            return i + 1  # an escaped brace
        name_start = i
        end = self.field(i, numeric=True)
        if end is None:
            raise cannot_start(i, "a field name")
        i = end
        while True:
            c = self.at(i)
            if c == ".":
                end = self.field(i + 1, numeric=False)
                if end is None:
                    raise cannot_start(i + 1, "a getattr argument")
                i = end
            elif c == "[":
                end = self.field(i + 1, numeric=True)
                if end is None:
                    raise cannot_start(i + 1, "a getitem argument")
                if self.at(end) != "]":
                    raise fail(end + 1, UNTERMINATED)
                i = end + 1
            else:
                break
        if c == ":":
            if not toplevel:
                raise fail(
                    i,
                    f"In the directive number {count}, no more nesting is allowed in a format "
                    "specifier.",
                )
            i += 1
            i = self.directive(i, toplevel=False) if self.at(i) == "{" else self.standard_spec(i)
            if self.at(i) != "}":
                raise fail(i, UNTERMINATED)
        if self.at(i) != "}":
            raise fail(
                i, f"In the directive number {count}, there is an unterminated format directive."
            )
        if toplevel:
            self.marks.set(name_start - 1 - origin, START)
            # A name is everything between the braces, the format specifier included.
            self.names.append(self.text[name_start:i])
            self.marks.set(i - origin, END)
        return i + 1

    def standard_spec(self, i: int) -> int:
        """Skip ``[[fill]align][sign][#][0][width][.precision][type]``."""
        if self.at(i + 1) in _ALIGN:
            i += 2
        elif self.at(i) in _ALIGN:
            i += 1
        for optional in ("+- ", "#", "0"):
            if self.at(i) and self.at(i) in optional:
                i += 1
        while digit(self.at(i)):
            i += 1
        if self.at(i) == ".":
            i += 1
            while digit(self.at(i)):
                i += 1
        if self.at(i) in _GNU_TYPES:
            i += 1
        return i

    def run(self) -> tuple[str, ...]:
        i = self.text.find("{")
        while i >= 0:
            i = self.directive(i, toplevel=True)
            i = self.text.find("{", i)
        return tuple(sorted(set(self.names), key=utf8_order))


def scan(text: str, *, marks: Marks = NO_MARKS) -> tuple[str, ...]:
    """Sorted distinct argument names as gettext 0.21 reads them; raises Invalid."""
    return _Scan(text, marks).run()


@functools.lru_cache(maxsize=4096)
def gnu(text: str) -> tuple[str, ...] | str:
    """gettext's reading: the argument names, or why the string is not valid."""
    try:
        return scan(text)
    except Invalid as exc:
        return str(exc.args[0])


def gnu_check(ref: tuple[str, ...], got: tuple[str, ...], where: Where) -> str | None:
    """format-python-brace.c's format_check: its first complaint, or None."""
    return first_name_difference(ref, got, where, as_in=False)


# ---------------------------------------------------------------------------------------------
# Python's reading

Key = Union[int, str]


@dataclasses.dataclass(frozen=True)
class Field:
    """One replacement field as str.format renders it."""

    key: Key  # positional index (automatic numbers resolved) or keyword
    access: str  # the ".attr[key]" chain after the argument, as written
    conversion: str | None
    spec: str  # the format specifier, nested fields unexpanded


_FORMATTER = string.Formatter()


def split_field_name(name: str) -> tuple[str, str]:
    """Split a field name the way str.format does: (argument, accessor chain).

    Raises ValueError with Python's message for the chains str.format refuses.
    """
    cut = len(name)
    for mark in ".[":
        found = name.find(mark)
        if 0 <= found < cut:
            cut = found
    first, rest = name[:cut], name[cut:]
    i = 0
    while i < len(rest):
        if rest[i] == ".":
            j = i + 1
            while j < len(rest) and rest[j] not in ".[":
                j += 1
            if j == i + 1:
                raise ValueError("Empty attribute in format string")
            i = j
        elif rest[i] == "[":
            j = rest.find("]", i + 1)
            if j < 0:
                raise ValueError("Missing ']' in format string")
            if j == i + 1:
                raise ValueError("Empty attribute in format string")
            i = j + 1
            if i < len(rest) and rest[i] not in ".[":
                raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
        else:  # pragma: no cover - the chain starts at '.' or '[' by construction
            raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
    return first, rest


class _Numbering:
    """str.format's automatic numbering, which may not be mixed with explicit numbers."""

    def __init__(self) -> None:
        self.mode = ""
        self.next = 0

    def key(self, first: str) -> Key:
        if first == "":
            if self.mode == "manual":
                raise ValueError(
                    "cannot switch from manual field specification to automatic field numbering"
                )
            self.mode = "auto"
            self.next += 1
            return self.next - 1
        if first.isdecimal():
            if self.mode == "auto":
                raise ValueError(
                    "cannot switch from automatic field numbering to manual field specification"
                )
            self.mode = "manual"
            return int(first)
        return first


def runtime_fields(text: str) -> tuple[Field, ...]:
    """Every field str.format renders, in order; raises ValueError as str.format would."""
    fields: list[Field] = []
    numbering = _Numbering()

    def walk(source: str, depth: int) -> None:
        if depth <= 0:
            raise ValueError("Max string recursion exceeded")
        for _literal, name, spec, conversion in _FORMATTER.parse(source):
            if name is None:
                continue
            first, access = split_field_name(name)
            key = numbering.key(first)
            if conversion is not None and conversion not in ("r", "s", "a"):
                raise ValueError(f"Unknown conversion specifier {conversion}")
            fields.append(Field(key, access, conversion, spec or ""))
            if spec and ("{" in spec or "}" in spec):
                walk(spec, depth - 1)

    walk(text, 2)
    return tuple(fields)


@functools.lru_cache(maxsize=4096)
def runtime(text: str) -> tuple[Field, ...] | str:
    """Python's reading: the fields, or why str.format would raise."""
    try:
        return runtime_fields(text)
    except ValueError as exc:
        return str(exc)


# A value of each standard type, to try format specifiers on.
_SAMPLES: dict[str, object] = {"int": 7, "float": 1.5, "str": "text"}


def _formats(value: object, spec: str) -> bool:
    try:
        format(value, spec)
    except (ValueError, TypeError):
        return False
    return True


def _kinds(fields: Iterable[Field], key: Key) -> frozenset[str]:
    """The standard types the msgid's specifiers for ``key`` accept, when they tell anything.

    Empty when they say nothing ("{n}", "{n!r}") or accept no standard type ("{d:%Y}" is for
    a date): then a translation's specifier cannot be judged.
    """
    specs = [
        f.spec
        for f in fields
        if f.key == key and not f.access and f.conversion is None and f.spec and "{" not in f.spec
    ]
    if not specs:
        return frozenset()
    return frozenset(
        kind for kind, sample in _SAMPLES.items() if all(_formats(sample, s) for s in specs)
    )


def _spec_breaks(field: Field, everything: tuple[Field, ...]) -> bool:
    """Whether the translation's specifier fails for every value the msgid's would accept."""
    if field.access or "{" in field.spec:
        return False  # a sub-object, or a specifier built from other arguments
    if field.conversion is not None:
        return not _formats("text", field.spec)  # !r, !s and !a make a str of anything
    kinds = _kinds(everything, field.key)
    return bool(kinds) and not any(_formats(_SAMPLES[k], field.spec) for k in kinds)


def passed_fields(ref: tuple[Field, ...], singular: tuple[Field, ...] | None) -> tuple[Field, ...]:
    """The fields whose arguments the program passes: the reference's and the msgid's."""
    return ref if singular is None else ref + singular


def runtime_check(
    ref: tuple[Field, ...], everything: tuple[Field, ...], got: tuple[Field, ...], where: Where
) -> list[tuple[str, bool]]:
    """What ``msgstr.format(...)`` does with the arguments that fit msgid.

    ``ref`` are the fields of the string msgfmt compares with; ``everything`` adds msgid's, since
    the program passes what both need.
    """
    out: list[tuple[str, bool]] = []
    positions = [f.key for f in everything if isinstance(f.key, int)]
    passed: set[Key] = {f.key for f in everything if isinstance(f.key, str)}
    passed.update(range(max(positions) + 1 if positions else 0))
    chains = {(f.key, f.access) for f in everything}
    for field in got:
        if field.key not in passed:
            out.append((where.unknown(str(field.key), as_in=False), True))  # KeyError, IndexError
        elif field.access and (field.key, field.access) not in chains:
            # An AttributeError if the argument lacks it, but it may well have it.
            chain = f"{field.key}{field.access}"
            out.append((f"'{where.pstr}' reads '{chain}', which '{where.pid}' does not", False))
        elif _spec_breaks(field, everything):
            out.append((where.not_same(f"'{field.key}'"), True))  # "{n:s}" for an int
    if where.strict:
        # str.format ignores arguments the string does not use.
        used = {f.key for f in got}
        missing = sorted({f.key for f in ref} - used, key=lambda k: (isinstance(k, str), k))
        out.extend((where.missing(str(key)), False) for key in missing)
    return out
