"""Format-string checks: does each translation fit the arguments the program passes?

An entry flagged ``c-format``, ``python-format`` or ``python-brace-format`` is formatted at run
time with the arguments that fit its msgid, so every translation is compared with the msgid.
Each problem carries two verdicts, because they differ in both directions:

- ``fatal``: the translation would raise or print wrong values at run time (a placeholder the
  program does not pass, a changed type, a malformed directive);
- ``gnu_refuses``: ``msgfmt -c`` of GNU gettext 0.21 refuses it.  msgfmt refuses harmless
  translations (a named argument left out, ``{x!r}``, ``%a``) and accepts some that crash (a
  stray ``}``, an unknown ``{name}`` in a plural form used for one number).

The GNU side reproduces gettext 0.21's parsers (format-c.c, format-python.c,
format-python-brace.c) and format.c's rule for plural entries: each ``msgstr[j]`` is compared
with ``msgid_plural``; strictly (same arguments) when form ``j`` is used for many numbers,
leniently (the translation may drop arguments) when it is used for few.  Like msgfmt, only
the first GNU complaint per format and translation is kept, worded as msgfmt words it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import string
from typing import TYPE_CHECKING, NamedTuple, TypeVar, Union

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

__all__ = ["FORMAT_FLAGS", "FormatProblem", "check_formats", "lenient_forms"]


@dataclasses.dataclass(frozen=True)
class FormatProblem:
    """One problem of one translation of a flagged entry."""

    message: str  # one line, no path/line prefix
    msgstr_index: int  # which translation (0 for a singular entry, N for msgstr[N])
    fatal: bool  # would crash or misbehave at run time -> error at the default level
    gnu_refuses: bool  # msgfmt -c refuses this -> error at the strict level


FORMAT_FLAGS = ("python-format", "python-brace-format", "c-format")

# msgfmt checks the kinds in this order and prints the first complaint of an entry.
_KINDS = ("c-format", "python-format", "python-brace-format")
_LANGUAGE = {"c-format": "C", "python-format": "Python", "python-brace-format": "Python brace"}


class _Invalid(Exception):  # noqa: N818 - internal signal carrying GNU's reason text
    """A format string is not valid; ``args[0]`` is the reason, worded as GNU words it."""


def _digit(c: str) -> bool:
    return "0" <= c <= "9"


def _printable(c: str) -> bool:
    # GNU's c_isprint: ASCII graphic characters and space.
    return " " <= c <= "~"


# Reasons shared by the parsers (gettext's format-invalid.h).
_UNTERMINATED = "The string ends in the middle of a directive."
_MIXES_NUMBERED = (
    "The string refers to arguments both through absolute argument numbers and through "
    "unnumbered argument specifications."
)
_MIXES_NAMED = (
    "The string refers to arguments both through argument names and through unnamed argument "
    "specifications."
)


def _bad_conversion(number: int, char: str) -> str:
    if _printable(char):
        return (
            f"In the directive number {number}, the character '{char}' is not a valid "
            "conversion specifier."
        )
    return (
        f"The character that terminates the directive number {number} is not a valid "
        "conversion specifier."
    )


class _Where(NamedTuple):
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


def _utf8_order(name: str) -> bytes:
    # GNU sorts argument names with strcmp on their bytes (UTF-8 here; only non-ASCII names
    # of a catalog in another charset could sort otherwise).
    return name.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------------------------------
# Python percent format: 'text %(name)s %d' % args

_P_NONE, _P_ANY, _P_CHAR, _P_STRING, _P_INTEGER, _P_FLOAT = range(6)
_P_GNU_CONVERSIONS = {
    "c": _P_CHAR,
    "s": _P_STRING,
    "r": _P_STRING,
    **dict.fromkeys("iduoxX", _P_INTEGER),
    **dict.fromkeys("eEfgG", _P_FLOAT),
}
# Python itself also knows %a and %F, which gettext 0.21 does not.
_P_RUNTIME_CONVERSIONS = {**_P_GNU_CONVERSIONS, "a": _P_STRING, "F": _P_FLOAT}
# Conversions that accept any object: a translation may use them for any argument.
_P_TAKES_ANYTHING = (_P_STRING, _P_ANY)


@dataclasses.dataclass(frozen=True)
class _PySpec:
    # (name, types) sorted by the name's bytes; GNU keeps one merged type, Python every use.
    named: tuple[tuple[str, tuple[int, ...]], ...]
    unnamed: tuple[int, ...]

    def names(self) -> dict[str, tuple[int, ...]]:
        return dict(self.named)


def _scan_python(text: str, *, runtime: bool) -> _PySpec:
    """Parse a Python %-format string as gettext does, or as Python does with ``runtime``."""
    conversions = _P_RUNTIME_CONVERSIONS if runtime else _P_GNU_CONVERSIONS
    named: dict[str, list[int]] = {}
    unnamed: list[int] = []
    directives = 0
    end = len(text)
    i = 0
    while True:
        i = text.find("%", i)
        if i < 0:
            break
        start = i
        i += 1
        directives += 1
        name: str | None = None
        if i < end and text[i] == "(":
            depth = 0
            j = i + 1
            while j < end:
                if text[j] == "(":
                    depth += 1
                elif text[j] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            if j >= end:
                raise _Invalid(_UNTERMINATED)
            name = text[i + 1 : j]
            i = j + 1
        while i < end and text[i] in "-+ #0":
            i += 1
        stars = 0
        if i < end and text[i] == "*":
            i += 1
            stars += 1
            if named:
                raise _Invalid(_MIXES_NAMED)
            unnamed.append(_P_INTEGER)
        else:
            while i < end and _digit(text[i]):
                i += 1
        zero_precision = False
        if i < end and text[i] == ".":
            i += 1
            if i < end and text[i] == "*":
                i += 1
                stars += 1
                if named:
                    raise _Invalid(_MIXES_NAMED)
                unnamed.append(_P_INTEGER)
            elif i < end and _digit(text[i]):
                zero_precision = True
                while i < end and _digit(text[i]):
                    zero_precision = zero_precision and text[i] == "0"
                    i += 1
        if i < end and text[i] in "hlL":
            i += 1
        if i >= end:
            raise _Invalid(_UNTERMINATED)
        char = text[i]
        if char == "%":
            # Python writes '%' only for a bare "%%"; "%5%" or "%(x)%" raise at run time.
            if runtime and i != start + 1:
                raise _Invalid(_bad_conversion(directives, char))
            kind = _P_NONE
        elif char in conversions:
            kind = conversions[char]
            if kind == _P_STRING and zero_precision:
                kind = _P_ANY
        else:
            raise _Invalid(_bad_conversion(directives, char))
        if name is not None:
            if unnamed:
                raise _Invalid(_MIXES_NAMED)
            if runtime and stars:
                raise _Invalid(_MIXES_NAMED)
            named.setdefault(name, []).append(kind)
        elif char != "%":
            if named:
                raise _Invalid(_MIXES_NAMED)
            unnamed.append(kind)
        i += 1
    ordered = sorted(named, key=_utf8_order)
    if runtime:
        return _PySpec(tuple((n, tuple(named[n])) for n in ordered), tuple(unnamed))
    merged: list[tuple[str, tuple[int, ...]]] = []
    for n in ordered:
        kinds = set(named[n])
        if len(kinds) > 1:
            kinds.discard(_P_ANY)
        if len(kinds) > 1:
            raise _Invalid(f"The string refers to the argument named '{n}' in incompatible ways.")
        merged.append((n, (kinds.pop(),)))
    return _PySpec(tuple(merged), tuple(unnamed))


@functools.lru_cache(maxsize=4096)
def _python_gnu(text: str) -> _PySpec | str:
    try:
        return _scan_python(text, runtime=False)
    except _Invalid as exc:
        return str(exc.args[0])


@functools.lru_cache(maxsize=4096)
def _python_runtime(text: str) -> _PySpec | str:
    try:
        return _scan_python(text, runtime=True)
    except _Invalid as exc:
        return str(exc.args[0])


def _python_gnu_check(ref: _PySpec, got: _PySpec, where: _Where) -> str | None:
    """format-python.c's format_check: its first complaint, or None."""
    if ref.named and got.unnamed:
        return where.wants_mapping()
    if ref.unnamed and got.named:
        return where.wants_tuple()
    lenient = not where.strict
    if ref.named or got.named:
        first = _first_name_difference(
            [n for n, _ in ref.named], [n for n, _ in got.named], where, as_in=True
        )
        if first is not None:
            return first
        ref_types = ref.names()
        for name, (kind,) in got.named:
            other = ref_types[name][0]
            if not (kind == other or (lenient and _P_ANY in (kind, other))):
                return where.not_same(f"'{name}'")
    if ref.unnamed or got.unnamed:
        if len(ref.unnamed) != len(got.unnamed):
            return where.count_differs()
        for number, (want, have) in enumerate(zip(ref.unnamed, got.unnamed), 1):
            if not (want == have or (lenient and _P_ANY in (want, have))):
                return where.not_same(str(number))
    return None


def _first_name_difference(
    ref: Sequence[str], got: Sequence[str], where: _Where, *, as_in: bool
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
            a, b = _utf8_order(ref[i]), _utf8_order(got[j])
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


def _python_runtime_check(
    ref: _PySpec, names: dict[str, tuple[int, ...]], got: _PySpec, where: _Where
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
        want = ref_types.get(name, names[name])
        changed = [kind for kind in kinds if kind not in want]
        if changed:
            fatal = any(kind not in _P_TAKES_ANYTHING for kind in changed)
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
                    out.append((where.not_same(str(number)), kind not in _P_TAKES_ANYTHING))
    return out


# ---------------------------------------------------------------------------------------------
# Python brace format: 'text {name} {0.attr:>10}'.format(...)

# The presentation types gettext 0.21 accepts at the end of a standard format specifier.
_B_GNU_TYPES = frozenset("bcdoxXneEfFgG%")
_B_ALIGN = frozenset("<>=^")


def _brace_field(text: str, i: int) -> int | None:
    """End of an identifier or a number starting at ``i``, as gettext reads them."""
    end = len(text)
    c = text[i] if i < end else ""
    if c.isascii() and (c.isalpha() or c == "_"):
        i += 1
        while i < end and (text[i].isascii() and (text[i].isalnum() or text[i] == "_")):
            i += 1
        return i
    if c and _digit(c):
        while i < end and _digit(text[i]):
            i += 1
        return i
    return None


def _brace_reason(number: int, char: str, what: str) -> str:
    # GNU prints the character with %c: the end of the string ends the message there.
    if not char:
        return f"In the directive number {number}, '"
    return f"In the directive number {number}, '{char}' cannot start {what}."


def _brace_gnu_directive(text: str, i: int, names: list[str] | None, count: int) -> int:
    """Parse the directive at ``text[i] == '{'`` the way gettext 0.21 does; return its end.

    ``names`` collects top-level argument names (None inside a format specifier); a name is
    everything between the braces, the format specifier included, as gettext keeps it.
    """
    end = len(text)

    def at(k: int) -> str:
        return text[k] if k < end else ""

    i += 1
    if at(i) == "{":
        return i + 1
    name_start = i
    after = _brace_field(text, i)
    if after is None:
        raise _Invalid(_brace_reason(count, at(i), "a field name"))
    i = after
    while True:
        c = at(i)
        if c == ".":
            i += 1
            after = _brace_field(text, i)
            if after is None or _digit(at(i)):
                raise _Invalid(_brace_reason(count, at(i), "a getattr argument"))
            i = after
        elif c == "[":
            i += 1
            after = _brace_field(text, i)
            if after is None:
                raise _Invalid(_brace_reason(count, at(i), "a getitem argument"))
            i = after
            if at(i) != "]":
                raise _Invalid(_UNTERMINATED)
            i += 1
        else:
            break
    if c == ":":
        if names is None:
            raise _Invalid(
                f"In the directive number {count}, no more nesting is allowed in a format "
                "specifier."
            )
        i += 1
        if at(i) == "{":
            i = _brace_gnu_directive(text, i, None, count)
        else:
            if at(i + 1) and at(i + 1) in _B_ALIGN:
                i += 2
            elif at(i) and at(i) in _B_ALIGN:
                i += 1
            if at(i) and at(i) in "+- ":
                i += 1
            if at(i) == "#":
                i += 1
            if at(i) == "0":
                i += 1
            while _digit(at(i)):
                i += 1
            if at(i) == ".":
                i += 1
                while _digit(at(i)):
                    i += 1
            if at(i) and at(i) in _B_GNU_TYPES:
                i += 1
        if at(i) != "}":
            raise _Invalid(_UNTERMINATED)
    if at(i) != "}":
        raise _Invalid(
            f"In the directive number {count}, there is an unterminated format directive."
        )
    if names is not None:
        names.append(text[name_start:i])
    return i + 1


@functools.lru_cache(maxsize=4096)
def _brace_gnu(text: str) -> tuple[str, ...] | str:
    """Sorted distinct argument names as gettext 0.21 sees them, or why it calls this invalid."""
    names: list[str] = []
    i = text.find("{")
    try:
        while i >= 0:
            i = _brace_gnu_directive(text, i, names, len(names))
            i = text.find("{", i)
    except _Invalid as exc:
        return str(exc.args[0])
    return tuple(sorted(set(names), key=_utf8_order))


@dataclasses.dataclass(frozen=True)
class _Field:
    key: int | str  # positional index (automatic numbers resolved) or keyword
    access: str  # the ".attr[key]" chain after the argument, as written
    conversion: str | None
    spec: str  # the format specifier, nested fields unexpanded


_FORMATTER = string.Formatter()
_Key = Union[int, str]


def _split_field_name(name: str) -> tuple[str, str]:
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


def _brace_runtime_fields(text: str) -> tuple[_Field, ...]:
    """Every field str.format renders, in order; raises ValueError as str.format would."""
    fields: list[_Field] = []
    state: dict[str, int | str] = {"mode": "", "next": 0}

    def walk(source: str, depth: int) -> None:
        if depth <= 0:
            raise ValueError("Max string recursion exceeded")
        for _literal, name, spec, conversion in _FORMATTER.parse(source):
            if name is None:
                continue
            first, access = _split_field_name(name)
            key: _Key
            if first == "":
                if state["mode"] == "manual":
                    raise ValueError(
                        "cannot switch from manual field specification to automatic field numbering"
                    )
                state["mode"] = "auto"
                key = int(state["next"])
                state["next"] = key + 1
            elif first.isdecimal():
                if state["mode"] == "auto":
                    raise ValueError(
                        "cannot switch from automatic field numbering to manual field specification"
                    )
                state["mode"] = "manual"
                key = int(first)
            else:
                key = first
            if conversion is not None and conversion not in ("r", "s", "a"):
                raise ValueError(f"Unknown conversion specifier {conversion}")
            fields.append(_Field(key, access, conversion, spec or ""))
            if spec and ("{" in spec or "}" in spec):
                walk(spec, depth - 1)

    walk(text, 2)
    return tuple(fields)


@functools.lru_cache(maxsize=4096)
def _brace_runtime(text: str) -> tuple[_Field, ...] | str:
    try:
        return _brace_runtime_fields(text)
    except ValueError as exc:
        return str(exc)


# A value of each standard type, to try format specifiers on.
_B_SAMPLES: dict[str, object] = {"int": 7, "float": 1.5, "str": "text"}


def _formats(value: object, spec: str) -> bool:
    try:
        format(value, spec)
    except (ValueError, TypeError):
        return False
    return True


def _brace_kinds(fields: Iterable[_Field], key: _Key) -> frozenset[str]:
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
        kind for kind, sample in _B_SAMPLES.items() if all(_formats(sample, s) for s in specs)
    )


def _spec_breaks(field: _Field, everything: tuple[_Field, ...]) -> bool:
    """Whether the translation's specifier fails for every value the msgid's would accept."""
    if field.access or "{" in field.spec:
        return False  # a sub-object, or a specifier built from other arguments
    if field.conversion is not None:
        return not _formats("text", field.spec)  # !r, !s and !a make a str of anything
    kinds = _brace_kinds(everything, field.key)
    return bool(kinds) and not any(_formats(_B_SAMPLES[k], field.spec) for k in kinds)


def _brace_runtime_check(
    ref: tuple[_Field, ...], everything: tuple[_Field, ...], got: tuple[_Field, ...], where: _Where
) -> list[tuple[str, bool]]:
    """What ``msgstr.format(...)`` does with the arguments that fit msgid.

    ``ref`` are the fields of the string msgfmt compares with; ``everything`` adds msgid's, since
    the program passes what both need.
    """
    out: list[tuple[str, bool]] = []
    positions = [f.key for f in everything if isinstance(f.key, int)]
    passed: set[_Key] = {f.key for f in everything if isinstance(f.key, str)}
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


# ---------------------------------------------------------------------------------------------
# C format: printf("%s: %d", ...)

_C_INTEGER, _C_DOUBLE, _C_CHAR, _C_STRING, _C_OBJC, _C_POINTER, _C_COUNT = range(1, 8)
_C_BASIC = 7
_C_UNSIGNED = 1 << 3
_C_SHORT = 1 << 4
_C_SCHAR = 2 << 4
_C_LONG = 1 << 6
_C_LONGLONG = 2 << 6
_C_WIDE = _C_LONG
_C_INTMAX = 1 << 20
_C_INTPTR = 1 << 21
_C_SIZE = 1 << 22
_C_PTRDIFF = 1 << 23
# <inttypes.h> macro sizes: exact, least and fast widths.
_C_MACRO_SIZES = {
    "": {"8": 1 << 8, "16": 1 << 9, "32": 1 << 10, "64": 1 << 11},
    "LEAST": {"8": 1 << 12, "16": 1 << 13, "32": 1 << 14, "64": 1 << 15},
    "FAST": {"8": 1 << 16, "16": 1 << 17, "32": 1 << 18, "64": 1 << 19},
}
_C_MACRO = re.compile(r"PRI([diouxX])(MAX|PTR|(LEAST|FAST|)(8|16|32|64))?")
_C_SIZE_LETTERS = frozenset("hlLqjzZt")
_C_FLAGS = frozenset(" +-#0'")


def _c_number(text: str, i: int) -> tuple[int, int] | None:
    """An 'N$' argument number at ``i``: (N, index after '$'), or None."""
    end = len(text)
    j = i
    while j < end and _digit(text[j]):
        j += 1
    if j > i and j < end and text[j] == "$":
        return int(text[i:j]), j + 1
    return None


def _c_macro(text: str, i: int, number: int) -> tuple[int, int]:
    """Parse '<PRId64>' starting after '<': (type, index of '>')."""
    match = _C_MACRO.match(text, i)
    bad_macro = (
        f"In the directive number {number}, the token after '<' is not the name of a format "
        "specifier macro. The valid macro names are listed in ISO C 99 section 7.8.1."
    )
    if match is None or match.group(2) is None:
        raise _Invalid(bad_macro)
    kind = _C_INTEGER if match.group(1) in "di" else _C_INTEGER | _C_UNSIGNED
    if match.group(2) == "MAX":
        kind |= _C_INTMAX
    elif match.group(2) == "PTR":
        kind |= _C_INTPTR
    else:
        kind |= _C_MACRO_SIZES[match.group(3)][match.group(4)]
    i = match.end()
    if i >= len(text) or text[i] != ">":
        raise _Invalid(
            f"In the directive number {number}, the token after '<' is not followed by '>'."
        )
    return kind, i


def _c_size(text: str, i: int) -> tuple[int, int]:
    """Length modifiers as gettext 0.21 reads them, repeats included: (size bits, next index)."""
    size = 0
    end = len(text)
    while i < end and text[i] in _C_SIZE_LETTERS:
        c = text[i]
        if c == "h":
            size = _C_SCHAR if size & (_C_SHORT | _C_SCHAR) else _C_SHORT
        elif c == "l":
            size = _C_LONGLONG if size & (_C_LONG | _C_LONGLONG) else _C_LONG
        elif c in "Lq":
            size = _C_LONGLONG
        elif c == "j":
            size = _C_INTMAX
        elif c in "zZ":
            size = _C_SIZE
        else:
            size = _C_PTRDIFF
        i += 1
    return size, i


def _c_conversion(char: str, size: int, number: int) -> int:
    wide = _C_WIDE if size & (_C_LONG | _C_LONGLONG) else 0
    if not char:
        raise _Invalid(_UNTERMINATED)
    if char in "%m":
        return 0
    if char == "c":
        return _C_CHAR | wide
    if char == "C":
        return _C_CHAR | _C_WIDE
    if char == "s":
        return _C_STRING | wide
    if char == "S":
        return _C_STRING | _C_WIDE
    if char in "di":
        return _C_INTEGER | size
    if char in "uoxX":
        return _C_INTEGER | _C_UNSIGNED | size
    if char in "eEfFgGaA":
        return _C_DOUBLE | (size & _C_LONGLONG)
    if char == "p":
        return _C_POINTER
    if char == "n":
        return _C_COUNT | size
    raise _Invalid(_bad_conversion(number, char))


def _scan_c(text: str, translated: bool) -> tuple[int, ...]:
    """The argument types of a C format string as gettext 0.21 reads it.

    ``translated`` allows glibc's 'I' flag, which gettext accepts in translations only.
    """
    unnumbered: list[int] = []
    numbered: list[tuple[int, int]] = []
    directives = 0
    end = len(text)

    def add(number: int, kind: int) -> None:
        if number:
            if unnumbered:
                raise _Invalid(_MIXES_NUMBERED)
            numbered.append((number, kind))
        else:
            if numbered:
                raise _Invalid(_MIXES_NUMBERED)
            unnumbered.append(kind)

    def star_argument(i: int, what: str) -> int:
        # After '*': an optional 'N$', then one int argument.
        found = _c_number(text, i)
        if found is not None:
            if found[0] == 0:
                raise _Invalid(
                    f"In the directive number {directives}, the {what}argument number 0 is "
                    "not a positive integer."
                )
            add(found[0], _C_INTEGER)
            return found[1]
        add(0, _C_INTEGER)
        return i

    i = text.find("%")
    while i >= 0:
        i += 1
        directives += 1
        number = 0
        found = _c_number(text, i)
        if found is not None:
            if found[0] == 0:
                raise _Invalid(
                    f"In the directive number {directives}, the argument number 0 is not a "
                    "positive integer."
                )
            number, i = found
        while i < end and (text[i] in _C_FLAGS or (translated and text[i] == "I")):
            i += 1
        if i < end and text[i] == "*":
            i = star_argument(i + 1, "width's ")
        else:
            while i < end and _digit(text[i]):
                i += 1
        if i < end and text[i] == ".":
            i += 1
            if i < end and text[i] == "*":
                i = star_argument(i + 1, "precision's ")
            else:
                while i < end and _digit(text[i]):
                    i += 1
        if i < end and text[i] == "<":
            kind, i = _c_macro(text, i + 1, directives)
        else:
            size, i = _c_size(text, i)
            kind = _c_conversion(text[i] if i < end else "", size, directives)
        if kind:
            add(number, kind)
        i = text.find("%", i + 1)
    if not numbered:
        return tuple(unnumbered)
    numbered.sort(key=lambda pair: pair[0])
    types: dict[int, int] = {}
    for n, kind in numbered:
        if types.setdefault(n, kind) != kind:
            raise _Invalid(f"The string refers to argument number {n} in incompatible ways.")
    for position, n in enumerate(types, 1):
        if n != position:
            raise _Invalid(
                f"The string refers to argument number {n} but ignores argument number {position}."
            )
    return tuple(types.values())


@functools.lru_cache(maxsize=4096)
def _c_parse(text: str, translated: bool) -> tuple[int, ...] | str:
    try:
        return _scan_c(text, translated)
    except _Invalid as exc:
        return str(exc.args[0])


def _c_gnu_check(ref: tuple[int, ...], got: tuple[int, ...], where: _Where) -> str | None:
    """format-c.c's format_check: its first complaint, or None."""
    if len(ref) != len(got) if where.strict else len(ref) < len(got):
        return where.count_differs()
    for number, (want, have) in enumerate(zip(ref, got), 1):
        if want != have:
            return where.not_same(str(number))
    return None


# Integer arguments narrower than int are promoted to int when passed to printf.
_C_PROMOTED = _C_SHORT | _C_SCHAR


def _c_same_in_memory(want: int, have: int) -> bool:
    """Whether printf reads the argument right despite a changed directive (sign aside)."""
    if want & _C_BASIC != have & _C_BASIC:
        return False
    return (want & ~(_C_UNSIGNED | _C_PROMOTED)) == (have & ~(_C_UNSIGNED | _C_PROMOTED))


def _c_runtime_check(
    ref: tuple[int, ...], got: tuple[int, ...], where: _Where
) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    if len(got) > len(ref):
        # printf would read arguments the program never passed.
        out.append((where.count_differs(), True))
    elif len(got) < len(ref) and where.strict:
        # printf ignores surplus arguments: harmless, though msgfmt -c refuses it.
        out.append((where.count_differs(), False))
    out.extend(
        (where.not_same(str(number)), not _c_same_in_memory(want, have))
        for number, (want, have) in enumerate(zip(ref, got), 1)
        if want != have
    )
    return out


# ---------------------------------------------------------------------------------------------
# The entry point


# Called for every flagged entry, with a handful of distinct flag lists in a catalog.
@functools.lru_cache(maxsize=256)
def _enabled_kinds(flags: tuple[str, ...]) -> tuple[str, ...]:
    """The format kinds to check; for each, the last of 'X' and 'no-X' wins, as in GNU."""
    state: dict[str, bool] = {}
    for flag in flags:
        for prefix, on in (("", True), ("possible-", True), ("no-", False), ("impossible-", False)):
            if flag.startswith(prefix) and flag[len(prefix) :] in _LANGUAGE:
                state[flag[len(prefix) :]] = on
                break
    return tuple(kind for kind in _KINDS if state.get(kind))


@dataclasses.dataclass
class _Verdicts:
    """Both verdicts on one translation, merged into the problems to report."""

    gnu: str | None = None
    gnu_invalid: bool = False
    runtime: list[tuple[str, bool]] = dataclasses.field(default_factory=list)
    runtime_invalid: bool = False

    def problems(self, index: int) -> list[FormatProblem]:
        out: list[FormatProblem] = []
        rest = list(dict.fromkeys(self.runtime))
        if self.gnu is not None:
            fatal = False
            if self.gnu_invalid and self.runtime_invalid:
                # Both call the string malformed, for reasons worded differently: one problem.
                fatal = True
                rest = rest[1:]
            else:
                for k, (message, is_fatal) in enumerate(rest):
                    if message == self.gnu:
                        fatal = is_fatal
                        del rest[k]
                        break
            out.append(FormatProblem(self.gnu, index, fatal, gnu_refuses=True))
        out.extend(FormatProblem(m, index, fatal, gnu_refuses=False) for m, fatal in rest)
        return out


@dataclasses.dataclass(frozen=True)
class _Entry:
    """The entry being checked."""

    msgid: str
    msgid_plural: str | None
    msgstrs: Sequence[str]
    lenient: frozenset[int]

    @property
    def reference(self) -> str:
        # msgfmt compares every translation of a plural entry with msgid_plural.
        return self.msgid_plural if self.msgid_plural is not None else self.msgid

    def where(self, index: int) -> _Where:
        if self.msgid_plural is None:
            return _Where("msgid", "msgstr", strict=True)
        # format.c: strict unless the entry has several forms and form `index` is rare.
        strict = len(self.msgstrs) < 2 or index not in self.lenient
        return _Where("msgid_plural", f"msgstr[{index}]", strict)

    def not_a_format(self, language: str, reason: str) -> FormatProblem:
        # msgfmt skips such an entry silently; the flag is likely wrong, so say so.
        pid = self.where(0).pid
        message = f"'{pid}' is not a valid {language} format string. Reason: {reason}"
        return FormatProblem(message, 0, fatal=False, gnu_refuses=False)


def _check_c(entry: _Entry) -> list[FormatProblem]:
    ref = _c_parse(entry.reference, False)
    if isinstance(ref, str):
        return [entry.not_a_format("C", ref)]
    problems: list[FormatProblem] = []
    for index, text in enumerate(entry.msgstrs):
        where = entry.where(index)
        verdicts = _Verdicts()
        got = _c_parse(text, True)
        if isinstance(got, str):
            # An unknown or malformed directive: what printf does is undefined.
            verdicts.gnu = where.invalid("C", got)
            verdicts.runtime = [(verdicts.gnu, True)]
        else:
            verdicts.gnu = _c_gnu_check(ref, got, where)
            verdicts.runtime = _c_runtime_check(ref, got, where)
        problems.extend(verdicts.problems(index))
    return problems


# What each language's scanners give: GNU's reading, the run time's, the arguments passed.
_Gnu = TypeVar("_Gnu")
_Run = TypeVar("_Run")
_Known = TypeVar("_Known")


def _check_scanned(
    entry: _Entry,
    language: str,
    *,
    gnu_scan: Callable[[str], _Gnu | str],
    gnu_check: Callable[[_Gnu, _Gnu, _Where], str | None],
    runtime_scan: Callable[[str], _Run | str],
    known: Callable[[_Run, _Run | None], _Known],
    runtime_check: Callable[[_Run, _Known, _Run, _Where], list[tuple[str, bool]]],
) -> list[FormatProblem]:
    """GNU's verdict and the run time's on each translation of a Python or brace entry.

    Each reads the strings with its own scanner (a string may be valid to one and not the
    other); ``known`` gathers the arguments the program passes, from the reference and, for
    a plural entry, from its msgid too.
    """
    gnu_ref = gnu_scan(entry.reference)
    runtime_ref = runtime_scan(entry.reference)
    problems: list[FormatProblem] = []
    arguments: _Known | None = None
    if isinstance(runtime_ref, str):
        problems.append(entry.not_a_format(language, runtime_ref))
    else:
        singular = runtime_scan(entry.msgid) if entry.msgid_plural is not None else None
        arguments = known(runtime_ref, None if isinstance(singular, str) else singular)
    for index, text in enumerate(entry.msgstrs):
        where = entry.where(index)
        verdicts = _Verdicts()
        if not isinstance(gnu_ref, str):
            got = gnu_scan(text)
            if isinstance(got, str):
                verdicts.gnu = where.invalid(language, got)
                verdicts.gnu_invalid = True
            else:
                verdicts.gnu = gnu_check(gnu_ref, got, where)
        if not isinstance(runtime_ref, str) and arguments is not None:
            running = runtime_scan(text)
            if isinstance(running, str):
                verdicts.runtime = [(where.invalid(language, running), True)]
                verdicts.runtime_invalid = True
            else:
                verdicts.runtime = runtime_check(runtime_ref, arguments, running, where)
        problems.extend(verdicts.problems(index))
    return problems


def _python_names(ref: _PySpec, singular: _PySpec | None) -> dict[str, tuple[int, ...]]:
    return ref.names() if singular is None else {**singular.names(), **ref.names()}


def _check_python(entry: _Entry) -> list[FormatProblem]:
    return _check_scanned(
        entry,
        "Python",
        gnu_scan=_python_gnu,
        gnu_check=_python_gnu_check,
        runtime_scan=_python_runtime,
        known=_python_names,
        runtime_check=_python_runtime_check,
    )


def _brace_gnu_check(ref: tuple[str, ...], got: tuple[str, ...], where: _Where) -> str | None:
    return _first_name_difference(ref, got, where, as_in=False)


def _brace_fields(
    ref: tuple[_Field, ...], singular: tuple[_Field, ...] | None
) -> tuple[_Field, ...]:
    return ref if singular is None else ref + singular


def _check_brace(entry: _Entry) -> list[FormatProblem]:
    return _check_scanned(
        entry,
        "Python brace",
        gnu_scan=_brace_gnu,
        gnu_check=_brace_gnu_check,
        runtime_scan=_brace_runtime,
        known=_brace_fields,
        runtime_check=_brace_runtime_check,
    )


_CHECKS: dict[str, Callable[[_Entry], list[FormatProblem]]] = {
    "c-format": _check_c,
    "python-format": _check_python,
    "python-brace-format": _check_brace,
}


# Directives simple enough to compare as text: when every string of an entry has the same
# list of them, in the same order, and no other "%", no check of formats can find anything.
_PLAIN_DIRECTIVE = {
    # Positional ("%2$d") directives are left to the full check, which judges their numbering.
    "c-format": re.compile(
        r"%[-+ #0']*(?:[1-9][0-9]*)?(?:\.[0-9]+)?(?:hh|h|ll|l|L|j|z|t)?[diouxXeEfFgGaAcsp%]"
    ),
    "python-format": re.compile(
        r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-+ #0]*(?:[0-9]+)?(?:\.[0-9]+)?[diouxXeEfFgGcrsa%]"
    ),
}


def _same_plain_directives(
    kind: str, msgid: str, msgid_plural: str | None, msgstrs: Sequence[str]
) -> bool:
    """True when the entry's strings carry identical, plain directive lists (nothing to check).

    Most flagged entries are like that, and reading them with the full scanners of both
    GNU's checker and the run time costs ten times more.
    """
    if kind not in _PLAIN_DIRECTIVE:
        return False
    first, percents = _plain_directives(kind, msgid)
    if first is None:
        return False
    pattern = _PLAIN_DIRECTIVE[kind]
    # Every form, empty ones too: msgfmt -c checks them all once msgstr[0] is filled.
    texts = list(msgstrs)
    if msgid_plural is not None:
        texts.append(msgid_plural)
    # Every plain directive holds one "%" ("%%" two): a text with another "%" than its
    # directives' is not plain, and the count is a quick first test.
    return all(
        text.count("%") == percents and tuple(pattern.findall(text)) == first for text in texts
    )


def _read_plain_directives(kind: str, msgid: str) -> tuple[tuple[str, ...] | None, int]:
    """The plain directives of ``msgid`` and its count of "%", or None when it has others."""
    directives = tuple(_PLAIN_DIRECTIVE[kind].findall(msgid))
    percents = len(directives) + directives.count("%%")
    if msgid.count("%") != percents:
        return None, 0
    if len({directive[1:2] == "(" for directive in directives if directive != "%%"}) > 1:
        return None, 0  # Python refuses to mix named and positional: let the full check say so
    return directives, percents


def _plain_directives(kind: str, msgid: str) -> tuple[tuple[str, ...] | None, int]:
    """_read_plain_directives, remembered for the msgids that are not long."""
    if len(msgid) > _CACHED_MSGID:
        return _read_plain_directives(kind, msgid)
    return _known_plain_directives(kind, msgid)


# Every language of a project has the same msgids: read each one's directives once.  Long
# msgids are not kept: the cache outlives the catalog, and should not hold its text.
_CACHED_MSGID = 1000
_known_plain_directives = functools.lru_cache(maxsize=4096)(_read_plain_directives)


def check_formats(
    flags: Sequence[str],
    msgid: str,
    msgid_plural: str | None,
    msgstrs: Sequence[str],
    single_value_forms: frozenset[int] = frozenset(),
) -> list[FormatProblem]:
    """Compare every translation of an entry with its msgid, for each format it is flagged with.

    ``single_value_forms`` are the msgstr indexes msgfmt checks leniently, where a translation
    may leave arguments out (see :func:`lenient_forms`).  An untranslated entry (empty first
    msgstr) is not checked; once it is translated, every form is, empty ones included, as
    msgfmt does.  Problems come in msgfmt's order: by format (C, Python, Python brace), then by
    translation, the one msgfmt reports first ahead of the others.
    """
    if not msgid or not msgstrs or not msgstrs[0]:
        # msgfmt checks neither untranslated entries nor one with an empty msgid (whose lookup
        # would return the header).
        return []
    kinds = _enabled_kinds(tuple(flags))
    if not kinds or (
        len(kinds) == 1 and _same_plain_directives(kinds[0], msgid, msgid_plural, msgstrs)
    ):
        return []
    entry = _Entry(msgid, msgid_plural, msgstrs, single_value_forms)
    problems: list[FormatProblem] = []
    for kind in kinds:
        problems.extend(_CHECKS[kind](entry))
    return problems


# msgfmt counts a form as used "often" when the plural rule picks it this many times for
# n = 0..1000; other forms are checked leniently.
_OFTEN = 5
_PROBE = 1000
_RANGE = re.compile(r"range:\s*([0-9]+)\.\.([0-9]+)\Z")


def lenient_forms(
    plural: Callable[[int], int], nplurals: int, flags: Sequence[str] = ()
) -> frozenset[int]:
    """The msgstr indexes ``msgfmt -c`` checks leniently, for :func:`check_formats`.

    ``plural`` evaluates the catalog's plural rule.  A form is checked strictly when the rule
    picks it for at least 5 values of n in 0..1000 (it stands for many numbers), leniently
    otherwise: with ``plural=n==1 ? 0 : n>=2 && n<=4 ? 1 : 2`` forms 0 and 1 are lenient.  An
    entry flagged ``range: a..b`` also makes lenient every form picked at most once in that
    range.  When the rule picks a form outside 0..nplurals-1, msgfmt reports the rule and checks
    every form leniently, and so does this.  Exceptions raised by ``plural`` propagate.
    """
    every = frozenset(range(nplurals))
    if nplurals > 100:
        return every  # msgfmt does not trust such a count enough to keep statistics
    seen = [0] * nplurals
    for n in range(_PROBE + 1):
        form = plural(n)
        if not 0 <= form < nplurals:
            return every
        seen[form] += 1
    often = {form for form in range(nplurals) if seen[form] >= _OFTEN}
    for flag in flags:
        match = _RANGE.match(flag)
        if match is not None and int(match.group(1)) <= int(match.group(2)):
            low, high = int(match.group(1)), int(match.group(2))
            high = min(high, low + _PROBE)
            hits = [plural(n) for n in range(low, high + 1)]
            often = {form for form in often if hits.count(form) > 1}
    return every - often
