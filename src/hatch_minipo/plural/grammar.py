"""The ``Plural-Forms`` header: GNU's grammar for ``nplurals=N; plural=EXPR;``, never ``eval``.

The rules copy GNU gettext 0.21: ``plural-exp.c`` finds the first ``nplurals=`` and the first
``plural=`` anywhere in the value (order and extra fields do not matter), reads the number with
``strtoul`` after C white space, and hands ``plural.y`` the text after ``plural=``, whose lexer
stops at ``;``, a newline or the end and skips only spaces and tabs.  Evaluation follows
``eval-plural.h``: every value is a C ``unsigned long``, ``||``, ``&&`` and ``?:`` short-circuit.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
from typing import TYPE_CHECKING, Callable, NamedTuple

from hatch_minipo.plural import ranges

if TYPE_CHECKING:
    from collections.abc import Iterator

# msgfmt on Linux and macOS (LP64) computes in 64-bit unsigned long; the oracle is that build.
_MASK = (1 << 64) - 1
_SIGN_BIT = 1 << 63

# No language has more than 6 plural forms (CLDR: Arabic, Welsh, Cornish), and GNU's own
# checker (msgl-check.c) calls an nplurals above 100 nonsense and stops tracking its forms.
# Anything larger is a typo that would demand as many msgstr[N] in every plural entry.
MAX_NPLURALS = 100

# Newer libintl and glibc evaluate at most 100 levels (EVAL_MAXDEPTH in eval-plural.h) and
# answer msgstr[0] beyond, so a deeper rule would ship broken; newer msgfmt -c reports it as
# "stack overflow".  Parentheses are limited alike, which also keeps every accepted text within
# what 0.21's bison stack (10000) accepts.
MAX_DEPTH = 100

# msgfmt -c evaluates the rule for these counts (check_plural_eval).
_CHECKED_COUNTS = range(1001)

_C_SPACE = " \t\n\v\f\r"
_DIGITS = "0123456789"
_ALLOWED = "n, decimal numbers, parentheses and ?: || && == != < > <= >= + - * / % !"

_Eval = Callable[[int], int]


class PluralFormsError(ValueError):
    """A ``Plural-Forms`` value GNU gettext (or this stricter reader) refuses."""


class MissingPluralAttributeError(PluralFormsError):
    """``nplurals=`` or ``plural=`` is absent.

    msgfmt -c only reports this when the catalog has plural entries; any other problem of a
    value holding both attributes is reported even when it has none.
    """


class _DivisionByZeroError(PluralFormsError):
    pass


class _Token(NamedTuple):
    kind: str  # "num", "n", "op", "?", ":", "(", ")", "!", "end"
    text: str
    column: int  # 1-based, in the normalised expression
    value: int = 0  # the number, or an operator's precedence


# Binary operators and their precedence, lowest first, as declared in plural.y.
_BINARY = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    ">": 4,
    "<=": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}
_NOT_PRECEDENCE = 7
_TOKEN_RE = re.compile(r"[0-9]+|\|\||&&|[=!<>]=|[-+*/%<>?:()!n]")


def c_unsigned_long(digits: str) -> int:
    """ASCII digits read as C reads them into an unsigned long: modulo 2**64.

    gettext accumulates ``n = n * 10 + digit`` and wraps silently (plural.y, the argument
    numbers of format-c-parse.h, the line numbers of ``#:``); chunks keep a number of any
    length away from int()'s digit limit, in linear time.
    """
    value = 0
    for start in range(0, len(digits), 18):
        chunk = digits[start : start + 18]
        value = (value * 10 ** len(chunk) + int(chunk)) & _MASK
    return value


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _syntax_error(text: str, detail: str) -> PluralFormsError:
    where = f' (in "{_short(text)}")' if text else ""
    return PluralFormsError(f"invalid plural expression: {detail}{where}")


def _tokens(text: str) -> Iterator[_Token]:
    # Lazy, like plural.y's lexer: an error stops reading a megabyte of parentheses early.
    pos = 0
    while pos < len(text):
        if text[pos] in " \t":
            pos += 1
            continue
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            char = text[pos]
            hint = ' (did you mean "=="?)' if char == "=" else ""
            hint = f' ("{char}{char}" is the logical operator)' if char in "&|" else hint
            raise _syntax_error(
                text, f'"{char}" at column {pos + 1} is not allowed{hint}; use only {_ALLOWED}'
            )
        word = match.group()
        if word[0] in _DIGITS:
            yield _Token("num", word, pos + 1, c_unsigned_long(word))
        elif word in _BINARY:
            yield _Token("op", word, pos + 1, _BINARY[word])
        elif word == "!":
            yield _Token("!", word, pos + 1, _NOT_PRECEDENCE)
        else:
            yield _Token(word, word, pos + 1)
        pos = match.end()
    yield _Token("end", "", len(text) + 1)


def _binary(op: str, left: _Eval, right: _Eval) -> _Eval:
    # Every rule is evaluated for 1,001 counts when checked, so each operator gets its own
    # closure, and one whose right side is a number (n % 10, n != 1) does not call for it.
    if op == "||":
        return lambda n: 1 if left(n) or right(n) else 0
    if op == "&&":
        return lambda n: 1 if left(n) and right(n) else 0
    if isinstance(right, _Constant):
        return _with_constant(op, left, right.value)
    if op in ("/", "%"):
        divide = op == "/"

        def quotient(n: int) -> int:
            dividend, divisor = left(n), right(n)
            if divisor == 0:
                raise _DivisionByZeroError(f"plural expression divides by zero for n = {n}")
            return dividend // divisor if divide else dividend % divisor

        return quotient
    operations: dict[str, _Eval] = {
        "==": lambda n: int(left(n) == right(n)),
        "!=": lambda n: int(left(n) != right(n)),
        "<": lambda n: int(left(n) < right(n)),
        ">": lambda n: int(left(n) > right(n)),
        "<=": lambda n: int(left(n) <= right(n)),
        ">=": lambda n: int(left(n) >= right(n)),
        "+": lambda n: (left(n) + right(n)) & _MASK,
        "-": lambda n: (left(n) - right(n)) & _MASK,
        "*": lambda n: (left(n) * right(n)) & _MASK,
    }
    return operations[op]


def _with_constant(op: str, left: _Eval, value: int) -> _Eval:
    if op in ("/", "%"):
        if value == 0:

            def by_zero(n: int) -> int:
                left(n)  # C evaluates the dividend first; it may itself divide by zero
                raise _DivisionByZeroError(f"plural expression divides by zero for n = {n}")

            return by_zero
        if op == "/":
            return lambda n: left(n) // value
        return lambda n: left(n) % value
    operations: dict[str, _Eval] = {
        "==": lambda n: int(left(n) == value),
        "!=": lambda n: int(left(n) != value),
        "<": lambda n: int(left(n) < value),
        ">": lambda n: int(left(n) > value),
        "<=": lambda n: int(left(n) <= value),
        ">=": lambda n: int(left(n) >= value),
        "+": lambda n: (left(n) + value) & _MASK,
        "-": lambda n: (left(n) - value) & _MASK,
        "*": lambda n: (left(n) * value) & _MASK,
    }
    return operations[op]


class _Constant:
    """A number in the expression: a callable like every node, whose value can be read."""

    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value

    def __call__(self, _n: int) -> int:
        return self.value


def _constant(value: int) -> _Eval:
    return _Constant(value)


def _variable(n: int) -> int:
    return n


def _not(operand: _Eval) -> _Eval:
    return lambda n: 0 if operand(n) else 1


def _choose(cond: _Eval, then: _Eval, other: _Eval) -> _Eval:
    return lambda n: then(n) if cond(n) else other(n)


# An operand on the parser's stack: its evaluator, the depth of its tree, its values.
_Operand = tuple[_Eval, int, ranges.Range]


class _Compiled(NamedTuple):
    evaluate: _Eval
    values: ranges.Range  # what it can give for every n
    constants: set[int]


def _compile(text: str) -> _Compiled:
    """Parse ``text`` with plural.y's grammar and return its evaluator.

    Operator precedence parsing with explicit stacks: no recursion, so no nesting can blow
    Python's stack; depth is refused above MAX_DEPTH instead.
    """
    operands: list[_Operand] = []
    # Operators waiting for their right side: "(", "?", ":", "!" and binary operators.
    pending: list[_Token] = []
    open_parens = 0

    constants: set[int] = set()

    def push(evaluator: _Eval, values: ranges.Range, *children: _Operand) -> None:
        depth = 1 + max((child[1] for child in children), default=0)
        if depth > MAX_DEPTH:
            raise PluralFormsError(
                f'plural expression is nested more than {MAX_DEPTH} levels deep in "{_short(text)}"'
            )
        operands.append((evaluator, depth, values))

    def reduce_one() -> None:
        top = pending.pop()
        if top.kind == "!":
            operand = operands.pop()
            push(_not(operand[0]), ranges.negate(operand[2]), operand)
        elif top.kind == "op":
            right, left = operands.pop(), operands.pop()
            values = ranges.binary(top.text, left[2], right[2])
            push(_binary(top.text, left[0], right[0]), values, left, right)
        else:  # ":" closes a conditional: condition, then-branch, else-branch
            other, then, cond = operands.pop(), operands.pop(), operands.pop()
            values = ranges.choose(cond[2], then[2], other[2])
            push(_choose(cond[0], then[0], other[0]), values, cond, then, other)

    def reduce_tighter(precedence: int, *, conditionals: bool) -> None:
        # Build every pending operator binding at least as tightly as `precedence`, and the
        # completed conditionals when `conditionals` (only a ":", ")" or the end closes them).
        while pending:
            top = pending[-1]
            if (top.kind in ("!", "op") and top.value >= precedence) or (
                conditionals and top.kind == ":"
            ):
                reduce_one()
            else:
                break

    def unexpected(token: _Token) -> PluralFormsError:
        if token.kind == "end":
            return _syntax_error(text, "unexpected end" if text else "the expression is empty")
        return _syntax_error(text, f'unexpected "{token.text}" at column {token.column}')

    expect_operand = True
    for token in _tokens(text):
        if expect_operand:
            if token.kind == "num":
                push(_constant(token.value), ranges.constant(token.value))
                constants.add(token.value)
                expect_operand = False
            elif token.kind == "n":
                push(_variable, ranges.N)
                expect_operand = False
            elif token.kind == "!":
                pending.append(token)
            elif token.kind == "(":
                open_parens += 1
                if open_parens > MAX_DEPTH:
                    raise PluralFormsError(
                        f"plural expression nests parentheses more than {MAX_DEPTH} levels"
                        f' deep in "{_short(text)}"'
                    )
                pending.append(token)
            else:
                raise unexpected(token)
        elif token.kind == "op":
            # Left associative: what binds at least as tightly is complete.
            reduce_tighter(token.value, conditionals=False)
            pending.append(token)
            expect_operand = True
        elif token.kind == "?":
            # Right associative and loosest: a pending ":" waits for the nested conditional.
            reduce_tighter(0, conditionals=False)
            pending.append(token)
            expect_operand = True
        elif token.kind == ":":
            reduce_tighter(0, conditionals=True)
            if not pending or pending[-1].kind != "?":
                raise unexpected(token)
            pending[-1] = token
            expect_operand = True
        elif token.kind == ")":
            reduce_tighter(0, conditionals=True)
            if not pending or pending[-1].kind != "(":
                raise unexpected(token)
            pending.pop()
            open_parens -= 1
        elif token.kind == "end":
            reduce_tighter(0, conditionals=True)
            if pending:
                what = "unclosed" if pending[-1].kind == "(" else 'missing ":" for'
                raise _syntax_error(
                    text, f'{what} "{pending[-1].text}" at column {pending[-1].column}'
                )
        else:
            raise unexpected(token)
    return _Compiled(operands[0][0], operands[0][2], constants)


def _normalise(expression: str) -> str:
    return re.sub("[ \t]+", " ", expression).strip(" ")


@dataclasses.dataclass(frozen=True)
class PluralRule:
    """A parsed ``Plural-Forms``; calling it with a count gives the index of the form."""

    nplurals: int
    # The expression's source text, spaces and tabs collapsed to one space.
    expression: str
    _evaluate: _Eval = dataclasses.field(init=False, repr=False, compare=False)
    _compiled: _Compiled = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.nplurals, bool) or not isinstance(self.nplurals, int):
            raise PluralFormsError(f"nplurals must be an integer, not {self.nplurals!r}")
        _check_nplurals(self.nplurals, str(self.nplurals))
        normalised = _normalise(self.expression)
        object.__setattr__(self, "expression", normalised)
        compiled = _compile(normalised)
        object.__setattr__(self, "_compiled", compiled)
        object.__setattr__(self, "_evaluate", compiled.evaluate)

    def __call__(self, n: int) -> int:
        """The raw value for ``n`` (as a C ``unsigned long``); may be >= nplurals."""
        n &= _MASK
        if n < len(_CHECKED_COUNTS):
            values = self._checked_values
            if n < len(values):
                return values[n]
        return self._evaluate(n)

    @functools.cached_property
    def _checked_values(self) -> tuple[int, ...]:
        """The values for n = 0..1000, up to the first that divides by zero.

        Checking a rule (check_plural_rule) and judging its forms (formats.lenient_forms) each
        ask for all of them: computing them once halves the cost of each rule a build meets.
        """
        values: list[int] = []
        # extend keeps what it took before an exception: the values up to that count, which
        # is evaluated again, and raises again, when asked for.
        with contextlib.suppress(_DivisionByZeroError):
            values.extend(map(self._evaluate, _CHECKED_COUNTS))
        return tuple(values)

    def __reduce__(self) -> tuple[type[PluralRule], tuple[int, str]]:
        # The evaluator is a closure; rebuild it from the text (worker processes need this).
        return (PluralRule, (self.nplurals, self.expression))

    def __str__(self) -> str:
        return f"nplurals={self.nplurals}; plural={self.expression};"


def _check_nplurals(value: int, written: str) -> None:
    if value == 0:
        raise PluralFormsError("nplurals = 0 is not a valid value: a catalog needs one form")
    if value < 0 or value > MAX_NPLURALS:
        raise PluralFormsError(
            f"nplurals = {_short(written)} is not a valid value: no language has more than 6 plural"
            f" forms, and more than {MAX_NPLURALS} are refused"
        )


def parse_plural_forms(value: str) -> PluralRule:
    """Parse a ``Plural-Forms`` value the way msgfmt does.

    Like msgfmt, this looks for the first ``nplurals=`` and ``plural=`` anywhere in ``value``,
    so passing the whole header entry gives exactly msgfmt's reading.
    """
    value = value.split("\0", 1)[0]  # where C's strings end
    plural_at = value.find("plural=")
    nplurals_at = value.find("nplurals=")
    if plural_at < 0:
        raise MissingPluralAttributeError(
            'header entry lacks a "plural=EXPRESSION" attribute in Plural-Forms'
        )
    if nplurals_at < 0:
        raise MissingPluralAttributeError(
            'header entry lacks a "nplurals=INTEGER" attribute in Plural-Forms'
        )

    start = nplurals_at + len("nplurals=")
    while start < len(value) and value[start] in _C_SPACE:
        start += 1
    end = start
    while end < len(value) and value[end] in _DIGITS:
        end += 1
    if end == start:
        shown = re.split(r"[;\s]", value[start:], maxsplit=1)[0]
        raise PluralFormsError(
            f'invalid nplurals value: expected a count of forms, found "{_short(shown)}"'
        )
    digits = value[start:end].lstrip("0") or "0"
    # strtoul saturates; any number this long is refused anyway, so spare int() the digits.
    nplurals = int(digits) if len(digits) <= 20 else _MASK
    _check_nplurals(nplurals, digits)

    expression = re.split(r"[;\n]", value[plural_at + len("plural=") :], maxsplit=1)[0]
    return PluralRule(nplurals, expression)


def check_every_count(rule: PluralRule) -> list[str]:
    """Where ``rule`` divides by zero or gives a form >= nplurals for some n above 1000.

    msgfmt -c tries n = 0..1000 only (check_plural_rule); a rule that fails beyond ships
    broken, and Python's gettext raises ZeroDivisionError where it divides by zero.  Range
    analysis proves most rules safe for every n; for the others a count that fails is looked
    for among those where such expressions change, and named.  A rule that can be neither
    proven safe nor shown to fail gives no problem here (see :func:`unproven_rule`).
    """
    if _proven_safe(rule):
        return []
    for n in ranges.candidates(rule._compiled.constants):  # noqa: SLF001
        try:
            value = rule(n)
        except _DivisionByZeroError:
            return [f"plural expression divides by zero for n = {n} (msgfmt tries 0..1000 only)"]
        if value >= rule.nplurals:
            message = (
                f"nplurals = {rule.nplurals} but plural expression gives {value} for n = {n}"
                " (msgfmt tries 0..1000 only)"
            )
            return [message]
    return []


def _proven_safe(rule: PluralRule) -> bool:
    values = rule._compiled.values  # noqa: SLF001 - the same rule's own analysis
    return not values.fails and values.hi < rule.nplurals


def unproven_rule(rule: PluralRule) -> str | None:
    """Why ``rule`` could not be proven safe for every n (ask when check_every_count found no
    failing count).

    The analysis does not follow conditions into their branches ("n > 2 ? 2 : n" is safe, yet
    its else-branch ranges over every n), so such a rule is worth a warning, not a refusal.
    """
    if _proven_safe(rule):
        return None
    values = rule._compiled.values  # noqa: SLF001
    if values.fails:
        what = "never divides by zero"
    else:
        what = f"stays below nplurals = {rule.nplurals} (it may reach {values.hi})"
    return (
        f"cannot show that the plural expression {what} for every n above 1000; no count"
        " tried fails"
    )


def check_plural_rule(rule: PluralRule) -> list[str]:
    """What ``msgfmt -c`` reports after evaluating ``rule`` for n = 0..1000, in its words."""
    for n in _CHECKED_COUNTS:
        try:
            value = rule(n)
        except _DivisionByZeroError:
            return ["plural expression can produce division by zero"]
        if value & _SIGN_BIT:  # msgfmt tests `(long) val < 0`
            return ["plural expression can produce negative values"]
        if value >= rule.nplurals:
            message = (
                f"nplurals = {rule.nplurals} but plural expression can produce values"
                f" as large as {value}"
            )
            return [message]
    return []
