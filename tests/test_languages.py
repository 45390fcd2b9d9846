"""Language data owned by the project: default plural rules, Language-Team codes, names."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from gnu import require
from hatch_minipo import _language_data as data
from hatch_minipo.compiler import compile_catalog
from hatch_minipo.languages import display_name, language_from_team, plural_rule
from hatch_minipo.plural.grammar import check_plural_rule, parse_plural_forms
from hatch_minipo.po.reader import parse_po

if TYPE_CHECKING:
    from pathlib import Path

POLISH = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
RUSSIAN = data.GNU_PLURAL_FORMS["ru"][1]
ENGLISH = "nplurals=2; plural=(n != 1);"

# The languages a catalog without Plural-Forms must get the same rule for on every machine.
EVERYDAY = ("fr", "es", "it", "pt", "pt_BR", "ca", "pl", "ru", "ar", "cs", "ja", "de")


def _value(language: str) -> str:
    known = plural_rule(language)
    assert known is not None, language
    return known.value


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("pl", POLISH),
        ("pl_PL", POLISH),
        ("pl_PL.UTF-8", POLISH),
        ("pt_BR", "nplurals=2; plural=(n > 1);"),
        ("pt-BR", "nplurals=2; plural=(n > 1);"),
        ("pt_br", "nplurals=2; plural=(n > 1);"),
        ("pt", ENGLISH),
        ("pt_PT", ENGLISH),
        ("fr", "nplurals=2; plural=(n > 1);"),
        ("fr_CA", "nplurals=2; plural=(n > 1);"),
        ("es", ENGLISH),
        ("it", ENGLISH),
        ("ca", ENGLISH),
        ("ca@valencia", ENGLISH),
        ("sr@latin", RUSSIAN),
        ("ja", "nplurals=1; plural=0;"),
        ("zh_Hant", "nplurals=1; plural=0;"),
        ("de_XX", ENGLISH),
    ],
)
def test_rule_is_gnu_text_where_gnu_has_one(language: str, expected: str) -> None:
    """A language in GNU's table gets its rule text exactly, looked up as msginit does."""
    assert _value(language) == expected


def test_rule_comes_from_the_pinned_sources() -> None:
    """Each rule says where it comes from: GNU's table first, CLDR for the languages it lacks."""
    french, arabic = plural_rule("fr"), plural_rule("ar")
    assert french is not None
    assert (french.language, french.source) == ("French", "GNU gettext 0.26")
    assert arabic is not None
    assert (arabic.language, arabic.source) == ("Arabic", "CLDR 48.2.0")
    assert arabic.value == (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 ? 4 : 5);"
    )


@pytest.mark.parametrize(
    "language",
    [
        *("xx", "und", "und_DE", "root", "", "C", "POSIX", "x-klingon", "12", "__import__('os')"),
        *("nds", "oc", "ht", "de_DE_XX", "d", "deutsch"),
    ],
)
def test_unknown_language_has_no_rule(language: str) -> None:
    """Unknown languages, and languages neither source has a rule for, give None."""
    assert plural_rule(language) is None


def test_no_english_fallback() -> None:
    """Languages Babel's get_plural answers with English get their own rule (Gaelic: 4 forms)."""
    for language in ("gd", "kw", "gv", "dsb"):
        assert _value(language) != ENGLISH
    rule = parse_plural_forms(_value("gd"))
    assert rule.nplurals == 4
    assert [rule(n) for n in (1, 11, 2, 12, 3, 19, 20, 0)] == [0, 0, 1, 1, 2, 2, 3, 3]


def test_categories_whole_counts_never_reach_are_dropped() -> None:
    """CLDR's millions-only "many" (Sicilian, Venetian) does not become a gettext form."""
    for language in ("scn", "vec", "lld"):
        assert parse_plural_forms(_value(language)).nplurals == 2, language


def test_every_rule_of_the_table_is_sane() -> None:
    """Every rule parses with GNU's grammar, passes msgfmt -c's check and has 1 to 6 forms."""
    values = [value for _, value in data.GNU_PLURAL_FORMS.values()]
    values += list(data.CLDR_PLURAL_FORMS.values())
    assert len(values) > 200
    for value in values:
        rule = parse_plural_forms(value)
        assert check_plural_rule(rule) == [], value
        assert 1 <= rule.nplurals <= 6, value


def test_cldr_rules_never_shadow_gnu() -> None:
    """No CLDR rule is kept for a language (or a region of one) that GNU's table has."""
    for code in data.CLDR_PLURAL_FORMS:
        assert code.split("_", 1)[0] not in data.GNU_PLURAL_FORMS, code


def _pot(tmp_path: Path) -> Path:
    pot = tmp_path / "x.pot"
    pot.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "file"\nmsgid_plural "files"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    return pot


def _msginit_rule(msginit: str, pot: Path, language: str) -> str | None:
    done = subprocess.run(
        [msginit, "--no-translator", "-l", language, "-i", str(pot), "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"},
    )
    # A long rule is wrapped over several lines: read the header as a catalog.
    catalog, _ = parse_po(done.stdout.encode(), "msginit")
    return catalog.header_field("Plural-Forms")


@pytest.mark.oracle
def test_gnu_rules_are_what_msginit_writes(tmp_path: Path) -> None:
    """For every language of GNU's table, the rule is the one msginit writes, to the byte."""
    msginit = require("msginit")
    pot = _pot(tmp_path)
    differ = []
    for language, (_, value) in data.GNU_PLURAL_FORMS.items():
        written = _msginit_rule(msginit, pot, language)
        # Catalan entered GNU's table in 0.22; an older msginit writes no Plural-Forms.
        if written != value and not (language == "ca" and written is None):
            differ.append((language, written, value))
    assert differ == []


def _catalog(language: str, forms: int) -> str:
    plural = "".join(f'msgstr[{i}] "{i} Dateien"\n' for i in range(forms))
    return (
        'msgid ""\nmsgstr ""\n"Language: '
        + language
        + '\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        + 'msgid "file"\nmsgid_plural "files"\n'
        + plural
    )


@pytest.mark.oracle
@pytest.mark.parametrize("language", EVERYDAY)
def test_missing_plural_forms_compiles_to_msgfmt_bytes(tmp_path: Path, language: str) -> None:
    """No Plural-Forms: the .mo equals msgfmt's for the catalog with the rule's line added."""
    msgfmt = require("msgfmt")
    value = _value(language)
    text = _catalog(language, parse_plural_forms(value).nplurals)
    ours = compile_catalog(text.encode(), "x.po")
    assert ours.mo is not None, ours.diagnostics
    filled = tmp_path / "filled.po"
    filled.write_text(
        text.replace('charset=UTF-8\\n"\n', f'charset=UTF-8\\n"\n"Plural-Forms: {value}\\n"\n', 1),
        encoding="utf-8",
    )
    out = tmp_path / "gnu.mo"
    subprocess.run([msgfmt, "-o", str(out), str(filled)], check=True)
    assert ours.mo == out.read_bytes()


_WITHOUT_BABEL = """
import hashlib, sys
sys.modules["babel"] = None  # any import of babel now fails
from hatch_minipo.compiler import compile_catalog
for text in sys.stdin.read().split("\\0"):
    print(hashlib.sha256(compile_catalog(text.encode(), "x.po").mo).hexdigest())
"""


def test_missing_plural_forms_bytes_do_not_depend_on_babel() -> None:
    """The .mo of each everyday language is the same whether Babel can be imported or not."""
    texts = [_catalog(lang, parse_plural_forms(_value(lang)).nplurals) for lang in EVERYDAY]
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_BABEL],
        input="\0".join(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    import hashlib  # noqa: PLC0415

    here = []
    for text in texts:
        result = compile_catalog(text.encode(), "x.po")
        assert result.mo is not None
        here.append(hashlib.sha256(result.mo).hexdigest())
    assert done.stdout.split() == here


def test_wrong_count_names_the_rule_and_where_it_came_from() -> None:
    """Two forms for French without Plural-Forms: the message says whose rule has how many."""
    text = _catalog("fr", 3)
    result = compile_catalog(text.encode(), "po/fr.mini.po")
    assert result.mo is None
    assert [str(d) for d in result.diagnostics] == [
        "po/fr.mini.po:8: this entry has 3 plural forms, but the rule for 'fr' "
        "(GNU gettext 0.26; the header has no Plural-Forms) has 2"
    ]


def test_strict_prints_the_line_to_add() -> None:
    """--check strict refuses a missing Plural-Forms and gives the line, as msgfmt -c does."""
    result = compile_catalog(_catalog("pl", 3).encode(), "pl.po", check="strict")
    assert result.mo is None
    assert [str(d) for d in result.diagnostics] == [
        "pl.po:6: plural entries, but the header has no Plural-Forms; add this line, valid for "
        f'Polish (GNU gettext 0.26): "Plural-Forms: {POLISH}\\n"'
    ]


@pytest.mark.parametrize(
    ("team", "code"),
    [
        ("Brazilian Portuguese", "pt_BR"),
        ("Central Khmer", "km"),
        ("Kirghiz", "ky"),
        ("Asturian", "ast"),
        ("Filipino", "fil"),
        ("German", "de"),
        ("Chinese (traditional)", "zh_TW"),
        ("Khmer", None),
        ("Norwegian Bokmål", None),
        ("Kyrgyz", None),
        ("Uyghur", None),
        ("Elvish", None),
    ],
)
def test_language_from_team_uses_gnu_table(team: str, code: str | None) -> None:
    """Language-Team names map to codes through GNU's lang-table, as msgmerge maps them."""
    assert language_from_team(team) == code


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("pl", "Polish"),
        ("pt_BR", "Portuguese (Brazil)"),
        ("sr@latin", "Serbian (Latin)"),
        ("sr_RS@latin", "Serbian (Latin, Serbia)"),
        ("ca@valencia", "Catalan (Valencian)"),
        ("zh_Hant", "Chinese (Traditional)"),
        ("de_DE.UTF-8", "German (Germany)"),
        ("es_419", "Spanish (Latin America)"),
        ("xx", None),
        ("und", None),
        ("", None),
        ("de_XX", None),
    ],
)
def test_display_name(language: str, name: str | None) -> None:
    """English display names of gettext locale names, from CLDR's English names; None if unknown."""
    assert display_name(language) == name


def test_engine_does_not_load_babel() -> None:
    """Compiling, minimizing and expanding import no Babel (it is the extract extra only)."""
    code = (
        "import sys, hatch_minipo.compiler, hatch_minipo.workflow.minimize, hatch_minipo.workflow.expand, "
        "hatch_minipo.languages, hatch_minipo.workflow.babel_bridge; print('babel' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


HOSTILE = [
    "pl" * 500_000,
    "pt_BR@" * 100_000,
    "de_" + "DE_" * 100_000,
    "\x1b[31mpl",
    "pl\x00",
    "../../etc/passwd",
    "pt_\u0663\u0664\u0665",
    "x" * 10,
]


@pytest.mark.parametrize("language", HOSTILE, ids=lambda s: repr(s[:12]))
def test_hostile_language_names_are_unknown_quickly(language: str) -> None:
    """Huge, repeated, control and non-ASCII names: None from every lookup, in linear time."""
    import time  # noqa: PLC0415

    started = time.perf_counter()
    assert plural_rule(language) is None
    assert display_name(language) is None
    assert language_from_team(language) is None
    assert time.perf_counter() - started < 1.0


def test_hostile_language_header_is_refused_in_one_escaped_line() -> None:
    """A Language header with a terminal escape: one diagnostic, escaped, and no .mo."""
    result = compile_catalog(_catalog("\x1b[31mpl", 3).encode(), "x.po")
    assert result.mo is None
    assert len(result.diagnostics) == 1
    message = str(result.diagnostics[0])
    assert "\x1b" not in message
    assert message.startswith("x.po:6: plural entries, but the header has no Plural-Forms")
