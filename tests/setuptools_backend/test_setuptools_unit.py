"""setuptools support in-process: the [tool.minipo] table, package paths, the hook, the command."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from hatch_minipo.compiler import compile_catalog
from hatch_minipo.project.config import ConfigError
from hatch_minipo.project.pyproject import project_domain
from hatch_minipo.setuptools.options import load_options, read_table
from hatch_minipo.setuptools.packages import PackageMap

setuptools = pytest.importorskip("setuptools", reason="setuptools is not installed")

from setuptools.command.build import build as build_command  # noqa: E402
from setuptools.dist import Distribution  # noqa: E402

from hatch_minipo.setuptools import hook  # noqa: E402
from hatch_minipo.setuptools.command import BuildMinipo, BuildRefusedError  # noqa: E402

CATALOG = """\
msgid ""
msgstr ""
"Language: {lang}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Hello"
msgstr "{hello}"
"""
HELLO = {"de": "Hallo", "fr": "Bonjour", "nl": "Hoi"}
MO = "src/demo_app/locale/{lang}/LC_MESSAGES/demo_app.mo"


def catalog(lang: str) -> str:
    return CATALOG.format(lang=lang, hello=HELLO[lang])


def make_project(root: Path, table: str = "", files: dict[str, str] | None = None) -> Path:
    """A src-layout project `Demo.App` (package demo_app) with po/de and po/fr by default."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        f'[project]\nname = "Demo.App"\nversion = "1.0"\n\n[tool.minipo]\n{table}\n',
        encoding="utf-8",
    )
    package = root / "src" / "demo_app"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    if files is None:
        files = {"po/de.mini.po": catalog("de"), "po/fr.mini.po": catalog("fr")}
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def distribution(root: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The project's Distribution as a PEP 517 build makes it: from pyproject.toml, in its folder."""
    monkeypatch.chdir(root)
    dist = Distribution()
    dist.script_name = "setup.py"
    dist.parse_config_files()
    hook.finalize_distribution_options(dist)
    dist.set_defaults()
    build = dist.get_command_obj("build")
    build.build_base = str(root / "build")
    return dist


def command(dist: Any, *, editable: bool = False) -> BuildMinipo:
    cmd = dist.get_command_obj(hook.NAME)
    cmd.editable_mode = editable
    cmd.ensure_finalized()
    assert isinstance(cmd, BuildMinipo)
    return cmd


def tree_mo(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*.mo") if "build" not in p.parts
    )


# -- options -----------------------------------------------------------------------------------


def test_empty_table_gives_defaults_named_under_tool_minipo() -> None:
    """An empty [tool.minipo] is valid, and its options are named tool.minipo.<key>."""
    config = load_options({}, environ={})
    assert (config.sources, config.domain, config.destination, config.check) == (
        None,
        None,
        None,
        "errors",
    )
    assert config.key("destination") == "tool.minipo.destination"


def test_every_wrong_key_is_reported_at_once_with_its_full_name() -> None:
    """Hatch-only keys, unknown keys and wrong values all fail together, each named in full."""
    with pytest.raises(ConfigError) as caught:
        load_options(
            {
                "sdist-mo": False,
                "enable-by-default": True,
                "check": "loud",
                "sources": "po",
                "destinaton": "x",
            },
            environ={},
        )
    errors = caught.value.problems
    assert len(errors) == 5
    assert errors[0].startswith("tool.minipo.sdist-mo is not an option for setuptools builds: ")
    assert errors[1].startswith("tool.minipo.enable-by-default is not an option for setuptools")
    assert (
        "tool.minipo.destinaton is not an option of the minipo hook; did you mean 'destination'?"
        in errors
    )
    assert "tool.minipo.sources must be a list of strings" in errors
    assert any(e.startswith("tool.minipo.check must be one of ") for e in errors)


def test_languages_variable_overrides_the_option() -> None:
    """MINIPO_LANGUAGES selects the languages, as for the hatch hook, and says it did."""
    config = load_options({"languages": ["de"]}, environ={"MINIPO_LANGUAGES": "fr, nl"})
    assert config.languages == ("fr", "nl")
    assert config.languages_origin == "MINIPO_LANGUAGES"


def test_read_table_finds_the_table_and_ignores_other_projects(tmp_path: Path) -> None:
    """The table is returned; a missing file, table or broken TOML mean "not enabled"."""
    pyproject = tmp_path / "pyproject.toml"
    assert read_table(pyproject) is None
    pyproject.write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert read_table(pyproject) is None
    pyproject.write_text("[project\n", encoding="utf-8")
    assert read_table(pyproject) is None
    pyproject.write_text('[tool.minipo]\ndomain = "app"\n', encoding="utf-8")
    assert read_table(pyproject) == {"domain": "app"}


def test_read_table_refuses_a_non_table(tmp_path: Path) -> None:
    """`tool.minipo = ...` that is not a table is an error, not a silent no-op."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool]\nminipo = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"tool.minipo must be a table"):
        read_table(pyproject)


@pytest.mark.parametrize(
    ("name", "domain"),
    [("st-demo", "st_demo"), ("My.Project", "my_project"), ("a__b--c", "a_b_c")],
)
def test_project_domain_is_the_hatch_hooks(name: str, domain: str) -> None:
    """The default domain is the PEP 503 name as an identifier, as hatchling's name gives it."""
    assert project_domain(name) == domain


# -- package paths -----------------------------------------------------------------------------


def test_wheel_path_maps_project_paths_through_package_folders() -> None:
    """src/pkg/x -> pkg/x; the deepest package wins; outside every package -> the root or None."""
    packages = PackageMap.of(
        ["pkg", "pkg.sub", "other"],
        {"pkg": "src/pkg", "pkg.sub": "lib/sub", "other": "./src/other/"},
        root="src",
    )
    assert packages.wheel_path("src/pkg/locale/de/LC_MESSAGES/d.mo") == (
        "pkg/locale/de/LC_MESSAGES/d.mo"
    )
    assert packages.wheel_path("lib/sub/x.mo") == "pkg/sub/x.mo"
    assert packages.wheel_path("src/other/x.mo") == "other/x.mo"
    assert packages.wheel_path("src/locale/x.mo") == "locale/x.mo"
    assert packages.wheel_path("locale/x.mo") is None
    assert packages.top_level() == ("src/other", "src/pkg")


def test_top_level_keeps_packages_whose_parent_is_not_shipped() -> None:
    """A namespace child (ns.app without ns) counts as top level; a subpackage does not."""
    packages = PackageMap.of(
        ["ns.app", "ns.app.sub"], {"ns.app": "ns/app", "ns.app.sub": "ns/app/sub"}, root=""
    )
    assert packages.top_level() == ("ns/app",)
    assert packages.wheel_path("po/x.mo") == "po/x.mo"


# -- the hook ----------------------------------------------------------------------------------


def test_hook_does_nothing_without_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project without [tool.minipo] gets no command, and the build step stays off for it."""
    root = make_project(tmp_path / "p")
    (root / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1"\n', encoding="utf-8")
    dist = distribution(root, monkeypatch)
    assert hook.NAME not in dist.cmdclass
    build = dist.get_command_obj("build")
    build.ensure_finalized()
    assert hook.NAME not in build.get_sub_commands()


def test_hook_adds_one_step_right_after_build_py(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the table, build runs build_minipo after build_py; registering twice adds it once."""
    dist = distribution(make_project(tmp_path / "p"), monkeypatch)
    hook.finalize_distribution_options(dist)
    names = [name for name, _ in build_command.sub_commands]
    assert names.count(hook.NAME) == 1
    assert names[names.index("build_py") + 1] == hook.NAME
    assert dist.cmdclass[hook.NAME] is BuildMinipo
    build = dist.get_command_obj("build")
    build.ensure_finalized()
    assert hook.NAME in build.get_sub_commands()


def test_hook_fails_on_a_wrong_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong option stops the build when the distribution is made, naming the key."""
    root = make_project(tmp_path / "p", table='check = "loud"\nlanguages = ["pt-BR"]')
    with pytest.raises(ConfigError) as caught:
        distribution(root, monkeypatch)
    assert caught.value.problems[0].startswith("tool.minipo.check must be one of")
    assert caught.value.problems[1] == (
        "tool.minipo.languages[0]: 'pt-BR' is not a gettext locale name; write 'pt_BR'"
    )


# -- the command -------------------------------------------------------------------------------


def test_build_compiles_into_build_lib_and_leaves_the_tree_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`build` writes each .mo, the engine's bytes, under build_lib in the package; none in the tree."""
    root = make_project(tmp_path / "p")
    dist = distribution(root, monkeypatch)
    dist.run_command("build")
    cmd = command(dist)
    build_lib = root / "build" / "lib"
    for lang in ("de", "fr"):
        mo = build_lib / f"demo_app/locale/{lang}/LC_MESSAGES/demo_app.mo"
        expected = compile_catalog(catalog(lang).encode(), f"po/{lang}.mini.po", language=lang)
        assert mo.read_bytes() == expected.mo
    assert sorted(cmd.get_outputs()) == [
        str(build_lib / f"demo_app/locale/{lang}/LC_MESSAGES/demo_app.mo") for lang in ("de", "fr")
    ]
    assert cmd.get_output_mapping() == {}
    assert tree_mo(root) == []


def test_in_package_sources_go_to_the_sdist_but_not_into_build_lib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-package .mini.po are source files (sdist, manifest) yet removed from build_lib."""
    source = "src/demo_app/locale/nl/LC_MESSAGES/extra.mini.po"
    files = {"po/de.mini.po": catalog("de"), source: catalog("nl")}
    root = make_project(tmp_path / "p", files=files)
    dist = distribution(root, monkeypatch)
    dist.run_command("egg_info")  # the manifest build_py takes package data from
    # Demo.App.egg-info or demo_app.egg-info, depending on the setuptools version.
    (sources,) = (root / "src").glob("*.egg-info/SOURCES.txt")
    manifest = sources.read_text(encoding="utf-8")
    assert "po/de.mini.po" in manifest.splitlines()
    assert source in manifest.splitlines()
    dist.run_command("build")
    build_lib = root / "build" / "lib"
    assert sorted(p.relative_to(build_lib).as_posix() for p in build_lib.rglob("*.*o")) == [
        "demo_app/locale/de/LC_MESSAGES/demo_app.mo",
        "demo_app/locale/nl/LC_MESSAGES/extra.mo",
    ]


def test_source_files_are_every_catalog_whatever_the_filter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sdist carries every catalog even when languages selects some: its wheels may not."""
    root = make_project(tmp_path / "p", table='languages = ["fr"]')
    cmd = command(distribution(root, monkeypatch))
    assert cmd.get_source_files() == ["po/de.mini.po", "po/fr.mini.po"]
    assert [out.rsplit("/locale/", 1)[1] for out in cmd.get_outputs()] == [
        "fr/LC_MESSAGES/demo_app.mo"
    ]


def test_language_filter_removes_an_earlier_builds_mo_from_build_lib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build_lib outlives builds: a filtered build drops the .mo of languages it leaves out."""
    root = make_project(tmp_path / "p")
    stale = root / "build/lib/demo_app/locale/de/LC_MESSAGES/demo_app.mo"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    monkeypatch.setenv("MINIPO_LANGUAGES", "fr")
    dist = distribution(root, monkeypatch)
    dist.run_command("build")
    assert not stale.exists()
    assert (root / "build/lib/demo_app/locale/fr/LC_MESSAGES/demo_app.mo").is_file()


def test_editable_mode_compiles_into_the_tree_and_maps_outputs_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Editable builds write beside the package (where it is imported from) and say so."""
    root = make_project(tmp_path / "p")
    cmd = command(distribution(root, monkeypatch), editable=True)
    with caplog.at_level("INFO"):
        cmd.run()
    assert tree_mo(root) == [MO.format(lang="de"), MO.format(lang="fr")]
    mapping = cmd.get_output_mapping()
    assert sorted(mapping.values()) == [str(root / MO.format(lang=lang)) for lang in ("de", "fr")]
    assert sorted(mapping) == sorted(cmd.get_outputs())
    assert "editable install: .mo files go into the source tree" in caplog.text
    assert "(2 new or changed)" in caplog.text


def test_broken_catalogs_fail_with_every_location(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two broken catalogs: one CatalogError listing each `path:line: message`, nothing written."""
    files = {
        "po/de.mini.po": catalog("de").replace('msgstr "Hallo"', 'msgstr "Hallo'),
        "po/fr.mini.po": catalog("fr").replace('msgstr "Bonjour"', 'msgstr "Bonjour" x'),
        "po/nl.mini.po": catalog("nl"),
    }
    root = make_project(tmp_path / "p", files=files)
    cmd = command(distribution(root, monkeypatch))
    with pytest.raises(BuildRefusedError) as caught:
        cmd.run()
    lines = str(caught.value).splitlines()
    assert lines[0] == "minipo refused 2 of 3 catalogs; no artifact was written:"
    assert re.fullmatch(r"po/de\.mini\.po:8: .+", lines[1])
    assert re.fullmatch(r"po/fr\.mini\.po:8: .+", lines[2])
    assert not (root / "build").exists()


def test_table_without_catalogs_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """[tool.minipo] and no catalog fails, for the sdist too, naming the folders searched."""
    root = make_project(tmp_path / "p", files={})
    cmd = command(distribution(root, monkeypatch))
    with pytest.raises(BuildRefusedError) as caught:
        cmd.get_source_files()
    assert caught.value.problems == [
        "minipo: no catalogs found: looked for <lang>.mini.po and"
        " <lang>/LC_MESSAGES/<domain>.mini.po in src/demo_app/"
    ]


def test_destination_outside_every_package_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A destination the wheel cannot carry (outside src/) is an error naming the option."""
    root = make_project(tmp_path / "p", table='destination = "locale"')
    cmd = command(distribution(root, monkeypatch))
    with pytest.raises(BuildRefusedError) as caught:
        cmd.run()
    assert caught.value.problems[0] == (
        "po/de.mini.po: its .mo would go to locale/de/LC_MESSAGES/demo_app.mo, outside every"
        " package the wheel ships (src/demo_app); set tool.minipo.destination to a folder"
        " inside one"
    )


# -- project mode ------------------------------------------------------------------------------


def test_wheel_packages_of_a_src_layout_project(tmp_path: Path) -> None:
    """setuptools' automatic discovery finds src/demo_app; the current folder is restored."""
    from hatch_minipo.setuptools.project import wheel_packages  # noqa: PLC0415

    root = make_project(tmp_path / "p")
    before = Path.cwd()
    assert wheel_packages(root) == ("src/demo_app",)
    assert Path.cwd() == before


def test_wheel_packages_follow_the_configuration(tmp_path: Path) -> None:
    """Explicit packages and package-dir are honoured; subpackages are not top level."""
    from hatch_minipo.setuptools.project import wheel_packages  # noqa: PLC0415

    root = make_project(tmp_path / "p")
    for folder in ("lib/alpha", "lib/alpha/sub", "beta"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("", encoding="utf-8")
    with (root / "pyproject.toml").open("a", encoding="utf-8") as stream:
        stream.write(
            '[tool.setuptools]\npackages = ["alpha", "alpha.sub", "beta"]\n'
            'package-dir = {alpha = "lib/alpha"}\n'
        )
    assert wheel_packages(root) == ("lib/alpha", "beta")


def test_wheel_packages_is_empty_when_setuptools_cannot_tell(tmp_path: Path) -> None:
    """An ambiguous flat layout (two top-level packages, no configuration) gives no package."""
    from hatch_minipo.setuptools.project import wheel_packages  # noqa: PLC0415

    root = tmp_path / "p"
    for package in ("alpha", "beta"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("", encoding="utf-8")
    (root / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1"\n', encoding="utf-8")
    assert wheel_packages(root) == ()


def test_project_mode_reads_tool_minipo(tmp_path: Path) -> None:
    """The minipo tools find a setuptools project's catalogs from [tool.minipo], as its build."""
    from hatch_minipo.cli.project import load_project  # noqa: PLC0415

    source = "src/demo_app/locale/nl/LC_MESSAGES/extra.mini.po"
    root = make_project(
        tmp_path / "p",
        table='domain = "app"',
        files={"po/de.mini.po": catalog("de"), source: catalog("nl")},
    )
    project = load_project(root)
    assert project.domain == "app"
    assert project.template == root.resolve() / "po/app.pot"
    assert [
        (c.mini.relative_to(root.resolve()).as_posix(), c.domain) for c in project.catalogs
    ] == [
        ("po/de.mini.po", "app"),
        (source, "extra"),
    ]


def test_project_mode_names_tool_minipo_keys_in_errors(tmp_path: Path) -> None:
    """A wrong [tool.minipo] option is reported by the tools with its full key."""
    from hatch_minipo.cli.project import load_project  # noqa: PLC0415
    from hatch_minipo.errors import MinipoError  # noqa: PLC0415

    root = make_project(tmp_path / "p", table='check = "loud"\nsdist-mo = true')
    with pytest.raises(MinipoError) as caught:
        load_project(root)
    assert caught.value.problems[0].startswith(
        "tool.minipo.sdist-mo is not an option for setuptools"
    )
    assert caught.value.problems[1].startswith("tool.minipo.check must be one of")


def test_project_mode_prefers_the_hatch_table_of_a_hatchling_project(tmp_path: Path) -> None:
    """A hatchling project keeps reading its hook table even if [tool.minipo] is there too."""
    from hatch_minipo.cli.project import load_project  # noqa: PLC0415

    root = make_project(tmp_path / "p", table='domain = "from_setuptools"')
    with (root / "pyproject.toml").open("a", encoding="utf-8") as stream:
        stream.write(
            '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
            '[tool.hatch.build.hooks.minipo]\ndomain = "from_hatch"\n'
        )
    assert load_project(root).domain == "from_hatch"
