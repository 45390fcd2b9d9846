"""minipo import DIR: a platform's .po files minimized into the project's catalogs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pytest

from hatch_minipo.cli import main

if TYPE_CHECKING:
    from pathlib import Path

FULL = """\
msgid ""
msgstr ""
"Language: {header}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#: src/flat_demo/cli.py:17
msgid "Hello, world!"
msgstr "{hello}"

#, fuzzy
msgid "{{n}} file"
msgid_plural "{{n}} files"
msgstr[0] "draft"
msgstr[1] "drafts"

msgid "untranslated"
msgstr ""
"""


@pytest.fixture
def flat(tmp_path: Path, copy_project: Callable[[str, Path], Path], monkeypatch) -> Path:
    root = copy_project("flat", tmp_path / "project")
    monkeypatch.chdir(root)
    return root


def platform(tmp_path: Path, files: dict[str, tuple[str, str]]) -> Path:
    folder = tmp_path / "download"
    for name, (header, hello) in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(FULL.format(header=header, hello=hello), encoding="utf-8")
    return folder


def test_import_tells_languages_by_name_path_and_header(flat, tmp_path, capsys):
    """de.po, pt-BR.po, locale/sv/LC_MESSAGES/x.po, app-it.po, and a header: each minimized."""
    folder = platform(
        tmp_path,
        {
            "de.po": ("de", "Hallo!"),
            "pt-BR.po": ("", "Olá!"),
            "locale/sv/LC_MESSAGES/flat_demo.po": ("", "Hej!"),
            "app-it.po": ("", "Ciao!"),
            "export.po": ("nl", "Hallo, wereld!"),
        },
    )
    assert main(["import", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == ["de", "it", "nl", "pt_BR", "sv"]
    assert out[0].startswith("de: po/de.mini.po updated (+0 -1 entries), from ")
    assert out[2].startswith("nl: po/nl.mini.po added (1 entry), from ")
    mini = (flat / "po" / "sv.mini.po").read_text(encoding="utf-8")
    assert 'msgstr "Hej!"' in mini
    assert "fuzzy" not in mini
    assert "untranslated" not in mini
    assert "#:" not in mini
    assert main(["check", "po/sv.mini.po"]) == 0


def test_import_twice_changes_nothing(flat, tmp_path, capsys):
    """Importing the same download again says unchanged and touches no file."""
    folder = platform(tmp_path, {"fr.po": ("fr", "Salut !")})
    assert main(["import", str(folder)]) == 0
    target = flat / "po" / "fr.mini.po"
    stamp = target.stat().st_mtime_ns
    capsys.readouterr()
    assert main(["import", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("fr: po/fr.mini.po unchanged, from ")
    assert target.stat().st_mtime_ns == stamp


def test_a_file_without_a_language_is_refused_and_nothing_written_for_it(flat, tmp_path, capsys):
    """No language in name, folder or header: named, exit 1, the others still imported."""
    folder = platform(tmp_path, {"translations.po": ("", "?"), "pl.po": ("pl", "Witaj!")})
    before = sorted(p.name for p in (flat / "po").iterdir())
    assert main(["import", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "translations.po: cannot tell its language from its name" in err
    after = sorted(p.name for p in (flat / "po").iterdir())
    assert after == before  # pl existed and was updated in place; nothing new appeared
    assert 'msgstr "Witaj!"' in (flat / "po" / "pl.mini.po").read_text(encoding="utf-8")


def test_two_files_for_one_language_import_neither(flat, tmp_path, capsys):
    """de.po and de/LC_MESSAGES/x.po: which one is meant cannot be told; neither is taken."""
    folder = platform(
        tmp_path,
        {"de.po": ("de", "Eins"), "de/LC_MESSAGES/x.po": ("de", "Zwei")},
    )
    before = (flat / "po" / "de.mini.po").read_bytes()
    assert main(["import", str(folder)]) == 1
    assert "are all for it; nothing imported" in capsys.readouterr().err
    assert (flat / "po" / "de.mini.po").read_bytes() == before


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_the_download_is_named_not_waited_on(flat, tmp_path, capsys):
    """A FIFO named it.po: import says it cannot read it, at once, and imports the rest."""
    import os  # noqa: PLC0415

    folder = platform(tmp_path, {"pl.po": ("pl", "Witaj!")})
    os.mkfifo(folder / "it.po")
    assert main(["import", str(folder)]) == 1
    assert "it.po: cannot read: not a regular file" in capsys.readouterr().err
    assert not (flat / "po" / "it.mini.po").exists()
    assert 'msgstr "Witaj!"' in (flat / "po" / "pl.mini.po").read_text(encoding="utf-8")


def test_the_projects_own_folder_imports_its_full_catalogs_only(flat, capsys):
    """minipo import po: the .po files beside the .mini.po are read, the .mini.po skipped."""
    (flat / "po" / "de.po").write_text(FULL.format(header="de", hello="Servus!"), encoding="utf-8")
    assert main(["import", "po"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(",")[0] for line in out] == ["de: po/de.mini.po updated (+0 -1 entries)"]
    assert 'msgstr "Servus!"' in (flat / "po" / "de.mini.po").read_text(encoding="utf-8")


def test_a_new_export_header_alone_changes_nothing(flat, tmp_path, capsys):
    """The platform's new X-Generator and revision date, same translations: file untouched."""
    folder = platform(tmp_path, {"fr.po": ("fr", "Salut !")})
    assert main(["import", str(folder)]) == 0
    target = flat / "po" / "fr.mini.po"
    before = target.read_bytes()
    export = folder / "fr.po"
    export.write_text(
        export.read_text(encoding="utf-8").replace(
            '"Language: fr\\n"\n', '"Language: fr\\n"\n"X-Generator: Weblate 2026.10\\n"\n'
        ),
        encoding="utf-8",
    )
    assert "X-Generator" in export.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("fr: po/fr.mini.po unchanged, from ")
    assert target.read_bytes() == before


def test_a_new_plural_rule_alone_is_a_change(flat, tmp_path, capsys):
    """A platform that fixes Plural-Forms changes the catalog, even with the same translations."""
    folder = platform(tmp_path, {"fr.po": ("fr", "Salut !")})
    assert main(["import", str(folder)]) == 0
    export = folder / "fr.po"
    export.write_text(
        export.read_text(encoding="utf-8").replace("plural=(n != 1)", "plural=(n > 1)"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("fr: po/fr.mini.po updated (+0 -0 entries), from ")
    assert "plural=(n > 1)" in (flat / "po" / "fr.mini.po").read_text(encoding="utf-8")
