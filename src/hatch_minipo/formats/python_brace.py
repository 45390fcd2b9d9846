"""Python brace format strings (``python-brace-format``): 'text {name} {0.attr:>10}'.format(...).

GNU's reading is gettext 0.21's format-python-brace.c (argument names and the marks it sets);
Python's is ``string.Formatter.parse``, with ``str.format``'s own rules for field names and
automatic numbering.  The checks compare a translation with its msgid under both.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import string
from typing import Union

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
            return _ssize(first)
        return first


_SSIZE_MAX = 2**63 - 1


def _ssize(digits: str) -> int:
    """A number str.format reads into a Py_ssize_t; ValueError as it raises beyond that."""
    digits = digits.lstrip("0") or "0"
    if len(digits) > 19 or int(digits) > _SSIZE_MAX:
        raise ValueError("Too many decimal digits in format string")
    return int(digits)


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
# Widths and precisions above this are tried at this size: whether format() accepts a
# specifier does not depend on them, the memory it takes does ("{n:100000000}" is 100 MB).
_TRIED_SIZE = 1000
# A translation asking for a field this wide (or precise), where the msgid asks for less,
# would take that much memory at every call: refused.
_SIZE_LIMIT = 10_000
_NUMBER_RUN = re.compile(r"[0-9]{4,}")


def _sizes(spec: str) -> list[int]:
    """The widths and precisions of a standard specifier that are over 999 (-1: unreadable)."""
    out = []
    for run in _NUMBER_RUN.findall(spec):
        digits = run.lstrip("0") or "0"
        out.append(int(digits) if len(digits) <= 19 else -1)
    return [size for size in out if size > _TRIED_SIZE - 1 or size < 0]


def _tried(spec: str) -> str | None:
    """``spec`` as format() may safely be asked about it; None when Python cannot read it."""
    if any(size < 0 or size > _SSIZE_MAX for size in _sizes(spec)):
        return None  # "Too many decimal digits in format string"

    def lower(match: re.Match[str]) -> str:
        run = match.group()
        # A leading 0 is the zero-padding flag, which decides what some types accept.
        zero = "0" if run.startswith("0") else ""
        return zero + str(min(int(run.lstrip("0") or "0"), _TRIED_SIZE))

    return _NUMBER_RUN.sub(lower, spec)


@functools.lru_cache(maxsize=4096)
def _accepts(kind: str, spec: str) -> bool:
    """Whether format() accepts a value of the standard ``kind`` with ``spec``."""
    tried = _tried(spec)
    if tried is None:
        return False
    try:
        format(_SAMPLES[kind], tried)
    except (ValueError, TypeError):
        return False
    return True


def _kinds(specs: list[str]) -> frozenset[str]:
    """The standard types the msgid's specifiers for one argument accept, when they tell anything.

    Empty when they say nothing ("{n}", "{n!r}") or accept no standard type ("{d:%Y}" is for
    a date): then a translation's specifier cannot be judged.
    """
    if not specs:
        return frozenset()
    return frozenset(kind for kind in _SAMPLES if all(_accepts(kind, s) for s in specs))


class _Judge:
    """What the program's fields say about each argument, gathered once per entry."""

    def __init__(self, everything: tuple[Field, ...]) -> None:
        self.specs: dict[Key, list[str]] = {}
        self.largest = _TRIED_SIZE
        for f in everything:
            if not f.access and f.conversion is None and f.spec and "{" not in f.spec:
                self.specs.setdefault(f.key, []).append(f.spec)
            self.largest = max(self.largest, *_sizes(f.spec), 0)
        self.kinds: dict[Key, frozenset[str]] = {}

    def too_large(self, field: Field) -> bool:
        """Whether the translation asks for a width or precision the msgid does not."""
        sizes = _sizes(field.spec)
        return any(size < 0 or size > max(self.largest, _SIZE_LIMIT) for size in sizes)

    def spec_breaks(self, field: Field) -> bool:
        """Whether the translation's specifier fails for every value the msgid's accept."""
        if field.access or "{" in field.spec:
            return False  # a sub-object, or a specifier built from other arguments
        if field.conversion is not None:
            return not _accepts("str", field.spec)  # !r, !s and !a make a str of anything
        kinds = self.kinds.get(field.key)
        if kinds is None:
            kinds = self.kinds[field.key] = _kinds(self.specs.get(field.key, []))
        return bool(kinds) and not any(_accepts(k, field.spec) for k in kinds)


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
    # Every position up to the largest is passed (a tuple), every keyword named.
    last = max((f.key for f in everything if isinstance(f.key, int)), default=-1)
    keywords = {f.key for f in everything if isinstance(f.key, str)}
    chains = {(f.key, f.access) for f in everything}
    judge = _Judge(everything)
    for field in got:
        passed = field.key in keywords if isinstance(field.key, str) else field.key <= last
        if not passed:
            out.append((where.unknown(str(field.key), as_in=False), True))  # KeyError, IndexError
        elif field.access and (field.key, field.access) not in chains:
            # Attributes and items the program does not read itself reach anything the
            # argument can reach ("{user.__init__.__globals__[SECRET]}"): refused.
            chain = f"{field.key}{field.access}"
            out.append((f"'{where.pstr}' reads '{chain}', which '{where.pid}' does not", True))
        elif judge.too_large(field):
            message = (
                f"'{where.pstr}' asks for a field of {_SIZE_LIMIT:,} characters or more for "
                f"argument '{field.key}', which '{where.pid}' does not: memory at every call"
            )
            out.append((message, True))
        elif judge.spec_breaks(field):
            out.append((where.not_same(f"'{field.key}'"), True))  # "{n:s}" for an int
    if where.strict:
        # str.format ignores arguments the string does not use.
        used = {f.key for f in got}
        missing = sorted({f.key for f in ref} - used, key=lambda k: (isinstance(k, str), k))
        out.extend((where.missing(str(key)), False) for key in missing)
    return out
