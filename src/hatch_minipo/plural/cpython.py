"""What CPython's ``gettext`` needs to load a compiled catalog's header without raising.

``GNUTranslations._parse`` (Lib/gettext.py, the same from 3.6 to 3.13) reads the header entry
line by line as UTF-8 whatever the charset, takes the charset from every ``Content-Type`` line
as ``v.split("charset=")[1]``, decodes every string with it, and compiles every
``Plural-Forms`` line with ``c2py``.  An exception there makes ``gettext.translation()`` raise
in the application, long after the build.  ``c2py``'s parser is copied below without its final
``exec``: it only builds a string, so nothing a catalog holds is ever run.

Two rules c2py accepts are refused too, since Python would evaluate them unlike C: a divisor
that depends on n (ZeroDivisionError wherever it is 0, where msgfmt -c tries n up to 1000
only), and a "!" before a comparison or an operation (c2py's "not" binds looser).
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

_TOKEN = re.compile(
    r"""
    (?P<WHITESPACES>[ \t]+)                    |
    (?P<NUMBER>[0-9]+\b)                       |
    (?P<NAME>n\b)                              |
    (?P<PARENTHESIS>[()])                      |
    (?P<OPERATOR>[-*/%+?:]|[><!]=?|==|&&|\|\|) |
    (?P<INVALID>\w+|.)
    """,
    re.VERBOSE | re.DOTALL,
)
_BINARY = {
    op: priority
    for priority, ops in enumerate(
        (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")),
        start=1,
    )
    for op in ops
}
_MAX_LENGTH = 1000
_MAX_PARENTHESES = 20


class _PluralError(ValueError):
    pass


class _VariableDivisorError(_PluralError):
    """Not an error of c2py: the rule raises ZeroDivisionError later, for some n."""


class _NegationError(_PluralError):
    """Not an error of c2py: its "not" binds looser than C's "!", so the rule computes wrong."""


@dataclasses.dataclass
class HeaderView:
    """The header as Python's gettext reads it: what makes it raise, and the charset it uses."""

    problems: list[str]
    # The text after "charset=" in the last Content-Type line; None: no such line, and
    # Python then decodes every string as ASCII.
    charset: str | None = None


def read_header(
    header: bytes, charset: str, *, check_charset: bool = True, check_plural: bool = True
) -> HeaderView:
    """Read a ``.mo``'s header entry as Python's gettext does.

    ``header`` is the header's translation as stored in the ``.mo``; ``charset`` is the Python
    codec its strings are encoded with.  Without ``check_charset`` the charset named in a
    ``Content-Type``, without ``check_plural`` the ``Plural-Forms``, are not judged (the caller
    has reported them already).
    """
    view = HeaderView([])
    problems = view.problems
    for raw in header.split(b"\n"):
        try:
            item = raw.decode().strip()
        except UnicodeDecodeError:
            problems.append(
                "Python's gettext cannot load this catalog: it reads the header as UTF-8, and "
                "this header is not; keep the header ASCII or use charset=UTF-8"
            )
            return view
        if ":" not in item or (item.startswith("#-#-#-#-#") and item.endswith("#-#-#-#-#")):
            continue
        key, value = (part.strip() for part in item.split(":", 1))
        if key.lower() == "content-type":
            if "charset=" in value:
                view.charset = value.split("charset=")[1]
            if check_charset or "charset=" not in value:
                problems.extend(_charset_problems(value, charset))
        elif key.lower() == "plural-forms" and check_plural:
            problems.extend(plural_forms_problems(value))
    return view


@functools.lru_cache(maxsize=256)
def _charset_problems(value: str, charset: str) -> tuple[str, ...]:
    if "charset=" not in value:
        return (
            (
                "Python's gettext cannot load this catalog: its Content-Type has no "
                "'charset=' (in lower case)"
            ),
        )
    name = value.split("charset=")[1]
    try:
        found = codecs.lookup(name).name
    except (LookupError, ValueError):
        return (
            (
                f"Python's gettext cannot load this catalog: it takes the charset to be "
                f"{name!r} (everything after 'charset='), which it does not know"
            ),
        )
    if found != codecs.lookup(charset).name:
        return (f"Python's gettext would decode this catalog as {name!r}, not as {charset}",)
    return ()


# A project's catalogs share a few Plural-Forms values: judge each once per process.
@functools.lru_cache(maxsize=256)
def plural_forms_problems(value: str) -> tuple[str, ...]:
    """Why Python's gettext cannot load (or would misread) this ``Plural-Forms`` value."""
    fields = value.split(";")
    if len(fields) < 2 or "plural=" not in fields[1]:
        return (
            (
                "Python's gettext cannot load this Plural-Forms: it needs "
                "'nplurals=N; plural=EXPRESSION;' in that order"
            ),
        )
    try:
        _check_c2py(fields[1].split("plural=")[1])
    except _NegationError as exc:
        return (
            (
                "Python's gettext would compute this Plural-Forms differently from C: c2py "
                f"writes '!a {exc} b' as 'not a {exc} b', which means !(a {exc} b); "
                f"write (!a) {exc} b"
            ),
        )
    except _VariableDivisorError:
        return (
            (
                "Python's gettext would raise ZeroDivisionError with this Plural-Forms for "
                "every n that makes a divisor 0: divide only by numbers, as real rules do"
            ),
        )
    except _PluralError as exc:
        return (f"Python's gettext cannot load this Plural-Forms: {exc}",)
    return ()


def too_long_for_python(value: str) -> str | None:
    """Python's refusal of a ``Plural-Forms`` value whose expression is too long, or None.

    Said before anything else is judged: GNU's checks evaluate the rule for 1,001 counts,
    which for an expression of 100 KB takes seconds, only to learn it cannot be loaded.
    """
    fields = value.split(";")
    if (
        len(fields) >= 2
        and "plural=" in fields[1]
        and len(fields[1].split("plural=")[1]) > _MAX_LENGTH
    ):
        return "Python's gettext cannot load this Plural-Forms: plural form expression is too long"
    return None


def _check_c2py(plural: str) -> None:
    """Raise where ``gettext.c2py(plural)`` raises, without compiling anything."""
    if len(plural) > _MAX_LENGTH:
        raise _PluralError("plural form expression is too long")
    try:
        result, last = _parse(_tokens(plural))
    except RecursionError:
        raise _PluralError("plural form expression is too complex") from None
    if last:
        raise _error(last)
    depth = 0
    for char in result:
        depth += (char == "(") - (char == ")")
        if depth > _MAX_PARENTHESES:
            raise _PluralError("plural form expression is too complex")


def _tokens(plural: str) -> Iterator[str]:
    for match in _TOKEN.finditer(plural):
        kind = match.lastgroup or ""
        if kind == "WHITESPACES":
            continue
        if kind == "INVALID":
            raise _PluralError(f"invalid token in plural form: {match.group()}")
        yield match.group()
    yield ""


def _error(token: str) -> _PluralError:
    if token:
        return _PluralError(f"unexpected token in plural form: {token}")
    return _PluralError("unexpected end of plural form")


def _operand(tokens: Iterator[str]) -> str:
    """The first operand of gettext._parse: "!"s, then a parenthesis, n or a number."""
    result = ""
    symbol = next(tokens)
    while symbol == "!":
        result += "not "
        symbol = next(tokens)
    if symbol == "(":
        inner, symbol = _parse(tokens)
        result = f"{result}({inner})"
        if symbol != ")":
            raise _PluralError("unbalanced parenthesis in plural form")
    elif symbol == "n":
        result += symbol
    elif symbol.isdigit() and symbol.isascii():
        result += str(int(symbol))
    else:
        raise _error(symbol)
    return result


def _parse(tokens: Iterator[str], priority: int = -1) -> tuple[str, str]:
    """gettext._parse: the Python text c2py would compile, and the symbol after it."""
    result = _operand(tokens)
    symbol = next(tokens)
    previous = 100
    # c2py writes "!" as "not", which Python binds looser than comparisons and arithmetic.
    negated = result.startswith("not ")
    while symbol in _BINARY:
        current = _BINARY[symbol]
        if current < priority:
            break
        if negated and current >= _BINARY["=="]:
            raise _NegationError(symbol)
        if current in (3, 4) and previous in (3, 4):
            result = f"({result})"
        right, following = _parse(tokens, current + 1)
        if current >= _BINARY["=="] and right.startswith("not "):
            # "n != not 1": c2py's exec raises SyntaxError, which it does not catch.
            message = f"invalid syntax: c2py writes '!' as 'not', which cannot follow '{symbol}'"
            raise _PluralError(message)
        if symbol in ("/", "%") and not right.strip("()").isdigit():
            # GNU's checker tries n = 0..1000 only; Python raises for any n where the divisor
            # is 0 (n / (n - 2000) at 2000).  No real plural rule divides by anything but a number.
            raise _VariableDivisorError
        result = f"{result} {symbol} {right}"
        symbol = following
        previous = current
    if previous == priority == 4:
        result = f"({result})"
    if symbol == "?" and priority <= 0:
        if_true, symbol = _parse(tokens, 0)
        if symbol != ":":
            raise _error(symbol)
        if_false, symbol = _parse(tokens)
        result = f"{if_true} if {result} else {if_false}"
        if priority == 0:
            result = f"({result})"
    return result, symbol
