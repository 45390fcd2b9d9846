"""The whole team cycle on a new project, as a user runs it: extract to an installed wheel.

extract (Python with a custom keyword and a translator comment, and a Jinja2 template), init
three languages, update, translators edit the full catalogs, minimize, check, a second cycle
with no diff, a source change whose diff is its message alone, an import from a
platform-style download, and a wheel whose installed translations work, plural and context
included.
"""

from __future__ import annotations

import difflib
import subprocess
import textwrap
from typing import TYPE_CHECKING

import polib
import pytest

from conftest import make_venv
from e2e import PIP, install, only, run, snapshot
from hatch_minipo.cli import main

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("jinja2", reason="the cycle extracts a Jinja2 template (the test extra)")

PYPROJECT = """\
[build-system]
requires = ["hatchling", "hatch-minipo"]
build-backend = "hatchling.build"

[project]
name = "team-app"
version = "1.0"

[tool.hatch.build.hooks.minipo]
keywords = ["lazy_gettext"]
comment-tags = ["TRANSLATORS:"]
extractors = { "**/templates/**.html" = "jinja2" }
"""
APP = '''\
"""Messages of the team's application, looked up in the installed catalogs."""

import gettext
from pathlib import Path


def lazy_gettext(message):
    return message


# TRANSLATORS: the first words a user sees
GREETING = lazy_gettext("Hello")


def translation(language):
    return gettext.translation("team_app", Path(__file__).parent / "locale", [language])


def report(language, count):
    t = translation(language)
    files = t.ngettext("%(n)d file", "%(n)d files", count) % {"n": count}
    return [t.gettext(GREETING), files, t.pgettext("menu", "Open"), t.gettext("Welcome")]
'''
PAGE = '<h1>{{ _("Welcome") }}</h1>\n'
TRANSLATIONS = {
    "de": {
        "Hello": "Hallo",
        "Welcome": "Willkommen",
        ("menu", "Open"): "Öffnen",
        "%(n)d file": ["%(n)d Datei", "%(n)d Dateien"],
    },
    "fr": {
        "Hello": "Bonjour",
        "Welcome": "Bienvenue",
        ("menu", "Open"): "Ouvrir",
        "%(n)d file": ["%(n)d fichier", "%(n)d fichiers"],
    },
    "pl": {
        "Hello": "Cześć",
        "Welcome": "Witamy",
        ("menu", "Open"): "Otwórz",
        "%(n)d file": ["%(n)d plik", "%(n)d pliki", "%(n)d plików"],
    },
}


def new_project(root: Path) -> Path:
    for name, text in {
        "pyproject.toml": PYPROJECT,
        "src/team_app/__init__.py": APP,
        "src/team_app/templates/page.html": PAGE,
    }.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def translate(full: Path, language: str) -> None:
    """What a translator does: fill every entry of the full catalog in an editor."""
    catalog = polib.pofile(str(full), wrapwidth=79)
    for entry in catalog:
        wanted = TRANSLATIONS[language].get(
            (entry.msgctxt, entry.msgid) if entry.msgctxt else entry.msgid
        )
        if isinstance(wanted, list):
            entry.msgstr_plural = dict(enumerate(wanted))
        elif wanted is not None:
            entry.msgstr = wanted
    catalog.save()


def cycle(epoch: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["update"]) == 0
    assert main(["minimize"]) == 0
    assert main(["check"]) == 0


@pytest.mark.slow
def test_team_cycle_from_extract_to_installed_wheel(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    build_env: dict[str, str],
) -> None:
    """Every step of the cycle works on a new project and leaves exactly the expected diffs."""
    root = new_project(tmp_path / "team-app")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    # Extract: the custom keyword, the translator comment and the template's string.
    assert main(["extract"]) == 0
    template = polib.pofile(str(root / "po" / "team_app.pot"))
    found = {(e.msgctxt, e.msgid): e for e in template}
    assert set(found) == {
        (None, "Hello"),
        (None, "%(n)d file"),
        ("menu", "Open"),
        (None, "Welcome"),
    }
    assert found[None, "Hello"].comment == "TRANSLATORS: the first words a user sees"
    assert found[None, "Welcome"].occurrences == [
        ("src/team_app/__init__.py", "22"),
        ("src/team_app/templates/page.html", "1"),
    ]

    # Start three languages; each catalog is valid at once.
    assert main(["init", "de", "fr", "pl"]) == 0
    assert main(["check"]) == 0

    # Update, translate, minimize, check.
    assert main(["update"]) == 0
    for language in TRANSLATIONS:
        translate(root / "po" / f"{language}.po", language)
    assert main(["minimize"]) == 0
    assert main(["check", "--min-percent", "100"]) == 0
    capsys.readouterr()

    # The release's cycle (update rewrites the editor's .po in GNU's layout), then a second
    # one a day later with nothing changed in the sources: no file changes at all.
    cycle("1700050000", monkeypatch)
    before = snapshot(root)
    cycle("1700086400", monkeypatch)
    assert snapshot(root) == before

    # A source change: the .mini.po diffs hold that message alone, no header line.
    app = root / "src" / "team_app" / "__init__.py"
    app.write_text(app.read_text(encoding="utf-8").replace('"Hello"', '"Hello there"'))
    cycle("1700172800", monkeypatch)
    after = snapshot(root)
    for language in TRANSLATIONS:
        name = f"po/{language}.mini.po"
        diff = [
            line
            for line in difflib.unified_diff(
                before[name].decode().splitlines(), after[name].decode().splitlines(), n=0
            )
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        hello = TRANSLATIONS[language]["Hello"]
        removed = ["-#. TRANSLATORS: the first words a user sees", '-msgid "Hello"']
        assert diff == [*removed, f'-msgstr "{hello}"', "-"], (language, diff)

    # The platform returns a download: German updated, Brazilian Portuguese new.
    download = tmp_path / "download"
    for folder, language, hello in (("de", "de", "Hallo zusammen"), ("pt-BR", "pt_BR", "Olá")):
        full = polib.pofile(str(root / "po" / "de.po"))
        full.metadata["Language"] = language
        for entry in full:
            if entry.msgid == "Hello there":
                entry.msgstr = hello
            elif language != "de":
                entry.msgstr, entry.msgstr_plural = "", dict.fromkeys(entry.msgstr_plural, "")
        if language != "de":
            full.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
        target = download / "locale" / folder / "LC_MESSAGES" / "team_app.po"
        target.parent.mkdir(parents=True)
        full.save(str(target))
    assert main(["import", str(download)]) == 0
    out = capsys.readouterr().out
    assert "de: po/de.mini.po updated (+1 -0 entries), from " in out
    assert "pt_BR: po/pt_BR.mini.po added (1 entry), from " in out
    assert main(["check"]) == 0

    # Build the wheel as a user would, install it, and read the translations.
    wheels = tmp_path / "wheels"
    run([*PIP, "wheel", "--no-deps", "-w", str(wheels), str(root)], cwd=tmp_path, env=build_env)
    venv = make_venv(tmp_path / "venv")
    install(venv, "--no-deps", str(only(wheels, "*.whl")), env=build_env, cwd=tmp_path)
    probe = textwrap.dedent(
        """
        import team_app
        for language, count in (("de", 1), ("de", 2), ("pl", 5), ("fr", 2), ("pt_BR", 1)):
            print(language, count, "|".join(team_app.report(language, count)))
        """
    )
    result = subprocess.run(
        [str(venv / "python"), "-c", probe],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        cwd=tmp_path,
    )
    assert result.stdout.splitlines() == [
        "de 1 Hallo zusammen|1 Datei|Öffnen|Willkommen",
        "de 2 Hallo zusammen|2 Dateien|Öffnen|Willkommen",
        "pl 5 Hello there|5 plików|Otwórz|Witamy",
        "fr 2 Hello there|2 fichiers|Ouvrir|Bienvenue",
        "pt_BR 1 Olá|1 file|Open|Welcome",
    ]
