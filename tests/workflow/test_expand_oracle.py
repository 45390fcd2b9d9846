"""expand against msgmerge --no-fuzzy-matching: the corpus, generated catalogs, header and flag cases."""

from __future__ import annotations

import random
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expand_samples import MINI, POT_HEADER, msgmerge, parse
from gnu import corpus_files, require
from hatch_minipo.po.catalog import Catalog, Message
from hatch_minipo.po.reader import parse_po
from hatch_minipo.po.writer import write_po
from hatch_minipo.workflow.expand import expand
from hatch_minipo.workflow.minimize import minimize
from po_samples import catalog_text, catalogs

if TYPE_CHECKING:
    from pathlib import Path

MODES = [((), 79), (("--width=40",), 40), (("--no-wrap",), None)]
CODECS = {"UTF-8": "utf-8", "ISO-8859-1": "latin-1", "EUC-JP": "euc_jp"}


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


# Per format language: a msgid with two arguments, a translation that drops one (msgfmt -c
# refuses it) and one that keeps both.
EVERY_FORMAT = {
    "c": ("%s of %d", "%s", "%s von %d"),
    "objc": ("%@ of %d", "%@", "%@ von %d"),
    "python": ("%s of %d", "%s", "%s von %d"),
    "python-brace": ("{a} of {b}", "{a}", "{a} von {b}"),
    "java": ("{0} of {1}", "{0}", "{0} von {1}"),
    "java-printf": ("%s of %d", "%s", "%s von %d"),
    "csharp": ("{0} of {1}", "{0}", "{0} von {1}"),
    "javascript": ("%s of %d", "%s", "%s von %d"),
    "scheme": ("~a of ~a", "~a", "~a von ~a"),
    "lisp": ("~A of ~A", "~A", "~A von ~A"),
    "elisp": ("%s of %d", "%s", "%s von %d"),
    "librep": ("%s of %d", "%s", "%s von %d"),
    "ruby": ("%s of %d", "%s", "%s von %d"),
    "sh": ("$a of $b", "$a", "$a von $b"),
    "awk": ("%s of %d", "%s", "%s von %d"),
    "lua": ("%s of %d", "%s", "%s von %d"),
    "object-pascal": ("%s of %d", "%s", "%s von %d"),
    "smalltalk": ("%1 of %2", "%1", "%1 von %2"),
    "qt": ("%1 of %2", "%1", "%1 von %2"),
    "qt-plural": ("%n files", "files", "%n Dateien"),
    "kde": ("%1 of %2", "%1", "%1 von %2"),
    "kde-kuit": ("%1 of %2", "%1", "%1 von %2"),
    "boost": ("%1% of %2%", "%1%", "%1% von %2%"),
    "tcl": ("%s of %d", "%s", "%s von %d"),
    "perl": ("%s of %d", "%s", "%s von %d"),
    "perl-brace": ("{a} of {b}", "{a}", "{a} von {b}"),
    "php": ("%s of %d", "%s", "%s von %d"),
    "gcc-internal": ("%s of %d", "%s", "%s von %d"),
    "gfc-internal": ("%s of %d", "%s", "%s von %d"),
    "ycp": ("%1 of %2", "%1", "%1 von %2"),
}


@pytest.mark.oracle
def test_a_format_flag_the_template_adds_is_checked_for_every_language(tmp_path):
    """For each of gettext's thirty format languages, an added flag the translation fails
    makes the entry fuzzy, and one it passes does not, as msgmerge decides."""
    require("msgmerge")
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    mini_text, pot_text = header, header
    for language, (msgid, bad, good) in EVERY_FORMAT.items():
        for kind, msgstr in (("bad", bad), ("good", good)):
            context = f"{language} {kind}"
            mini_text += f'msgctxt "{context}"\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n\n'
            pot_text += f'#, {language}-format\nmsgctxt "{context}"\nmsgid "{msgid}"\nmsgstr ""\n\n'
    mini, template = tmp_path / "de.po", tmp_path / "t.pot"
    mini.write_text(mini_text, encoding="utf-8")
    template.write_text(pot_text, encoding="utf-8")
    gnu = msgmerge(mini, template)
    assert ours(mini, template) == gnu
    fuzzy = {
        block.split('msgctxt "')[1].split('"')[0]
        for block in gnu.decode().split("\n\n")
        if "#, fuzzy" in block
    }
    assert fuzzy == {f"{language} bad" for language in EVERY_FORMAT}
