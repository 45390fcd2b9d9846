"""Write a catalog as PO bytes, exactly as GNU gettext 0.21's write-po.c prints a message list.

This is what msgattrib, msgmerge and msgcat write: live entries in catalog order, then the
obsolete ones; per entry the translator comments, extracted comments, references, flags and
previous strings, then the keywords, wrapped by :func:`hatch_minipo.po.wrap.wrap_po_string`.
Comments are printed as GNU reads them (see :mod:`hatch_minipo.po.comments`), so a file that
went through a GNU tool comes out unchanged.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from hatch_minipo.po import comments as po_comments
from hatch_minipo.po.flags import parse_flags
from hatch_minipo.po.wrap import page_width_of, wrap_po_string

if TYPE_CHECKING:
    from hatch_minipo.po.catalog import Catalog, Message
    from hatch_minipo.po.flags import EntryFlags

__all__ = ["DEFAULT_WIDTH", "header_charset", "write_po"]

DEFAULT_WIDTH = 79
_INT_MAX = 2**31 - 1


def header_charset(catalog: Catalog) -> str:
    """The charset name write-po.c takes from the header: the text after ``charset=``.

    ``ASCII`` without a header, without ``charset=`` or with the ``CHARSET`` placeholder.
    """
    header = catalog.header
    if header is None:
        return "ASCII"
    text = header.msgstr[0]
    start = text.find("charset=")
    if start < 0:
        return "ASCII"
    start += len("charset=")
    end = start
    while end < len(text) and text[end] not in " \t\n":
        end += 1
    name = text[start:end]
    return "ASCII" if name == "CHARSET" else name


def _page_width(width: int | None) -> int:
    # message_page_width_set: 0 means unlimited, fewer than 20 columns become 20.  With
    # --no-wrap the width still applies to reference lines.
    return page_width_of(DEFAULT_WIDTH if width is None else width)


# A catalog has a handful of distinct flag lines, written once per entry.
@functools.lru_cache(maxsize=1024)
def _flag_line(flags: tuple[str, ...], obsolete: bool, print_fuzzy: bool) -> str | None:
    items = parse_flags(flags).items(obsolete=obsolete, print_fuzzy=print_fuzzy)
    return "#, " + ", ".join(items) if items else None


def _keyword_lines(
    message: Message, prefix: str, width: int | None, charset: str, flags: EntryFlags
) -> list[str]:
    def wrap(keyword: str, value: str) -> list[str]:
        return wrap_po_string(
            keyword, value, width=width, format_flags=flags, prefix=prefix, charset=charset
        )

    lines = wrap("msgctxt", message.msgctxt) if message.msgctxt is not None else []
    lines += wrap("msgid", message.msgid)
    if message.msgid_plural is None:
        lines += wrap("msgstr", message.msgstr[0])
    else:
        lines += wrap("msgid_plural", message.msgid_plural)
        for index, form in enumerate(message.msgstr):
            lines += wrap(f"msgstr[{index}]", form)
    return lines


# Complexity: once per entry written; a minimized entry has no comment, so each kind of
# comment is looked at only when the entry has some.
def _entry_lines(
    message: Message, width: int | None, page_width: int, charset: str, codec: str
) -> list[str]:
    obsolete = message.obsolete
    lines = [po_comments.translator_comment_line(raw) for raw in message.translator_comments]
    if message.extracted_comments:
        lines += [po_comments.extracted_comment_line(raw) for raw in message.extracted_comments]
    if message.references:
        lines += po_comments.reference_lines(
            po_comments.parse_references(message.references), page_width, codec
        )
    flag_line = _flag_line(tuple(message.flags), obsolete, message.msgstr[0] != "")
    if flag_line is not None:
        lines.append(flag_line)
    flags = parse_flags(message.flags)
    if message.previous:
        previous = po_comments.parse_previous(message.previous, codec)
        previous_prefix = "#~| " if obsolete else "#| "
        for keyword, value in (
            ("msgctxt", previous.msgctxt),
            ("msgid", previous.msgid),
            ("msgid_plural", previous.msgid_plural),
        ):
            if value is not None:
                lines += wrap_po_string(
                    keyword,
                    value,
                    width=width,
                    format_flags=flags,
                    prefix=previous_prefix,
                    charset=charset,
                )
    lines += _keyword_lines(message, "#~ " if obsolete else "", width, charset, flags)
    return lines


def write_po(catalog: Catalog, *, width: int | None = DEFAULT_WIDTH) -> bytes:
    """The PO bytes GNU gettext 0.21 writes for ``catalog``, in the catalog's encoding.

    ``width`` is ``--width`` (strings and reference lines are filled up to it; 0 means no
    limit); None is ``--no-wrap``: strings are only split after ``\\n``, while references are
    still filled to 79 columns as GNU does.  An obsolete entry without a translation is not
    written, as GNU drops it.  Raises UnicodeEncodeError when a string cannot be written in
    the catalog's encoding.
    """
    charset = header_charset(catalog)
    codec = catalog.charset
    page_width = _page_width(width)
    out: list[str] = []
    blank_line = False
    live = [m for m in catalog.messages if not m.obsolete]
    obsolete = [m for m in catalog.messages if m.obsolete]
    for message in live + obsolete:
        # write-po.c skips an obsolete entry without translation but still counts it as
        # written, so a blank line may lead the output of a file holding only such entries.
        if not (message.obsolete and message.msgstr[0] == ""):
            if blank_line:
                out.append("")
            out += _entry_lines(message, width, page_width, charset, codec)
        blank_line = True
    if not out:
        return b""
    return ("\n".join(out) + "\n").encode(codec, "surrogateescape")
