"""Validation: one test per error class, with the exact `path:line: message`, and the levels."""

from __future__ import annotations

import subprocess

import pytest

from gnu import msgfmt, require
from hatch_minipo.compiler import compile_catalog
from hatch_minipo.formats import checks as formats

H = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
NO_PLURALS = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {}\\n"\n\n'
)


def pf(value: str) -> str:
    return H.replace("nplurals=2; plural=(n != 1);", value)


def outcome(text: str, check: str = "errors") -> tuple[bool, list[str]]:
    result = compile_catalog(text.encode(), "x.po", check=check)  # type: ignore[arg-type]
    return result.ok, [str(d) for d in result.diagnostics]


ERRORS = {
    "newline added": (
        H + 'msgid "a"\nmsgstr "b\\n"\n',
        "x.po:7: 'msgid' and 'msgstr' entries do not both end with '\\n'",
    ),
    "newline dropped": (
        H + 'msgid "\\na"\nmsgstr "b"\n',
        "x.po:7: 'msgid' and 'msgstr' entries do not both begin with '\\n'",
    ),
    "newline in msgid_plural only": (
        H + 'msgid "a"\nmsgid_plural "as\\n"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
        "x.po:6: 'msgid' and 'msgid_plural' entries do not both end with '\\n'",
    ),
    "newline missing from an empty form": (
        H + 'msgid "\\na"\nmsgid_plural "\\nas"\nmsgstr[0] "\\nx"\nmsgstr[1] ""\n',
        "x.po:9: 'msgid' and 'msgstr[1]' entries do not both begin with '\\n'",
    ),
    "invalid bytes": (
        H + 'msgid "a"\nmsgstr "\\377"\n',
        "x.po:7: invalid multibyte sequence for charset utf-8",
    ),
    "EOT": (H + 'msgid "a\\004"\nmsgstr "b"\n', "x.po:6: context separator <EOT> within string"),
    "nplurals mismatch": (
        H + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n',
        "x.po:8: nplurals = 2 in the header, but this entry has 1 plural form",
    ),
    "plural syntax": (
        pf("nplurals=2; plural=(n != );") + 'msgid "a"\nmsgstr "b"\n',
        'x.po:2: invalid Plural-Forms header: invalid plural expression: unexpected ")" at column 7 (in "(n != )")',
    ),
    "division by zero": (
        pf("nplurals=2; plural=n/0;") + 'msgid "a"\nmsgstr "b"\n',
        "x.po:2: plural expression can produce division by zero",
    ),
    "plural out of range": (
        pf("nplurals=2; plural=n;") + 'msgid "a"\nmsgstr "b"\n',
        "x.po:2: nplurals = 2 but plural expression can produce values as large as 2",
    ),
    "absurd nplurals": (
        pf("nplurals=1000000; plural=0;") + 'msgid "a"\nmsgstr "b"\n',
        "x.po:2: invalid Plural-Forms header: nplurals = 1000000 is not a valid value: no "
        "language has more than 6 plural forms, and more than 100 are refused",
    ),
    "Python cannot load it": (
        pf("plural=(n != 1); nplurals=2;") + 'msgid "a"\nmsgstr "b"\n',
        "x.po:2: Python's gettext cannot load this Plural-Forms: it needs "
        "'nplurals=N; plural=EXPRESSION;' in that order",
    ),
    "unknown language without Plural-Forms": (
        NO_PLURALS.format("xx") + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
        "x.po:6: plural entries, but the header has no Plural-Forms and no plural rule is known "
        "for language 'xx'; add a Plural-Forms header",
    ),
    "non-ASCII without charset": (
        'msgid "a"\nmsgstr "ü"\n',
        "x.po:1: non-ASCII text, but the header declares no charset",
    ),
    "unknown charset": (
        H.replace("UTF-8", "X-NOPE") + 'msgid "a"\nmsgstr "b"\n',
        "x.po:1: unknown charset 'X-NOPE': Python cannot decode it",
    ),
    "python-format name not in msgid": (
        H + '#, python-format\nmsgid "%(name)s"\nmsgstr "%(nom)s"\n',
        "x.po:8: a format specification for argument 'nom', as in 'msgstr', doesn't exist in 'msgid'",
    ),
    "python-format count": (
        H + '#, python-format\nmsgid "%s and %s"\nmsgstr "%s"\n',
        "x.po:8: number of format specifications in 'msgid' and 'msgstr' does not match",
    ),
    "python-format malformed": (
        H + '#, python-format\nmsgid "%(a)s"\nmsgstr "%(a"\n',
        "x.po:8: 'msgstr' is not a valid Python format string, unlike 'msgid'. Reason: The "
        "string ends in the middle of a directive.",
    ),
    "python-brace-format malformed": (
        H + '#, python-brace-format\nmsgid "{name}"\nmsgstr "{name]"\n',
        "x.po:8: 'msgstr' is not a valid Python brace format string, unlike 'msgid'. Reason: In "
        "the directive number 0, there is an unterminated format directive.",
    ),
    "c-format extra directive": (
        H + '#, c-format\nmsgid "%s"\nmsgstr "%s %d"\n',
        "x.po:8: number of format specifications in 'msgid' and 'msgstr' does not match",
    ),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_class(name):
    """Each error class refuses the catalog with exactly one placed message."""
    text, expected = ERRORS[name]
    ok, messages = outcome(text)
    assert not ok
    assert expected in messages
    assert [m for m in messages if "warning:" not in m] == [expected]


def test_plural_forms_with_code_is_refused_and_not_run(tmp_path):
    """A Plural-Forms holding Python code is refused and never executed."""
    marker = tmp_path / "ran"
    code = f'__import__(\\"os\\").system(\\"touch {marker}\\")'
    ok, messages = outcome(pf(f"nplurals=2; plural={code};") + 'msgid "a"\nmsgstr "b"\n')
    assert not ok
    assert messages[0].startswith("x.po:2: invalid Plural-Forms header: invalid plural expression")
    assert not marker.exists()


def test_missing_plural_forms_gets_the_cldr_rule():
    """A Polish catalog without Plural-Forms is compiled with Polish's rule, not English's."""
    text = (
        NO_PLURALS.format("pl")
        + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n'
    )
    result = compile_catalog(text.encode(), "x.po")
    assert result.mo is not None
    assert b"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 &&" in result.mo


def test_missing_plural_forms_language_from_the_file_name():
    """Without a Language header, the caller's language (from the file's place) is used."""
    text = (
        H.split('"Plural-Forms', maxsplit=1)[0]
        + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n'
    )
    result = compile_catalog(text.encode(), "po/uk.mini.po", language="uk")
    assert result.mo is not None
    assert b"Plural-Forms: nplurals=3;" in result.mo


def test_missing_plural_forms_is_an_error_when_strict():
    """strict refuses a catalog with plural entries and no Plural-Forms, as msgfmt -c does."""
    text = (
        NO_PLURALS.format("pl")
        + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n'
    )
    ok, messages = outcome(text, "strict")
    assert not ok
    assert messages == [
        "x.po:6: plural entries, but the header has no Plural-Forms; add this line, valid for "
        'Polish (GNU gettext 0.26): "Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && '
        'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"'
    ]


EXCESS_FORMS = H + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n'


def test_extra_plural_forms_are_a_warning_and_compile_as_msgfmt_compiles_them(tmp_path):
    """More forms than the header's nplurals (never picked): a warning, and msgfmt's bytes."""
    ok, messages = outcome(EXCESS_FORMS)
    assert ok
    assert messages == [
        "x.po:8: warning: nplurals = 2 in the header, but this entry has 3 plural forms; "
        "the extra forms are never used"
    ]
    source = tmp_path / "x.po"
    source.write_text(EXCESS_FORMS, encoding="utf-8")
    expected = msgfmt(source)
    if expected is None:
        pytest.fail("msgfmt refused a catalog it compiles without -c")
    assert compile_catalog(EXCESS_FORMS.encode(), "x.po").mo == expected


def test_extra_plural_forms_are_refused_when_strict_and_missing_ones_always():
    """strict refuses extra forms as msgfmt -c does; a missing form is refused at every level."""
    ok, messages = outcome(EXCESS_FORMS, "strict")
    assert not ok
    assert messages == ["x.po:8: nplurals = 2 in the header, but this entry has 3 plural forms"]
    ok, _ = outcome(H + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n')
    assert not ok


def test_named_placeholder_left_out_is_a_warning():
    """Leaving a named placeholder out is legitimate: a warning, the catalog compiles."""
    ok, messages = outcome(H + '#, python-format\nmsgid "%(a)s %(b)s"\nmsgstr "%(a)s"\n')
    assert ok
    assert messages == [
        "x.po:8: warning: a format specification for argument 'b' doesn't exist in 'msgstr'"
    ]


def test_singular_form_without_the_count_is_accepted():
    """ "one file" for "%(count)d files" in the single-value form compiles without complaint."""
    text = (
        H + '#, python-format\nmsgid "one file"\nmsgid_plural "%(count)d files"\n'
        'msgstr[0] "eine Datei"\nmsgstr[1] "%(count)d Dateien"\n'
    )
    assert outcome(text) == (True, [])


def test_strict_refuses_what_msgfmt_c_refuses():
    """A left-out named placeholder is refused at strict, as msgfmt -c refuses it."""
    ok, messages = outcome(H + '#, python-format\nmsgid "%(a)s %(b)s"\nmsgstr "%(a)s"\n', "strict")
    assert not ok
    assert messages == ["x.po:8: a format specification for argument 'b' doesn't exist in 'msgstr'"]


def test_off_skips_format_checks_but_not_encoding():
    """off compiles a bad format string but still refuses bytes that are not text."""
    assert outcome(H + '#, python-format\nmsgid "%(a)s"\nmsgstr "%(b)s"\n', "off") == (True, [])
    ok, messages = outcome(H + 'msgid "a"\nmsgstr "\\377"\n', "off")
    assert (ok, messages) == (False, ["x.po:7: invalid multibyte sequence for charset utf-8"])


def test_header_missing_is_refused_only_when_strict():
    """A catalog without header compiles (ASCII), but strict refuses it like msgfmt -c."""
    assert outcome('msgid "a"\nmsgstr "b"\n') == (True, [])
    assert outcome('msgid "a"\nmsgstr "b"\n', "strict") == (
        False,
        ["x.po:1: PO file header missing or invalid"],
    )


def test_fuzzy_and_untranslated_entries_are_not_checked():
    """Entries that are not compiled are not refused for their format strings."""
    text = H + '#, fuzzy, python-format\nmsgid "%(a)s"\nmsgstr "%(b)s"\n'
    assert outcome(text) == (True, [])


CS = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: t\\n"\n"PO-Revision-Date: 2020-01-01 00:00+0000\\n"\n'
    '"Last-Translator: t\\n"\n"Language-Team: t\\n"\n"Language: cs\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;\\n"\n\n'
)
STRICT_CASES = {
    "few-form may omit the number": '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "soubor"\nmsgstr[1] "soubory"\nmsgstr[2] "%d souborů"\n',
    "many-form may not": '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d soubor"\nmsgstr[1] "%d soubory"\nmsgstr[2] "souborů"\n',
    "newline mismatch": 'msgid "a\\n"\nmsgstr "b"\n',
    "clean": '#, python-format\nmsgid "%(a)s"\nmsgstr "%(a)s"\n',
    "named left out": '#, python-format\nmsgid "%(a)s %(b)s"\nmsgstr "%(a)s"\n',
    "possible-c-format": '#, possible-c-format\nmsgid "%s"\nmsgstr "%d"\n',
    "newline in msgid_plural only": 'msgid "a"\nmsgid_plural "as\\n"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n',
    "empty form without the newline": 'msgid "\\na"\nmsgid_plural "\\nas"\nmsgstr[0] "\\nx"\nmsgstr[1] "\\ny"\nmsgstr[2] ""\n',
    "empty form of a format plural": '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d soubor"\nmsgstr[1] "%d soubory"\nmsgstr[2] ""\n',
    # Form 2 stands for many numbers, but for one only in 0..1: the range makes it lenient.
    "form without the count inside a range": '#, c-format, range: 0..1\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d soubor"\nmsgstr[1] "%d soubory"\nmsgstr[2] "souborů"\n',
    "form without the count, no range": '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d soubor"\nmsgstr[1] "%d soubory"\nmsgstr[2] "souborů"\n',
    # Bounds past INT_MAX are clamped, as gettext reads them, not a crash.
    "range with a 5,000-digit bound": "#, c-format, range: 0.."
    + "9" * 5000
    + '\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d soubor"\nmsgstr[1] "%d soubory"\nmsgstr[2] "souborů"\n',
}


@pytest.mark.oracle
@pytest.mark.parametrize("name", sorted(STRICT_CASES))
def test_strict_agrees_with_msgfmt_c(tmp_path, name):
    """--check strict accepts and refuses exactly what msgfmt -c accepts and refuses."""
    source = tmp_path / "cs.po"
    source.write_text(CS + STRICT_CASES[name], encoding="utf-8")
    gnu = subprocess.run(
        [require("msgfmt"), "-c", "-o", "/dev/null", str(source)], capture_output=True, check=False
    )
    ok, messages = outcome(source.read_text(encoding="utf-8"), "strict")
    assert ok == (gnu.returncode == 0), (messages, gnu.stderr)


@pytest.mark.parametrize(
    ("flags", "msgid", "msgstr"),
    [
        ("c-format", "%d files in %s", "%d Dateien in %s"),
        ("c-format", "%1$s %2$d%%", "%1$s %2$d%%"),
        ("python-format", "%(n)d of %(total)d", "%(n)d von %(total)d"),
        ("python-format", "%(a)s %s", "%(a)s %s"),
        ("c-format", "%5.2f %-3d %lu", "%5.2f %-3d %lu"),
        ("c-format", "%d", "%s"),
        ("python-format", "100%", "100%"),
        ("c-format", "%2$d", "%2$d"),
        ("c-format", "%d %1$d", "%d %1$d"),
    ],
)
def test_identical_directives_shortcut_changes_nothing(flags, msgid, msgstr, monkeypatch):
    """Skipping the format check for identical plain directives gives the full check's verdict."""
    text = H + f'#, {flags}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
    with monkeypatch.context() as patch:
        patch.setattr(formats, "_same_plain_directives", lambda *_: False)
        problems = formats.check_formats([flags], msgid, None, (msgstr,))
    expected_ok = not any(p.fatal for p in problems)
    ok, messages = outcome(text)
    assert ok == expected_ok
    assert len(messages) == len(problems)


_EDGE_TEXTS = ["", "a", "\n", "\na", "a\n", "\na\n", "\n\n", "a\nb"]


@pytest.mark.parametrize("msgid", ["a", "\na", "a\n", "\na\n", "\n", "a\nb"])
@pytest.mark.parametrize("plural", [False, True])
def test_line_break_shortcuts_report_as_the_full_comparison(msgid, plural):
    """The quick tests before comparing line breaks report exactly what comparing every entry does."""
    from hatch_minipo import validate as checker  # noqa: PLC0415
    from hatch_minipo.po.reader import parse_po  # noqa: PLC0415

    def quoted(text: str) -> str:
        return '"' + text.replace("\n", "\\n") + '"'

    for first in _EDGE_TEXTS:
        for second in _EDGE_TEXTS if plural else [""]:
            if plural:
                entry = (
                    f"msgid {quoted(msgid)}\nmsgid_plural {quoted(second or 'p')}\n"
                    f"msgstr[0] {quoted(first or 'x')}\nmsgstr[1] {quoted(second)}\n"
                )
            else:
                entry = f"msgid {quoted(msgid)}\nmsgstr {quoted(first or 'x')}\n"
            catalog, _ = parse_po((H + entry).encode(), "x.po")
            compiled = [m for m in catalog.messages if not m.is_header]
            everything = checker._Checker(catalog, "errors")
            for message in compiled:
                everything.newlines(message)
            found = [
                d
                for d in checker.validate(catalog, compiled).diagnostics
                if "entries do not both" in d.message
            ]
            assert found == everything.diagnostics, entry
