"""Problems, each tied to a place: ``path:line: message`` in a catalog, or the full key of an
option; and the one error model that carries every problem found, not just the first."""

from __future__ import annotations

import dataclasses
import enum
import unicodedata
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable

# Which problems refuse a catalog: defined here, beside Diagnostic, so that the light option
# parser and the engine share one definition without the parser importing the engine.
CheckLevel = Literal["errors", "strict", "off"]
CHECK_LEVELS: tuple[CheckLevel, ...] = ("errors", "strict", "off")


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    """One problem at one line of one file (line 0: of the whole file)."""

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        # Errors read exactly like msgfmt's (`path:line: message`); warnings say so, since they
        # do not stop anything and a reader must not mistake them for the reason of a failure.
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        where = f"{self.path}:{self.line}" if self.line > 0 else self.path
        return f"{where}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def printable(text: str) -> str:
    """``text`` with control, format and undecodable characters escaped, as one line.

    Messages quote the catalog (a plural expression, a placeholder): a newline there would
    break the one-problem-per-line output, an escape sequence would drive the terminal, a bidi
    override would reorder what is shown, and a lone surrogate (a byte that is not text in the
    charset) would make printing raise.
    """
    if text.isprintable():
        return text
    return "".join(
        _escaped(char) if unicodedata.category(char) in {"Cc", "Cf", "Cs"} else char
        for char in text
    )


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class MinipoError(Exception):
    """A refusal that names every problem found, one line each.

    Every refusal of the package (options, discovery, project, catalogs) is one of these, so
    the hook, the setuptools command and the CLI report them all the same way.
    """

    def __init__(self, problems: Iterable[object]) -> None:
        self.problems = [str(problem) for problem in problems]
        super().__init__("\n".join(self.problems))

    def printable(self) -> str:
        """The message, each of its lines escaped (a file name may hold a terminal escape)."""
        return "\n".join(printable(line) for line in str(self).split("\n"))


class CatalogError(MinipoError):
    """A catalog was refused; ``diagnostics`` keeps every problem, errors and warnings alike."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(self.diagnostics)
