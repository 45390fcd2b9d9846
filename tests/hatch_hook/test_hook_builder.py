"""The hook driven through hatchling's builder API in this process: fast, no frontend."""

from __future__ import annotations

import shutil
import tarfile
import tempfile
import types
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import pytest
from hatchling.builders.sdist import SdistBuilder
from hatchling.builders.wheel import WheelBuilder

from aborts import aborted
from hatch_minipo.errors import CatalogError, Diagnostic
from hatch_minipo.hatch import plugin
from hatch_minipo.project import build as build_core
from hatch_minipo.project.config import ConfigError
from hatch_minipo.project.discovery import DiscoveryError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hatch_minipo.project.discovery import CatalogFile

FLAT_MO = [
    f"flat_demo/locale/{lang}/LC_MESSAGES/flat_demo.mo" for lang in ("de", "fr", "pl", "pt_BR")
]
IN_PACKAGE_MO = [
    f"{package}/locale/{lang}/LC_MESSAGES/{package}.mo"
    for package in ("alpha", "beta")
    for lang in ("de", "sr@latin", "uk")
]


@pytest.fixture(autouse=True)
def private_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary folders of the hook go here, so a test can see what is left behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.delenv("MINIPO_LANGUAGES", raising=False)
    monkeypatch.delenv("HATCH_VERBOSE", raising=False)
    monkeypatch.delenv("HATCH_QUIET", raising=False)
    return folder


@pytest.fixture
def project(tmp_path: Path, copy_project: Callable[[str, Path], Path]) -> Callable[[str], Path]:
    return lambda name: copy_project(name, tmp_path)


def build(root: Path, target: str = "wheel", version: str = "standard") -> Path:
    builder_class: Any = WheelBuilder if target == "wheel" else SdistBuilder
    builder = builder_class(str(root))
    (artifact,) = builder.build(directory=str(root / "dist"), versions=[version])
    return Path(artifact)


def wheel_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def sdist_names(path: Path) -> list[str]:
    with tarfile.open(path) as archive:
        return [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]


def tree_mo(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*.mo") if "dist" not in p.parts
    )


def set_table(root: Path, table: str, body: str = "") -> None:
    """Replace the global hook table of a copied project by ``[table]`` + ``body``."""
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    head, _, _ = text.partition("[tool.hatch.build.hooks.minipo]")
    pyproject.write_text(f"{head}[{table}]\n{body}", encoding="utf-8")


def refusing(refused: dict[str, int]) -> Callable[..., list[Any]]:
    """An engine that refuses the catalogs named in ``refused`` (source -> line)."""

    def compile_catalogs(root: Path, catalogs: Sequence[CatalogFile], check: str) -> list[Any]:
        del root, check
        return [
            types.SimpleNamespace(
                path=c.source,
                mo=None,
                diagnostics=[Diagnostic(c.source, refused[c.source], "end-of-line within string")],
                messages=0,
            )
            if c.source in refused
            else types.SimpleNamespace(
                path=c.source, mo=b"\xde\x12\x04\x95", diagnostics=[], messages=2
            )
            for c in catalogs
        ]

    return compile_catalogs


def test_hook_does_nothing_when_constructed(tmp_path: Path) -> None:
    """hatchling builds the hook just to ask for dependencies: no validation, no file access."""
    builder = WheelBuilder(str(tmp_path / "does-not-exist"))
    hook = plugin.MinipoBuildHook(
        str(tmp_path / "does-not-exist"),
        {"domain": 1},
        builder.config,
        builder.metadata,
        "",
        "wheel",
    )
    assert hook.dependencies() == []
    assert hook.PLUGIN_NAME == "minipo"
    with pytest.raises(ConfigError, match=r"domain must be a string$"):
        hook.options  # noqa: B018  # validation happens on first use, not at construction


def test_flat_wheel_has_every_mo_and_no_source(
    project: Callable[[str], Path], private_tempdir: Path
) -> None:
    """A flat project's wheel ships one .mo per po/*.mini.po and leaves no file behind."""
    root = project("flat")
    names = wheel_names(build(root))
    assert sorted(n for n in names if n.endswith(".mo")) == FLAT_MO
    assert not [n for n in names if n.endswith(".po")]
    assert tree_mo(root) == []
    assert list(private_tempdir.iterdir()) == []


def test_in_package_wheel_excludes_sources_inside_packages(project: Callable[[str], Path]) -> None:
    """In-package catalogs compile beside themselves and their .mini.po stay out of the wheel."""
    root = project("in-package")
    names = wheel_names(build(root))
    assert sorted(n for n in names if n.endswith(".mo")) == IN_PACKAGE_MO
    assert not [n for n in names if n.endswith(".po")]
    assert "alpha/cli.py" in names
    assert "beta/__init__.py" in names


def test_flat_sdist_carries_sources_and_mo(project: Callable[[str], Path]) -> None:
    """The sdist has po/*.mini.po and the compiled .mo at their project-relative place."""
    root = project("flat")
    names = sdist_names(build(root, "sdist"))
    assert sorted(n for n in names if n.endswith(".mini.po")) == [
        f"po/{lang}.mini.po" for lang in ("de", "fr", "pl", "pt_BR")
    ]
    assert sorted(n for n in names if n.endswith(".mo")) == [f"src/{n}" for n in FLAT_MO]
    assert tree_mo(root) == []


def test_sdist_without_mo_leaves_out_stale_tree_copies(project: Callable[[str], Path]) -> None:
    """sdist-mo = false ships only sources, even when an editable build left .mo in the tree."""
    root = project("explicit")
    stale = root / "src/explicit_demo/i18n/de/LC_MESSAGES/greetings.mo"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"stale")
    handmade = root / "src/explicit_demo/i18n/de/LC_MESSAGES/other.mo"
    handmade.write_bytes(b"hand-made")
    names = sdist_names(build(root, "sdist"))
    assert sorted(n for n in names if n.endswith(".mini.po")) == [
        f"translations/{lang}.mini.po" for lang in ("ca@valencia", "de", "ru")
    ]
    assert [n for n in names if n.endswith(".mo")] == [
        "src/explicit_demo/i18n/de/LC_MESSAGES/other.mo"
    ]


def test_tree_copy_never_replaces_the_compiled_one(
    project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stale .mo in the tree is not shipped beside or instead of the freshly compiled one."""
    root = project("flat")
    stale = root / "src/flat_demo/locale/de/LC_MESSAGES/flat_demo.mo"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"stale")
    monkeypatch.setattr(build_core, "read_and_compile", refusing({}))
    wheel = build(root)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert names.count("flat_demo/locale/de/LC_MESSAGES/flat_demo.mo") == 1
        assert archive.read("flat_demo/locale/de/LC_MESSAGES/flat_demo.mo") == b"\xde\x12\x04\x95"


def test_editable_compiles_into_the_tree_and_clean_removes_only_those(
    project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Editable builds write .mo beside the package; clean removes them and keeps hand-made ones."""
    root = project("in-package")
    # dev-mode-dirs takes hatchling's path that needs no `editables` package in this process.
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            'packages = ["alpha", "beta"]', 'packages = ["alpha", "beta"]\ndev-mode-dirs = ["."]'
        ),
        encoding="utf-8",
    )
    handmade = root / "beta/locale/fr/LC_MESSAGES/beta.mo"
    handmade.parent.mkdir(parents=True)
    handmade.write_bytes(b"hand-made")
    names = wheel_names(build(root, version="editable"))
    assert not [n for n in names if n.endswith((".mo", ".po"))]
    assert tree_mo(root) == sorted([*IN_PACKAGE_MO, "beta/locale/fr/LC_MESSAGES/beta.mo"])
    assert "into the source tree" in shown(capsys)

    list(WheelBuilder(str(root)).build(directory=str(root / "dist"), clean_only=True))
    assert tree_mo(root) == ["beta/locale/fr/LC_MESSAGES/beta.mo"]
    assert (root / "alpha/locale/de/LC_MESSAGES/alpha.mini.po").is_file()


def test_clean_removes_the_folders_it_created(
    project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After clean, a flat project has no locale/ folder left in its package."""
    root = project("flat")
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml").read_text(encoding="utf-8")
        + '\n[tool.hatch.build.targets.wheel]\ndev-mode-dirs = ["src"]\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(build_core, "read_and_compile", refusing({}))
    build(root, version="editable")
    assert len(tree_mo(root)) == 4
    list(SdistBuilder(str(root)).build(directory=str(root / "dist"), clean_only=True))
    assert tree_mo(root) == []
    assert not (root / "src/flat_demo/locale").exists()


def test_refused_catalogs_fail_the_build_listing_every_problem(
    project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, private_tempdir: Path
) -> None:
    """One exception lists each refused catalog as path:line: message; nothing is written."""
    root = project("flat")
    monkeypatch.setattr(
        build_core, "read_and_compile", refusing({"po/de.mini.po": 7, "po/pl.mini.po": 12})
    )
    with aborted(CatalogError) as caught:
        build(root)
    assert str(caught.error) == (
        "minipo refused 2 of 4 catalogs; no artifact was written:\n"
        "po/de.mini.po:7: end-of-line within string\n"
        "po/pl.mini.po:12: end-of-line within string"
    )
    assert isinstance(caught.error, CatalogError)
    assert [d.line for d in caught.error.diagnostics] == [7, 12]
    assert caught.error.__cause__ is None
    assert not (root / "dist").exists() or not list((root / "dist").iterdir())
    assert list(private_tempdir.iterdir()) == []


def test_refused_catalog_writes_nothing_into_the_tree_for_editable(
    project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editable build with one refused catalog writes no .mo at all."""
    root = project("flat")
    monkeypatch.setattr(build_core, "read_and_compile", refusing({"po/pl.mini.po": 3}))
    with aborted(CatalogError, match=r"\npo/pl.mini.po:3: end-of-line within string$"):
        build(root, version="editable")
    assert tree_mo(root) == []


def test_catalogs_found_and_fewer_compiled_fails(
    project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An engine that returns fewer results than catalogs fails the build instead of shipping."""
    root = project("flat")
    engine = refusing({})
    monkeypatch.setattr(build_core, "read_and_compile", lambda *args: engine(*args)[:-1])
    with pytest.raises(RuntimeError, match=r"^minipo: found 4 catalogs but compiled 3$"):
        build(root)


def test_no_catalogs_fails_saying_where_it_looked(project: Callable[[str], Path]) -> None:
    """A hook table in a project without catalogs fails and names the folders searched."""
    root = project("flat")
    for catalog in (root / "po").iterdir():
        catalog.unlink()
    with aborted(DiscoveryError, match=r"no catalogs found: .* in po/, src/flat_demo/$"):
        build(root)


def test_bad_options_fail_with_every_error(project: Callable[[str], Path]) -> None:
    """Wrong options stop the build with one line per problem, naming full keys."""
    root = project("flat")
    set_table(
        root, "tool.hatch.build.hooks.minipo", 'domain = 1\ncheck = "loud"\nlanguage = ["de"]\n'
    )
    with aborted(ConfigError) as caught:
        build(root)
    assert isinstance(caught.error, ConfigError)
    assert caught.error.problems == [
        (
            "tool.hatch.build.hooks.minipo.language is not an option of the minipo hook;"
            " did you mean 'languages'?"
        ),
        "tool.hatch.build.hooks.minipo.domain must be a string",
        "tool.hatch.build.hooks.minipo.check must be one of 'errors', 'strict', 'off', not 'loud'",
    ]


def test_per_target_table_replaces_the_global_one(
    project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wheel-only table wins over the global one, and its errors name it."""
    root = project("flat")
    monkeypatch.setattr(build_core, "read_and_compile", refusing({}))
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "[tool.hatch.build.hooks.minipo]",
            '[tool.hatch.build.hooks.minipo]\nlanguages = ["de"]\n\n'
            '[tool.hatch.build.targets.wheel.hooks.minipo]\nlanguages = ["pl"]\n',
        ),
        encoding="utf-8",
    )
    assert [n for n in wheel_names(build(root)) if n.endswith(".mo")] == [
        "flat_demo/locale/pl/LC_MESSAGES/flat_demo.mo"
    ]
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace('languages = ["pl"]', "languages = 1"),
        encoding="utf-8",
    )
    with aborted(
        ConfigError, match=r"^tool\.hatch\.build\.targets\.wheel\.hooks\.minipo\.languages must"
    ):
        build(root)


def test_language_variable_builds_a_subset(
    project: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """MINIPO_LANGUAGES limits the .mo shipped; a language without catalog is a warning."""
    root = project("in-package")
    monkeypatch.setattr(build_core, "read_and_compile", refusing({}))
    monkeypatch.setenv("MINIPO_LANGUAGES", "uk,it")
    names = wheel_names(build(root))
    assert sorted(n for n in names if n.endswith(".mo")) == [
        "alpha/locale/uk/LC_MESSAGES/alpha.mo",
        "beta/locale/uk/LC_MESSAGES/beta.mo",
    ]
    assert "MINIPO_LANGUAGES asks for it, which no catalog has" in shown(capsys)


def test_language_filter_matching_nothing_fails(
    project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter with no catalog fails and lists the languages available."""
    root = project("in-package")
    monkeypatch.setenv("MINIPO_LANGUAGES", "ja")
    with aborted(DiscoveryError, match=r"languages available: de, sr@latin, uk$"):
        build(root)


def shown(capsys: pytest.CaptureFixture[str]) -> str:
    """What hatchling's app displayed: stdout in hatchling 1.24, stderr in newer releases."""
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_summary_line_and_details_by_verbosity(
    project: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One summary line by default; one line per catalog at higher verbosity."""
    root = project("flat")
    monkeypatch.setattr(build_core, "read_and_compile", refusing({}))
    build(root)
    quiet = [line for line in shown(capsys).splitlines() if "minipo" in line]
    assert len(quiet) == 1
    assert quiet[0].startswith("minipo: compiled 4 catalogs, 8 messages, in ")
    assert quiet[0].endswith(" s (for the wheel)")
    monkeypatch.setenv("HATCH_VERBOSE", "1")
    build(root)
    verbose = [line for line in shown(capsys).splitlines() if "minipo" in line]
    assert (
        "minipo: po/pl.mini.po -> src/flat_demo/locale/pl/LC_MESSAGES/flat_demo.mo (2 messages)"
        in verbose
    )
    assert len(verbose) == 5


def test_finalize_restores_the_builder_exclusion(
    project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a build the builder's own exclusion test is back and the temp folder is gone."""
    root = project("in-package")
    monkeypatch.setattr(build_core, "read_and_compile", refusing({}))
    builder = WheelBuilder(str(root))
    list(builder.build(directory=str(root / "dist"), versions=["standard"]))
    assert "path_is_excluded" not in vars(builder.config)
    assert not builder.config.path_is_excluded("alpha/locale/de/LC_MESSAGES/alpha.mini.po")


def test_write_atomically_replaces_and_keeps_unchanged_files(tmp_path: Path) -> None:
    """The tree writer replaces content through a rename and skips identical content."""
    target = tmp_path / "a/b/c.mo"
    assert build_core.write_if_changed(target, b"one")
    assert target.read_bytes() == b"one"
    assert not build_core.write_if_changed(target, b"one")
    assert build_core.write_if_changed(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["c.mo"]


DOTTED_PROJECT = """\
[project]
name = "My.Project"
version = "1"

[tool.hatch.build.targets.wheel]
packages = ["src/my_project"]

[tool.hatch.build.hooks.minipo]
"""


def dotted_project(root: Path) -> Path:
    """A project named My.Project, one catalog po/de.mini.po."""
    (root / "src" / "my_project").mkdir(parents=True)
    (root / "src" / "my_project" / "__init__.py").write_text("", encoding="utf-8")
    (root / "po").mkdir()
    (root / "po" / "de.mini.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello"\nmsgstr "Hallo"\n',
        encoding="utf-8",
    )
    (root / "pyproject.toml").write_text(DOTTED_PROJECT, encoding="utf-8")
    return root


def test_dotted_project_name_gives_the_normalized_domain(tmp_path: Path) -> None:
    """My.Project ships my_project.mo: the domain is the normalized name as an identifier."""
    root = dotted_project(tmp_path / "project")
    names = wheel_names(build(root))
    assert [n for n in names if n.endswith(".mo")] == [
        "my_project/locale/de/LC_MESSAGES/my_project.mo"
    ]


def test_cli_project_mode_agrees_on_the_dotted_domain(tmp_path: Path) -> None:
    """The CLI's project mode names the same domain and template as the hook: my_project."""
    from hatch_minipo.cli.project import load_project  # noqa: PLC0415

    root = dotted_project(tmp_path / "project")
    project = load_project(root)
    assert project.domain == "my_project"
    assert project.template == root.resolve() / "po" / "my_project.pot"
    assert [c.domain for c in project.catalogs] == ["my_project"]


def test_refusal_is_displayed_without_a_traceback(
    project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A refused build shows the problems through app.abort, escaped, and nothing else."""
    root = project("flat")
    set_table(root, "tool.hatch.build.hooks.minipo", 'destination = "a\\u0000b"\ndomain = "x"\n')
    with aborted(ConfigError):
        build(root)
    assert shown(capsys).strip() == (
        "tool.hatch.build.hooks.minipo.destination must not hold control characters, not 'a\\x00b'"
    )


def test_long_domain_is_refused_before_any_file_is_named(project: Callable[[str], Path]) -> None:
    """A 300-character domain (a file name too long to write) is a config error, not OSError."""
    root = project("flat")
    set_table(root, "tool.hatch.build.hooks.minipo", f'domain = "{"d" * 300}"\n')
    with aborted(ConfigError, match=r"domain must be a gettext domain name .*200 at most"):
        build(root)


def test_unwritable_destination_aborts_naming_the_path(
    project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """An editable build that cannot write its .mo ends with the path and the system's reason."""
    root = project("flat")
    (root / "src/flat_demo/locale").write_text("a file where a folder must go", encoding="utf-8")
    with aborted(OSError):
        build(root, version="editable")
    message = shown(capsys).strip()
    assert message.startswith("minipo: "), message
    assert "src/flat_demo/locale" in message, message
    assert "Traceback" not in message


def test_share_layout_puts_catalogs_in_the_wheels_data(project: Callable[[str], Path]) -> None:
    """install-layout = "share": .mo files under <name>.data/data/share/locale, none in the package."""
    root = project("share")
    names = wheel_names(build(root))
    assert sorted(n for n in names if n.endswith(".mo")) == [
        f"share_demo-1.0.0.data/data/share/locale/{lang}/LC_MESSAGES/share_demo.mo"
        for lang in ("de", "pl")
    ]
    assert not [n for n in names if n.endswith(".po")]
    assert tree_mo(root) == []


def test_share_layout_needs_no_package_for_flat_catalogs(project: Callable[[str], Path]) -> None:
    """A flat catalog goes to share/locale even when the wheel has several packages."""
    root = project("in-package")
    (root / "po").mkdir()
    shutil.copyfile(root / "alpha/locale/de/LC_MESSAGES/alpha.mini.po", root / "po/de.mini.po")
    set_table(root, "tool.hatch.build.hooks.minipo", 'install-layout = "share"\n')
    names = wheel_names(build(root))
    assert "in_package_demo-1.0.0.data/data/share/locale/de/LC_MESSAGES/in_package_demo.mo" in names
