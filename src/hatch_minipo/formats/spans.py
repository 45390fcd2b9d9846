"""Where the format directives of a PO string are, as GNU gettext 0.21's writer sees them.

write-po.c never breaks a line inside a format directive.  It asks the parser of the entry's
first format language (in gettext's own order) to mark each directive's start, end, or the
point where parsing failed; a directive cut short by an error is not protected, and the parser
stops there, so later directives are not protected either.  The marks come from the same
scanners the checks use.
"""

from __future__ import annotations

import re

from hatch_minipo.formats import c, python, python_brace
from hatch_minipo.formats.base import END, ERROR, START, Invalid, Marks
from hatch_minipo.formats.checks import gnu_scanner


def _mark(language: str, text: str, is_msgstr: bool, marks: Marks) -> bool:
    """Run the scanner of ``language`` over ``text``; False when there is none."""
    try:
        if language == "c":
            c.scan(text, translated=is_msgstr, marks=marks)
        elif language == "python":
            python.scan(text, marks=marks)
        elif language == "python-brace":
            python_brace.scan(text, marks=marks)
        else:
            scanner = gnu_scanner(f"{language}-format")
            if scanner is None:
                return False
            scanner.scan(text, is_msgstr, marks)
    except Invalid:
        pass  # the marks set up to the failure are what the writer uses
    return True


def inside_directives(language: str, text: bytes, is_msgstr: bool) -> list[bool] | None:
    """Per byte of ``text``: inside a directive of ``language`` but not its first byte.

    ``text`` is in the catalog's encoding: gettext's parsers run on bytes, and in BIG5, GBK,
    SHIFT_JIS... the second byte of a character can look like ASCII.  None when no scanner
    exists for ``language`` (no directive is then protected).
    """
    introducer = _INTRODUCERS.get(language)
    if introducer is not None and introducer not in text:
        return [False] * len(text)  # no directive can start: nothing to scan for
    marks = Marks(len(text))
    # Latin-1 maps each byte to one character: the scanners see the bytes, positions intact.
    if not _mark(language, text.decode("latin-1"), is_msgstr, marks):
        return None
    return _inside(marks.bits, len(text))


def _inside(bits: bytearray, length: int) -> list[bool]:
    """Per byte: inside a directive the marks ``bits`` delimit, but not its first byte."""
    inside = [False] * length
    # Marks are few: walk the marked bytes only (a string can be long, its directives short).
    marked = [match.start() for match in _MARKED.finditer(bits)]
    i = 0
    while i < len(marked):
        p = marked[i]
        if bits[p] & START:
            j = i
            while j < len(marked) and not bits[marked[j]] & (END | ERROR):
                j += 1
            if j == len(marked):
                break  # gettext aborts here; no parser above gets there
            q = marked[j]
            if not bits[q] & ERROR:
                inside[p + 1 : q + 1] = [True] * (q - p)
            i = j
        i += 1
    return inside


# The byte every directive of the languages most catalogs use starts with.
_INTRODUCERS = {"c": b"%", "python": b"%", "python-brace": b"{"}
_MARKED = re.compile(rb"[^\x00]")
