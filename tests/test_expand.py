"""expand: the full catalog msgmerge --no-fuzzy-matching makes from a catalog and a template."""

from __future__ import annotations

import random
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gnu import corpus_files, require
from hatch_minipo.cli import main
from hatch_minipo.po.catalog import Catalog, Message
from hatch_minipo.po.reader import parse_po
from hatch_minipo.po.writer import write_po
from hatch_minipo.workflow.expand import expand, merge_header
from hatch_minipo.workflow.minimize import minimize
from po_samples import catalog_text, catalogs

if TYPE_CHECKING:
    from pathlib import Path

MODES = [((), 79), (("--width=40",), 40), (("--no-wrap",), None)]
CODECS = {"UTF-8": "utf-8", "ISO-8859-1": "latin-1", "EUC-JP": "euc_jp"}
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


def ours(mini: Path, template: Path, width: int | None = 79) -> bytes:
    expanded = expand(parse(mini.read_bytes(), str(mini)), parse(template.read_bytes()))
    return write_po(expanded, width=width)


def template_from(catalog: Catalog, seed: int, *, ascii_only: bool = False) -> Catalog:
    """A template for ``catalog`` as new sources would give: some messages lost, some new,
    plurals added and removed, format flags and ranges changed, order shuffled."""
    rng = random.Random(seed)  # noqa: S311  # reproducible, not secret
    entries = []
    for message in catalog.messages:
        if message.msgctxt is None and message.msgid == "":
            continue
        texts = [message.msgid, message.msgid_plural or "", message.msgctxt or ""]
        if rng.random() < 0.15 or (ascii_only and not all(t.isascii() for t in texts)):
            continue
        plural = message.msgid_plural
        roll = rng.random()
        if roll < 0.08:
            plural = None
        elif roll < 0.16:
            plural = (plural or message.msgid) + " (more)"
        entries.append(_template_entry(rng, message.msgid, message.msgctxt, plural))
    for index in range(rng.randint(0, 6)):
        plural = f"new plural {index}" if rng.random() < 0.3 else None
        context = "ctx" if rng.random() < 0.2 else None
        entries.append(_template_entry(rng, f"New message %d number {index}", context, plural))
    rng.shuffle(entries)
    header = POT_HEADER if not ascii_only else POT_HEADER.replace("UTF-8", "CHARSET")
    pot_header = Message(
        msgid="",
        msgstr=(header,),
        flags=["fuzzy"],
        translator_comments=[" SOME DESCRIPTIVE TITLE.", ""],
    )
    return Catalog([pot_header, *entries], charset="utf-8", declared_charset="UTF-8")


def _template_entry(
    rng: random.Random, msgid: str, msgctxt: str | None, plural: str | None
) -> Message:
    flags = [f for f in ("c-format", "python-format", "python-brace-format") if rng.random() < 0.2]
    if rng.random() < 0.05:
        flags.append("no-c-format")
    if plural is not None and rng.random() < 0.1:
        flags += ["range:", rng.choice(("0..10", "1..1", "2..4"))]
    if rng.random() < 0.05:
        flags.append("no-wrap")
    return Message(
        msgid=msgid,
        msgctxt=msgctxt,
        msgid_plural=plural,
        msgstr=("", "") if plural is not None else ("",),
        flags=flags,
        extracted_comments=[" TRANSLATORS: mind the context"] if rng.random() < 0.2 else [],
        references=[f"src/mod{rng.randint(1, 5)}.py:{rng.randint(1, 900)}"],
    )


# -- GNU msgmerge as the oracle ---------------------------------------------------------------


@pytest.mark.oracle
@pytest.mark.parametrize(("options", "width"), MODES)
def test_corpus_expanded_like_msgmerge(tmp_path, options, width):
    """Every corpus catalog expands to msgmerge's bytes, wrapped, at --width=40, no-wrap."""
    require("msgmerge")
    bad = []
    for index, source in enumerate(corpus_files()):
        mini = tmp_path / f"{source.parent.name}-{source.name}"
        shutil.copyfile(source, mini)
        template = tmp_path / f"{mini.name}.pot"
        template.write_bytes(write_po(template_from(parse(source.read_bytes()), index)))
        if ours(mini, template, width) != msgmerge(mini, template, options):
            bad.append(mini.name)
    assert bad == []


@pytest.mark.oracle
@pytest.mark.parametrize("charset", ["UTF-8", "ISO-8859-1", "EUC-JP"])
@pytest.mark.parametrize("ascii_template", [False, True])
def test_full_catalogs_expanded_like_msgmerge(tmp_path, charset, ascii_template):
    """Made-up full catalogs (fuzzy, obsolete, previous, plurals) expand to msgmerge's bytes;
    a UTF-8 template converts the catalog, a CHARSET one leaves its encoding."""
    require("msgmerge")
    bad = []
    for seed in range(25 if charset == "UTF-8" else 8):
        mini = tmp_path / f"{charset}-{seed}.po"
        mini.write_bytes(catalog_text(seed, charset).encode(CODECS[charset]))
        template = tmp_path / f"{charset}-{seed}.pot"
        model = template_from(parse_po(mini.read_bytes(), "x")[0], seed, ascii_only=ascii_template)
        template.write_bytes(write_po(model))
        if ours(mini, template) != msgmerge(mini, template):
            bad.append(mini.name)
    assert bad == []


@pytest.mark.oracle
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(catalog=catalogs(), seed=st.integers(0, 10**6))
def test_model_catalogs_expanded_like_msgmerge(tmp_path, catalog, seed):
    """Any catalog and a template derived from it expand to msgmerge's bytes."""
    require("msgmerge")
    mini, template = tmp_path / "model.po", tmp_path / "model.pot"
    mini.write_bytes(write_po(catalog))
    template.write_bytes(write_po(template_from(catalog, seed)))
    assert ours(mini, template) == msgmerge(mini, template)


@pytest.mark.oracle
def test_header_cases_like_msgmerge(tmp_path):
    """Headers with odd field names, missing fields, a Language-Team only, or no header at all
    are merged as msgmerge merges them."""
    require("msgmerge")
    body = '\nmsgid "Hello"\nmsgstr "Hallo"\n'
    headers = [
        'msgid ""\nmsgstr ""\n"language: de\\n"\n"content-type: text/plain; charset=UTF-8\\n"\n',
        'msgid ""\nmsgstr ""\n"Language-Team: German <de@li.org>\\n"\n"X-A: b\\n"\n"Last-Translator: x"\n',
        'msgid ""\nmsgstr ""\n"Language-Team: French\\n"\n',
        'msgid ""\nmsgstr ""\n"Language-Team: Japanese https://example.org/ja\\n"\n',
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=3; plural=n%3;\\n"\n',
        "# no header at all\n",
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"POT-Creation-Date: old\\n"\n"\\n"\n"Free text\\n"\n',
    ]
    templates = [
        POT_HEADER,
        "Content-Type: text/plain; charset=CHARSET\n",
        "POT-Creation-Date: 2030-01-01 00:00+0000",
    ]
    bad = []
    for h, header in enumerate(headers):
        for t, pot_header in enumerate(templates):
            mini = tmp_path / f"h{h}-{t}.po"
            mini.write_text(header + body, encoding="utf-8")
            template = tmp_path / f"h{h}-{t}.pot"
            pot = Catalog(
                [Message("", (pot_header,), flags=["fuzzy"]), Message("Hello"), Message("file")]
            )
            template.write_bytes(write_po(pot))
            if ours(mini, template) != msgmerge(mini, template):
                bad.append(mini.name)
    assert bad == []


COMMON_TEAMS = [
    "German",
    "French",
    "Spanish",
    "Italian",
    "Japanese",
    "Russian",
    "Polish",
    "Czech",
    "Dutch",
    "Portuguese",
    "Swedish",
    "Finnish",
    "Ukrainian",
    "Turkish",
    "Korean",
    "Hindi",
    "Catalan",
    "Chinese",
    "Greek",
    "Hungarian",
    "Danish",
    "Arabic",
    "Hebrew",
    "Vietnamese",
    "Indonesian",
    "Romanian",
    "Slovak",
    "Bulgarian",
    "Croatian",
    "Serbian",
    "Estonian",
    "Latvian",
    "Lithuanian",
    "Slovenian",
    "Galician",
    "Basque",
    "Persian",
    "Thai",
    "Tamil",
    "Telugu",
    "Marathi",
    "Gujarati",
    "Punjabi",
    "Kannada",
    "Malayalam",
    "Esperanto",
    "Welsh",
    "Irish",
    "Icelandic",
    "Albanian",
    "Macedonian",
    "Belarusian",
    "Kazakh",
    "Uzbek",
    "Afrikaans",
    "Swahili",
    "Klingon",
    "Elvish",
    # Where GNU's table and CLDR's English names part (CLDR says Khmer, Kyrgyz, Uyghur).
    "Brazilian Portuguese",
    "Central Khmer",
    "Kirghiz",
    "Asturian",
    "Filipino",
    "Khmer",
    "Norwegian Bokmal",
    "Kyrgyz",
    "Uyghur",
    "Chinese (traditional)",
    "English (British)",
]


@pytest.mark.oracle
def test_language_from_team_like_msgmerge(tmp_path):
    """A missing Language is derived from the common team names as msgmerge derives it."""
    require("msgmerge")
    template = tmp_path / "t.pot"
    template.write_text('msgid "Hello"\nmsgstr ""\n', encoding="utf-8")
    bad = []
    for name in COMMON_TEAMS:
        mini = tmp_path / f"{name}.po"
        mini.write_text(
            f'msgid ""\nmsgstr ""\n"Language-Team: {name} <team@example.org>\\n"\n',
            encoding="utf-8",
        )
        if ours(mini, template) != msgmerge(mini, template):
            bad.append(name)
    assert bad == []


@pytest.mark.oracle
def test_flag_cases_like_msgmerge(tmp_path):
    """Ranges narrowed, widened or dropped, format flags added, denied or changed, wrapping
    flags: fuzzy exactly where msgmerge puts it."""
    require("msgmerge")
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    header += '"Plural-Forms: nplurals=3; plural=n==1 ? 0 : n>=2 && n<=4 ? 1 : 2;\\n"\n\n'
    entry = 'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "{0}"\nmsgstr[1] "{1}"\n'
    entry += 'msgstr[2] "{2}"\n'
    translations = [("%d A", "%d B", "%d C"), ("one", "%d B", "%d C"), ("%d A", "B", "%d C")]
    flags = [
        "",
        "#, c-format\n",
        "#, no-c-format\n",
        "#, python-format\n",
        "#, c-format, range: 1..5\n",
        "#, range: 2..4\n",
        "#, range: 0..10\n",
        "#, no-wrap\n",
    ]
    bad = []
    for t, forms in enumerate(translations):
        for d, def_flags in enumerate(flags):
            mini = tmp_path / f"t{t}-d{d}.po"
            mini.write_text(header + def_flags + entry.format(*forms), encoding="utf-8")
            for r, ref_flags in enumerate(flags):
                template = tmp_path / f"t{t}-d{d}-r{r}.pot"
                template.write_text(
                    ref_flags + entry.format("", "", "").replace('msgstr[2] ""\n', ""),
                    encoding="utf-8",
                )
                if ours(mini, template) != msgmerge(mini, template):
                    bad.append(template.name)
    assert bad == []


@pytest.mark.oracle
def test_template_without_header_like_msgmerge(tmp_path):
    """A template without a header entry keeps the catalog's header untouched."""
    require("msgmerge")
    mini, template = tmp_path / "de.po", tmp_path / "t.pot"
    mini.write_text(MINI, encoding="utf-8")
    template.write_text('msgid "Hello"\nmsgstr ""\n\nmsgid "New"\nmsgstr ""\n', encoding="utf-8")
    assert ours(mini, template) == msgmerge(mini, template)


@pytest.mark.oracle
def test_minimizing_the_expansion_is_msgattrib_of_msgmerge(tmp_path):
    """minimize(expand(mini, pot)) gives what msgattrib gives for msgmerge's output."""
    require("msgmerge")
    msgattrib = require("msgattrib")
    options = ["--force-po", "--translated", "--no-fuzzy", "--no-obsolete", "--no-location"]
    bad = []
    sources = [(s.read_bytes(), s.name) for s in corpus_files()[::4]]
    sources += [(catalog_text(seed).encode(), f"made-up-{seed}.po") for seed in range(10)]
    for index, (data, name) in enumerate(sources):
        mini = tmp_path / name
        mini.write_bytes(data)
        template = tmp_path / f"{name}.pot"
        template.write_bytes(write_po(template_from(parse(data), index)))
        merged = tmp_path / f"{name}.merged.po"
        merged.write_bytes(msgmerge(mini, template))
        expected = subprocess.run(
            [msgattrib, *options, "--sort-output", str(merged)], capture_output=True, check=True
        ).stdout
        expanded = expand(parse(data, str(mini)), parse(template.read_bytes()))
        if write_po(minimize(expanded)) != expected:
            bad.append(name)
    assert bad == []


# -- the merge, entry by entry ----------------------------------------------------------------


def test_entries_in_template_order_with_template_comments():
    """Entries follow the template, with its references and extracted comments, the catalog's
    translations and translator comments; new ones are empty; lost ones end obsolete."""
    result = expand(parse(MINI), parse(TEMPLATE))
    live = [m for m in result.messages if not m.obsolete]
    assert [(m.msgctxt, m.msgid) for m in live] == [
        (None, ""),
        (None, "Hello"),
        (None, "New"),
        (None, "file"),
        ("menu", "Open"),
    ]
    hello = live[1]
    assert hello.msgstr == ("Hallo",)
    assert hello.translator_comments == [" keep this"]
    assert hello.extracted_comments == [" a greeting"]
    assert hello.references == [" app.py:3"]
    assert live[2].msgstr == ("",)
    assert live[4].msgstr == ("", "")
    obsolete = [m for m in result.messages if m.obsolete]
    assert [(m.msgid, m.msgstr) for m in obsolete] == [("Gone", ("Weg",))]


def test_format_flags_come_from_the_template_and_changed_plural_is_fuzzy():
    """The template's python-format replaces the catalog's flags; a changed msgid_plural makes
    the translation fuzzy but keeps it."""
    result = expand(parse(MINI), parse(TEMPLATE))
    file_entry = next(m for m in result.messages if m.msgid == "file")
    assert file_entry.msgid_plural == "%d files"
    assert file_entry.msgstr == ("Datei", "Dateien")
    assert file_entry.flags == ["fuzzy", "python-format"]


def test_header_refreshed_from_template():
    """POT-Creation-Date and Report-Msgid-Bugs-To come from the template, the rest from the
    catalog, known fields in GNU's order, the others after them in the catalog's order."""
    header = expand(parse(MINI), parse(TEMPLATE)).messages[0]
    assert header.msgstr[0] == (
        "Project-Id-Version: demo 1.0\n"
        "Report-Msgid-Bugs-To: bugs@example.org\n"
        "POT-Creation-Date: 2025-03-04 05:06+0100\n"
        "PO-Revision-Date: 2021-01-01 00:00+0000\n"
        "Language: de\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\n"
        "X-Generator: Poedit 3.4\n"
    )
    assert header.flags == []
    assert header.translator_comments == [" German translations."]


def test_merge_header_field_names_ignore_case_and_last_wins():
    """Field names match in any case and are written in GNU's spelling; the last one wins."""
    merged = merge_header(
        "x-custom: 1\nlanguage: fr\nLanguage: de\nmime-version: 1.0", "POT-Creation-Date: now"
    )
    assert merged == "POT-Creation-Date: now\nLanguage: de\nMIME-Version: 1.0\nx-custom: 1\n"


def test_merge_header_language_from_language_team():
    """A missing Language is derived from Language-Team only when an address was dropped."""
    assert "Language: de\n" in merge_header("Language-Team: German <de@li.org>\n", "")
    assert "Language: \n" in merge_header("Language-Team: German\n", "")
    assert "Language: \n" in merge_header("Language-Team: Klingon <k@example.org>\n", "")
    assert "Language:" not in merge_header("Last-Translator: x\n", "")


def test_untranslated_plural_gets_the_catalogs_number_of_forms():
    """A new plural entry has as many empty forms as the catalog's Plural-Forms says."""
    mini = MINI.replace("nplurals=2; plural=(n != 1);", "nplurals=3; plural=n%3;")
    result = expand(parse(mini), parse(TEMPLATE))
    assert next(m for m in result.messages if m.msgctxt == "menu").msgstr == ("", "", "")


def test_singular_becoming_plural_copies_the_translation_and_is_fuzzy():
    """msgmerge copies a singular translation into every form and marks it fuzzy."""
    template = TEMPLATE.replace('msgid "Hello"\n', 'msgid "Hello"\nmsgid_plural "Hellos"\n')
    template = template.replace(
        'msgid_plural "Hellos"\nmsgstr ""', 'msgid_plural "Hellos"\nmsgstr[0] ""\nmsgstr[1] ""'
    )
    hello = next(m for m in expand(parse(MINI), parse(template)).messages if m.msgid == "Hello")
    assert hello.msgstr == ("Hallo", "Hallo")
    assert hello.fuzzy


def test_plural_becoming_singular_keeps_the_first_form_and_is_fuzzy():
    """msgmerge keeps msgstr[0] of a translation whose message lost its plural."""
    template = TEMPLATE.replace('msgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""', 'msgstr ""')
    entry = next(m for m in expand(parse(MINI), parse(template)).messages if m.msgid == "file")
    assert entry.msgid_plural is None
    assert entry.msgstr == ("Datei",)
    assert entry.fuzzy


def test_new_format_flag_refused_by_msgfmt_makes_fuzzy():
    """A template's new c-format the translation does not satisfy makes it fuzzy."""
    mini = MINI.replace('msgid "Hello"\nmsgstr "Hallo"', 'msgid "Hello %s"\nmsgstr "Hallo"')
    template = TEMPLATE.replace(
        '#: app.py:3\nmsgid "Hello"', '#: app.py:3\n#, c-format\nmsgid "Hello %s"'
    )
    entry = next(m for m in expand(parse(mini), parse(template)).messages if m.msgid == "Hello %s")
    assert entry.flags == ["fuzzy", "c-format"]
    fine = mini.replace('msgstr "Hallo"', 'msgstr "Hallo %s"')
    entry = next(m for m in expand(parse(fine), parse(template)).messages if m.msgid == "Hello %s")
    assert entry.flags == ["c-format"]


def test_obsolete_entry_revived_by_the_template():
    """An obsolete translation whose message is back in the template is live again."""
    mini = MINI + '\n#~ msgid "New"\n#~ msgstr "Neu"\n'
    result = expand(parse(mini), parse(TEMPLATE))
    new = [m for m in result.messages if m.msgid == "New"]
    assert [(m.msgstr, m.obsolete) for m in new] == [(("Neu",), False)]


def test_previous_msgids_dropped_from_merged_entries_kept_on_obsolete():
    """#| lines go from live entries that are not fuzzy; obsolete entries keep them."""
    mini = MINI.replace('msgid "Hello"', '#| msgid "Helo"\nmsgid "Hello"').replace(
        'msgid "Gone"', '#, fuzzy\n#| msgid "Gon"\nmsgid "Gone"'
    )
    result = expand(parse(mini), parse(TEMPLATE))
    assert next(m for m in result.messages if m.msgid == "Hello").previous == []
    gone = next(m for m in result.messages if m.msgid == "Gone")
    assert gone.obsolete
    assert gone.previous == [' msgid "Gon"']
    assert gone.references == []


def test_utf8_template_converts_the_catalog():
    """A UTF-8 template makes the result UTF-8, header included, as msgmerge converts."""
    mini = MINI.replace("charset=UTF-8", "charset=ISO-8859-1").replace("Hallo", "Hallö")
    catalog = parse(mini.encode("latin-1"))
    result = expand(catalog, parse(TEMPLATE))
    assert result.charset == "utf-8"
    assert "charset=UTF-8" in result.messages[0].msgstr[0]
    assert "Hallö".encode() in write_po(result)
    ascii_template = parse(TEMPLATE.replace("charset=UTF-8", "charset=CHARSET"))
    kept = expand(catalog, ascii_template)
    assert "charset=ISO-8859-1" in kept.messages[0].msgstr[0]
    assert "Hallö".encode("latin-1") in write_po(kept)


def test_inputs_are_not_changed():
    """expand leaves both catalogs as they were."""
    mini, template = parse(MINI), parse(TEMPLATE)
    before = (repr(mini), repr(template))
    expand(mini, template)
    assert (repr(mini), repr(template)) == before


# -- minipo expand ----------------------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_writes_full_catalog_beside_each_mini(tmp_path, capsys):
    """--template POT X.mini.po Y.mini.po writes X.po and Y.po beside them."""
    template = write(tmp_path, "demo.pot", TEMPLATE)
    de = write(tmp_path, "de.mini.po", MINI)
    fr = write(tmp_path, "fr.mini.po", MINI.replace("Language: de", "Language: fr"))
    assert main(["expand", "--template", str(template), str(de), str(fr)]) == 0
    expected = write_po(expand(parse(MINI), parse(TEMPLATE)))
    assert (tmp_path / "de.po").read_bytes() == expected
    assert b"Language: fr" in (tmp_path / "fr.po").read_bytes()
    assert f"{tmp_path / 'de.po'}: expanded from {de}" in capsys.readouterr().out


@pytest.mark.oracle
def test_cli_output_equals_msgmerge(tmp_path):
    """The file written by minipo expand -o is msgmerge's file, byte for byte."""
    template = write(tmp_path, "demo.pot", TEMPLATE)
    de = write(tmp_path, "de.mini.po", MINI)
    out = tmp_path / "out.po"
    assert main(["expand", "-t", str(template), str(de), "-o", str(out)]) == 0
    assert out.read_bytes() == msgmerge(de, template)
    assert not (tmp_path / "de.po").exists()


def test_cli_width_options(tmp_path):
    """--no-wrap and --width reach the writer."""
    long = "word " * 30
    template = write(tmp_path, "t.pot", TEMPLATE.replace('"New"', f'"{long}"'))
    de = write(tmp_path, "de.mini.po", MINI)
    assert main(["expand", "-t", str(template), str(de), "--no-wrap"]) == 0
    assert f'msgid "{long}"' in (tmp_path / "de.po").read_text(encoding="utf-8")
    assert main(["expand", "-t", str(template), str(de), "-w", "30"]) == 0
    assert f'msgid "{long}"' not in (tmp_path / "de.po").read_text(encoding="utf-8")


def test_cli_files_need_a_template(tmp_path, capsys):
    """Naming files without --template is a usage error (exit 2) and writes nothing."""
    de = write(tmp_path, "de.mini.po", MINI)
    with pytest.raises(SystemExit) as exc:
        main(["expand", str(de)])
    assert exc.value.code == 2
    assert "--template is required" in capsys.readouterr().err
    assert not (tmp_path / "de.po").exists()


def test_cli_output_with_two_inputs_is_a_usage_error(tmp_path):
    """-o with several inputs exits 2."""
    template = write(tmp_path, "t.pot", TEMPLATE)
    a, b = write(tmp_path, "a.mini.po", MINI), write(tmp_path, "b.mini.po", MINI)
    with pytest.raises(SystemExit) as exc:
        main(["expand", "-t", str(template), str(a), str(b), "-o", str(tmp_path / "x.po")])
    assert exc.value.code == 2
    assert not (tmp_path / "x.po").exists()


def test_cli_broken_catalog_writes_nothing_others_still_expand(tmp_path, capsys):
    """A catalog with a syntax error exits 1, is placed, leaves no X.po; others are written."""
    template = write(tmp_path, "t.pot", TEMPLATE)
    bad = write(tmp_path, "de.mini.po", MINI + '\nmsgid "broken\nmsgstr ""\n')
    good = write(tmp_path, "fr.mini.po", MINI)
    assert main(["expand", "-t", str(template), str(bad), str(good)]) == 1
    assert f"{bad}:" in capsys.readouterr().err
    assert not (tmp_path / "de.po").exists()
    assert (tmp_path / "fr.po").exists()


def test_cli_missing_template_exits_1_without_output(tmp_path, capsys):
    """An unreadable template exits 1 and writes nothing."""
    de = write(tmp_path, "de.mini.po", MINI)
    assert main(["expand", "-t", str(tmp_path / "none.pot"), str(de)]) == 1
    assert "none.pot: cannot read" in capsys.readouterr().err
    assert not (tmp_path / "de.po").exists()


def test_cli_up_to_date_file_is_left_alone(tmp_path):
    """An X.po already equal to the expansion is not rewritten."""
    template = write(tmp_path, "t.pot", TEMPLATE)
    de = write(tmp_path, "de.mini.po", MINI)
    assert main(["expand", "-t", str(template), str(de)]) == 0
    full = tmp_path / "de.po"
    stamp = full.stat().st_mtime_ns
    full.touch()
    full_stamp = full.stat().st_mtime_ns
    assert main(["expand", "-t", str(template), str(de)]) == 0
    assert full.stat().st_mtime_ns == full_stamp >= stamp


def test_cli_project_mode_expands_every_catalog_with_the_project_template(
    tmp_path, monkeypatch, capsys
):
    """Without files, po/X.mini.po becomes po/X.po with the domain's template po/demo.pot."""
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\nversion = "1"\n')
    write(tmp_path, "src/demo/__init__.py", "")
    write(tmp_path, "po/de.mini.po", MINI)
    write(tmp_path, "po/demo.pot", TEMPLATE)
    monkeypatch.chdir(tmp_path)
    assert main(["expand"]) == 0
    assert (tmp_path / "po/de.po").read_bytes() == write_po(expand(parse(MINI), parse(TEMPLATE)))
    assert "po/de.po: expanded from po/de.mini.po" in capsys.readouterr().out


def test_cli_project_mode_without_template_says_to_extract(tmp_path, monkeypatch, capsys):
    """Without the project's template, expand exits 1 and points at minipo extract."""
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\nversion = "1"\n')
    write(tmp_path, "src/demo/__init__.py", "")
    write(tmp_path, "po/de.mini.po", MINI)
    monkeypatch.chdir(tmp_path)
    assert main(["expand"]) == 1
    assert "minipo extract" in capsys.readouterr().err
    assert not (tmp_path / "po/de.po").exists()
