"""The catalog model: what a PO file says, entry by entry, with the line each came from."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass
class Message:
    """One PO entry.

    ``msgstr`` always holds every translation: one string for a singular entry, one per
    ``msgstr[N]`` for a plural entry (``msgid_plural`` is not None).  ``msgctxt`` is None when
    the entry has no context, which is not the same as an empty context.
    """

    msgid: str
    msgstr: tuple[str, ...] = ("",)
    msgid_plural: str | None = None
    msgctxt: str | None = None
    flags: list[str] = dataclasses.field(default_factory=list)
    translator_comments: list[str] = dataclasses.field(default_factory=list)
    extracted_comments: list[str] = dataclasses.field(default_factory=list)
    references: list[str] = dataclasses.field(default_factory=list)
    # "#|" lines, kept as their raw text after "#|" (msgattrib and msgmerge pass them through).
    previous: list[str] = dataclasses.field(default_factory=list)
    obsolete: bool = False
    # 1-based line of the `msgid` keyword (where msgfmt reports problems of the entry).
    line: int = 0
    # 1-based lines of each msgstr keyword, for problems in one translation.
    msgstr_lines: tuple[int, ...] = ()

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        # msgfmt looks at the first form only: a plural entry whose msgstr[0] is empty is
        # untranslated even if later forms are filled, and the converse counts as translated.
        return self.msgstr[0] != ""

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


@dataclasses.dataclass
class Catalog:
    """A parsed PO file: its entries in file order (header included) and its encoding."""

    messages: list[Message]
    # Python codec name the file was decoded with, and the name its header gave (None: none).
    charset: str = "utf-8"
    path: str = "<catalog>"
    declared_charset: str | None = None
    # Set by the parser when the file holds no EOT and no byte that is not text in its
    # charset, anywhere: validation then has no string to search for them.
    clean_text: bool = False

    @property
    def header(self) -> Message | None:
        for message in self.messages:
            if message.is_header:
                return message
        return None

    def header_field(self, name: str) -> str | None:
        """The value of ``Name: value`` in the header entry, or None."""
        header = self.header
        if header is None:
            return None
        prefix = name.lower() + ":"
        for line in header.msgstr[0].split("\n"):
            if line.lower().startswith(prefix):
                return line[len(prefix) :].strip()
        return None


def with_header_field(catalog: Catalog, name: str, value: str | None) -> Catalog:
    """A copy of ``catalog`` whose header says ``Name: value`` where it said ``Name: ...``.

    With ``value`` None the field's line is dropped.  A header without the field, or a catalog
    without a header, is returned as it is.
    """
    header = catalog.header
    if header is None:
        return catalog
    prefix = name.lower() + ":"
    lines = header.msgstr[0].split("\n")
    found = False
    kept = []
    for line in lines:
        if not found and line.lower().startswith(prefix):
            found = True
            if value is not None:
                kept.append(f"{line[: len(prefix)]} {value}")
            continue
        kept.append(line)
    if not found:
        return catalog
    changed = dataclasses.replace(header, msgstr=("\n".join(kept), *header.msgstr[1:]))
    messages = [changed if message is header else message for message in catalog.messages]
    return dataclasses.replace(catalog, messages=messages)
