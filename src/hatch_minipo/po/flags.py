"""The ``#,`` line: what GNU gettext 0.21 keeps of it (po_parse_comment_special) and prints.

One reader for every use: the writer prints the flags GNU keeps, the wrapper asks which format
language protects directives and whether to wrap, the checks and ``expand`` read the format
flags and the range.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["FORMAT_LANGUAGES", "EntryFlags", "format_flag", "parse_flags", "split_flags"]

# The order of format_language[] in the gettext 0.21 build measured (msgattrib prints
# flags in that order); it decides whose parser protects directives when an entry has several.
FORMAT_LANGUAGES = (
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
)
_KNOWN = frozenset(FORMAT_LANGUAGES)
_INT_MAX = 2**31 - 1
# po_parse_comment_special splits a "#," line at these characters.
_SEPARATORS = re.compile(r"[\n \t\r\f\v,]+")


def split_flags(line: str) -> list[str]:
    """The items of a ``#,`` line (the text after the marker)."""
    return [item for item in _SEPARATORS.split(line) if item]


def format_flag(word: str) -> tuple[str, str] | None:
    """``(language, state)`` for a flag like ``no-c-format``; None for any other flag.

    The state is "yes", "no", "possible" or "impossible"; unknown languages are not flags.
    """
    if not word.endswith("-format"):
        return None
    name, state = word[: -len("-format")], "yes"
    for qualifier in ("no", "possible", "impossible"):
        if name.startswith(qualifier + "-"):
            name, state = name[len(qualifier) + 1 :], qualifier
            break
    return (name, state) if name in _KNOWN else None


@dataclasses.dataclass(frozen=True)
class EntryFlags:
    """The flags GNU keeps from an entry's last ``#,`` line."""

    fuzzy: bool = False
    # language -> "yes", "possible", "no" or "impossible", as the reader stored them.
    formats: dict[str, str] = dataclasses.field(default_factory=dict)
    range: tuple[int, int] | None = None
    # True for "wrap", False for "no-wrap", None when neither was given.
    wrap: bool | None = None

    @property
    def format_language(self) -> str | None:
        """The first language (in gettext's order) the entry is a format string of."""
        return next(
            (name for name in FORMAT_LANGUAGES if self.formats.get(name) in ("yes", "possible")),
            None,
        )

    def items(self, *, obsolete: bool, print_fuzzy: bool) -> list[str]:
        """The ``#,`` items write-po.c prints, in its order; empty for no ``#,`` line.

        An obsolete entry keeps only fuzzy, the format flags and no-wrap (the ones that
        decide how it is wrapped); a live one shows fuzzy only when it has a translation.
        """
        items = ["fuzzy"] if self.fuzzy and (obsolete or print_fuzzy) else []
        for language in FORMAT_LANGUAGES:
            state = self.formats.get(language)
            if state in ("yes", "possible"):
                items.append(f"{language}-format")
            elif state == "no":
                items.append(f"no-{language}-format")
        if self.range is not None and not obsolete:
            items.append(f"range: {self.range[0]}..{self.range[1]}")
        if self.wrap is False:
            items.append("no-wrap")
        return items


def _clamped_int(digits: str) -> int:
    value = 0
    for digit in digits:
        value = min(_INT_MAX, value * 10 + ord(digit) - 48) if value <= _INT_MAX // 10 else _INT_MAX
    return value


def _leading_digits(text: str) -> str:
    end = 0
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    return text[:end]


def _parse_range(token: str) -> tuple[int, int] | None:
    low = _leading_digits(token)
    rest = token[len(low) :]
    if not low or not rest.startswith(".."):
        return None
    high = _leading_digits(rest[2:])
    if not high:
        return None
    lo, hi = _clamped_int(low), _clamped_int(high)
    return (lo, hi) if lo <= hi else None


def parse_flags(items: Iterable[str]) -> EntryFlags:
    """Read flag items as po_parse_comment_special does; unknown items are dropped.

    ``items`` are the items of one ``#,`` line (the reader keeps only the last line, as GNU
    does); an item holding separators (a whole line, "c-format, no-wrap") is split first.
    The result is shared between calls with the same items: do not change it.
    """
    return _parsed_flags(tuple(items))


# The writer, the wrapper, expand and the checks each ask for every entry's flags, and a
# catalog has a handful of distinct flag lines.
@functools.lru_cache(maxsize=1024)
def _parsed_flags(items: tuple[str, ...]) -> EntryFlags:
    words = [word for item in items for word in split_flags(item)]
    fuzzy = False
    formats: dict[str, str] = {}
    value_range: tuple[int, int] | None = None
    wrap: bool | None = None
    index = 0
    while index < len(words):
        item = words[index]
        index += 1
        if item == "fuzzy":
            fuzzy = True
            continue
        flag = format_flag(item)
        if flag is not None:
            formats[flag[0]] = flag[1]
            continue
        if item == "range:":
            # The range is the next item; it is consumed even when it does not parse.
            if index < len(words):
                parsed = _parse_range(words[index])
                index += 1
                if parsed is not None:
                    value_range = parsed
            continue
        if item == "wrap":
            wrap = True
        elif item == "no-wrap":
            wrap = False
    return EntryFlags(fuzzy, formats, value_range, wrap)
