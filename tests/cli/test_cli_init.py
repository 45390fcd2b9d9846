"""minipo init: a new language's catalog where the layout puts it, valid and canonical at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pytest

from hatch_minipo.cli import main
from hatch_minipo.compiler import compile_catalog

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def flat(tmp_path: Path, copy_project: Callable[[str, Path], Path], monkeypatch) -> Path:
    root = copy_project("flat", tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return root


def test_init_writes_a_header_msginit_would_write_but_valid(flat, capsys):
    """ja: the header with the language, UTF-8 and its Plural-Forms; no placeholder, no fuzzy."""
    assert main(["init", "ja"]) == 0
    assert capsys.readouterr().out == (
        "po/ja.mini.po: Japanese, nplurals=1; plural=0; (GNU gettext 0.26)\n"
    )
    assert (flat / "po" / "ja.mini.po").read_text(encoding="utf-8") == (
        'msgid ""\nmsgstr ""\n'
        '"Project-Id-Version: flat-demo 1.0.0\\n"\n'
        '"Report-Msgid-Bugs-To: \\n"\n'
        '"PO-Revision-Date: 2023-11-14 22:13+0000\\n"\n'
        '"Last-Translator: Automatically generated\\n"\n'
        '"Language-Team: none\\n"\n'
        '"Language: ja\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
    )
    assert main(["check", "--check", "strict", "po/ja.mini.po"]) == 0


def test_init_gives_each_language_its_rule(flat):
    """Ukrainian gets GNU's three forms, Welsh CLDR's six; each compiles without a word."""
    assert main(["init", "uk", "cy"]) == 0
    for language in ("uk", "cy"):
        data = (flat / "po" / f"{language}.mini.po").read_bytes()
        result = compile_catalog(data, f"{language}.mini.po", check="strict")
        assert result.mo is not None
        assert result.diagnostics == []
    assert b"nplurals=3;" in (flat / "po" / "uk.mini.po").read_bytes()
    assert b"nplurals=6;" in (flat / "po" / "cy.mini.po").read_bytes()


def test_init_refuses_an_existing_catalog_unless_forced(flat, capsys):
    """An existing catalog is left as it is (exit 1, named); --force replaces it."""
    before = (flat / "po" / "de.mini.po").read_bytes()
    assert main(["init", "de"]) == 1
    assert capsys.readouterr().err == (
        "po/de.mini.po: exists; left as it is (--force replaces it)\n"
    )
    assert (flat / "po" / "de.mini.po").read_bytes() == before
    assert main(["init", "--force", "de"]) == 0
    assert b'"Language: de\\n"' in (flat / "po" / "de.mini.po").read_bytes()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("xx", "minipo init: 'xx' has no known plural rule (neither GNU's table nor CLDR's)"),
        ("pt-BR", "minipo init: 'pt-BR' is not a gettext locale name; write 'pt_BR'"),
        ("../x", "minipo init: '../x' is a path, not a locale name"),
    ],
)
def test_init_refuses_what_is_not_a_language(flat, capsys, language, message):
    """A name that is no locale, or a language without a known rule: exit 1, nothing written."""
    before = sorted(p.name for p in (flat / "po").iterdir())
    assert main(["init", language]) == 1
    assert capsys.readouterr().err.startswith(message)
    assert sorted(p.name for p in (flat / "po").iterdir()) == before


def test_init_works_in_a_project_without_catalogs(tmp_path, monkeypatch):
    """A brand-new project: po/ is created, and the build then finds the catalog."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "new"\nversion = "0.1"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["init", "fr"]) == 0
    assert (tmp_path / "po" / "fr.mini.po").is_file()
