"""Problems found in a catalog, each tied to a place: ``path:line: message``."""

from __future__ import annotations

import dataclasses
import enum
from typing import Literal

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


class CatalogError(Exception):
    """A catalog was refused; carries every diagnostic, errors and warnings alike."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))
