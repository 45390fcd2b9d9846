"""Read PO bytes into a Catalog, the way GNU gettext 0.21 reads them, with every problem placed.

One pass over the lines.  The common line (a keyword or a continuation with one plain string)
is matched by a single regular expression; anything else goes through a small tokenizer that
knows every case GNU's lexer and grammar distinguish.  Problems never raise: they are collected
as diagnostics so that a file reports all of them at once.
"""

from __future__ import annotations

import codecs
import functools
import re
from typing import TYPE_CHECKING

from hatch_minipo.catalog import Catalog, Message
from hatch_minipo.diagnostics import Diagnostic

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
_SURROGATE_OR_NUL = re.compile("[\x00\udc80-\udcff]")
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
_FLAG_SEPARATORS = re.compile(r"[\n \t\r\f\v,]+")


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
    find it, and header values are ASCII in practice.
    """
    head = data[:65536].decode("latin-1")
    lines: list[str] = []
    seen_msgid = False
    for line in head.split("\n"):
        stripped = line.strip()
        if not seen_msgid:
            if not stripped or stripped.startswith("#"):
                continue
            if not re.match(r'msgid\s+""\s*$', stripped):
                return None
            seen_msgid = True
            continue
        if not stripped or stripped.startswith(("#", "msgid")):
            break
        lines.append(stripped)
    match = _CHARSET.search("".join(lines).replace("\\n", "\n"))
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
        if index is None or index == "" or int(index) != expected:
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
            self.flags = [flag for flag in _FLAG_SEPARATORS.split(text[2:]) if flag]
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


def _parse_plain(data: bytes) -> list[Message] | None:
    """The entries of a well-formed, plain catalog, or None to let the full parser read it.

    Most catalogs, and every .mini.po, are a run of entries in one shape: comments, then
    ``msgctxt``/``msgid``/``msgstr`` keywords each with one string, continuation strings, blank
    lines.  This reads that shape in one tight loop, with no per-line dispatch; anything else
    (obsolete entries, several strings on a line, a problem of any kind) returns None and the
    full parser reads the file again from the start, so what comes out is always the same.
    """
    messages: list[Message] = []
    simple = _SIMPLE.match
    separators = _FLAG_SEPARATORS.split
    charset_escape = _unescape
    flags: list[str] = []
    translator: list[str] = []
    extracted: list[str] = []
    references: list[str] = []
    previous: list[str] = []
    context: list[str] | None = None
    msgid: list[str] | None = None
    plural: list[str] | None = None
    forms: list[list[str]] = []
    lines: list[int] = []
    entry_line = 0
    section: list[str] | None = None
    # 0: between entries; 1: in msgctxt; 2: in msgid; 3: in msgid_plural; 4: in a msgstr.
    state = 0

    def finish() -> None:
        messages.append(
            Message(
                msgid="".join(msgid or ()),
                msgstr=tuple("".join(form) for form in forms),
                msgid_plural=None if plural is None else "".join(plural),
                msgctxt=None if context is None else "".join(context),
                flags=flags,
                translator_comments=translator,
                extracted_comments=extracted,
                references=references,
                previous=previous,
                line=entry_line,
                msgstr_lines=tuple(lines),
            )
        )

    for lineno, line in _lines(data, "utf-8"):
        match = simple(line)
        if match is None:
            stripped = line.lstrip(_BLANK)
            if not stripped:
                section = None
                continue
            if stripped[0] != "#" or stripped[1:2] == "~" or state in (1, 2, 3):
                return None
            if state == 4:
                finish()
                flags, translator, extracted, references, previous = [], [], [], [], []
                context = msgid = plural = None
                state = 0
            section = None
            kind = stripped[1:2]
            if kind in (",", "!"):
                flags = [flag for flag in separators(stripped[2:]) if flag]
            elif kind == ":":
                references.append(stripped[2:])
            elif kind == ".":
                extracted.append(stripped[2:])
            elif kind == "|":
                previous.append(stripped[2:])
            else:
                translator.append(stripped[1:])
            continue
        keyword, index, raw = match.groups()
        if "\\" in raw:
            try:
                raw = charset_escape(raw, "utf-8")
            except _InvalidEscapeError:
                return None
            if _SURROGATE_OR_NUL.search(raw):
                return None
        elif "\0" in raw:
            return None
        if keyword is None:
            if section is None:
                return None
            section.append(raw)
            continue
        if keyword == "msgid":
            if state == 4:
                finish()
                flags, translator, extracted, references, previous = [], [], [], [], []
                context = plural = None
            elif state not in (0, 1):
                return None
            msgid = section = [raw]
            forms, lines = [], []
            entry_line = lineno
            state = 2
        elif keyword == "msgctxt":
            if state == 4:
                finish()
                flags, translator, extracted, references, previous = [], [], [], [], []
                msgid = plural = None
            elif state != 0:
                return None
            context = section = [raw]
            state = 1
        elif keyword == "msgid_plural":
            if state != 2:
                return None
            plural = section = [raw]
            state = 3
        elif index is None:
            if state != 2 or keyword != "msgstr":
                return None
            section = [raw]
            forms.append(section)
            lines.append(lineno)
            state = 4
        else:
            if plural is None or state not in (3, 4) or int(index) != len(forms):
                return None
            section = [raw]
            forms.append(section)
            lines.append(lineno)
            state = 4
    if state == 4:
        finish()
    elif state != 0:
        return None
    return messages


def parse_po(data: bytes, path: str = "<catalog>") -> tuple[Catalog, list[Diagnostic]]:
    """Parse PO ``data`` (read from ``path``, which is used in diagnostics only).

    Returns the catalog and the problems found while reading it (syntax, encoding, duplicate
    definitions).  Semantic checks (plural forms, format strings) are the validator's job.
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
    messages = _parse_plain(data) if charset == "utf-8" and not diagnostics else None
    if messages is None:
        parser = _Parser(path, charset)
        lineno = 0
        for lineno, line in _lines(data, charset):
            parser.line(lineno, line)
        parser.finish()
        diagnostics.extend(parser.diagnostics)
        messages = parser.messages
    catalog = Catalog(messages=messages, charset=charset, path=path, declared_charset=declared)
    _check_duplicates(catalog, diagnostics)
    diagnostics.sort(key=lambda d: d.line)
    return catalog, diagnostics


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
    seen: dict[tuple[str | None, str], int] = {}
    for message in catalog.messages:
        if message.obsolete:
            continue
        first = seen.setdefault(message.key, message.line)
        if first != message.line:
            diagnostics.append(
                Diagnostic(
                    catalog.path,
                    message.line,
                    f"duplicate message definition (first defined at line {first})",
                )
            )
