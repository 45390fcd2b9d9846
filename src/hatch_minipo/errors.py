"""Problems, each tied to a place: ``path:line: message`` in a catalog, or the full key of an
option; and the one error model that carries every problem found, not just the first."""

from __future__ import annotations

import dataclasses
import enum
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
    """One problem at one line of one file."""

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        # Errors read exactly like msgfmt's (`path:line: message`); warnings say so, since they
        # do not stop anything and a reader must not mistake them for the reason of a failure.
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class MinipoError(Exception):
    """A refusal that names every problem found, one line each.

    Every refusal of the package (options, discovery, project, catalogs) is one of these, so
    the hook, the setuptools command and the CLI report them all the same way.
    """

    def __init__(self, problems: Iterable[object]) -> None:
        self.problems = [str(problem) for problem in problems]
        super().__init__("\n".join(self.problems))


class CatalogError(MinipoError):
    """A catalog was refused; ``diagnostics`` keeps every problem, errors and warnings alike."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(self.diagnostics)
