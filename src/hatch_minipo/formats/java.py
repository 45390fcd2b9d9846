"""Java MessageFormat strings (``java-format``): "{0} in {1,number,#.##}, {2,choice,0#no|1#{2}}".

The reading is gettext 0.21's format-java.c: its quote rules ('' is a quote, a lone ' toggles
quoting, quoted braces are text), the element styles it checks, and the marks it sets.

A ``choice`` element holds clauses that are message formats again.  gettext copies each
clause, dropping the quotes it consumed (a run of m quotes leaves m // 2), and parses the copy,
recursively: a character nested n choices deep is read by n + 1 parsers.  Copying would make
deep nesting quadratic, so every level reads the original string instead: at nesting level k a
run of m quotes stands for ``m >> k`` quotes, the first ones of the run.  Quote toggles per level
and the '|' characters are indexed once, which keeps the whole scan linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from hatch_minipo.formats import _java
from hatch_minipo.formats.base import (
    END,
    ERROR,
    NO_MARKS,
    START,
    UINT_MASK,
    Invalid,
    Marks,
    digit,
)

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator

    from hatch_minipo.formats.base import Where

    # A parser waiting on a nested one: it yields the parser to run before it resumes.
    _Parser = Generator["_Parser", None, None]

LANGUAGE = "Java MessageFormat"

# format-java.c's enum format_arg_type (FAT_NONE is 0).
OBJECT, NUMBER, DATE = 1, 2, 3

_UNMATCHED_OPEN = "The string ends in the middle of a directive: found '{' without matching '}'."
_UNMATCHED_CLOSE = "The string starts in the middle of a directive: found '}' without matching '{'."
_SPECIAL = re.compile(r"'+|[{}]")
_QUOTES = re.compile(r"'+")
_BRACES = re.compile(r"[{}]")
_PIPES = re.compile(r"\|")
_HEX = frozenset("0123456789abcdefABCDEF")
_LE = "\\u2264"  # ChoiceFormat's '≤' separator, written as a Java escape


class _Plain:
    """A string as the C code walks it, with its NUL: reading past the end gives ''."""

    def __init__(self, text: str) -> None:
        self.text = text

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def quote(self, i: int, quoting: bool) -> tuple[int, bool]:
        """HANDLE_QUOTE: skip a quote; toggle quoting unless it is the first of ''."""
        if self.at(i) == "'":
            i += 1
            if self.at(i) != "'":
                quoting = not quoting
        return i, quoting

    def skip(self, i: int) -> int:
        """One character of a prefix or suffix: a \\uXXXX escape, \\ and any character, or one."""
        if self.at(i) != "\\":
            return i + 1
        if self.at(i + 1) == "u" and all(self.at(i + d) in _HEX for d in range(2, 6)):
            return i + 6
        return i + 2  # after a final '\' gettext reads past its NUL; here the end stays the end


def _number_style(style: str) -> bool:
    """number_format_parse: whether ``style`` is a DecimalFormat pattern."""
    s = _Plain(style)
    i, quoting = s.quote(0, False)
    while True:
        # The prefix, up to the first unquoted '0' or '#'.
        while s.at(i) and (quoting or s.at(i) not in "0#"):
            i, quoting = s.quote(s.skip(i), quoting)
        if quoting or not s.at(i) or s.at(i) not in "0#":
            return False
        i, quoting = _exponent(s, *_mantissa(s, i, quoting))
        # The suffix, up to an unquoted ';' (gettext never sets its seen_semicolon).
        while s.at(i) and (quoting or s.at(i) != ";"):
            i, quoting = s.quote(s.skip(i), quoting)
        if quoting or s.at(i) != ";":
            return s.at(i) == ""


def _mantissa(s: _Plain, i: int, quoting: bool) -> tuple[int, bool]:
    """The integer part ('#' then '0', each maybe followed by ',') and the fraction."""
    for digits in "#0":
        while not quoting and s.at(i) == digits:
            i, quoting = s.quote(i + 1, quoting)
            if not quoting and s.at(i) == ",":
                i, quoting = s.quote(i + 1, quoting)
    if not quoting and s.at(i) == ".":
        i, quoting = s.quote(i + 1, quoting)
        for digits in "0#":
            while not quoting and s.at(i) == digits:
                i, quoting = s.quote(i + 1, quoting)
    return i, quoting


def _exponent(s: _Plain, i: int, quoting: bool) -> tuple[int, bool]:
    """An optional 'E0...' exponent; an 'E' without a '0' is left to the suffix."""
    if quoting or s.at(i) != "E":
        return i, quoting
    j, inner = s.quote(i + 1, quoting)
    if inner or s.at(j) != "0":
        return i, False
    while not inner and s.at(j) == "0":
        j, inner = s.quote(j + 1, inner)
    return j, inner


class _Levels:
    """Where quote runs, toggles and '|' are, for reading the string at any nesting level."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.run_end: dict[int, int] = {}
        # Level k toggles quoting at each run whose length has bit k set (m >> k is odd).
        self.toggles: dict[int, list[int]] = {}
        for found in _QUOTES.finditer(text):
            a, b = found.span()
            self.starts.append(a)
            self.run_end[a] = b
            length, k = b - a, 0
            while length:
                if length & 1:
                    self.toggles.setdefault(k, []).append(a)
                length >>= 1
                k += 1
        self.pipes = [found.start() for found in _PIPES.finditer(text)]

    def run(self, i: int) -> tuple[int, int]:
        """The quote run holding the quote at ``i``: (start, end)."""
        start = self.starts[bisect_right(self.starts, i) - 1]
        return start, self.run_end[start]


class _Scan:
    """One pass over a MessageFormat string, every nesting level included."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.found: list[tuple[int, int]] = []
        self.directives = 0
        self.top_close: int | None = None  # the '}' of the top-level element being read
        self._closes: dict[int, int] | None = None
        self._levels: _Levels | None = None

    # --- the string at nesting level k, between a start and an end ----------------------

    def close_of(self, i: int) -> int | None:
        """The '}' that closes the '{' at ``i``, quotes ignored as gettext ignores them."""
        if self._closes is None:
            self._closes = {}
            opened: list[int] = []
            for found in _BRACES.finditer(self.text):
                if found.group() == "{":
                    opened.append(found.start())
                elif opened:
                    self._closes[opened.pop()] = found.start()
        return self._closes.get(i)

    def levels(self) -> _Levels:
        if self._levels is None:
            self._levels = _Levels(self.text)
        return self._levels

    def at(self, i: int, end: int) -> str:
        return self.text[i] if i < end else ""

    def visible(self, i: int, k: int) -> int:
        """``i``, or the end of its quote run when level k does not see that quote."""
        if k and i < len(self.text) and self.text[i] == "'":
            a, b = self.levels().run(i)
            if i - a >= (b - a) >> k:
                return b
        return i

    def next(self, i: int, k: int) -> int:
        return self.visible(i + 1, k)

    def quote(self, i: int, quoting: bool, k: int, end: int) -> tuple[int, bool]:
        """HANDLE_QUOTE at level k."""
        if self.at(i, end) == "'":
            i = self.next(i, k)
            if self.at(i, end) != "'":
                quoting = not quoting
        return i, quoting

    def literal(self, i: int, k: int, end: int, word: str) -> int:
        """The position after ``word`` at ``i``, or -1 when it is not there."""
        for char in word:
            if self.at(i, end) != char:
                return -1
            i = self.next(i, k)
        return i

    def escape(self, i: int, k: int, end: int) -> int:
        """Past a '\\' of a choice number: \\uXXXX, else the backslash and one character."""
        j = self.next(i, k)
        if self.at(j, end) == "u":
            h = self.next(j, k)
            for _ in range(4):
                if self.at(h, end) not in _HEX:
                    return self.next(j, k)
                h = self.next(h, k)
            return h
        return self.next(j, k)

    def peek(self, k: int, i: int, end: int, count: int) -> tuple[str, list[int]]:
        """Up to ``count`` characters at ``i``, and the position after each."""
        chars: list[str] = []
        after: list[int] = []
        while len(chars) < count and self.at(i, end):
            chars.append(self.text[i])
            i = self.next(i, k)
            after.append(i)
        return "".join(chars), after

    def copy(self, k: int, i: int, end: int) -> str:
        """The text gettext's level-k copy holds between ``i`` (not inside a run) and ``end``."""
        if k == 0:
            return self.text[i:end]
        return _QUOTES.sub(lambda run: "'" * (len(run.group()) >> k), self.text[i:end])

    # --- the parsers ----------------------------------------------------------------------

    def message(self, k: int, pos: int, end: int) -> _Parser:
        """message_format_parse of the level-k text from ``pos`` to ``end``."""
        text = self.text
        quoting = False
        while True:
            found = _SPECIAL.search(text, pos, end)
            if found is None:
                return
            i, pos = found.span()
            char = text[i]
            if char == "'":
                if (pos - i) >> k & 1:
                    quoting = not quoting
            elif quoting:
                continue
            elif char == "}":
                if k == 0:
                    self.marks.set(i, START | ERROR)
                raise Invalid(_UNMATCHED_CLOSE)
            else:
                pos = yield from self.element(k, i, end)

    def element(self, k: int, start: int, end: int) -> Generator[_Parser, None, int]:
        """The element whose '{' is at ``start``; the position after its '}'."""
        if k == 0:
            self.marks.set(start, START)
        self.directives += 1
        close = self.close_of(start)
        if close is None or close >= end:
            if k == 0:
                self.marks.set(end - 1, ERROR)
            raise Invalid(_UNMATCHED_OPEN)
        if k == 0:
            self.top_close = close
        number, kind = yield from self.contents(k, start + 1, close)
        self.found.append((number, kind))
        if k == 0:
            self.marks.set(close, END)
            self.top_close = None
        return close + 1

    def contents(self, k: int, i: int, close: int) -> Generator[_Parser, None, tuple[int, int]]:
        """An element's argument number and style: (number, type)."""
        i = self.visible(i, k)
        if not digit(self.at(i, close)):
            raise Invalid(
                f"In the directive number {self.directives}, '{{' is not followed by an "
                "argument number."
            )
        number = 0
        while digit(char := self.at(i, close)):
            number = (number * 10 + ord(char) - 48) & UINT_MASK
            i = self.next(i, k)
        head, after = self.peek(k, i, close, 8)
        if not head:
            return number, OBJECT
        if head.startswith((",time", ",date")):
            # date_format_parse accepts any style.
            self.comma(head, 5)
            return number, DATE
        if head.startswith(",number"):
            if self.comma(head, 7):
                style = self.copy(k, after[7], close)
                if style not in ("currency", "percent", "integer") and not _number_style(style):
                    raise Invalid(
                        f'In the directive number {self.directives}, the substring "{style}" is '
                        "not a valid number style."
                    )
            return number, NUMBER
        if head.startswith(",choice"):
            if self.comma(head, 7):
                yield self.choice(k, after[7], close)
            return number, NUMBER  # a ChoiceFormat is a NumberFormat
        raise Invalid(
            f"In the directive number {self.directives}, the argument number is not followed by "
            'a comma and one of "time", "date", "number", "choice".'
        )

    def comma(self, head: str, length: int) -> bool:
        """Whether a style follows the element type that ``head`` starts with."""
        if len(head) == length:
            return False
        if head[length] != ",":
            raise Invalid(
                f'In the directive number {self.directives}, "{head[1:length]}" is not followed '
                "by a comma."
            )
        return True

    def choice(self, k: int, i: int, end: int) -> _Parser:
        """choice_format_parse of the level-k text: each clause's message is read at level k+1."""
        i, quoting = self.quote(i, False, k, end)
        while True:
            # The clause's number, which gettext does not read closely.
            nonempty = False
            while True:
                char = self.at(i, end)
                if not char:
                    return  # a clause without a message ends the pattern, and is ignored
                if not quoting and (char in "<#|" or self.literal(i, k, end, _LE) >= 0):
                    break
                i = self.escape(i, k, end) if char == "\\" else self.next(i, k)
                nonempty = True
                i, quoting = self.quote(i, quoting, k, end)
            if not nonempty:
                raise Invalid(
                    f"In the directive number {self.directives}, a choice contains no number."
                )
            if char in "<#":
                i = self.next(i, k)
            elif char == "\\":
                i = self.literal(i, k, end, _LE)
            else:
                raise Invalid(
                    f"In the directive number {self.directives}, a choice contains a number that "
                    f"is not followed by '<', '#' or '{_LE}'."
                )
            # Quoting is off here, and the quote handling after the separator belongs to the
            # clause's message, which clause_end reads run by run.
            stop = self.clause_end(k, i, end)
            yield self.message(k + 1, i, stop)
            if stop >= end:
                return
            i, quoting = self.quote(self.next(stop, k), False, k, end)

    def clause_end(self, k: int, i: int, end: int) -> int:
        """The first '|' after ``i`` that level k does not quote, or ``end``.

        Quoting is off at ``i``; it toggles at each quote run that level k sees an odd number of
        quotes of.  Quoted '|' are passed by jumping to the toggle that ends the quote.
        """
        levels = self.levels()
        toggles = levels.toggles.get(k, [])
        pipes = levels.pipes
        while True:
            x = bisect_left(pipes, i)
            if x == len(pipes) or pipes[x] >= end:
                return end
            pipe = pipes[x]
            after = bisect_left(toggles, pipe)
            if not (after - bisect_left(toggles, i)) & 1:
                return pipe
            if after == len(toggles) or toggles[after] >= end:
                return end
            i = levels.run_end[toggles[after]]


def _drive(parser: _Parser) -> None:
    """Run a parser and the nested ones it asks for, without recursing in Python."""
    stack: list[Iterator[_Parser]] = [parser]
    while stack:
        nested = next(stack[-1], None)
        if nested is None:
            stack.pop()
        else:
            stack.append(nested)


def _combine(kind: int, merged: int) -> int | None:
    # An Object use fits any other; a Number and a Date do not fit each other.
    if merged in (kind, OBJECT):
        return kind
    if kind == OBJECT:
        return merged
    return None


def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> _java.Numbered:
    """format_parse(): (argument number, type) pairs; raises Invalid with gettext's reason."""
    del translated  # MessageFormat strings read the same in msgid and msgstr
    state = _Scan(text, marks)
    try:
        _drive(state.message(0, 0, len(text)))
    except Invalid:
        if state.top_close is not None:
            # Whatever failed inside an element, gettext marks the element's '}'.
            marks.set(state.top_close, ERROR)
        raise
    return _java.merge(state.found, _combine)


def check(ref: _java.Numbered, got: _java.Numbered, where: Where) -> str | None:
    """format_check(): the first complaint, arguments written as {N}."""
    return _java.check(ref, got, where, lambda number: f"{{{number}}}")
