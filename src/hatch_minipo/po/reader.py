"""Read PO bytes into a Catalog, the way GNU gettext 0.21 reads them, with every problem placed.

One pass over the lines.  The common line (a keyword or a continuation with one plain string)
is matched by a single regular expression; anything else goes through a small tokenizer that
knows every case GNU's lexer and grammar distinguish.  Problems never raise: they are collected
as diagnostics so that a file reports all of them at once.
"""

from __future__ import annotations

import codecs
import functools
import io
import re
import sys
from typing import TYPE_CHECKING, NamedTuple

from hatch_minipo.errors import Diagnostic
from hatch_minipo.po.catalog import Catalog, Message
from hatch_minipo.po.flags import split_flags

if TYPE_CHECKING:
    from collections.abc import Iterator

# The fast path: optional indentation, an optional keyword, one string, nothing after it.
_SIMPLE = re.compile(
    r"[ \t\f\v]*(msgctxt|msgid_plural|msgid|msgstr(?:\[([0-9]+)\])?)?[ \t\f\v]*"
    r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\f\v\r]*\Z'
)
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_KEYWORD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[([0-9]*)\])?")
_BLANK = " \t\f\v\r"
# What an escape may produce that the fast path leaves to the full parser: a NUL (an error),
# an EOT or a byte that is not text (the text would not be clean, see _Plain).
_ESCAPED_NOT_PLAIN = re.compile("[\x00\x04\udc80-\udcff]")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.?)", re.DOTALL)
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "b": "\b",
    "r": "\r",
    "f": "\f",
    "v": "\v",
    "a": "\a",
    "\\": "\\",
    '"': '"',
}
_CHARSET = re.compile(r"charset=\s*([^\s;\\\"]+)", re.IGNORECASE)
_BOM = b"\xef\xbb\xbf"
_OCTAL_DIGITS = frozenset("01234567")


def _index_value(digits: str) -> int:
    """The N of ``msgstr[N]``; -1 (never a valid index) for one too long to be an index."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 19 else -1


class _InvalidEscapeError(ValueError):
    pass


def _unescape(text: str, charset: str) -> str:
    """Turn the inside of a PO string into its value.

    Octal and hex escapes stand for bytes, not characters (``\\303\\251`` is "é" in a UTF-8
    file), so a string holding one is rebuilt as bytes in the file's charset and decoded again.
    Like GNU, a hex escape takes every hex digit that follows and keeps the low byte.
    """
    if "\\" not in text:
        return text
    needs_bytes = False

    def simple(match: re.Match[str]) -> str:
        nonlocal needs_bytes
        body = match.group(1)
        if body in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[body]
        # A "\x" without hex digits, "\8", "\9" or any other digit is invalid, as in GNU's lexer.
        if (body[:1] == "x" and len(body) > 1) or body[:1] in _OCTAL_DIGITS:
            needs_bytes = True
            return match.group(0)
        raise _InvalidEscapeError(body)

    value = _ESCAPE.sub(simple, text)
    if not needs_bytes:
        return value
    out = bytearray()
    pos = 0
    for match in _ESCAPE.finditer(text):
        out += text[pos : match.start()].encode(charset, "surrogateescape")
        body = match.group(1)
        if body in _SIMPLE_ESCAPES:
            out += _SIMPLE_ESCAPES[body].encode(charset, "surrogateescape")
        elif body[0] == "x":
            out.append(int(body[1:], 16) & 0xFF)
        else:
            out.append(int(body, 8) & 0xFF)
        pos = match.end()
    out += text[pos:].encode(charset, "surrogateescape")
    # Invalid bytes survive as lone surrogates; validation reports them with the entry's line.
    return bytes(out).decode(charset, "surrogateescape")


def sniff_charset(data: bytes) -> str | None:
    """The charset named in the header entry's Content-Type, or None without one.

    GNU switches to the header's charset as soon as it has read the header, which is always the
    first entry; reading the first entry as Latin-1 (any byte is a character) is enough to
    find it, and header values are ASCII in practice.  Comments before it may be of any
    length, and its value may be split over strings anywhere, "charset=" included.
    """
    parts: list[str] = []
    seen_msgid = False
    # Read lazily, line by line: the header is a few lines at the top of a long text.
    for raw in io.BytesIO(data):
        stripped = raw.decode("latin-1").strip()
        if not seen_msgid:
            if not stripped or stripped.startswith("#"):
                continue
            if not re.match(r'msgid\s+""\s*$', stripped):
                return None
            seen_msgid = True
            continue
        if not stripped or stripped.startswith(("#", "msgid")):
            break
        # `msgstr "..."` or a continuation `"..."`: the text between the quotes.
        first, last = stripped.find('"'), stripped.rfind('"')
        if first < last:
            parts.append(stripped[first + 1 : last])
    match = _CHARSET.search("".join(parts).replace("\\n", "\n"))
    return match.group(1) if match else None


class _Parser:
    def __init__(self, path: str, charset: str) -> None:
        self.path = path
        self.charset = charset
        self.messages: list[Message] = []
        self.diagnostics: list[Diagnostic] = []
        self._reset()
        # Where a continuation string goes: ("msgid", index) etc.; None when nothing open.
        self._target: list[str] | None = None
        self._comment_since_string = False

    def _reset(self) -> None:
        self.msgctxt: list[str] | None = None
        self.msgid: list[str] | None = None
        self.msgid_plural: list[str] | None = None
        self.msgstr: list[str] | None = None
        self.msgstr_plural: list[list[str]] = []
        self.msgstr_lines: list[int] = []
        self.entry_line = 0
        self.entry_obsolete: bool | None = None
        self.flags: list[str] = []
        self.translator: list[str] = []
        self.extracted: list[str] = []
        self.references: list[str] = []
        self.previous: list[str] = []
        self.bad = False

    def error(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, message))

    # -- entries -------------------------------------------------------------------------

    def _has_keywords(self) -> bool:
        return self.msgid is not None or self.msgctxt is not None

    def finish(self) -> None:
        """Close the entry being read, if any (at a comment, a new keyword or the end)."""
        if not self._has_keywords():
            return
        if self.msgid is None:
            if not self.bad:
                self.error(self.entry_line, "'msgctxt' without 'msgid'")
        elif self.msgstr is None and not self.msgstr_plural:
            if not self.bad:
                self.error(self.entry_line, "missing 'msgstr' section")
        elif self.msgid_plural is not None and not self.msgstr_plural:
            if not self.bad:
                self.error(self.entry_line, "'msgid_plural' needs 'msgstr[0]', not 'msgstr'")
        elif not self.bad:
            strs = (
                tuple("".join(p) for p in self.msgstr_plural)
                if self.msgid_plural is not None
                else ("".join(self.msgstr or ()),)
            )
            self.messages.append(
                Message(
                    msgid="".join(self.msgid),
                    msgstr=strs,
                    msgid_plural=None if self.msgid_plural is None else "".join(self.msgid_plural),
                    msgctxt=None if self.msgctxt is None else "".join(self.msgctxt),
                    flags=self.flags,
                    translator_comments=self.translator,
                    extracted_comments=self.extracted,
                    references=self.references,
                    previous=self.previous,
                    obsolete=bool(self.entry_obsolete),
                    line=self.entry_line,
                    msgstr_lines=tuple(self.msgstr_lines),
                )
            )
        self._reset()
        self._target = None

    # Complexity: GNU's grammar decides in one place whether a keyword may start here; each
    # branch is one of its error messages, kept side by side so they can be compared with it.
    def keyword(self, lineno: int, name: str, index: str | None, obsolete: bool) -> bool:
        """Start the section ``name``; False when it cannot start here (already reported)."""
        if name in ("msgctxt", "msgid") and (
            self.msgstr is not None or self.msgstr_plural or self.bad
        ):
            self.finish()
        if self._has_keywords() and self.entry_obsolete is not obsolete:
            self.error(lineno, "inconsistent use of #~")
            self.bad = True
        if not self._has_keywords() and name in ("msgctxt", "msgid"):
            self.entry_obsolete = obsolete
        if name == "msgctxt":
            if self.msgctxt is not None or self.msgid is not None:
                self.error(lineno, "duplicate 'msgctxt'")
                self.bad = True
                return False
            self.entry_line = lineno
            self.msgctxt = []
            self._open(self.msgctxt)
            return True
        if name == "msgid":
            if self.msgid is not None:
                self.error(lineno, "duplicate 'msgid'")
                self.bad = True
                return False
            # msgfmt reports the problems of an entry at its msgid, context or not.
            self.entry_line = lineno
            self.msgid = []
            self._open(self.msgid)
            return True
        if self.msgid is None:
            if not self.bad:
                self.error(lineno, f"'{name}' without 'msgid'")
            self.bad = True
            return False
        if name == "msgid_plural":
            if self.msgid_plural is not None or self.msgstr is not None or self.msgstr_plural:
                self.error(lineno, "'msgid_plural' out of place")
                self.bad = True
                return False
            self.msgid_plural = []
            self._open(self.msgid_plural)
            return True
        if name == "msgstr" and index is None:
            if self.msgstr is not None or self.msgstr_plural:
                self.error(lineno, "duplicate 'msgstr'")
                self.bad = True
                return False
            if self.msgid_plural is not None:
                self.error(lineno, "'msgid_plural' needs 'msgstr[0]', not 'msgstr'")
                self.bad = True
                return False
            self.msgstr = []
            self.msgstr_lines.append(lineno)
            self._open(self.msgstr)
            return True
        # What is left is an indexed msgstr[N] of a plural entry.
        if self.msgstr is not None:
            self.error(lineno, f"'msgstr[{index}]' after 'msgstr'")
            self.bad = True
            return False
        if self.msgid_plural is None:
            if not self.bad:
                self.error(lineno, "missing 'msgid_plural' section")
            self.bad = True
            return False
        expected = len(self.msgstr_plural)
        if index is None or index == "" or _index_value(index) != expected:
            self.error(
                lineno,
                f"plural form has wrong index: msgstr[{index}] where msgstr[{expected}] "
                "was expected",
            )
            self.bad = True
            return False
        self.msgstr_plural.append([])
        self.msgstr_lines.append(lineno)
        self._open(self.msgstr_plural[-1])
        return True

    def _open(self, target: list[str]) -> None:
        self._target = target
        self._comment_since_string = False

    def string(self, lineno: int, raw: str) -> None:
        try:
            value = _unescape(raw, self.charset)
        except _InvalidEscapeError as exc:
            self.error(lineno, f"invalid control sequence '\\{exc.args[0]}'")
            self.bad = True
            return
        if "\0" in value:
            # msgfmt ends the string at a NUL, and Python's gettext splits a .mo string there.
            self.error(lineno, "NUL byte within string: msgfmt would cut the string there")
            self.bad = True
            return
        target = self._target
        if target is None or self._comment_since_string:
            self.error(lineno, "string without a keyword before it")
            self.bad = True
            return
        target.append(value)

    def comment(self, text: str) -> None:
        """A comment line other than #~: starts the next entry's comments."""
        # GNU's grammar has no comment inside an entry: one there ends it (and an entry still
        # without its msgstr is reported as such).
        self.finish()
        self._comment_since_string = True
        kind = text[1:2]
        if kind in (",", "!"):
            # As po_parse_comment_special: "#!" is a flag line too, items are separated by
            # commas or white space, and every flag line starts afresh (the last one wins).
            self.flags = split_flags(text[2:])
        elif kind == ":":
            self.references.append(text[2:])
        elif kind == ".":
            self.extracted.append(text[2:])
        elif kind == "|":
            self.previous.append(text[2:])
        else:
            self.translator.append(text[1:])

    # -- lines ---------------------------------------------------------------------------

    def line(self, lineno: int, text: str) -> None:
        simple = _SIMPLE.match(text)
        if simple is not None:
            keyword, index, raw = simple.groups()
            target = self._target
            if (
                keyword is None
                and target is not None
                and not self._comment_since_string
                and "\\" not in raw
                and "\0" not in raw
            ):
                # The commonest line of all: a continuation of the open section.
                target.append(raw)
                return
            if keyword is None or self.keyword(
                lineno, "msgstr" if keyword.startswith("msgstr") else keyword, index, False
            ):
                self.string(lineno, raw)
            return
        stripped = text.lstrip(_BLANK)
        if not stripped:
            return
        if stripped[0] == "#":
            if stripped[1:2] == "~":
                self.tokens(lineno, stripped[2:], obsolete=True)
            else:
                # GNU keeps a CR of a CRLF line in the comment text (and writes it back).
                self.comment(stripped)
            return
        self.tokens(lineno, stripped, obsolete=False)

    def tokens(self, lineno: int, text: str, *, obsolete: bool) -> None:
        """The general case: any number of keywords and strings on one line."""
        pos = 0
        end = len(text)
        if obsolete:
            rest = text.lstrip(_BLANK)
            if rest.startswith("|"):
                # "#~|": a previous-string comment of an obsolete entry.
                self.comment("#" + rest)
                return
            if rest.startswith("#"):
                # "#~ #, python-format": GNU reads what follows "#~" as input, where "#" starts
                # a comment (django-oscar's catalogs carry such flag lines).
                self.comment(rest)
                return
        while pos < end:
            char = text[pos]
            if char in _BLANK:
                pos += 1
                continue
            if char == '"':
                match = _STRING.match(text, pos)
                if match is None:
                    self.error(lineno, "end-of-line within string")
                    self.bad = True
                    return
                if obsolete and self._target is not None and self.entry_obsolete is False:
                    self.error(lineno, "inconsistent use of #~")
                    self.bad = True
                    return
                self.string(lineno, match.group(1))
                pos = match.end()
                continue
            match = _KEYWORD.match(text, pos)
            if match is None:
                self.error(lineno, f"syntax error at {_shown(text[pos])}")
                self.bad = True
                return
            word, index = match.group(1), match.group(2)
            pos = match.end()
            if word == "domain":
                # msgfmt -o writes every domain of a file into the one output; so do we.
                self.finish()
                continue
            if word not in ("msgctxt", "msgid", "msgid_plural", "msgstr") or (
                index is not None and word != "msgstr"
            ):
                self.error(lineno, f'keyword "{word}" unknown')
                self.bad = True
                self._target = None
                return
            if word == "msgstr" and index is not None:
                if not self.keyword(lineno, "msgstr", index, obsolete):
                    self._target = None
                    return
            elif not self.keyword(lineno, word, None, obsolete):
                self._target = None
                return


def _shown(char: str) -> str:
    """A character for a message: a byte that is not text in the charset is named as a byte."""
    if "\udc80" <= char <= "\udcff":
        return f"byte 0x{ord(char) - 0xDC00:02X}"
    return repr(char)


def _lines(data: bytes, charset: str) -> Iterator[tuple[int, str]]:
    """Each line of ``data`` (split at "\\n" only), decoded, with its number.

    The bytes are decoded a block at a time and never as one string: a single character
    beyond Latin-1 makes all of a decoded catalog take 2 or 4 bytes a character, and the list
    of all its lines would cost several times its size again, on top of the catalog being
    built.  Blocks end after a newline, which no multi-byte character of an allowed charset
    contains; the incremental decoder carries the state of ISO-2022 across blocks.
    """
    return enumerate(_decoded_lines(data, charset), start=1)


def _decoded_lines(data: bytes, charset: str, block: int = 1 << 20) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(charset)("surrogateescape")
    start = 0
    pending = ""
    while True:
        end = data.find(b"\n", start + block)
        final = end < 0
        lines = pending + decoder.decode(data[start:] if final else data[start : end + 1], final)
        split = lines.split("\n")
        if final:
            yield from split
            return
        pending = split.pop()
        yield from split
        start = end + 1


# The fast path reads a whole entry with one match.  These pieces follow _SIMPLE: a line's end
# after a string may hold blanks and the CR of CRLF, and a string never spans lines.  Where
# Python has them (3.11), the repetitions are possessive: none of them ever has to give back
# what it took for the entry to match, and not keeping the way back makes a match 20% faster.
_P = "+" if sys.version_info >= (3, 11) else ""
_END = rf"[ \t\f\v\r]*{_P}\n"
_INDENT = rf"[ \t\f\v]*{_P}"
_QUOTED = rf'"[^"\\\n]*{_P}(?:\\.[^"\\\n]*{_P})*{_P}"'
# The continuation lines of a section, as one block for _QUOTED_TEXT to split.
_MORE = rf"((?:{_INDENT}{_QUOTED}{_END})*{_P})"
# Blank and comment lines before an entry ("#~" is an obsolete entry: the full parser's job).
_NOTES = rf"((?:[ \t\f\v\r]*{_P}(?:#(?!~)[^\n]*{_P})?\n)*{_P})"
_PLAIN_ENTRY = re.compile(
    _NOTES
    + rf"(?:{_INDENT}msgctxt{_INDENT}({_QUOTED}){_END}{_MORE})?"
    + rf"{_INDENT}msgid{_INDENT}({_QUOTED}){_END}{_MORE}"
    + rf"(?:{_INDENT}msgstr{_INDENT}({_QUOTED}){_END}{_MORE}"
    + rf"|{_INDENT}msgid_plural{_INDENT}({_QUOTED}){_END}{_MORE}"
    + rf"((?:{_INDENT}msgstr\[[0-9]+\]{_INDENT}{_QUOTED}{_END}(?:{_INDENT}{_QUOTED}{_END})*{_P})"
    + rf"+{_P}))"
)
_PLAIN_FORM = re.compile(rf"{_INDENT}msgstr\[([0-9]+)\]{_INDENT}({_QUOTED}){_END}{_MORE}")
_PLAIN_TAIL = re.compile(_NOTES + r"\Z")
_QUOTED_TEXT = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
# What may be carried from one block to the next: an entry larger than this is left to the
# full parser rather than copied again with every block it spans.
_CARRY_LIMIT = 1 << 20


class _Plain(NamedTuple):
    messages: list[Message]
    # No EOT and no byte that is not UTF-8 anywhere in the file (Catalog.clean_text).
    clean: bool


def _parse_plain(data: bytes, block: int = 1 << 20, *, comments: bool = True) -> _Plain | None:
    """The entries of a well-formed, plain catalog, or None to let the full parser read it.

    Most catalogs, and every .mini.po, are a run of entries in one shape: comments, then
    ``msgctxt``/``msgid``/``msgstr`` keywords each with one string on its line, continuation
    strings.  This reads each such entry with one regular expression; anything else (obsolete
    entries, blank lines or comments inside an entry, several strings on a line, a problem of
    any kind) returns None and the full parser reads the file again from the start, so what
    comes out is always the same.  Without ``comments``, only each entry's flags are read of
    its comment lines (see parse_po).

    As in _lines, the bytes are decoded a block at a time (cut after a newline); an entry
    that runs past the end of a block is read again with the next one.
    """
    messages: list[Message] = []
    start = 0
    size = len(data)
    pending = ""
    line = 1  # the number of the first line of ``pending``
    clean = True
    while True:
        end = data.find(b"\n", start + block)
        final = end < 0
        stop = size if final else end + 1
        try:
            # Strict first: knowing the block is all text spares validation a search of it.
            decoded = data[start:stop].decode("utf-8")
        except UnicodeDecodeError:
            decoded = data[start:stop].decode("utf-8", "surrogateescape")
            clean = False
        clean = clean and "\x04" not in decoded
        text = pending + decoded
        start = stop
        if "\0" in text:
            return None
        if final and text and text[-1] != "\n":
            text += "\n"
        reached = _plain_entries(text, line, final, messages, comments)
        if reached is None:
            return None
        if final:
            return _Plain(messages, clean)
        pos, line = reached
        pending = text[pos:]


# Complexity: the fast path's inner loop, run once per entry of every catalog compiled; each
# test declines a shape the full parser must read instead, and a call per test costs time.
def _plain_entries(
    text: str, line: int, final: bool, messages: list[Message], comments: bool = True
) -> tuple[int, int] | None:
    """Read the entries of ``text`` into ``messages``; where it stopped, or None to decline.

    ``line`` is the number of the first line of ``text``.  Unless ``final``, an entry that
    reaches the end of ``text`` may go on in the next block: it is left for the next call.
    Without ``comments``, an entry gets its flags and no other comment.
    """
    match = _PLAIN_ENTRY.match
    size = len(text)
    pos = 0
    while True:
        entry = match(text, pos)
        if entry is None or (not final and entry.end() == size):
            if final:
                return (size, line) if _PLAIN_TAIL.match(text, pos) else None
            return (pos, line) if size - pos <= _CARRY_LIMIT else None
        (
            notes, context, context_more, msgid, msgid_more, msgstr, msgstr_more,
            plural, plural_more, forms,
        ) = entry.groups()  # fmt: skip
        flags: list[str]
        translator: list[str]
        extracted: list[str]
        references: list[str]
        previous: list[str]
        # Lines are counted from what each group holds: an entry has no blank line inside.
        if "#" not in notes:
            flags, translator, extracted, references, previous = [], [], [], [], []
            if notes:
                line += notes.count("\n")
        else:
            line += notes.count("\n")
            if comments:
                flags, translator, extracted, references, previous = _plain_comments(notes)
            else:
                # Most comment blocks hold references only: no call for them.
                flags = _plain_flags(notes) if "#," in notes or "#!" in notes else []
                translator, extracted, references, previous = [], [], [], []
        ctxt = None
        if context is not None:
            ctxt = _plain_value(context, context_more)
            if ctxt is None:
                return None
            line += 1 + context_more.count("\n") if context_more else 1
        entry_line = line
        key = (
            msgid[1:-1] if not msgid_more and "\\" not in msgid else _plain_value(msgid, msgid_more)
        )
        if key is None:
            return None
        line += 1 + msgid_more.count("\n") if msgid_more else 1
        if msgstr is not None:
            value = (
                msgstr[1:-1]
                if not msgstr_more and "\\" not in msgstr
                else _plain_value(msgstr, msgstr_more)
            )
            if value is None:
                return None
            messages.append(
                Message(
                    key, (value,), None, ctxt, flags, translator, extracted, references, previous,
                    False, entry_line, (line,),
                )
            )  # fmt: skip
            line += 1 + msgstr_more.count("\n") if msgstr_more else 1
        else:
            message_plural = _plain_value(plural, plural_more)
            if message_plural is None:
                return None
            line += 1 + plural_more.count("\n")
            values: list[str] = []
            lines: list[int] = []
            for index, form, form_more in _PLAIN_FORM.findall(forms):
                value = (
                    form[1:-1]
                    if not form_more and "\\" not in form
                    else _plain_value(form, form_more)
                )
                if value is None or _index_value(index) != len(values):
                    return None
                values.append(value)
                lines.append(line)
                line += 1 + form_more.count("\n") if form_more else 1
            messages.append(
                Message(
                    key, tuple(values), message_plural, ctxt, flags, translator, extracted,
                    references, previous, False, entry_line, tuple(lines),
                )
            )  # fmt: skip
        pos = entry.end()


def _plain_value(first: str, more: str) -> str | None:
    """The value of a section from its first quoted string and continuation lines."""
    if more:
        if "\\" not in first and "\\" not in more:
            # No escape: the strings' insides are the value (``more`` holds nothing else).
            return first[1:-1] + "".join(_QUOTED_TEXT.findall(more))
        pieces = [first[1:-1], *_QUOTED_TEXT.findall(more)]
    elif "\\" in first:
        pieces = [first[1:-1]]
    else:
        return first[1:-1]
    try:
        # Each string on its own: a hex escape ends with its string ("\x4" "1" is not "A").
        value = "".join([_unescape(piece, "utf-8") for piece in pieces])
    except _InvalidEscapeError:
        return None
    return None if _ESCAPED_NOT_PLAIN.search(value) else value


_Comments = tuple[list[str], list[str], list[str], list[str], list[str]]


def _plain_comments(notes: str) -> _Comments:
    """Flags, translator, extracted, reference and previous comments: new lists each time."""
    read = _known_comments if len(notes) <= _CACHED_NOTES else _read_comments
    flags, translator, extracted, references, previous = read(notes)
    return list(flags), list(translator), list(extracted), list(references), list(previous)


# A flag line ("#," or "#!") of the comment lines before an entry, which start a line each.
_FLAG_LINE = re.compile(r"^[ \t\f\v\r]*#[,!]([^\n]*)", re.MULTILINE)


def _plain_flags(notes: str) -> list[str]:
    """The flags of the comment lines ``notes``, read as _read_comments reads them."""
    found = _FLAG_LINE.findall(notes)
    if not found:
        return []
    # The last flag line wins, as in _Parser.comment.
    last = found[-1]
    return list(_known_flags(last) if len(last) <= _CACHED_NOTES else split_flags(last))


def _read_comments(notes: str) -> tuple[tuple[str, ...], ...]:
    """Flags, translator, extracted, reference and previous comments of the lines ``notes``."""
    flags: list[str] = []
    translator: list[str] = []
    extracted: list[str] = []
    references: list[str] = []
    previous: list[str] = []
    for line in notes.split("\n"):
        stripped = line.lstrip(_BLANK)
        if not stripped:
            continue
        kind = stripped[1:2]
        if kind in (",", "!"):
            # The last flag line wins, as in _Parser.comment.
            flags = split_flags(stripped[2:])
        elif kind == ":":
            references.append(stripped[2:])
        elif kind == ".":
            extracted.append(stripped[2:])
        elif kind == "|":
            previous.append(stripped[2:])
        else:
            translator.append(stripped[1:])
    return tuple(flags), tuple(translator), tuple(extracted), tuple(references), tuple(previous)


# Most commented entries of a catalog have the same lines ("#, python-format"): read each
# such block once.  Only short blocks are kept: the cache outlives the catalog, and a
# catalog whose comments are all different (references, notes) should not stay in memory.
_CACHED_NOTES = 200
_known_comments = functools.lru_cache(maxsize=1024)(_read_comments)


@functools.lru_cache(maxsize=256)
def _known_flags(line: str) -> tuple[str, ...]:
    return tuple(split_flags(line))


def parse_po(
    data: bytes, path: str = "<catalog>", *, comments: bool = True
) -> tuple[Catalog, list[Diagnostic]]:
    """Parse PO ``data`` (read from ``path``, which is used in diagnostics only).

    Returns the catalog and the problems found while reading it (syntax, encoding, duplicate
    definitions).  Semantic checks (plural forms, format strings) are the validator's job.
    With ``comments`` False, entries may come without their translator, extracted, reference
    and previous comments (their flags are always read): compiling needs none of them, and
    in full catalogs most comment lines are references, each block different from the next.
    """
    diagnostics: list[Diagnostic] = []
    # msgfmt 0.21 calls a byte-order mark a syntax error; editors on Windows write one and it
    # carries no meaning in a UTF-8 file, so we accept it deliberately.
    data = data.removeprefix(_BOM)
    declared = sniff_charset(data)
    charset = "utf-8"
    if declared is not None and declared.upper() != "CHARSET":
        problem = _charset_problem(declared)
        if problem is None:
            charset = codecs.lookup(declared).name
        else:
            diagnostics.append(Diagnostic(path, 1, problem))
    # Escapes that stand for bytes are decoded in the file's charset: only UTF-8 files, with
    # no problem anywhere, take the fast path.
    plain = None
    if charset == "utf-8" and not diagnostics:
        plain = _parse_fast(data, path, diagnostics, comments=comments)
    if plain is None:
        parser = _Parser(path, charset)
        lineno = 0
        for lineno, line in _lines(data, charset):
            parser.line(lineno, line)
        parser.finish()
        diagnostics.extend(parser.diagnostics)
        plain = _Plain(parser.messages, clean=False)
    catalog = Catalog(
        messages=plain.messages,
        charset=charset,
        path=path,
        declared_charset=declared,
        clean_text=plain.clean,
    )
    _check_duplicates(catalog, diagnostics)
    diagnostics.sort(key=lambda d: d.line)
    return catalog, diagnostics


def _parse_fast(
    data: bytes, path: str, diagnostics: list[Diagnostic], *, comments: bool = True
) -> _Plain | None:
    """_parse_plain, and for a catalog ending in obsolete entries, the full parser for them.

    Real full catalogs keep their obsolete (``#~``) entries at the end, where msgmerge puts
    them, and the fast path does not read those.  When the first ``#~`` line starts an entry,
    everything before the blank and comment lines that precede it is read fast, and the rest
    (those lines included: the comments belong to the obsolete entry) by the full parser.  A
    line that is neither blank nor a comment ends the fast part, and it must end with a
    complete entry, or the fast path declines and the full parser reads the whole file; a
    comment line then puts the full parser where it would have been, at the start of an
    entry.
    """
    first = data.find(b"\n#~")
    if first < 0:
        return _parse_plain(data, comments=comments)
    if not _OBSOLETE_START.match(data, first + 1):
        return None
    cut = first + 1
    while cut > 0:
        start = data.rfind(b"\n", 0, cut - 1) + 1
        if not _BLANK_OR_COMMENT.match(data, start, cut):
            break
        cut = start
    head = _parse_plain(data[:cut], comments=comments)
    if head is None:
        return None
    parser = _Parser(path, "utf-8")
    offset = data.count(b"\n", 0, cut)
    for lineno, line in _lines(data[cut:], "utf-8"):
        parser.line(lineno + offset, line)
    parser.finish()
    diagnostics.extend(parser.diagnostics)
    return _Plain([*head.messages, *parser.messages], clean=False)


# The line an obsolete entry starts with, and a line that belongs to no entry's strings.
_OBSOLETE_START = re.compile(rb"#~(?:\| | *msgctxt\b| *msgid\b)")
_BLANK_OR_COMMENT = re.compile(rb"[ \t\r]*(?:#(?!~)[^\n]*)?\n\Z")


# Every character the PO syntax uses must be the same byte in the file's charset, or its lines
# cannot be read: UTF-16 and EBCDIC are not, nor Shift_JIS-2004 (its 0x5C is a yen sign), nor
# raw_unicode_escape (it would read "\u0041" as "A" before the PO escapes are).
_ASCII_PROBE = "".join(map(chr, range(32, 127))) + "\t\n\r\f\v\\u0041"


@functools.cache
def _charset_problem(declared: str) -> str | None:
    """Why the charset named ``declared`` cannot be read and written back, or None."""
    try:
        name = codecs.lookup(declared).name
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return f"unknown charset {declared!r}: Python cannot decode it"
    try:
        # str.encode refuses codecs that are not text encodings (base64, rot13, zlib).
        data = _ASCII_PROBE.encode(name)
        same = data == _ASCII_PROBE.encode("ascii") and data.decode(name) == _ASCII_PROBE
        # Invalid bytes are kept as surrogates and reported later; some codecs cannot: idna,
        # and the ISO-2022 family (stateful, its multi-byte text made of ASCII bytes, quotes
        # and backslashes included) raises on a stray escape byte.
        (data + b"\x80\xff\x1b").decode(name, "surrogateescape")
    except (LookupError, ValueError):  # UnicodeError is a ValueError
        same = False
    if not same:
        return f"charset {declared!r} cannot hold a PO file: it does not write ASCII as ASCII"
    return None


def _check_duplicates(catalog: Catalog, diagnostics: list[Diagnostic]) -> None:
    messages = catalog.messages
    # One set of every key answers for the common catalog (no duplicate).
    if len({(message.msgctxt, message.msgid) for message in messages}) == len(messages):
        return
    # Obsolete entries count too: msgfmt and msgattrib stop at an obsolete entry repeating an
    # active one (or another obsolete one) with "duplicate message definition".
    seen: dict[tuple[str | None, str], int] = {}
    for message in catalog.messages:
        first = seen.setdefault(message.key, message.line)
        if first != message.line:
            diagnostics.append(
                Diagnostic(
                    catalog.path,
                    message.line,
                    f"duplicate message definition (first defined at line {first})",
                )
            )
