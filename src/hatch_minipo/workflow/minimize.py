"""Reduce a full catalog to its minimized form: the translations and nothing else.

The result, written with :func:`hatch_minipo.po.writer.write_po`, is byte for byte what

    msgattrib --force-po --translated --no-fuzzy --no-obsolete --no-location --sort-output

of GNU gettext 0.21 writes.  What msgattrib keeps, measured: the header always (even fuzzy,
even obsolete), with its comments and flags; every translated entry that is neither fuzzy nor
obsolete, with its translator and extracted comments, its flags and its ``#|`` previous
strings; no ``#:`` references.  Entries are sorted by msgid bytes, an entry without context
before one with, then by context bytes.
"""

from __future__ import annotations

import dataclasses

from hatch_minipo.errors import Diagnostic, Severity
from hatch_minipo.mo import writer as mo
from hatch_minipo.po.catalog import Catalog, Message, with_header_field
from hatch_minipo.po.reader import parse_po
from hatch_minipo.po.writer import DEFAULT_WIDTH, write_po
from hatch_minipo.validate import validate

__all__ = ["MinimizeResult", "minimize", "minimize_po", "sort_key"]


def _is_header(message: Message) -> bool:
    # msgattrib's is_header() ignores obsoleteness: an obsolete header is kept as well.
    return message.msgctxt is None and message.msgid == ""


def _keep(message: Message) -> bool:
    if _is_header(message):
        return True
    # "Translated" looks at the first form only, like msgattrib and msgfmt.
    return not message.obsolete and message.msgstr[0] != "" and "fuzzy" not in message.flags


def _without_references(message: Message) -> Message:
    # The constructor, not dataclasses.replace: a third of the time, once per entry kept.
    return Message(
        msgid=message.msgid,
        msgstr=message.msgstr,
        msgid_plural=message.msgid_plural,
        msgctxt=message.msgctxt,
        flags=list(message.flags),
        translator_comments=list(message.translator_comments),
        extracted_comments=list(message.extracted_comments),
        references=[],
        previous=list(message.previous),
        obsolete=message.obsolete,
        line=message.line,
        msgstr_lines=message.msgstr_lines,
    )


def sort_key(message: Message, charset: str) -> tuple[bytes, int, bytes]:
    """msgattrib's --sort-output order: strcmp of the msgid bytes, then the context.

    The plural msgid plays no part; an entry without context sorts before any with one.
    """
    msgid = message.msgid.encode(charset, "surrogateescape")
    if message.msgctxt is None:
        return (msgid, 0, b"")
    return (msgid, 1, message.msgctxt.encode(charset, "surrogateescape"))


def minimize(catalog: Catalog, *, template: Catalog | None = None) -> Catalog:
    """The minimized copy of ``catalog``; ``catalog`` itself is left as it was.

    With ``template`` (the ``.pot``), entries whose (context, msgid) the template's live
    entries no longer have are dropped first, as merging with the template did in the
    workflow this comes from.
    """
    messages = catalog.messages
    if template is not None:
        wanted = {m.key for m in template.messages if not m.obsolete}
        messages = [m for m in messages if _is_header(m) or m.key in wanted]
    kept = [_without_references(m) for m in messages if _keep(m)]
    kept.sort(key=lambda m: sort_key(m, catalog.charset))
    return Catalog(
        messages=kept,
        charset=catalog.charset,
        path=catalog.path,
        declared_charset=catalog.declared_charset,
    )


@dataclasses.dataclass
class MinimizeResult:
    """What minimizing PO bytes gave: the minimized bytes, or None when refused."""

    path: str
    data: bytes | None
    diagnostics: list[Diagnostic]


def minimize_po(
    data: bytes,
    path: str = "<catalog>",
    *,
    template: Catalog | None = None,
    width: int | None = DEFAULT_WIDTH,
    language: str | None = None,
    previous: Catalog | None = None,
) -> MinimizeResult:
    """Minimize the PO bytes ``data`` read from ``path`` (used in diagnostics only).

    Only what makes the file unreadable refuses it: syntax errors, duplicate entries, text
    that is not valid in its charset.  What ``minipo compile`` would refuse or warn about
    (plural forms, format strings...) comes back as warnings: a translation in progress must
    still be minimized.  ``language`` is the caller's guess from the file's place.

    ``previous`` is the minimized catalog this one replaces: its ``POT-Creation-Date`` is
    kept (or its absence), so that a template made again from unchanged sources, or from
    changed ones, never changes the minimized header by that date alone.  Without it, the
    bytes are msgattrib's.
    """
    catalog, diagnostics = parse_po(data, path)
    kept = mo.select(catalog.messages)
    validation = validate(catalog, kept, level="errors", language=language)
    diagnostics.extend(validation.unreadable)
    diagnostics.extend(
        dataclasses.replace(found, severity=Severity.WARNING) if found.is_error else found
        for found in validation.findings
    )
    if template is not None:
        # Translations lost to a stale template would otherwise vanish without a word.
        wanted = {m.key for m in template.messages if not m.obsolete}
        diagnostics.extend(
            Diagnostic(path, m.line, "not in the template any more: dropped", Severity.WARNING)
            for m in catalog.messages
            if _keep(m) and not _is_header(m) and m.key not in wanted
        )
    diagnostics.sort(key=lambda d: d.line)
    if any(d.is_error for d in diagnostics):
        return MinimizeResult(path, None, diagnostics)
    minimized = minimize(catalog, template=template)
    if previous is not None:
        date = previous.header_field("POT-Creation-Date")
        minimized = with_header_field(minimized, "POT-Creation-Date", date)
    output = write_po(minimized, width=width)
    return MinimizeResult(path, output, diagnostics)
