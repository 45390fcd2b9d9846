"""A catalog and a template for the tests of expand, and msgmerge to compare with."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from gnu import require
from hatch_minipo.po.reader import parse_po

if TYPE_CHECKING:
    from pathlib import Path

    from hatch_minipo.po.catalog import Catalog

POT_HEADER = (
    "Project-Id-Version: PACKAGE VERSION\n"
    "Report-Msgid-Bugs-To: bugs@example.org\n"
    "POT-Creation-Date: 2025-03-04 05:06+0100\n"
    "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
    "Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
    "Language-Team: LANGUAGE <LL@li.org>\n"
    "Language: \n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n"
)


MINI = """\
# German translations.
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\\n"
"Language: de\\n"
"POT-Creation-Date: 2020-01-01 00:00+0000\\n"
"PO-Revision-Date: 2021-01-01 00:00+0000\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Generator: Poedit 3.4\\n"

msgid "Gone"
msgstr "Weg"

# keep this
msgid "Hello"
msgstr "Hallo"

msgid "file"
msgid_plural "files"
msgstr[0] "Datei"
msgstr[1] "Dateien"
"""


POT_HEADER_LINES = "".join(f'"{line}\\n"\n' for line in POT_HEADER.splitlines())


TEMPLATE = f"""\
#, fuzzy
msgid ""
msgstr ""
{POT_HEADER_LINES}
#. a greeting
#: app.py:3
msgid "Hello"
msgstr ""

#: app.py:9
msgid "New"
msgstr ""

#: app.py:12
#, python-format
msgid "file"
msgid_plural "%d files"
msgstr[0] ""
msgstr[1] ""

#: app.py:20
msgctxt "menu"
msgid "Open"
msgid_plural "Opens"
msgstr[0] ""
msgstr[1] ""
"""


def parse(data: bytes | str, path: str = "x.po") -> Catalog:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    catalog, diagnostics = parse_po(raw, path)
    assert [d for d in diagnostics if d.is_error] == []
    return catalog


def msgmerge(mini: Path, template: Path, options: tuple[str, ...] = ()) -> bytes:
    """msgmerge's output file (--force-po: a header-only result is written too)."""
    out = mini.with_name(mini.name + ".gnu.po")
    subprocess.run(
        [
            require("msgmerge"),
            "--quiet",
            "--force-po",
            "--no-fuzzy-matching",
            *options,
            "-o",
            str(out),
            str(mini),
            str(template),
        ],
        capture_output=True,
        check=True,
    )
    return out.read_bytes()
