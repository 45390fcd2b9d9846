"""stats: translated messages per catalog, against hand counts; the table, JSON and CLI."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from hatch_minipo.cli import main
from hatch_minipo.po.reader import parse_po
from hatch_minipo.workflow.stats import CatalogStats, count, render_table, sort_stats, to_json

if TYPE_CHECKING:
    from pathlib import Path

    from hatch_minipo.po.catalog import Catalog

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {}\\n"\n\n'
# Five messages to translate; the header and the obsolete entry do not count.
TEMPLATE = """\
#, fuzzy
msgid ""
msgstr "Content-Type: text/plain; charset=CHARSET\\n"

msgid "one"
msgstr ""

msgid "two"
msgstr ""

msgctxt "menu"
msgid "two"
msgstr ""

msgid "file"
msgid_plural "files"
msgstr[0] ""
msgstr[1] ""

msgid "five"
msgstr ""

#~ msgid "old"
#~ msgstr ""
"""
# German: "one", "file" and menu|"two" are translated and still wanted; "gone" is not wanted.
DE_MINI = (
    HEADER.format("de")
    + """\
msgid "file"
msgid_plural "files"
msgstr[0] "Datei"
msgstr[1] "Dateien"

msgid "gone"
msgstr "weg"

msgid "one"
msgstr "eins"

msgctxt "menu"
msgid "two"
msgstr "zwei"
"""
)
# French, full: "one" translated, "two" fuzzy, "file" untranslated, "five" translated,
# menu|"two" missing; the obsolete translation does not count.
FR_FULL = (
    HEADER.format("fr")
    + """\
msgid "one"
msgstr "un"

#, fuzzy
msgid "two"
msgstr "deux"

msgid "file"
msgid_plural "files"
msgstr[0] ""
msgstr[1] ""

msgid "five"
msgstr "cinq"

#~ msgid "old"
#~ msgstr "vieux"
"""
)


def parse(text: str, path: str) -> Catalog:
    catalog, diagnostics = parse_po(text.encode(), path)
    assert [d for d in diagnostics if d.is_error] == []
    return catalog


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_mini_against_template_hand_count():
    """de: 3 of the template's 5 messages translated (the lost "gone" does not count)."""
    row = count(parse(DE_MINI, "de.mini.po"), "de", template=parse(TEMPLATE, "t.pot"))
    assert (row.translated, row.fuzzy, row.total, row.untranslated) == (3, 0, 5, 2)
    assert row.percent == 60.0
    assert row.template == "t.pot"


def test_full_catalog_against_template_hand_count():
    """fr: 2 translated, 1 fuzzy, 2 left of 5; obsolete translations do not count."""
    row = count(parse(FR_FULL, "fr.po"), "fr", template=parse(TEMPLATE, "t.pot"))
    assert (row.translated, row.fuzzy, row.total, row.untranslated) == (2, 1, 5, 2)
    assert row.percent == 40.0


def test_full_catalog_is_its_own_total_without_template():
    """Without a template a full catalog counts its 4 live entries as the total."""
    row = count(parse(FR_FULL, "fr.po"), "fr", complete=True)
    assert (row.translated, row.fuzzy, row.total) == (2, 1, 4)
    assert row.percent == 50.0


def test_mini_without_template_has_no_percentage():
    """A .mini.po without a template shows its 4 translations and no percentage."""
    row = count(parse(DE_MINI, "de.mini.po"), "de")
    assert (row.translated, row.total, row.percent, row.untranslated) == (4, None, None, None)


def test_empty_template_has_no_percentage():
    """A template without messages gives a total of 0 and no percentage (not a division)."""
    empty = parse('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n', "e.pot")
    row = count(parse(DE_MINI, "de.mini.po"), "de", template=empty)
    assert (row.translated, row.total, row.percent) == (0, 0, None)


def test_sorted_by_percentage_then_language():
    """Highest percentage first, ties by language, rows without a percentage last by count."""
    rows = [
        CatalogStats("a", "fr", 1, 0, 2),
        CatalogStats("b", "de", 2, 0, 2),
        CatalogStats("c", "cs", 1, 0, 2),
        CatalogStats("d", "pl", 9, 0, None),
        CatalogStats("e", "ja", 12, 0, None),
    ]
    assert [r.language for r in sort_stats(rows)] == ["de", "cs", "fr", "ja", "pl"]


def test_table_layout():
    """Columns align, percentages round down, the bar shows twentieths; no bar without total."""
    rows = [
        CatalogStats("po/de.mini.po", "de", 3, 0, 5, "German"),
        CatalogStats("po/pt_BR.mini.po", "pt_BR", 2, 0, 3, "Portuguese (Brazil)"),
        CatalogStats("po/ja.mini.po", "ja", 7, 0, None, "Japanese"),
    ]
    assert render_table(rows) == (
        "language  name                 translated  fuzzy  untranslated      %\n"
        "de        German                      3/5      0             2  60.0%  ############--------\n"
        "pt_BR     Portuguese (Brazil)         2/3      0             1  66.6%  #############-------\n"
        "ja        Japanese                      7      0\n"
    )


def test_table_names_the_catalog_when_a_language_repeats():
    """Two domains of one language: each row says which catalog it is."""
    rows = [CatalogStats("a/de.po", "de", 1, 0, 1), CatalogStats("b/de.po", "de", 0, 0, 1)]
    lines = render_table(rows).splitlines()
    assert lines[0].endswith("catalog")
    assert lines[1].endswith("####################  a/de.po")
    assert lines[2].endswith("--------------------  b/de.po")


def test_json_form():
    """JSON rows carry every figure, untranslated derived, percent rounded to 2 places."""
    rows = [CatalogStats("de.po", "de", 2, 1, 3, "German", "t.pot")]
    assert to_json(rows) == [
        {
            "path": "de.po",
            "language": "de",
            "name": "German",
            "translated": 2,
            "fuzzy": 1,
            "untranslated": 0,
            "total": 3,
            "percent": 66.67,
            "template": "t.pot",
        }
    ]


# -- minipo stats -----------------------------------------------------------------------------


def test_cli_table_with_template(tmp_path, capsys):
    """The table lists each language with its English name, best first."""
    template = write(tmp_path, "t.pot", TEMPLATE)
    de = write(tmp_path, "de.mini.po", DE_MINI)
    fr = write(tmp_path, "fr.po", FR_FULL)
    assert main(["stats", "--template", str(template), str(de), str(fr)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "language  name    translated  fuzzy  untranslated      %"
    assert (
        lines[1] == "de        German         3/5      0             2  60.0%  ############--------"
    )
    assert lines[2].startswith("fr        French         2/5      1  ")
    assert lines[2].endswith("  40.0%  ########------------")


def test_cli_json(tmp_path, capsys):
    """--json prints the same figures for machines."""
    template = write(tmp_path, "t.pot", TEMPLATE)
    de = write(tmp_path, "de.mini.po", DE_MINI)
    fr = write(tmp_path, "fr.po", FR_FULL)
    assert main(["stats", "-t", str(template), "--json", str(fr), str(de)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(r["language"], r["translated"], r["total"], r["percent"]) for r in data] == [
        ("de", 3, 5, 60.0),
        ("fr", 2, 5, 40.0),
    ]
    assert data[0]["template"] == str(template)


def test_cli_without_template(tmp_path, capsys):
    """Without a template: the full catalog is its own total, the mini shows its count."""
    de = write(tmp_path, "de.mini.po", DE_MINI)
    fr = write(tmp_path, "fr.po", FR_FULL)
    assert main(["stats", str(de), str(fr)]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "fr        French         2/4      1             1  50.0%  ##########----------",
        "de        German           4      0",
    ]


def test_cli_language_from_path_when_header_has_none(tmp_path, capsys):
    """A catalog without a Language header is named by its path."""
    text = DE_MINI.replace('"Language: de\\n"\n', "")
    path = write(tmp_path, "locale/pt_BR/LC_MESSAGES/demo.po", text)
    assert main(["stats", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["language"] == "pt_BR"


def test_cli_broken_catalog_prints_no_figures(tmp_path, capsys):
    """A catalog that cannot be read exits 1, says where, and no table is printed."""
    good = write(tmp_path, "de.mini.po", DE_MINI)
    bad = write(tmp_path, "fr.mini.po", DE_MINI + '\nmsgid "x\nmsgstr ""\n')
    assert main(["stats", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{bad}:" in captured.err


def test_cli_missing_template_exits_1(tmp_path, capsys):
    """An unreadable template exits 1 with no figures."""
    de = write(tmp_path, "de.mini.po", DE_MINI)
    assert main(["stats", "-t", str(tmp_path / "none.pot"), str(de)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "none.pot: cannot read" in captured.err


@pytest.mark.parametrize("with_template", [True, False])
def test_cli_project_mode(tmp_path, monkeypatch, capsys, with_template):
    """Without files, the project's catalogs are counted, against its template if present."""
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\nversion = "1"\n')
    write(tmp_path, "src/demo/__init__.py", "")
    write(tmp_path, "po/de.mini.po", DE_MINI)
    write(tmp_path, "po/fr.mini.po", HEADER.format("fr") + 'msgid "one"\nmsgstr "un"\n')
    if with_template:
        write(tmp_path, "po/demo.pot", TEMPLATE)
    monkeypatch.chdir(tmp_path)
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    figures = [(r["path"], r["translated"], r["total"]) for r in data]
    if with_template:
        assert figures == [("po/de.mini.po", 3, 5), ("po/fr.mini.po", 1, 5)]
    else:
        assert figures == [("po/de.mini.po", 4, None), ("po/fr.mini.po", 1, None)]
