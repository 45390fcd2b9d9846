"""msgattrib as the oracle of wrapping: write entries on one line each, compare its lines with ours."""

from __future__ import annotations

import codecs
import dataclasses
import re
import subprocess
from typing import TYPE_CHECKING

from gnu import require
from hatch_minipo.po.wrap import escape_po, wrap_po_string

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


@dataclasses.dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    plurals: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    obsolete: bool = False

    def value(self, keyword: str) -> str:
        if keyword.startswith("msgstr["):
            return self.plurals[int(keyword[len("msgstr[") : -1])]
        value = {"msgctxt": self.msgctxt, "msgid": self.msgid}.get(keyword)
        if keyword == "msgid_plural":
            value = self.msgid_plural
        elif keyword == "msgstr":
            value = self.msgstr
        assert value is not None
        return value


def po_source(entries: list[Entry], charset: str) -> str:
    """A catalog with every string on one line, as ``msgattrib --no-wrap`` writes it."""
    parts = [f'msgid ""\nmsgstr "Content-Type: text/plain; charset={charset}\\n"\n']
    for entry in entries:
        prefix = "#~ " if entry.obsolete else ""
        lines = [f"#, {', '.join(entry.flags)}"] if entry.flags else []
        if entry.msgctxt is not None:
            lines.append(f'{prefix}msgctxt "{escape_po(entry.msgctxt)}"')
        lines.append(f'{prefix}msgid "{escape_po(entry.msgid)}"')
        if entry.msgid_plural is None:
            lines.append(f'{prefix}msgstr "{escape_po(entry.msgstr)}"')
        else:
            lines.append(f'{prefix}msgid_plural "{escape_po(entry.msgid_plural)}"')
            lines += [
                f'{prefix}msgstr[{n}] "{escape_po(form)}"' for n, form in enumerate(entry.plurals)
            ]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


_FIELD = re.compile(r'^((?:#~\| |#\| |#~ )?)(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "')


def gnu_fields(text: str) -> list[list[tuple[str, str, list[str]]]]:
    """Per entry of msgattrib's output: (keyword, line prefix, lines) of each string."""
    entries = []
    for block in text.split("\n\n"):
        fields: list[tuple[str, str, list[str]]] = []
        for line in block.split("\n"):
            match = _FIELD.match(line)
            if match:
                fields.append((match.group(2), match.group(1), [line]))
            elif fields and line.startswith(fields[-1][1] + '"'):
                fields[-1][2].append(line)
        if fields:
            entries.append(fields)
    return entries


def codec(charset: str) -> str:
    """Python's name for a catalog charset; UTF-8 for names Python does not know."""
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return "utf-8"


def msgattrib(source: Path, charset: str, *options: str) -> str:
    result = subprocess.run(
        [require("msgattrib"), *options, str(source)], capture_output=True, check=True
    )
    return result.stdout.decode(codec(charset))


def mismatches(
    entries: list[Entry], tmp_path: Path, *, width: int | None = 79, charset: str = "UTF-8"
) -> tuple[int, list[str]]:
    """Run msgattrib once on all entries; (strings compared, descriptions of differences)."""
    source = tmp_path / f"in-{width}-{charset}.po"
    source.write_bytes(po_source(entries, charset).encode(codec(charset)))
    options = ["--no-wrap"] if width is None else [f"--width={width}"]
    output = gnu_fields(msgattrib(source, charset, *options))[1:]  # the header comes first
    # GNU writes obsolete entries last, and drops those without a translation.
    written = [e for e in entries if not e.obsolete]
    written += [e for e in entries if e.obsolete and (e.msgstr or any(e.plurals))]
    assert len(output) == len(written)
    compared = 0
    problems = []
    for entry, fields in zip(written, output):
        for keyword, prefix, lines in fields:
            value = entry.value(keyword)
            ours = wrap_po_string(
                keyword, value, width=width, format_flags=entry.flags, prefix=prefix,
                charset=charset,
            )  # fmt: skip
            compared += 1
            if ours != lines:
                problems.append(f"{keyword} {value!r} {entry.flags}: GNU {lines} ours {ours}")
    return compared, problems


# The widths the format tests wrap at: GNU's default, and a narrow one that breaks often.
WIDTHS = (79, 30)
FILLER = "Some filler words that push the directive close to the wrap column "
_WORDS = "ab cde f ghij kl mnopq rs t uvw xyz " * 8


def directive_entries(flag: str, directives: Sequence[str]) -> list[Entry]:
    """Entries in which each directive, twice, meets the wrap column of each of WIDTHS.

    After filler words cut shorter by two characters at a time (the second directive further
    on), in short strings, and at every column from 16 before each width to 1 after it (the
    second directive near the next line's end).
    """
    entries = []
    for number, directive in enumerate(directives):
        for shift in range(0, 24, 2):
            text = FILLER[: len(FILLER) - shift] + "x" * shift + directive + " tail " * 4
            text += directive + " and " + FILLER
            entries.append(Entry(text, text, msgctxt=f"{directive} {shift}", flags=(flag,)))
            short = "x" * shift + directive + " y " + directive + "z" * 9
            entries.append(Entry(short, short, msgctxt=f"short {directive} {shift}", flags=(flag,)))
        for width in WIDTHS:
            for start in range(width - 16, width + 2):
                text = _WORDS[:start] + directive + " " + _WORDS[: width - 6] + directive + " end"
                context = f"{number} {width} {start}"
                entries.append(Entry(text, text, msgctxt=context, flags=(flag,)))
    return entries


def assert_wraps_like_msgattrib(
    tmp_path: Path, entries: Sequence[Entry], *, charset: str = "UTF-8"
) -> int:
    """Asserts that msgattrib wraps every string of ``entries`` as wrap_po_string does, at each
    of WIDTHS; the number of strings compared."""
    compared_all = 0
    for width in WIDTHS:
        compared, problems = mismatches(list(entries), tmp_path, width=width, charset=charset)
        assert problems == []
        assert compared > 0
        compared_all += compared
    return compared_all
