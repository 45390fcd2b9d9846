"""Where the format directives of a PO string are, as GNU gettext 0.21 sees them.

write-po.c never breaks a line inside a format directive.  It asks the parser of the
entry's first format language (in gettext's own order) to mark each directive's start,
end, or the point where parsing failed; a directive cut short by an error is not
protected, and the parser stops there, so later directives are not protected either.
The parsers below reproduce what gettext 0.21's C, Python and Python-brace parsers mark
(checked against msgattrib), not the argument types they also work out.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

# The order of format_language[] in the gettext 0.21 build measured (msgattrib prints
# flags in that order); it decides whose parser runs when an entry has several.
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

_START = 1
_END = 2
_ERROR = 4

_SEPARATORS = "\n \t\r\f\v,"


@dataclasses.dataclass(frozen=True)
class EntryFlags:
    """What the wrapper needs from a ``#,`` line."""

    format_language: str | None = None
    no_wrap: bool = False


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


def parse_flags(items: Sequence[str]) -> EntryFlags:
    """Read flags as po_parse_comment_special does; items may be single flags or lines."""
    states: dict[str, str] = {}
    no_wrap = False
    for item in items:
        for word in "".join(" " if c in _SEPARATORS else c for c in item).split():
            flag = format_flag(word)
            if flag is not None:
                states[flag[0]] = flag[1]
                continue
            if word == "wrap":
                no_wrap = False
            elif word == "no-wrap":
                no_wrap = True
    language = next(
        (name for name in FORMAT_LANGUAGES if states.get(name) in ("yes", "possible")), None
    )
    return EntryFlags(language, no_wrap)


class _Marks:
    """The fdi array of a parser: one bit set per byte of the string."""

    def __init__(self, text: bytes) -> None:
        self.text = text
        self.bits = bytearray(len(text))

    def at(self, index: int) -> int:
        # C strings end in NUL; reading past the end sees 0.
        return self.text[index] if index < len(self.text) else 0

    def set(self, index: int, bit: int) -> None:
        if index < len(self.bits):  # gettext writes one past the end here; nobody reads it
            self.bits[index] |= bit


def _isdigit(byte: int) -> bool:
    return 0x30 <= byte <= 0x39


def _skip_digits(marks: _Marks, i: int) -> int:
    while _isdigit(marks.at(i)):
        i += 1
    return i


def _argument_number(marks: _Marks, i: int) -> tuple[int, int] | None:
    """``m$`` at i: (m, index after '$'), or None when there is none."""
    if not _isdigit(marks.at(i)):
        return None
    end = _skip_digits(marks, i)
    if marks.at(end) != ord("$"):
        return None
    return int(marks.text[i:end]), end + 1


# ISO C 99 <inttypes.h> macro tails after PRI{d,i,o,u,x,X}, and size letters.
_C99_SIZES = tuple(
    b"MAX PTR LEAST8 LEAST16 LEAST32 LEAST64 FAST8 FAST16 FAST32 FAST64 8 16 32 64".split()
)
_C_SIZE_LETTERS = frozenset(b"hlLqjzZt")
_C_SPECIFIERS = frozenset(b"%mcCsSiduoxXeEfFgGaApn")


def _parse_c(marks: _Marks, translated: bool, objc: bool) -> None:
    text = marks.text
    numbered = unnumbered = 0
    i = 0
    while i < len(text):
        i += 1
        if text[i - 1] != ord("%"):
            continue
        marks.set(i - 1, _START)
        number = 0
        if _isdigit(marks.at(i)):
            end = _skip_digits(marks, i)
            if marks.at(end) == ord("$"):
                number = int(text[i:end])
                if number == 0:
                    marks.set(end, _ERROR)
                    return
                i = end + 1
        while marks.at(i) in b" +-#0'" or (translated and marks.at(i) == ord("I")):
            i += 1  # flags, and glibc's 'I' in translations
        for is_precision in (False, True):
            if is_precision:
                if marks.at(i) != ord("."):
                    break
                i += 1
            if marks.at(i) == ord("*"):
                i += 1
                argument = _argument_number(marks, i)
                if argument is not None:
                    if argument[0] == 0:
                        marks.set(argument[1] - 1, _ERROR)
                        return
                    i = argument[1]
                    if unnumbered:
                        marks.set(i - 1, _ERROR)
                        return
                    numbered += 1
                else:
                    if numbered:
                        marks.set(i - 1, _ERROR)
                        return
                    unnumbered += 1
            else:
                i = _skip_digits(marks, i)
        if marks.at(i) == ord("<"):
            i += 1
            end = _c99_macro_end(marks, i)
            if end < 0:
                position = -end
                marks.set(position - 1 if marks.at(position) == 0 else position, _ERROR)
                return
            i = end
            takes_argument = True
        else:
            while marks.at(i) in _C_SIZE_LETTERS:
                i += 1
            specifier = marks.at(i)
            if not (specifier in _C_SPECIFIERS or (objc and specifier == ord("@"))):
                marks.set(i - 1 if specifier == 0 else i, _ERROR)
                return
            takes_argument = specifier not in b"%m"
        if takes_argument:
            if (number and unnumbered) or (not number and numbered):
                marks.set(i, _ERROR)
                return
            if number:
                numbered += 1
            else:
                unnumbered += 1
        marks.set(i, _END)
        i += 1


def _c99_macro_end(marks: _Marks, i: int) -> int:
    """Index of the closing '>' of ``<PRIdMAX>``-style macros, or minus the error index."""
    for expected in b"PRI":
        if marks.at(i) != expected:
            return -i
        i += 1
    if marks.at(i) not in b"diouxX":
        return -i
    i += 1
    for size in _C99_SIZES:
        if marks.text.startswith(size, i):
            i += len(size)
            break
    else:
        # gettext reports the first byte that does not fit LEAST/FAST/digits.
        for family in (b"LEAST", b"FAST"):
            if marks.text.startswith(family, i):
                i += len(family)
                break
        return -i
    if marks.at(i) != ord(">"):
        return -i
    return i


def _parse_python(marks: _Marks) -> None:
    text = marks.text
    named = unnamed = 0
    i = 0
    while i < len(text):
        i += 1
        if text[i - 1] != ord("%"):
            continue
        marks.set(i - 1, _START)
        has_name = False
        if marks.at(i) == ord("("):
            i += 1
            depth = 0
            while marks.at(i) != 0:
                if marks.at(i) == ord("("):
                    depth += 1
                elif marks.at(i) == ord(")"):
                    if depth == 0:
                        break
                    depth -= 1
                i += 1
            if marks.at(i) == 0:
                marks.set(i - 1, _ERROR)
                return
            i += 1
            has_name = True
        while marks.at(i) in b"-+ #0":
            i += 1
        for is_precision in (False, True):
            if is_precision:
                if marks.at(i) != ord("."):
                    break
                i += 1
            if marks.at(i) == ord("*"):
                i += 1
                if named:
                    marks.set(i - 1, _ERROR)
                    return
                unnamed += 1
            else:
                i = _skip_digits(marks, i)
        if marks.at(i) in b"hlL":
            i += 1
        specifier = marks.at(i)
        if specifier not in b"%csriduoxXeEfgG":
            marks.set(i - 1 if specifier == 0 else i, _ERROR)
            return
        if has_name:
            if unnamed:
                marks.set(i, _ERROR)
                return
            named += 1
        elif specifier != ord("%"):
            if named:
                marks.set(i, _ERROR)
                return
            unnamed += 1
        marks.set(i, _END)
        i += 1


def _is_name_start(byte: int) -> bool:
    return 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A or byte == 0x5F


def _brace_field(marks: _Marks, i: int, numeric: bool) -> int | None:
    """End of an identifier (or of a number, when allowed) at i, or None."""
    byte = marks.at(i)
    if _is_name_start(byte):
        i += 1
        while _is_name_start(marks.at(i)) or _isdigit(marks.at(i)):
            i += 1
        return i
    if numeric and _isdigit(byte):
        return _skip_digits(marks, i)
    return None


def _brace_directive(marks: _Marks, i: int, toplevel: bool) -> int | None:
    """Parse the directive whose '{' is at i; the index after it, or None on error.

    gettext's parse_directive takes its own '{' as the origin of the marks it sets, so
    they land that many bytes too early: the first directive of a string starting at
    offset 0 is the only one protected where it stands.
    """
    origin = i
    i += 1
    if marks.at(i) == ord("{"):
        return i + 1  # an escaped brace
    name_start = i
    end = _brace_field(marks, i, numeric=True)
    if end is None:
        marks.set(i - origin, _ERROR)
        return None
    i = end
    while True:
        byte = marks.at(i)
        if byte == ord("."):
            end = _brace_field(marks, i + 1, numeric=False)
            if end is None:
                marks.set(i + 1 - origin, _ERROR)
                return None
            i = end
        elif byte == ord("["):
            end = _brace_field(marks, i + 1, numeric=True)
            if end is None:
                marks.set(i + 1 - origin, _ERROR)
                return None
            if marks.at(end) != ord("]"):
                marks.set(end - origin, _ERROR)
                return None
            i = end + 1
        else:
            break
    if marks.at(i) == ord(":"):
        if not toplevel:
            marks.set(i - origin, _ERROR)
            return None
        i += 1
        if marks.at(i) == ord("{"):
            nested_end = _brace_directive(marks, i, toplevel=False)
            if nested_end is None:
                return None
            i = nested_end
        else:
            i = _brace_format_spec(marks, i, origin)
            if i < 0:
                return None
    if marks.at(i) != ord("}"):
        marks.set(i - origin, _ERROR)
        return None
    if toplevel:
        marks.set(name_start - 1 - origin, _START)
        marks.set(i - origin, _END)
    return i + 1


def _brace_format_spec(marks: _Marks, i: int, origin: int) -> int:
    """Skip ``[[fill]align][sign][#][0][width][.precision][type]``; -1 on error."""
    if marks.at(i) == 0:
        marks.set(i - origin, _ERROR)
        return -1
    if marks.at(i + 1) in b"<>=^":
        i += 2
    elif marks.at(i) in b"<>=^":
        i += 1
    for optional in (b"+- ", b"#", b"0"):
        if marks.at(i) in optional:
            i += 1
    i = _skip_digits(marks, i)
    if marks.at(i) == ord("."):
        i = _skip_digits(marks, i + 1) if _isdigit(marks.at(i + 1)) else i
    if marks.at(i) in b"bcdoxXneEfFgG%":
        i += 1
    return i


def _parse_python_brace(marks: _Marks) -> None:
    i = 0
    while i < len(marks.text):
        if marks.text[i] == ord("{"):
            end = _brace_directive(marks, i, toplevel=True)
            if end is None:
                return
            i = end
        else:
            i += 1


def inside_directives(language: str, text: bytes, is_msgstr: bool) -> list[bool] | None:
    """Per byte of ``text``: inside a directive of ``language`` but not its first byte.

    None when this module has no parser for ``language`` (no directive is then protected).
    """
    marks = _Marks(text)
    if language in ("c", "objc"):
        _parse_c(marks, translated=is_msgstr, objc=language == "objc")
    elif language == "python":
        _parse_python(marks)
    elif language == "python-brace":
        _parse_python_brace(marks)
    else:
        return None
    inside = [False] * len(text)
    bits = marks.bits
    p = 0
    while p < len(bits):
        if bits[p] & _START:
            q = next((k for k in range(p, len(bits)) if bits[k] & (_END | _ERROR)), None)
            if q is None:
                break  # gettext aborts here; no parser above gets there
            if not bits[q] & _ERROR:
                for k in range(p + 1, q + 1):
                    inside[k] = True
            p = q
        p += 1
    return inside
