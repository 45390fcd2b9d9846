"""Shell format strings (``sh-format``): strings for envsubst, "$name has ${count} items".

The scanner is gettext 0.21's format-sh.c: '$' and an ASCII name, or '${name}'; every other
use of '$' ("$1", "$$", "${x:-default}", a non-ASCII name) is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats.base import (
    END,
    ERROR,
    NO_MARKS,
    START,
    UNTERMINATED,
    Invalid,
    digit,
    first_name_difference,
)

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Marks, Where

LANGUAGE = "Shell"

NON_ASCII = "The string refers to a shell variable with a non-ASCII name."
SHELL_SYNTAX = (
    "The string refers to a shell variable with complex shell brace syntax. This syntax is "
    "unsupported here due to security reasons."
)
CONTEXT_DEPENDENT = (
    "The string refers to a shell variable whose value may be different inside shell functions."
)
EMPTY = "The string refers to a shell variable with an empty name."

_OPERATORS = frozenset("-=+?:")


def _alpha(c: str) -> bool:
    # c_isalpha: ASCII letters only.
    return "a" <= c <= "z" or "A" <= c <= "Z"


def _name_char(c: str) -> bool:
    return _alpha(c) or digit(c) or c == "_"


class _Scan:
    """One pass over a shell format string."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self.names: set[str] = set()

    def fail(self, i: int, reason: str) -> Invalid:
        self.marks.set(i, ERROR)
        return Invalid(reason)

    def braced(self, start: int) -> int:
        """The name of '${name}' whose first character is at ``start``: the index after '}'."""
        text = self.text
        i = start
        while i < len(text):
            c = text[i]
            if c == "}":
                break
            if c >= "\x80":
                raise self.fail(i, NON_ASCII)
            if i > start and c in _OPERATORS:
                raise self.fail(i, SHELL_SYNTAX)
            if not _name_char(c) or (i == start and digit(c)):
                raise self.fail(i, CONTEXT_DEPENDENT)
            i += 1
        else:
            raise self.fail(i - 1, UNTERMINATED)
        if i == start:
            raise self.fail(i, EMPTY)
        self.names.add(text[start:i])
        return i + 1

    def substitution(self, i: int) -> int:
        """The substitution whose '$' is just before ``i``: the index after it."""
        text = self.text
        c = text[i] if i < len(text) else ""
        if c == "{":
            return self.braced(i + 1)
        if _alpha(c) or c == "_":
            start = i
            i += 1
            while i < len(text) and _name_char(text[i]):
                i += 1
            self.names.add(text[start:i])
            return i
        if not c:
            raise self.fail(i - 1, UNTERMINATED)
        raise self.fail(i, NON_ASCII if c >= "\x80" else CONTEXT_DEPENDENT)

    def run(self) -> tuple[str, ...]:
        i = self.text.find("$")
        while i >= 0:
            self.marks.set(i, START)
            i = self.substitution(i + 1)
            self.marks.set(i - 1, END)
            i = self.text.find("$", i)
        # strcmp order; the names are ASCII.
        return tuple(sorted(self.names))


# The driver's interface; gettext's parser ignores `translated` for this language.
def scan(
    text: str,
    translated: bool = False,  # noqa: ARG001
    marks: Marks = NO_MARKS,
) -> tuple[str, ...]:
    """format_parse: the variable names, sorted, each once; raises Invalid."""
    return _Scan(text, marks).run()


def check(ref: tuple[str, ...], got: tuple[str, ...], where: Where) -> str | None:
    """format-sh.c's format_check: its first complaint, or None."""
    # The same walk and wording as format-python.c's names, an unknown name refused even
    # when lenient.
    return first_name_difference(ref, got, where, as_in=True)
