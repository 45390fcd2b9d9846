"""Objective-C format strings (``objc-format``): C's printf directives and ``%@``.

gettext 0.21 reads them with format-c-parse.h in its Objective-C mode; its check is C's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hatch_minipo.formats import c
from hatch_minipo.formats.base import NO_MARKS

if TYPE_CHECKING:
    from hatch_minipo.formats.base import Marks, Where

LANGUAGE = "Objective C"


def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> tuple[int, ...]:
    """The argument types; raises Invalid with gettext's reason."""
    return c.scan(text, translated=translated, objc=True, marks=marks)


def check(ref: tuple[int, ...], got: tuple[int, ...], where: Where) -> str | None:
    """format-c.c's format_check, shared with C."""
    return c.gnu_check(ref, got, where)
