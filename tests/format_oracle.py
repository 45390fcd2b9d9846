"""msgfmt -c as the oracle of format checks: one run over many entries, what it said of each;
and the checks' verdicts to compare with it."""

from __future__ import annotations

import bisect
import re
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from format_samples import CZECH, ENGLISH, rule
from gnu import require
from hatch_minipo.formats.checks import check_formats, lenient_forms
from hatch_minipo.po.wrap import escape_po

if TYPE_CHECKING:
    from collections.abc import Sequence

# An entry to check: (flags, msgid, msgid_plural or None, msgstrs).
Case = tuple[str, str, "str | None", list[str]]
# Entries that go in one catalog, with its nplurals and plural rule.
Batch = tuple[list[Case], int, str]

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: t 1\\n"\n"PO-Revision-Date: 2020-01-01 00:00+0000\\n"\n'
    '"Last-Translator: t\\n"\n"Language-Team: t\\n"\n"Language: t\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals={n}; plural={rule};\\n"\n\n'
)


def msgfmt_verdicts(
    tmp_path: Path, cases: Sequence[Case], nplurals: int, plural: str
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


def refused(flag: str, msgid: str, msgstr: str) -> list[str]:
    """What msgfmt -c would print about a singular entry, as check_formats says it."""
    return [p.message for p in check_formats([flag], msgid, None, [msgstr]) if p.gnu_refuses]


def plural_refused(flag: str, msgid: str, plural: str, msgstrs: list[str]) -> list[str]:
    """The same for a plural entry under the Czech rule (forms 0 and 1 lenient)."""
    lenient = lenient_forms(rule(CZECH), len(msgstrs))
    found = check_formats([flag], msgid, plural, msgstrs, lenient)
    return [p.message for p in found if p.gnu_refuses]


def english_and_czech(singular: list[Case], english: list[Case], czech: list[Case]) -> list[Batch]:
    """Singular and plural entries in an English catalog, plural entries in a Czech one."""
    return [(singular, 2, ENGLISH), (english, 2, ENGLISH), (czech, 3, CZECH)]


def compare_with_msgfmt(
    tmp_path: Path,
    batches: Sequence[Batch],
    *,
    at_least: int = 1000,
    refused_share: tuple[float, float] = (0.15, 0.85),
) -> tuple[int, int]:
    """Assert that msgfmt -c prints, of every entry, the refusal check_formats finds first
    (or nothing when it finds none); (entries, refused).

    Also asserts that there are ``at_least`` entries, and that the share msgfmt refuses lies
    in ``refused_share``: a batch accepted or refused almost whole would test little.
    """
    total = refused_count = 0
    disagree: list[str] = []
    for cases, nplurals, expression in batches:
        folder = Path(tempfile.mkdtemp(prefix="msgfmt-", dir=tmp_path))
        printed = msgfmt_verdicts(folder, cases, nplurals, expression)
        lenient = lenient_forms(rule(expression), nplurals)
        for case, gnu in zip(cases, printed):
            flags, msgid, plural, msgstrs = case
            found = check_formats(
                [flags], msgid, plural, msgstrs, lenient if plural is not None else frozenset()
            )
            ours = [p.message for p in found if p.gnu_refuses][:1]
            if ours != gnu:
                disagree.append(f"{case!r}: ours {ours} GNU {gnu}")
            refused_count += bool(gnu)
        total += len(cases)
    assert disagree == [], f"{len(disagree)} of {total}:\n" + "\n".join(disagree[:20])
    assert total >= at_least, total
    low, high = refused_share
    assert low * total <= refused_count <= high * total, (total, refused_count)
    return total, refused_count


def pairs_agree(tmp_path: Path, flag: str, pairs: list[tuple[str, str]]) -> None:
    """Asserts that msgfmt -c says of each (msgid, msgstr) what check_formats says first."""
    cases: list[Case] = [(flag, msgid, None, [msgstr]) for msgid, msgstr in pairs]
    compare_with_msgfmt(tmp_path, [(cases, 2, ENGLISH)], at_least=len(pairs), refused_share=(0, 1))
