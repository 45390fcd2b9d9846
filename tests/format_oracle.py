"""msgfmt -c as the oracle of format checks: one run over many entries, what it said of each."""

from __future__ import annotations

import bisect
import re
import subprocess
from typing import TYPE_CHECKING

from gnu import require
from hatch_minipo.po.wrap import escape_po

if TYPE_CHECKING:
    from pathlib import Path

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: t 1\\n"\n"PO-Revision-Date: 2020-01-01 00:00+0000\\n"\n'
    '"Last-Translator: t\\n"\n"Language-Team: t\\n"\n"Language: t\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals={n}; plural={rule};\\n"\n\n'
)


def msgfmt_verdicts(
    tmp_path: Path, cases: list[tuple[str, str, str | None, list[str]]], nplurals: int, plural: str
) -> list[list[str]]:
    """Run msgfmt -c once over every case; what it printed for each entry."""
    parts = [HEADER.format(n=nplurals, rule=plural)]
    line = parts[0].count("\n") + 1
    spans: list[tuple[int, int]] = []
    for number, (flags, msgid, msgid_plural, msgstrs) in enumerate(cases):
        lines = [f"#, {flags}", f"msgctxt {quote(str(number))}", f"msgid {quote(msgid)}"]
        if msgid_plural is None:
            lines.append(f"msgstr {quote(msgstrs[0])}")
        else:
            lines.append(f"msgid_plural {quote(msgid_plural)}")
            lines += [f"msgstr[{j}] {quote(s)}" for j, s in enumerate(msgstrs)]
        parts.append("\n".join(lines) + "\n\n")
        spans.append((line, line + len(lines) + 1))
        line += len(lines) + 1
    text = "".join(parts)
    source = tmp_path / "cases.po"
    source.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [require("msgfmt"), "-c", "-o", "/dev/null", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    starts = [start for start, _ in spans]
    printed: list[list[str]] = [[] for _ in cases]
    for said in run.stderr.splitlines():
        match = re.match(r".*?:(\d+): (.*)", said)
        if match is None:
            continue
        number = bisect.bisect_right(starts, int(match.group(1))) - 1
        if number >= 0 and int(match.group(1)) < spans[number][1]:
            printed[number].append(match.group(2))
    return printed


def quote(text: str) -> str:
    """A PO string literal, escaped as GNU escapes it."""
    return '"' + escape_po(text) + '"'
