"""What GNU gettext 0.21 makes of an entry's comment lines, and how its writer prints them.

The parser keeps each comment as the raw text after its marker; GNU's reader interprets it
(read-catalog-abstract.c, read-catalog.c) and its writer prints the interpretation
(write-po.c), not the text.  This module is that round trip: flags are reduced to what GNU
understands, references are re-split and de-duplicated, ``#|`` strings are read as strings so
they can be wrapped again.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from hatch_minipo.plural.grammar import c_unsigned_long
from hatch_minipo.po.reader import _unescape

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "Previous",
    "extracted_comment_line",
    "parse_previous",
    "parse_references",
    "reference_lines",
    "translator_comment_line",
]

_SIZE_T = 2**64
# A line number GNU could not read is stored as (size_t) -1.
_NO_LINE = _SIZE_T - 1
_REF_SPACE = " \t\n"
_PREVIOUS_TOKEN = re.compile(
    r'[ \t\r\f\v\n]*(?:(msgctxt|msgid_plural|msgid)\b|"((?:[^"\\]|\\.)*)")'
)


def translator_comment_line(raw: str) -> str:
    """``# text`` as GNU writes a translator comment read from ``#<raw>``."""
    # The reader drops one space after the marker; the writer puts one back unless empty.
    text = raw.removeprefix(" ")
    return "# " + text if text else "#"


def extracted_comment_line(raw: str) -> str:
    """``#. text`` as GNU writes an extracted comment read from ``#.<raw>``."""
    text = raw.removeprefix(" ")
    return "#. " + text if text else "#."


def _digits_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    return end


def _line_number(digits: str) -> int | None:
    # GNU accumulates in a size_t; (size_t) -1 means "no line number".
    value = c_unsigned_long(digits)
    return None if value == _NO_LINE else value


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _REF_SPACE:
        pos += 1
    return pos


def _number_word(text: str, start: int) -> tuple[int, int] | None:
    """(start, end) of the digits at ``start`` when they make a whole word, else None."""
    end = _digits_end(text, start)
    if end > start and (end == len(text) or text[end] in _REF_SPACE):
        return start, end
    return None


def _split_references(text: str) -> Iterable[tuple[str, int | None]]:
    """parse_comment_filepos of gettext 0.21 on the text after ``#:``."""
    words = _REF_WORD.findall(text)
    # Where no word starts or ends with a colon, each word is read on its own ("file:12" or a
    # name): the spaced forms "file :12" and "file: 12" are the loop's.
    if not any(word[0] == ":" or word[-1] == ":" for word in words):
        return [_reference(word) for word in words]
    return list(_split_spaced_references(text))


_REF_WORD = re.compile(f"[^{_REF_SPACE}]+")


def _reference(word: str) -> tuple[str, int | None]:
    name = word.rstrip("0123456789")
    if len(name) < len(word) and len(name) > 1 and name[-1] == ":":
        return name[:-1], _line_number(word[len(name) :])
    return word, None


def _split_spaced_references(text: str) -> Iterable[tuple[str, int | None]]:
    size = len(text)
    pos = 0
    while pos < size:
        pos = _skip_space(text, pos)
        if pos >= size:
            return
        start = pos
        pos += 1
        while pos < size and text[pos] not in _REF_SPACE:
            pos += 1
        # "file :12" or "file : 12": a colon and a number after the name.
        probe = _skip_space(text, pos)
        if probe < size and text[probe] == ":":
            number = _number_word(text, _skip_space(text, probe + 1))
            if number is not None:
                yield text[start:pos], _line_number(text[number[0] : number[1]])
                pos = number[1]
                continue
        # "file: 12": the name ends with the colon.
        if text[pos - 1] == ":":
            number = _number_word(text, _skip_space(text, pos))
            if number is not None:
                yield text[start : pos - 1], _line_number(text[number[0] : number[1]])
                pos = number[1]
                continue
        # "file:12".
        digits = pos
        while digits > start and "0" <= text[digits - 1] <= "9":
            digits -= 1
        if start + 1 < digits < pos and text[digits - 1] == ":":
            yield text[start : digits - 1], _line_number(text[digits:pos])
            continue
        yield text[start:pos], None


def parse_references(raw_lines: Iterable[str]) -> list[tuple[str, int | None]]:
    """The (file, line) pairs of an entry's ``#:`` lines, each once, in order of appearance."""
    # A dict keeps the first appearance of each, in order, without a quadratic search.
    seen = {reference: None for raw in raw_lines for reference in _split_references(raw)}
    return list(seen)


def reference_lines(
    references: Sequence[tuple[str, int | None]], page_width: int, charset: str
) -> list[str]:
    """The ``#:`` lines write-po.c prints: filled up to ``page_width`` columns (in bytes)."""
    if not references:
        return []
    lines: list[str] = []
    current = "#:"
    column = 2
    for file_name, line in references:
        name = file_name
        while name.startswith("./"):
            name = name[2:]
        # (long) of a size_t: line numbers past 2**63 print as negative numbers.
        suffix = "" if line is None else f":{line - _SIZE_T if line >= _SIZE_T // 2 else line}"
        length = len(name.encode(charset, "surrogateescape")) + len(suffix) + 1
        if column > 2 and column + length > page_width:
            lines.append(current)
            current = "#:"
            column = 2
        current += f" {name}{suffix}"
        column += length
    lines.append(current)
    return lines


@dataclasses.dataclass(frozen=True)
class Previous:
    """The strings of an entry's ``#|`` lines (None: that keyword was absent)."""

    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None


def parse_previous(raw_lines: Sequence[str], charset: str) -> Previous:
    """Read the ``#|`` lines (text after ``#|``) as GNU's lexer reads them, into strings."""
    parts: dict[str, list[str]] = {}
    target: str | None = None
    for raw in raw_lines:
        pos = 0
        while True:
            match = _PREVIOUS_TOKEN.match(raw, pos)
            if match is None:
                break
            pos = match.end()
            keyword, string = match.groups()
            if keyword is not None:
                target = keyword
                parts.setdefault(target, [])
            elif target is not None:
                try:
                    parts[target].append(_unescape(string, charset))
                except ValueError:
                    parts[target].append(string)

    def joined(name: str) -> str | None:
        return "".join(parts[name]) if name in parts else None

    return Previous(joined("msgctxt"), joined("msgid"), joined("msgid_plural"))
