"""libxml2 2.9.14's verdict on a document, as gettext 0.21's format-kde-kuit.c asks for it.

msgfmt checks a KUIT string by handing ``<gt:kuit xmlns:gt="...">STRING</gt:kuit>`` to
libxml2's ``xmlReadMemory`` and, when that fails, prints the message of the *last* error
libxml2 raised.  libxml2 goes on parsing after a well-formedness error (it only stops calling
back), so that last error is often not the first: "<b>" ends with "Premature end of data in tag
kuit line 1", after a tag mismatch.  Only a faithful walk through the parser gives the same
message, so this module follows parser.c of libxml2 2.9.14 (Debian 12's, which msgfmt uses)
function by function, for the parts a KUIT document reaches: elements, attributes and
namespaces, character data, character references, comments, processing instructions and CDATA
sections.  Python's own XML parser (expat) reaches other verdicts (it refuses "&foo;" that
libxml2 is never shown, and accepts nothing libxml2 words the same way), so it is not used.

The document is a ``str`` of code points: libxml2 reads UTF-8 bytes, and a code point here is
one character there.  Messages are libxml2's up to their first line break, as msgfmt's line
shows them.
"""

from __future__ import annotations

import bisect
import dataclasses

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
_XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/"
_MAX_DEPTH = 256  # xmlParserMaxDepth, without XML_PARSE_HUGE
_MAX_NAME = 50000  # XML_MAX_NAME_LENGTH
_CHUNK = 100  # XML_PARSER_CHUNK_SIZE: how often the name readers check their length
_BLANKS = frozenset((0x20, 0x9, 0xA, 0xD))
_PREDEFINED = frozenset(("lt", "gt", "amp", "apos", "quot"))
_W3C_PIS = frozenset(("xml-stylesheet", "xml-model"))
_END = 0  # what libxml2 reads past the end of its buffer


def is_char(c: int) -> bool:
    """IS_CHAR: the characters XML allows."""
    if c < 0x100:
        return c in (0x9, 0xA, 0xD) or c >= 0x20
    return c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or 0x10000 <= c <= 0x10FFFF


# The ranges of XML 1.0 fifth edition's NameStartChar beyond ASCII.
_START_RANGES = (
    (0xC0, 0xD6),
    (0xD8, 0xF6),
    (0xF8, 0x2FF),
    (0x370, 0x37D),
    (0x37F, 0x1FFF),
    (0x200C, 0x200D),
    (0x2070, 0x218F),
    (0x2C00, 0x2FEF),
    (0x3001, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFFD),
    (0x10000, 0xEFFFF),
)
_MORE_NAME_RANGES = ((0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040))


def _in_ranges(c: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= c <= high for low, high in ranges)


def name_start(c: int) -> bool:
    """xmlIsNameStartChar (fifth edition rules, the default)."""
    if c < 0x80:
        return 0x61 <= c <= 0x7A or 0x41 <= c <= 0x5A or c in (0x5F, 0x3A)
    return _in_ranges(c, _START_RANGES)


def name_char(c: int) -> bool:
    """xmlIsNameChar (fifth edition rules)."""
    if c < 0x80:
        return name_start(c) or 0x30 <= c <= 0x39 or c in (0x2D, 0x2E)
    return _in_ranges(c, _START_RANGES) or _in_ranges(c, _MORE_NAME_RANGES)


def _ascii_name_start(c: int) -> bool:
    # The accelerators of xmlParseName and xmlParseNCName: letters and '_' (and ':' for Name).
    return 0x61 <= c <= 0x7A or 0x41 <= c <= 0x5A or c == 0x5F


def _ascii_name_char(c: int) -> bool:
    return _ascii_name_start(c) or 0x30 <= c <= 0x39 or c in (0x2D, 0x2E)


def _utf8_length(c: int) -> int:
    return 1 if c < 0x80 else 2 if c < 0x800 else 3 if c < 0x10000 else 4


@dataclasses.dataclass
class _Tag:
    """An open element: xmlStartTag and the name stack's entry."""

    name: str  # the local name, as libxml2 prints it
    prefix: str | None
    line: int
    namespaces: int  # how many namespaces its start tag declared


class _Halted(Exception):  # noqa: N818 - control flow, not an error
    """xmlHaltParser: the input is gone, nothing is reported any more."""


class Parser:
    """xmlParseDocument over one in-memory document, keeping only what decides errors."""

    def __init__(self, document: str) -> None:
        self.doc = document
        self.n = len(document)
        self.p = 0
        self.newlines = [i for i, ch in enumerate(document) if ch == "\n"]
        self.last: str | None = None
        self.well_formed = True
        self.ns_well_formed = True
        self.tags: list[_Tag] = []
        self.namespaces: list[tuple[str | None, str]] = []
        self.bound: dict[str | None, list[str]] = {}

    # --- input --------------------------------------------------------------------------

    def at(self, i: int) -> int:
        return ord(self.doc[i]) if i < self.n else _END

    def line(self) -> int:
        # libxml2 counts the line feeds it steps over; every path it takes here counts them.
        return bisect.bisect_left(self.newlines, self.p) + 1

    def startswith(self, token: str) -> bool:
        return self.doc.startswith(token, self.p)

    def current_char(self) -> int:
        """xmlCurrentChar: the character at p; CR LF reads as LF (leaving p on the LF)."""
        c = self.at(self.p)
        if c == 0xD:
            if self.at(self.p + 1) == 0xA:
                self.p += 1
            return 0xA
        if c >= 0x80 and not is_char(c):
            self.fatal(f"Char 0x{c:X} out of allowed range")
        return c

    def skip_blanks(self) -> int:
        start = self.p
        while self.at(self.p) in _BLANKS:
            self.p += 1
        return self.p - start

    # --- errors -------------------------------------------------------------------------

    def record(self, message: str) -> None:
        # __xmlRaiseError keeps the last error of every level, warnings included.
        self.last = message.split("\n", 1)[0]

    def fatal(self, message: str) -> None:
        """A well-formedness error: the document will be refused."""
        self.record(message)
        self.well_formed = False

    def ns_error(self, message: str) -> None:
        """A namespace error or warning: recorded, but the document stays acceptable."""
        self.record(message)
        self.ns_well_formed = False

    def halt(self) -> _Halted:
        return _Halted()

    # --- the document -------------------------------------------------------------------

    def parse(self) -> str | None:
        """The message of the last error when the document is not well formed, else None."""
        try:
            self.element()
            self.misc()
            if self.at(self.p) != _END:
                self.fatal("Extra content at the end of the document")
        except _Halted:
            pass
        return None if self.well_formed else (self.last or "")

    def misc(self) -> None:
        while True:
            self.skip_blanks()
            if self.startswith("<?"):
                self.pi()
            elif self.startswith("<!--"):
                self.comment()
            else:
                return

    def element(self) -> None:
        """xmlParseElement, for the root."""
        if self.element_start() != 0:
            return
        self.content()
        if self.at(self.p) == _END:
            tag = self.tags[-1]
            self.fatal(f"Premature end of data in tag {tag.name} line {tag.line}")
            return
        self.element_end()

    # Complexity: xmlParseContentInternal's dispatch on what starts at the cursor.
    def content(self) -> None:
        depth = len(self.tags)
        while self.at(self.p) != _END:
            before = self.p
            c1 = self.at(self.p + 1)
            if self.at(self.p) == 0x3C:  # '<'
                if c1 == 0x3F:  # '?'
                    self.pi()
                elif self.startswith("<![CDATA["):
                    self.cdata()
                elif self.startswith("<!--"):
                    self.comment()
                elif c1 == 0x2F:  # '/'
                    if len(self.tags) <= depth:
                        return
                    self.element_end()
                else:
                    self.element_start()
            elif self.at(self.p) == 0x26:  # '&'
                self.reference()
            else:
                self.char_data()
            if self.p == before:
                self.fatal("internal error: detected an error in element content")
                raise self.halt()

    # --- elements -----------------------------------------------------------------------

    def element_start(self) -> int:
        """xmlParseElementStart: 0 for an open element, 1 for an empty one, -1 on error."""
        if len(self.tags) > _MAX_DEPTH:
            self.fatal(f"Excessive depth in document: {_MAX_DEPTH} use XML_PARSE_HUGE option")
            raise self.halt()
        line = self.line()
        before = len(self.namespaces)
        parsed = self.start_tag()
        if parsed is None:
            return -1
        name, prefix = parsed
        self.tags.append(_Tag(name, prefix, line, len(self.namespaces) - before))
        if self.startswith("/>"):
            self.p += 2
            self.pop_tag()
            return 1
        if self.at(self.p) == 0x3E:  # '>'
            self.p += 1
            return 0
        self.fatal(f"Couldn't find end of Start Tag {name} line {line}")
        self.pop_tag()
        return -1

    def pop_tag(self) -> None:
        tag = self.tags.pop()
        for _ in range(tag.namespaces):
            prefix, _uri = self.namespaces.pop()
            self.bound[prefix].pop()

    def namespace(self, prefix: str | None) -> str | None:
        """xmlGetNamespace."""
        if prefix == "xml":
            return XML_NAMESPACE
        uris = self.bound.get(prefix)
        if not uris:
            return None
        if prefix is None and not uris[-1]:
            return None
        return uris[-1]

    def push_namespace(self, prefix: str | None, uri: str) -> None:
        self.namespaces.append((prefix, uri))
        self.bound.setdefault(prefix, []).append(uri)

    # Complexity: xmlParseStartTag2's attribute loop, then its namespace and duplicate checks.
    def start_tag(self) -> tuple[str, str | None] | None:
        """xmlParseStartTag2: the element's local name and prefix, or None."""
        self.p += 1
        name, prefix = self.qname()
        if name is None:
            self.fatal("StartTag: invalid element name")
            return None
        self.skip_blanks()
        attributes: list[tuple[str, str | None]] = []
        declared: set[str | None] = set()
        while True:
            c = self.at(self.p)
            if c == 0x3E or (c == 0x2F and self.at(self.p + 1) == 0x3E) or not _byte_char(c):
                break
            attribute, aprefix, value = self.attribute()
            if attribute is not None and value is not None:
                if aprefix is None and attribute == "xmlns":
                    self.default_namespace(value, declared)
                elif aprefix == "xmlns":
                    self.prefix_namespace(attribute, value, declared)
                else:
                    attributes.append((attribute, aprefix))
            c = self.at(self.p)
            if c == 0x3E or (c == 0x2F and self.at(self.p + 1) == 0x3E):
                break
            if self.skip_blanks() == 0:
                self.fatal("attributes construct error")
                break
        self.check_attributes(name, attributes)
        if prefix is not None and self.namespace(prefix) is None:
            self.ns_error(f"Namespace prefix {prefix} on {name} is not defined")
        return name, prefix

    def default_namespace(self, uri: str, declared: set[str | None]) -> None:
        """An xmlns="..." attribute."""
        if uri:
            if not _valid_uri(uri):
                self.ns_error(f"xmlns: '{uri}' is not a valid URI")
            elif not _has_scheme(uri):
                self.ns_error(f"xmlns: URI {uri} is not absolute")
            if uri == XML_NAMESPACE:
                self.ns_error("xml namespace URI cannot be the default namespace")
                return
            if uri == _XMLNS_NAMESPACE:
                self.ns_error("reuse of the xmlns namespace name is forbidden")
                return
        if None in declared:
            self.duplicate(None, "xmlns")
        else:
            declared.add(None)
            self.push_namespace(None, uri)

    def prefix_namespace(self, prefix: str, uri: str, declared: set[str | None]) -> None:
        """An xmlns:prefix="..." attribute."""
        if prefix == "xml":
            if uri != XML_NAMESPACE:
                self.ns_error("xml namespace prefix mapped to wrong URI")
            return
        if uri == XML_NAMESPACE:
            self.ns_error("xml namespace URI mapped to wrong prefix")
            return
        if prefix == "xmlns":
            self.ns_error("redefinition of the xmlns prefix is forbidden")
            return
        if uri == _XMLNS_NAMESPACE:
            self.ns_error("reuse of the xmlns namespace name is forbidden")
            return
        if not uri:
            self.ns_error(f"xmlns:{prefix}: Empty XML namespace is not allowed")
            return
        if not _valid_uri(uri):
            self.ns_error(f"xmlns:{prefix}: '{uri}' is not a valid URI")
        if prefix in declared:
            self.duplicate("xmlns", prefix)
        else:
            declared.add(prefix)
            self.push_namespace(prefix, uri)

    def duplicate(self, prefix: str | None, name: str) -> None:
        """xmlErrAttributeDup."""
        if prefix is None:
            self.fatal(f"Attribute {name} redefined")
        else:
            self.fatal(f"Attribute {prefix}:{name} redefined")

    def check_attributes(self, element: str, attributes: list[tuple[str, str | None]]) -> None:
        """The prefix and uniqueness checks of xmlParseStartTag2, in one pass, not two loops."""
        # Per local name: the first earlier attribute with each prefix and each namespace.
        by_prefix: dict[tuple[str, str | None], int] = {}
        by_uri: dict[tuple[str, str], int] = {}
        for index, (name, prefix) in enumerate(attributes):
            uri = None
            if prefix is not None:
                uri = self.namespace(prefix)
                if uri is None:
                    self.ns_error(
                        f"Namespace prefix {prefix} for {name} on {element} is not defined"
                    )
            same = by_prefix.get((name, prefix))
            clash = by_uri.get((name, uri)) if uri is not None else None
            # gettext's loop stops at the earliest earlier attribute matching either way.
            if same is not None and (clash is None or same <= clash):
                self.duplicate(prefix, name)
            elif clash is not None:
                self.ns_error(f"Namespaced Attribute {name} in '{uri}' redefined")
            by_prefix.setdefault((name, prefix), index)
            if uri is not None:
                by_uri.setdefault((name, uri), index)

    def attribute(self) -> tuple[str | None, str | None, str | None]:
        """xmlParseAttribute2: (name, prefix, value); name None on error."""
        name, prefix = self.qname()
        if name is None:
            self.fatal("error parsing attribute name")
            return None, None, None
        self.skip_blanks()
        if self.at(self.p) != 0x3D:  # '='
            self.fatal(f"Specification mandates value for attribute {name}")
            return None, None, None
        self.p += 1
        self.skip_blanks()
        value = self.attribute_value()
        if prefix == "xml" and name == "space" and value not in ("default", "preserve"):
            shown = "(null)" if value is None else value
            self.record(f'Invalid value "{shown}" for xml:space : "default" or "preserve" expected')
        return name, prefix, value

    def attribute_value(self) -> str | None:
        """xmlParseAttValueInternal, without normalization (no DTD declares any)."""
        limit = self.at(self.p)
        if limit not in (0x22, 0x27):
            self.fatal("AttValue: \" or ' expected")
            return None
        i = self.p + 1
        while True:
            c = self.at(i)
            if c == limit or not 0x20 <= c <= 0x7F or c in (0x26, 0x3C):
                break
            i += 1
        if self.at(i) == limit:
            value = self.doc[self.p + 1 : i]
            self.p = i + 1
            return value
        return self.attribute_value_complex(limit)

    # Complexity: xmlParseAttValueComplex's loop over characters and references.
    def attribute_value_complex(self, limit: int) -> str:
        self.p += 1
        value: list[str] = []
        c = self.current_char()
        while self.at(self.p) != limit and is_char(c) and c != 0x3C:
            if c == 0x26:  # '&'
                if self.at(self.p + 1) == 0x23:  # '#'
                    number = self.char_ref()
                    if number:
                        value.append(chr(number))
                else:
                    entity = self.entity_ref()
                    if entity is not None:
                        value.append(entity)
            else:
                value.append(" " if c in _BLANKS else chr(c))
                self.p += 1
            c = self.current_char()
        if self.at(self.p) == 0x3C:
            self.fatal("Unescaped '<' not allowed in attributes values")
        elif self.at(self.p) != limit:
            if c != _END and not is_char(c):
                self.fatal("invalid character in attribute value")
            else:
                self.fatal("AttValue: ' expected")
        else:
            self.p += 1
        return "".join(value)

    def element_end(self) -> None:
        """xmlParseElementEnd with xmlParseEndTag2."""
        if not self.tags:
            return
        tag = self.tags[-1]
        self.p += 2
        if tag.prefix is None:
            name = self.name_and_compare(tag.name)
        else:
            name = self.qname_and_compare(tag.name, tag.prefix)
        self.skip_blanks()
        if self.at(self.p) != 0x3E:
            self.fatal("expected '>'")
        else:
            self.p += 1
        if name is not True:
            shown = "unparsable" if name is None else name
            self.fatal(f"Opening and ending tag mismatch: {tag.name} line {tag.line} and {shown}")
        self.pop_tag()

    def name_and_compare(self, other: str) -> str | bool | None:
        """xmlParseNameAndCompare: True on a match, else the name read (or None)."""
        end = self.p + len(other)
        if self.doc.startswith(other, self.p) and (self.at(end) == 0x3E or self.at(end) in _BLANKS):
            self.p = end
            return True
        name = self.name()
        return True if name == other else name

    def qname_and_compare(self, name: str, prefix: str) -> str | bool | None:
        """xmlParseQNameAndCompare."""
        whole = f"{prefix}:{name}"
        end = self.p + len(whole)
        if self.doc.startswith(whole, self.p) and (self.at(end) == 0x3E or self.at(end) in _BLANKS):
            self.p = end
            return True
        read, read_prefix = self.qname()
        if read == name and read_prefix == prefix:
            return True
        return read

    # --- names --------------------------------------------------------------------------

    # Complexity: xmlParseQName's recovery from each kind of malformed QName.
    def qname(self) -> tuple[str | None, str | None]:
        """xmlParseQName: (local name, prefix)."""
        local = self.ncname()
        if local is None:
            if self.at(self.p) == 0x3A:  # ':'
                name = self.name()
                if name is not None:
                    self.ns_error(f"Failed to parse QName '{name}'")
                    return name, None
            return None, None
        if self.at(self.p) != 0x3A:
            return local, None
        self.p += 1
        prefix = local
        local = self.ncname()
        if local is None:
            self.ns_error(f"Failed to parse QName '{prefix}:'")
            token = self.nmtoken()
            return f"{prefix}:{token or ''}", None
        if self.at(self.p) == 0x3A:
            self.ns_error(f"Failed to parse QName '{prefix}:{local}:'")
            self.p += 1
            rest = self.name()
            return f"{local}:{rest or ''}", prefix
        return local, prefix

    def ncname(self) -> str | None:
        """xmlParseNCName: its ASCII accelerator, else xmlParseNCNameComplex."""
        start = self.p
        if _ascii_name_start(self.at(start)):
            i = start + 1
            while _ascii_name_char(self.at(i)):
                i += 1
            if 0 < self.at(i) < 0x80:
                if i - start > _MAX_NAME:
                    self.fatal("Name too long use XML_PARSE_HUGE option: NCName")
                    return None
                self.p = i
                return self.doc[start:i]
        return self.name_complex(colon=False)

    def name(self) -> str | None:
        """xmlParseName: its ASCII accelerator, else xmlParseNameComplex."""
        start = self.p
        c = self.at(start)
        if _ascii_name_start(c) or c == 0x3A:
            i = start + 1
            while _ascii_name_char(self.at(i)) or self.at(i) == 0x3A:
                i += 1
            if 0 < self.at(i) < 0x80:
                if i - start > _MAX_NAME:
                    self.fatal("Name too long use XML_PARSE_HUGE option: Name")
                    return None
                self.p = i
                return self.doc[start:i]
        return self.name_complex(colon=True)

    # Complexity: both complex name readers, with the length checks each makes when it does.
    def name_complex(self, *, colon: bool) -> str | None:
        """xmlParseNameComplex (colon) or xmlParseNCNameComplex (no colon)."""
        start = self.p
        c = self.current_char()
        if c in (0x20, 0x3E, 0x2F) or not name_start(c) or (not colon and c == 0x3A):
            return None
        size = count = 0
        while c not in (0x20, 0x3E, 0x2F) and name_char(c) and (colon or c != 0x3A):
            count += 1
            if count > _CHUNK + 1:
                count = 0
                # Only the NCName reader checks the length on its way.
                if not colon and size > _MAX_NAME:
                    self.fatal("Name too long use XML_PARSE_HUGE option: NCName")
                    return None
            size += _utf8_length(c)
            self.p += 1
            c = self.current_char()
        if size > _MAX_NAME:
            self.fatal(f"Name too long use XML_PARSE_HUGE option: {'Name' if colon else 'NCName'}")
            return None
        return self.doc[start : self.p]

    def nmtoken(self) -> str | None:
        """xmlParseNmtoken."""
        start = self.p
        size = 0
        c = self.current_char()
        while name_char(c):
            size += _utf8_length(c)
            self.p += 1
            c = self.current_char()
        if size == 0:
            return None
        if size > _MAX_NAME:
            self.fatal("Name too long use XML_PARSE_HUGE option: NmToken")
            return None
        return self.doc[start : self.p]

    # --- references ---------------------------------------------------------------------

    def reference(self) -> None:
        """xmlParseReference: a character reference, or one of the predefined entities."""
        if self.at(self.p + 1) == 0x23:
            self.char_ref()
        else:
            self.entity_ref()

    # Complexity: xmlParseCharRef's two loops, with its odd limit on hexadecimal letters.
    def char_ref(self) -> int:
        """xmlParseCharRef: the character's code, 0 after an error."""
        value = 0
        count = 0
        hexadecimal = self.at(self.p + 2) == 0x78  # 'x'
        self.p += 3 if hexadecimal else 2
        while self.at(self.p) != 0x3B:  # ';'
            if count > 20:  # gettext's "count++ > 20" resets the count it just bumped
                count = -1
            count += 1
            c = self.at(self.p)
            if 0x30 <= c <= 0x39:
                digit = c - 0x30
            elif hexadecimal and 0x61 <= c <= 0x66 and count < 20:
                digit = c - 0x61 + 10
            elif hexadecimal and 0x41 <= c <= 0x46 and count < 20:
                digit = c - 0x41 + 10
            else:
                kind = "hexadecimal" if hexadecimal else "decimal"
                self.fatal(f"CharRef: invalid {kind} value")
                value = 0
                break
            value = min(value * (16 if hexadecimal else 10) + digit, 0x110000)
            self.p += 1
            count += 1
        if self.at(self.p) == 0x3B:
            self.p += 1
        if value >= 0x110000:
            self.fatal("xmlParseCharRef: character reference out of bounds")
        elif is_char(value):
            return value
        else:
            self.fatal(f"xmlParseCharRef: invalid xmlChar value {value}")
        return 0

    def entity_ref(self) -> str | None:
        """xmlParseEntityRef, in a document without a DTD: the predefined entities only."""
        self.p += 1
        name = self.name()
        if name is None:
            self.fatal("xmlParseEntityRef: no name")
            return None
        if self.at(self.p) != 0x3B:
            self.fatal("EntityRef: expecting ';'")
            return None
        self.p += 1
        if name in _PREDEFINED:
            return {"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": '"'}[name]
        self.fatal(f"Entity '{name}' not defined")
        return None

    # --- character data -----------------------------------------------------------------

    # Complexity: xmlParseCharData's ASCII accelerator, which hands over to the slow reader.
    def char_data(self) -> None:
        """xmlParseCharData outside CDATA sections."""
        i = self.p
        while True:
            c = self.at(i)
            if c == 0x5D and self.at(i + 1) == 0x5D and self.at(i + 2) == 0x3E:  # "]]>"
                self.fatal("Sequence ']]>' not allowed in content")
                self.p = i + 1
                return
            if c in (0x3C, 0x26):  # '<', '&'
                self.p = i
                return
            if c == 0xD and self.at(i + 1) == 0xA:
                i += 2
            elif c in (0x9, 0xA) or 0x20 <= c <= 0x7F:
                i += 1
            else:
                break
        self.p = i
        self.char_data_complex()

    def char_data_complex(self) -> None:
        """xmlParseCharDataComplex."""
        c = self.current_char()
        while c not in (0x3C, 0x26) and is_char(c):
            if c == 0x5D and self.at(self.p + 1) == 0x5D and self.at(self.p + 2) == 0x3E:
                self.fatal("Sequence ']]>' not allowed in content")
            self.p += 1
            c = self.current_char()
        if c != _END and not is_char(c):
            self.fatal(f"PCDATA invalid Char value {c}")
            self.p += 1

    # --- comments, processing instructions, CDATA sections ------------------------------

    # Complexity: xmlParseComment's ASCII accelerator, transcribed jump for jump.
    def comment(self) -> None:
        """xmlParseComment."""
        self.p += 4
        flushed = self.p  # gettext's input->cur: what the comment's buffer holds ends here
        buffered = False  # whether gettext has allocated the buffer (it holds something)
        kept: list[str] = []  # the buffer's first characters (it drops the CR of CR LF)
        kept_size = 0
        i = self.p
        while True:
            while True:
                c = self.at(i)
                if (0x20 <= c <= 0x7F and c != 0x2D) or c in (0x9, 0xA):
                    i += 1
                else:
                    break
            if i > flushed:
                buffered = True
                if kept_size < 60:
                    piece = self.doc[flushed : min(i, flushed + 60)]
                    kept.append(piece)
                    kept_size += len(piece)
            flushed = i
            if self.at(i) == 0xD and self.at(i + 1) == 0xA:
                flushed = i + 1
                i += 2
                continue
            if self.at(i) == 0x2D:  # '-'
                if self.at(i + 1) == 0x2D:
                    if self.at(i + 2) == 0x3E:
                        self.p = i + 3
                        return
                    if buffered:
                        excerpt = _first_bytes("".join(kept), 50)
                        self.fatal(f"Double hyphen within comment: <!--{excerpt}")
                    else:
                        self.fatal("Double hyphen within comment")
                    i += 1
                i += 1
                continue
            c = self.at(i)
            if not (0x20 <= c <= 0x7F or c in (0x9, 0xA)):
                break
        self.p = i
        self.comment_complex()

    def comment_complex(self) -> None:
        """xmlParseCommentComplex (its buffer shows on the second line of its messages only)."""
        q = self.current_char()
        if q == _END:
            self.fatal("Comment not terminated")
            return
        if not is_char(q):
            self.fatal(f"xmlParseComment: invalid xmlChar value {q}")
            return
        self.p += 1
        r = self.current_char()
        if r == _END:
            self.fatal("Comment not terminated")
            return
        if not is_char(r):
            self.fatal(f"xmlParseComment: invalid xmlChar value {q}")  # sic: gettext's q
            return
        self.p += 1
        c = self.current_char()
        if c == _END:
            self.fatal("Comment not terminated")
            return
        while is_char(c) and (c != 0x3E or r != 0x2D or q != 0x2D):
            if r == 0x2D and q == 0x2D:
                self.fatal("Comment must not contain '--' (double-hyphen)")
            q, r = r, c
            self.p += 1
            c = self.current_char()
        if c == _END:
            self.fatal("Comment not terminated ")
        elif not is_char(c):
            self.fatal(f"xmlParseComment: invalid xmlChar value {c}")
        else:
            self.p += 1

    def pi(self) -> None:
        """xmlParsePI."""
        self.p += 2
        target = self.pi_target()
        if target is None:
            self.fatal("xmlParsePI : no target name")
            return
        if self.startswith("?>"):
            self.p += 2
            return
        if self.skip_blanks() == 0:
            self.fatal(f"ParsePI: PI {target} space expected")
        c = self.current_char()
        while is_char(c) and (c != 0x3F or self.at(self.p + 1) != 0x3E):
            self.p += 1
            c = self.current_char()
        if c != 0x3F:
            self.fatal(f"ParsePI: PI {target} never end ...")
        else:
            self.p += 2

    def pi_target(self) -> str | None:
        """xmlParsePITarget."""
        name = self.name()
        if (
            name is not None
            and len(name) >= 3
            and all(ch in pair for ch, pair in zip(name, ("xX", "mM", "lL")))
        ):
            if name == "xml":
                self.fatal("XML declaration allowed only at the start of the document")
                return name
            if len(name) == 3:
                self.fatal("Invalid PI name")
                return name
            if name in _W3C_PIS:
                return name
            self.record("xmlParsePITarget: invalid name prefix 'xml'")
        if name is not None and ":" in name:
            self.ns_error(f"colons are forbidden from PI names '{name}'")
        return name

    def cdata(self) -> None:
        """xmlParseCDSect."""
        self.p += 9
        r = self.current_char()
        if not is_char(r):
            self.fatal("Unregistered error message")  # XML_ERR_CDATA_NOT_FINISHED has no text
            return
        self.p += 1
        s = self.current_char()
        if not is_char(s):
            self.fatal("Unregistered error message")
            return
        self.p += 1
        c = self.current_char()
        while is_char(c) and (r != 0x5D or s != 0x5D or c != 0x3E):
            r, s = s, c
            self.p += 1
            c = self.current_char()
        if c != 0x3E:
            self.fatal("CData section not finished")
            return
        self.p += 1


def _byte_char(c: int) -> bool:
    # IS_BYTE_CHAR on the first byte of the character.
    return c >= 0x20 or c in (0x9, 0xA, 0xD)


def _first_bytes(text: str, size: int) -> str:
    # printf's "%.50s" counts bytes; a character cut in two is left out.
    return text.encode("utf-8", "surrogatepass")[:size].decode("utf-8", "ignore")


_URI_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"
)


def _valid_uri(uri: str) -> bool:
    """Roughly xmlParseURI's acceptance: URI characters, and '%' before two hex digits."""
    for i, ch in enumerate(uri):
        if ch not in _URI_SAFE:
            return False
        if ch == "%" and not all(c in "0123456789abcdefABCDEF" for c in uri[i + 1 : i + 3]):
            return False
    return True


def _has_scheme(uri: str) -> bool:
    colon = uri.find(":")
    if colon <= 0 or not uri[0].isascii() or not uri[0].isalpha():
        return False
    return all(ch.isascii() and (ch.isalnum() or ch in "+-.") for ch in uri[1:colon])


def last_error(document: str) -> str | None:
    """libxml2's last error message when it refuses ``document``, or None."""
    return Parser(document).parse()
