"""Split a PO string over lines the way GNU gettext 0.21 writes it.

This follows ``wrap()`` in gettext 0.21's write-po.c, and the libunistring 1.0 functions
it calls (``ulc_width_linebreaks_v2``, ``u8_possible_linebreaks_loop``, ``uc_width``):

* the value is cut after every ``\\n``; each piece is escaped and line-broken alone;
* break opportunities are those of UAX #14 as libunistring 1.0 computes them, on the
  *escaped* text (a backslash is a prefix-numeric character there);
* a break is never taken inside a format directive of the entry's first format language
  (c-format, python-format, ...), nor inside an escape sequence, nor before a final ``\\n``;
* widths are terminal columns (East Asian wide characters count 2, and in legacy CJK
  charsets nearly every non-ASCII character does);
* a value that spans several lines starts with an empty ``""`` line.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import re
from typing import TYPE_CHECKING, ClassVar

from hatch_minipo.formats.spans import inside_directives
from hatch_minipo.po import _linebreak_data as _data
from hatch_minipo.po.flags import EntryFlags, parse_flags

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


__all__ = ["canonical_charset", "escape_po", "page_width_of", "wrap_po_string"]

# UC_BREAK_* of libunistring's unilbrk.h.
_UNDEFINED = 0
_PROHIBITED = 1
_POSSIBLE = 2
_MANDATORY = 3
_CR_BEFORE_LF = 5

# Line-break classes as numbered in libunistring 1.0's lbrktables.h.  Classes below
# _data.PAIR_CLASSES index the pair table; the others are resolved before lookup.
_WJ, _GL, _B2, _BA, _BB, _HY, _CL, _CP1, _CP2, _EX, _IN, _NS, _OP1, _OP2 = range(14)
_QU, _IS, _NU, _PO, _PR, _SY, _AL, _H2, _H3, _ID1, _ID2, _JL, _JV, _JT = range(14, 28)
_HL, _RI, _ZWJ, _EB, _EM = range(28, 33)
_BK, _CR, _LF, _CM, _ZW, _SP, _CB, _AI, _SA, _XX = range(33, 43)
_HL_BA = 100  # runtime-only: a Hebrew letter followed by a hyphen or break-after

# uc_width: in these legacy CJK encodings ambiguous characters are wide (uniwidth/cjk.h).
_CJK_ENCODINGS = frozenset(
    {"EUC-JP", "GB2312", "GBK", "EUC-TW", "BIG5", "EUC-KR", "CP949", "JOHAB"}
)

_INT_MAX = 2**31 - 1

_ESCAPES = {
    "\a": "a",
    "\b": "b",
    "\f": "f",
    "\n": "n",
    "\r": "r",
    "\t": "t",
    "\v": "v",
    "\\": "\\",
    '"': '"',
}
_ESCAPE_TABLE = str.maketrans({char: "\\" + letter for char, letter in _ESCAPES.items()})
_TO_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
# Printable ASCII and escaped characters, with no newline but a final one: one portion.
_ONE_LINE = re.compile("[\x20-\x7e\a\b\f\r\t\v]*\n?\\Z")

# po-charset.c: the names gettext recognises, and the canonical spelling of each.
_ASCII_NAMES = ("ASCII", "ANSI_X3.4-1968", "US-ASCII")
_CODE_PAGES = (850, 866, 874, 932, 949, 950, 1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257)
_OTHER_CHARSETS = (
    "KOI8-R",
    "KOI8-U",
    "KOI8-T",
    *(f"CP{number}" for number in _CODE_PAGES),
    "GB2312",
    "EUC-JP",
    "EUC-KR",
    "EUC-TW",
    "BIG5",
    "BIG5-HKSCS",
    "GBK",
    "GB18030",
    "SHIFT_JIS",
    "JOHAB",
    "TIS-620",
    "VISCII",
    "GEORGIAN-PS",
    "UTF-8",
)
_CANONICAL: dict[str, str] = dict.fromkeys(_ASCII_NAMES, "ASCII")
for _n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15):
    _CANONICAL[f"ISO-8859-{_n}"] = _CANONICAL[f"ISO_8859-{_n}"] = f"ISO-8859-{_n}"
_CANONICAL.update({name: name for name in _OTHER_CHARSETS})


def canonical_charset(charset: str) -> str | None:
    """The name gettext uses for ``charset`` (``po_charset_canonicalize``), or None."""
    # c_strcasecmp folds ASCII letters only.
    folded = "".join(c.upper() if "a" <= c <= "z" else c for c in charset)
    return _CANONICAL.get(folded)


def escape_po(value: str) -> str:
    """``value`` as it appears between the quotes of a PO string."""
    # Most strings hold nothing to escape: a search in C is cheaper than translate's lookups.
    return value.translate(_ESCAPE_TABLE) if _TO_ESCAPE.search(value) else value


# Per-character lookups, memoised: catalogs reuse a small alphabet.
_CLASS_CACHE: dict[str, int] = {}
_WIDTH_CACHE: dict[str, int] = {}


def _linebreak_class(char: str) -> int:
    prop = _CLASS_CACHE.get(char)
    if prop is None:
        index = bisect.bisect_right(_data.LINEBREAK_STARTS, ord(char)) - 1
        prop = _CLASS_CACHE[char] = _data.LINEBREAK_CLASSES[index]
    return prop


def _width(char: str, cjk: bool) -> int:
    """uc_width: -1 for control characters, else 0, 1 or 2 columns."""
    width = _WIDTH_CACHE.get(char)
    if width is None:
        index = bisect.bisect_right(_data.WIDTH_STARTS, ord(char)) - 1
        width = _WIDTH_CACHE[char] = _data.WIDTH_VALUES[index] - 1
    if cjk and width == 1 and "\xa1" <= char < "\uff61" and char != "\u20a9":
        return 2
    return width


# Complexity: one pass over every character of every string written, and a transcription of
# libunistring's loop rule by rule; split into calls, it ran measurably slower.
def _possible_linebreaks(text: Sequence[str], cjk: bool) -> list[int]:
    """u8_possible_linebreaks_v2, one entry per character: the break before it."""
    result = [_PROHIBITED] * len(text)
    ai_replacement = _ID1 if cjk else _AL
    table = _data.PAIR_TABLE
    prev_prop = _BK  # class of the previous character
    last_prop = _BK  # class of the last character that is not a space
    seen_space = False
    ri_count = 0
    for i, char in enumerate(text):
        prop = _linebreak_class(char)
        if prop in (_BK, _LF, _CR):
            result[i] = _MANDATORY
            if prev_prop == _CR and prop == _LF:
                result[i - 1] = _CR_BEFORE_LF
            prev_prop = prop
            last_prop = _BK
            seen_space = False
        else:
            if prop == _AI:
                prop = ai_replacement
            elif prop == _CB:
                prop = _ID1
            elif prop in (_SA, _XX):
                prop = _AL
            if prop == _SP:
                seen_space = True
            elif prop == _ZW:
                last_prop = _ZW
                seen_space = False
            elif prop in (_CM, _ZWJ):
                if last_prop == _BK:
                    last_prop = _AL
                    seen_space = False
                elif last_prop == _ZW or seen_space:
                    result[i] = _POSSIBLE
                    last_prop = _AL
                    seen_space = False
            else:
                if last_prop == _BK:
                    pass
                elif last_prop == _ZW:
                    result[i] = _POSSIBLE
                elif prev_prop == _ZWJ:
                    pass
                elif last_prop == _RI and prop == _RI:
                    if seen_space or ri_count % 2 == 0:
                        result[i] = _POSSIBLE
                elif prev_prop == _HL_BA:
                    pass
                else:
                    pair = table[last_prop * _data.PAIR_CLASSES + prop]
                    if pair == 1 or (pair == 2 and seen_space):
                        result[i] = _POSSIBLE
                last_prop = prop
                seen_space = False
            prev_prop = _HL_BA if prev_prop == _HL and prop in (_HY, _BA) else prop
        ri_count = ri_count + 1 if prop == _RI else 0
    return result


def _width_linebreaks(
    possible: Sequence[int],
    widths: Sequence[int],
    width: int,
    start_column: int,
    overrides: Sequence[int],
) -> list[int]:
    """u8_width_linebreaks_v2 with at_end_columns 0, from u8_possible_linebreaks' result."""
    breaks = list(possible)
    last_break: int | None = None
    last_column = start_column
    piece_width = 0
    for i, char_width in enumerate(widths):
        if overrides[i] != _UNDEFINED:
            breaks[i] = overrides[i]
        kind = breaks[i]
        if (
            kind in (_POSSIBLE, _MANDATORY, _CR_BEFORE_LF)
            and last_break is not None
            and last_column + piece_width > width
        ):
            breaks[last_break] = _POSSIBLE
            last_column = 0
        if kind in (_MANDATORY, _CR_BEFORE_LF):
            last_break = None
            last_column = 0
            piece_width = 0
        else:
            if kind == _POSSIBLE:
                last_break = i
                last_column += piece_width
                piece_width = 0
            breaks[i] = _PROHIBITED
            if char_width >= 0:  # control characters take no room
                piece_width += char_width
    if last_break is not None and last_column + piece_width > width:
        breaks[last_break] = _POSSIBLE
    return breaks


class _Portion:
    """A value up to and including a '\\n', escaped as write-po.c escapes it.

    ``pieces`` are written; ``units`` are what libunistring sees: the same characters,
    except that a non-ASCII character of an undecodable catalog is one '?' per byte.
    ``firsts`` maps each piece to its first unit.
    """

    def __init__(
        self, text: str, forbidden: Sequence[bool], raw_codec: str | None, cjk: bool
    ) -> None:
        self.pieces: list[str] = []
        self.firsts: list[int] = []
        units: list[str] = []
        overrides: list[int] = []
        for char, inside_directive in zip(text, forbidden):
            brk = _PROHIBITED if inside_directive else _UNDEFINED
            letter = _ESCAPES.get(char)
            if letter is not None:
                self.firsts += (len(units), len(units) + 1)
                self.pieces += ("\\", letter)
                units += ("\\", letter)
                overrides += (brk, _PROHIBITED)
            elif raw_codec is not None and char >= "\x80":
                count = len(_encode(char, raw_codec))
                self.firsts.append(len(units))
                self.pieces.append(char)
                units += "?" * count
                overrides += [brk] + [_PROHIBITED] * (count - 1)
            else:
                self.firsts.append(len(units))
                self.pieces.append(char)
                units.append(char)
                overrides.append(brk)
        if text.endswith("\n"):
            overrides[-2] = _PROHIBITED  # no break just before the final "\n"
        self.units = units
        self.overrides = overrides
        self.cjk = cjk
        self.widths = [_width(unit, cjk) for unit in units]
        self.room = sum(w for w in self.widths if w > 0)
        self._possible: list[int] | None = None

    def cuts(self, width: int, start_column: int) -> list[int]:
        """The pieces a new line starts before."""
        return [index for index, brk in enumerate(self.breaks(width, start_column)) if brk]

    def breaks(self, width: int, start_column: int) -> list[bool]:
        """ulc_width_linebreaks: per piece, does a new line start before it?"""
        if start_column + self.room <= width:
            # Columns never exceed the total, so no break gets inserted.
            return [False] * len(self.pieces)
        if self._possible is None:
            self._possible = _possible_linebreaks(self.units, self.cjk)
        breaks = _width_linebreaks(self._possible, self.widths, width, start_column, self.overrides)
        return [breaks[first] == _POSSIBLE for first in self.firsts]


class _ClassLetters(dict[int, str]):
    """A str.translate table: each character to one letter naming its line-break class, as
    _possible_linebreaks resolves it (AI, CB, SA and XX replaced); filled as characters come."""

    def __init__(self, cjk: bool) -> None:
        super().__init__()
        self.ai = _ID1 if cjk else _AL

    def __missing__(self, code: int) -> str:
        prop = _linebreak_class(chr(code))
        if prop == _AI:
            prop = self.ai
        elif prop == _CB:
            prop = _ID1
        elif prop in (_SA, _XX):
            prop = _AL
        letter = self[code] = _letter(prop)
        return letter


def _letter(prop: int) -> str:
    return chr(0x100 + prop)


def _letters(props: Sequence[int]) -> str:
    return "".join(re.escape(_letter(prop)) for prop in props)


def _plain_break_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Regular expressions over class letters that find _possible_linebreaks' breaks.

    For text without the classes that need more than the pair table (combining marks, ZWJ,
    regional indicators, Hebrew letters, ZW, mandatory breaks), a break comes before a
    character exactly when the pair (last non-space class, its class) is a direct break, or
    an indirect one after spaces.
    """
    table = _data.PAIR_TABLE
    count = _data.PAIR_CLASSES
    # A direct break: the first class is matched (a branch per class, each starting with its
    # letter, which the regex engine tests before anything else), the second looked ahead
    # at; the break is at the end of the match.  Five times faster than lookbehinds.
    direct_alternatives: list[str] = []
    spaced: dict[str, list[int]] = {}
    for first in range(count):
        after = [table[first * count + second] for second in range(count)]
        seconds = _letters([k for k, v in enumerate(after) if v == 1])
        if seconds:
            direct_alternatives.append(f"{re.escape(_letter(first))}(?=[{seconds}])")
        spaced.setdefault(_letters([k for k, v in enumerate(after) if v in (1, 2)]), []).append(
            first
        )
    space = re.escape(_letter(_SP))
    spaced_alternatives = [
        f"(?<=[{_letters(firsts)}]){space}+(?=[{seconds}])"
        for seconds, firsts in spaced.items()
        if seconds
    ]
    unsupported = _letters([_HL, _RI, _ZWJ, _CM, _ZW, _BK, _CR, _LF])
    return (
        re.compile("|".join(direct_alternatives)),
        re.compile("|".join(spaced_alternatives)),
        re.compile(f"[{unsupported}]"),
    )


class _Plain:
    """The common case of _Portion, found with regular expressions instead of a loop per
    character: every unit one column wide, no class beyond the pair table, no CJK widths.

    Break opportunities and directives are looked for only when the portion does not fit.
    """

    __slots__ = ("_breaks_at", "directives", "letters", "pieces", "text", "units")

    direct: ClassVar[re.Pattern[str] | None] = None
    spaced: ClassVar[re.Pattern[str]]
    unsupported: ClassVar[re.Pattern[str]]
    classes: ClassVar[_ClassLetters] = _ClassLetters(cjk=False)
    # Characters known to be one column wide: printable ASCII, then those met since.
    narrow: ClassVar[set[str]] = {chr(code) for code in range(0x20, 0x7F)}

    def __init__(
        self, text: str, units: str, letters: str, directives: Callable[[], Sequence[bool]]
    ) -> None:
        self.text = text
        self.units = units
        self.letters = letters
        self.pieces = list(units)  # one per unit, as _Portion's: an escape is two
        self.directives = directives
        self._breaks_at: list[int] | None = None

    @classmethod
    def of(cls, text: str, directives: Callable[[], Sequence[bool]]) -> _Plain | None:
        """The portion ``text``, or None when it needs the loop of _Portion.

        ``directives`` gives, per character, whether it is inside a format directive.
        """
        if cls.direct is None:
            cls.direct, cls.spaced, cls.unsupported = _plain_break_patterns()
        for char in set(text.removesuffix("\n")) - cls.narrow:
            if _width(char, False) != 1:
                return None  # controls (escaped or not), wide and zero-width characters
            cls.narrow.add(char)
        units = escape_po(text)
        letters = units.translate(cls.classes)
        if cls.unsupported.search(letters):
            return None
        return cls(text, units, letters, directives)

    @property
    def breaks_at(self) -> list[int]:
        """The units a line may start before, in order."""
        if self._breaks_at is None:
            assert self.direct is not None  # noqa: S101 - set by of()
            letters = self.letters
            found = {match.end() for match in self.direct.finditer(letters)}
            found.update(match.end() for match in self.spaced.finditer(letters))
            # The second unit of an escape, and a final "\n", are never broken before.
            seconds = [match.start() + 1 for match in _ESCAPED.finditer(self.units)]
            blocked = set(seconds)
            if self.text.endswith("\n"):
                blocked.add(len(self.units) - 2)
            forbidden = self.directives() if found else ()
            if not any(forbidden):  # most strings: no directive, or none in the way
                self._breaks_at = sorted(found - blocked)
            else:
                self._breaks_at = sorted(
                    position
                    for position in found
                    if position not in blocked
                    and not forbidden[position - bisect.bisect_left(seconds, position)]
                )
        return self._breaks_at

    def cuts(self, width: int, start_column: int) -> list[int]:
        """_width_linebreaks over the possible breaks alone: every unit is one column."""
        room = len(self.pieces)
        if start_column + room <= width:
            return []
        result: list[int] = []
        last_break: int | None = None
        last_column = start_column
        previous = 0
        for position in self.breaks_at:
            piece = position - previous
            if last_break is not None and last_column + piece > width:
                result.append(last_break)
                last_column = 0
            last_break = position
            last_column += piece
            previous = position
        if last_break is not None and last_column + (room - previous) > width:
            result.append(last_break)
        return result


_ESCAPED = re.compile(r"\\.", re.DOTALL)


def _portion(
    text: str, directives: Callable[[], Sequence[bool]], raw_codec: str | None, cjk: bool
) -> _Plain | _Portion:
    if raw_codec is None and not cjk:
        plain = _Plain.of(text, directives)
        if plain is not None:
            return plain
    return _Portion(text, directives(), raw_codec, cjk)


def _python_codec(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _encode(char: str, codec: str | None) -> bytes:
    """``char`` in the catalog encoding; UTF-8 when Python has no codec for it."""
    try:
        return char.encode(codec or "utf-8")
    except UnicodeEncodeError:
        return char.encode("utf-8")


def _char_offsets(value: str, codec: str | None) -> tuple[bytes, list[int]]:
    """The value in its catalog encoding, and the byte offset where each character starts.

    Format parsers run on bytes: in BIG5, GBK, SHIFT_JIS... the second byte of a
    character can look like ASCII.
    """
    if value.isascii():
        return value.encode("ascii"), list(range(len(value)))
    offsets = []
    chunks = []
    position = 0
    for char in value:
        encoded = _encode(char, codec)
        offsets.append(position)
        chunks.append(encoded)
        position += len(encoded)
    return b"".join(chunks), offsets


def _slice(whole: Callable[[], Sequence[bool]], start: int, end: int) -> Sequence[bool]:
    return whole()[start:end]


def _forbidden_breaks(
    value: str, keyword: str, language: str | None, codec: str | None
) -> list[bool]:
    """Per character: is it inside (and not at the start of) a format directive?"""
    if language is None or not value:
        return [False] * len(value)
    if codec in (None, "utf-8"):
        try:
            encoded = value.encode("utf-8")
        except UnicodeEncodeError:
            pass  # an undecodable byte kept as a surrogate: the loop below
        else:
            inside = inside_directives(language, encoded, keyword.startswith("msgstr"))
            if inside is None:
                return [False] * len(value)
            # A character starts at each byte that is not a UTF-8 continuation byte.
            return [flag for flag, byte in zip(inside, encoded) if byte & 0xC0 != 0x80]
    encoded, offsets = _char_offsets(value, codec)
    inside = inside_directives(language, encoded, keyword.startswith("msgstr"))
    if inside is None:
        return [False] * len(value)
    return [inside[offset] for offset in offsets]


def wrap_po_string(
    keyword: str,
    value: str,
    *,
    width: int | None = 79,
    format_flags: Sequence[str] | EntryFlags = (),
    prefix: str = "",
    charset: str = "UTF-8",
) -> list[str]:
    """The lines GNU gettext 0.21 writes for ``keyword "value"``, without newlines.

    ``keyword`` is ``msgid``, ``msgstr[0]``, ``msgctxt``...; ``width`` is the page width
    (``--width``), None for ``--no-wrap``; ``format_flags`` are the entry's flags (``#,``
    comment items such as ``c-format`` or ``no-wrap``, or them parsed: the writer parses
    them once per entry); ``prefix`` starts every line
    (``"#~ "`` for obsolete entries, and counts toward the width); ``charset`` is the
    catalog's declared encoding.
    """
    flags = format_flags if isinstance(format_flags, EntryFlags) else parse_flags(format_flags)
    page_width = _INT_MAX if width is None or flags.wrap is False else page_width_of(width)
    # Most strings are printable ASCII that fits on the keyword line: one column per character
    # (two per escape), no break to look for, so none of the machinery below is needed.
    if _ONE_LINE.match(value):
        escaped = escape_po(value)
        if len(keyword) + 1 + len(escaped) <= page_width - 1 - (len(prefix) + 1):
            return [f'{prefix}{keyword} "{escaped}"']
    canon, codec = _charset_names(charset)
    # With a charset name gettext does not know, it handles the bytes one by one, and
    # libunistring's conversion from ASCII turns every non-ASCII byte into a '?'.  (For a
    # known ASCII charset gettext drops such bytes instead; they are kept here.)
    raw_codec = (codec or "utf-8") if canon in (None, "ASCII") else None
    cjk = canon in _CJK_ENCODINGS
    # write-po.c counts columns from the prefix on: one more for the opening quote of a
    # continuation line, and keeps one for the closing quote.
    line_width = page_width - 1 - (len(prefix) + 1)
    # The same shortcut for any other text on one line (one portion) whose columns fit:
    # translations in Cyrillic, Greek, CJK... never reach the line-break tables either.
    if raw_codec is None and value.find("\n", 0, len(value) - 1) < 0:
        escaped = escape_po(value)
        if len(keyword) + 1 + _columns(escaped, cjk) <= line_width:
            return [f'{prefix}{keyword} "{escaped}"']
    return _wrap_portions(
        keyword,
        value,
        flags=flags,
        prefix=prefix,
        codec=codec,
        raw_codec=raw_codec,
        cjk=cjk,
        line_width=line_width,
    )


@functools.lru_cache(maxsize=64)
def _charset_names(charset: str) -> tuple[str | None, str | None]:
    """gettext's name for ``charset`` and Python's codec for it (None where unknown)."""
    canon = canonical_charset(charset)
    return canon, _python_codec(canon or charset)


def _columns(escaped: str, cjk: bool) -> int:
    """The columns ulc_width_linebreaks counts for ``escaped`` (controls take none)."""
    narrow = _Plain.narrow
    if not cjk and narrow.issuperset(escaped):
        return len(escaped)
    total = 0
    for char in escaped:
        width = _width(char, cjk)
        if width > 0:
            total += width
            if width == 1 and not cjk:
                narrow.add(char)
    return total


def _wrap_portions(
    keyword: str,
    value: str,
    *,
    flags: EntryFlags,
    prefix: str,
    codec: str | None,
    raw_codec: str | None,
    cjk: bool,
    line_width: int,
) -> list[str]:
    """wrap_po_string's lines, a portion (up to a '\\n') at a time, breaking where needed."""
    # Where the directives are, looked for only when a portion has to be broken.
    found: list[Sequence[bool]] = []

    def forbidden() -> Sequence[bool]:
        if not found:
            found.append(_forbidden_breaks(value, keyword, flags.format_language, codec))
        return found[0]

    lines: list[str] = []
    first_line = True
    start = 0
    while True:
        end = value.find("\n", start)
        end = len(value) if end < 0 else end + 1
        portion = _portion(
            value[start:end], functools.partial(_slice, forbidden, start, end), raw_codec, cjk
        )
        start_column = len(keyword) + 1 if first_line else 0
        cuts = portion.cuts(line_width, start_column)
        # A value that continues after this '\n', does not fit, or breaks anyway starts
        # with an empty string on the keyword line.
        if (
            first_line
            and portion.pieces
            and (end < len(value) or start_column > line_width or cuts)
        ):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            cuts = portion.cuts(line_width, 0)
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        pieces = portion.pieces
        for begin, stop in zip([0, *cuts], [*cuts, len(pieces)]):
            lines.append(f'{head}"{"".join(pieces[begin:stop])}"')
            head = prefix

        start = end
        if start >= len(value):
            return lines


def page_width_of(width: int) -> int:
    """The page width for ``--width``: 0 means unlimited, fewer than 20 columns become 20."""
    if width <= 0:
        return _INT_MAX
    return max(width, 20)
