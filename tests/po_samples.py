"""Full PO catalogs made up at random: everything a translator's file may hold.

Locations, fuzzy, obsolete and untranslated entries, contexts, plurals, previous strings,
long lines, CJK and Indic text, format directives placed where lines break.  Used to compare
our writer with GNU gettext's; a seed gives the same catalog every time.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

from hatch_minipo.po.catalog import Catalog, Message

WORDS = (
    "file", "open", "the", "connection", "to", "server", "failed", "please", "try", "again",
    "display", "virtual", "machine", "could", "not", "be", "started", "because", "error",
    "supercalifragilisticexpialidocious-and-more-of-the-same-without-break-opportunities",
    "/usr/share/locale/de/LC_MESSAGES/a-long-path-name.mo", "https://example.org/a/b?c=d",
    "仮想マシン", "接続できませんでした", "虚拟机", "无法启动", "가상", "머신을", "시작할",
    "वर्चुअल", "मशीन", "प्रारंभ", "नहीं", "হয়েছে", "সংযোগ", "ভার্চুয়াল", "தொடங்க",
    "முடியவில்லை", "ความล้มเหลว", "Ошибка", "подключения", "«quoted»", "naïve", "…",
    "%s", "%d", "%1$s", "%2$d", "%-10s", "%5.2f", "%%", "%(name)s", "%(count)d", "{0}",
    "{name}", "{}", "%lu", "%zu", "%" , "\\", '"', "\t", "a\tb", "x\ny",
)  # fmt: skip

FORMAT_FLAGS = ("c-format", "python-format", "python-brace-format", "no-c-format", "sh-format")


def _encodable(word: str, codec: str) -> bool:
    try:
        word.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _words(charset: str) -> tuple[str, ...]:
    codec = {"UTF-8": "utf-8", "ISO-8859-1": "latin-1", "EUC-JP": "euc_jp"}[charset]
    return tuple(w for w in WORDS if _encodable(w, codec))


def escape(text: str) -> str:
    table = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}
    return "".join(table.get(c, c) for c in text)


def _text(rng: random.Random, words: tuple[str, ...], long: bool) -> str:
    count = rng.randint(8, 40) if long else rng.randint(1, 6)
    parts = []
    for _ in range(count):
        parts.append(rng.choice(words))
        parts.append(rng.choice(("", " ", " ", " ", " ", ", ", "\n", "-", "/")))
    text = "".join(parts)
    if rng.random() < 0.2:
        text += "\n"
    return text


def _string_lines(keyword: str, value: str, rng: random.Random, prefix: str = "") -> list[str]:
    """A keyword and its value, split at random places (our writer must re-wrap it)."""
    escaped = escape(value)
    if not escaped or rng.random() < 0.5:
        return [f'{prefix}{keyword} "{escaped}"']
    pieces = []
    pos = 0
    while pos < len(escaped):
        step = rng.randint(1, 30)
        end = min(len(escaped), pos + step)
        while end < len(escaped) and escaped[end - 1] == "\\":
            end += 1  # never split an escape sequence
        pieces.append(escaped[pos:end])
        pos = end
    return [f'{prefix}{keyword} ""'] + [f'{prefix}"{p}"' for p in pieces]


def _references(rng: random.Random) -> list[str]:
    lines = []
    for _ in range(rng.randint(1, 3)):
        refs = []
        for _ in range(rng.randint(1, 8)):
            name = rng.choice(
                ("src/app.py", "./src/dialog.c", "lib/very/deep/folder/structure/module_name.py",
                 "main.c", "ui/window.ui", "données/fichier.py")
            )  # fmt: skip
            refs.append(f"{name}:{rng.randint(1, 5000)}" if rng.random() < 0.9 else name)
        lines.append("#: " + " ".join(refs))
    return lines


def catalog_text(seed: int, charset: str = "UTF-8") -> str:
    """A full catalog as a translator's tool would leave it."""
    rng = random.Random(seed)  # noqa: S311  # reproducible, not secret
    words = _words(charset)
    out = [
        "# Translations for a made-up program.",
        "# Copyright (C) 2024 Somebody",
        "#",
    ]
    if rng.random() < 0.3:
        out.append("#, fuzzy")
    plural_forms = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    out += [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: demo 1.0\\n"',
        '"Report-Msgid-Bugs-To: \\n"',
        '"POT-Creation-Date: 2024-01-01 00:00+0000\\n"',
        '"PO-Revision-Date: 2024-02-02 00:00+0000\\n"',
        '"Last-Translator: A Translator <someone@example.org>\\n"',
        (
            '"Language-Team: A very long language team name that does not fit on one line '
            '<team@example.org>\\n"'
        ),
        '"Language: ru\\n"',
        '"MIME-Version: 1.0\\n"',
        f'"Content-Type: text/plain; charset={charset}\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        f'"Plural-Forms: {plural_forms}\\n"',
        "",
    ]
    seen: set[tuple[str | None, str]] = {(None, "")}
    for _ in range(rng.randint(5, 40)):
        msgid = _text(rng, words, rng.random() < 0.3)
        msgctxt = _text(rng, words, False) if rng.random() < 0.15 else None
        if (msgctxt, msgid) in seen:
            continue
        seen.add((msgctxt, msgid))
        obsolete = rng.random() < 0.1
        prefix = "#~ " if obsolete else ""
        lines = []
        if rng.random() < 0.3:
            lines.append("# " + rng.choice(("translator note", "", "  indented", "TRANSLATORS")))
        if rng.random() < 0.3 and not obsolete:
            lines.append("#. " + rng.choice(("Extracted comment", "", "TRANSLATORS: keep it")))
        if rng.random() < 0.8 and not obsolete:
            lines += _references(rng)
        flags = [f for f in FORMAT_FLAGS if rng.random() < 0.15]
        if rng.random() < 0.25:
            flags.insert(0, "fuzzy")
        if rng.random() < 0.05:
            flags.append("no-wrap")
        if flags:
            lines.append("#, " + ", ".join(flags))
        if rng.random() < 0.15:
            lines += _string_lines(
                "msgid", _text(rng, words, False), rng, "#~| " if obsolete else "#| "
            )
        if msgctxt is not None:
            lines += _string_lines("msgctxt", msgctxt, rng, prefix)
        lines += _string_lines("msgid", msgid, rng, prefix)
        translated = rng.random() < 0.7
        if rng.random() < 0.15:
            lines += _string_lines("msgid_plural", _text(rng, words, False), rng, prefix)
            for index in range(3):
                value = _text(rng, words, rng.random() < 0.3) if translated else ""
                lines += _string_lines(f"msgstr[{index}]", value, rng, prefix)
        else:
            value = _text(rng, words, rng.random() < 0.3) if translated else ""
            lines += _string_lines("msgstr", value, rng, prefix)
        out += [*lines, ""]
    return "\n".join(out)


# -- hypothesis: catalogs as models --------------------------------------------------------

_ALPHABET = (
    'abcdefghij klmnopqrst uvwxyz ABC 0123456789 %s%d%(x)s{0}{} \\"\n\t\r\x07 .,;:-/…'
    "éüß仮想マシン接続虚拟机가상머신वर्चुअलमशीनসংযোগதொடங்க\u200b"
)


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    """A catalog of every kind of entry, as a model (not text)."""
    text = st.text(alphabet=_ALPHABET, max_size=160)
    short = st.text(alphabet=_ALPHABET, min_size=1, max_size=20)
    header = Message(
        msgid="",
        msgstr=(
            (
                "Project-Id-Version: demo\nContent-Type: text/plain; charset=UTF-8\n"
                "Plural-Forms: nplurals=2; plural=(n != 1);\n"
            ),
        ),
        flags=draw(st.sampled_from([[], ["fuzzy"]])),
        translator_comments=[" Translations", ""],
    )
    messages = [header]
    keys: set[tuple[str | None, str]] = {(None, "")}
    for _ in range(draw(st.integers(0, 12))):
        msgid = draw(short)
        msgctxt = draw(st.none() | st.text(alphabet=_ALPHABET, max_size=10))
        if (msgctxt, msgid) in keys:
            continue
        keys.add((msgctxt, msgid))
        plural = draw(st.none() | short)
        forms = 2 if plural is not None else 1
        msgstr = tuple(draw(st.lists(text, min_size=forms, max_size=forms)))
        flags = draw(
            st.lists(st.sampled_from(["fuzzy", *FORMAT_FLAGS, "no-wrap"]), unique=True, max_size=3)
        )
        references = draw(
            st.lists(
                st.builds(
                    "{}:{}".format,
                    st.sampled_from(["a.py", "src/pkg/module.py", "ui/main_window.ui"]),
                    st.integers(1, 9999),
                ),
                max_size=12,
            )
        )
        messages.append(
            Message(
                msgid=msgid,
                msgstr=msgstr,
                msgid_plural=plural,
                msgctxt=msgctxt,
                flags=flags,
                translator_comments=draw(st.lists(st.sampled_from([" note", "", " two  words"]))),
                extracted_comments=draw(st.lists(st.sampled_from([" TRANSLATORS: x", ""]))),
                references=[" " + " ".join(references)] if references else [],
                previous=[f' msgid "{escape(draw(short))}"'] if draw(st.booleans()) else [],
                obsolete=draw(st.booleans()) and draw(st.booleans()),
            )
        )
    return Catalog(messages=messages, charset="utf-8", declared_charset="UTF-8")
