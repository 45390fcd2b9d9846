from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hatch_minipo.project.config import HookConfig, load_config
from hatch_minipo.project.discovery import (
    CatalogFile,
    DiscoveryError,
    Layout,
    discover,
    select_languages,
)

if TYPE_CHECKING:
    from pathlib import Path


def touch(root: Path, *paths: str) -> None:
    for path in paths:
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("", encoding="utf-8")


def layout(root: Path, *packages: str, domain: str = "demo_pkg") -> Layout:
    return Layout(root=root, packages=packages, project_domain=domain)


def test_flat_layout_goes_into_the_single_package(tmp_path: Path) -> None:
    """po/<lang>.mini.po compiles to <package>/locale/<lang>/LC_MESSAGES/<project>.mo."""
    touch(
        tmp_path, "po/de.mini.po", "po/sr@latin.mini.po", "po/demo.pot", "src/demo_pkg/__init__.py"
    )
    found = discover(layout(tmp_path, "src/demo_pkg"), HookConfig())
    assert found.problems == []
    assert found.catalogs == [
        CatalogFile(
            "po/de.mini.po", "de", "demo_pkg", "src/demo_pkg/locale/de/LC_MESSAGES/demo_pkg.mo"
        ),
        CatalogFile(
            "po/sr@latin.mini.po",
            "sr@latin",
            "demo_pkg",
            "src/demo_pkg/locale/sr@latin/LC_MESSAGES/demo_pkg.mo",
        ),
    ]
    assert found.searched == ["po", "src/demo_pkg"]
    assert found.languages == ["de", "sr@latin"]


def test_in_package_layout_compiles_beside_each_source(tmp_path: Path) -> None:
    """<pkg>/locale/<lang>/LC_MESSAGES/<domain>.mini.po compiles to the .mo beside it."""
    touch(
        tmp_path,
        "alpha/locale/de/LC_MESSAGES/alpha.mini.po",
        "alpha/locale/de/LC_MESSAGES/forms.mini.po",
        "beta/sub/locale/pt_BR/LC_MESSAGES/beta.mini.po",
        "beta/locale/de/LC_MESSAGES/handmade.mo",
    )
    found = discover(layout(tmp_path, "alpha", "beta"), HookConfig())
    assert found.problems == []
    assert [(c.source, c.domain, c.target) for c in found.catalogs] == [
        (
            "alpha/locale/de/LC_MESSAGES/alpha.mini.po",
            "alpha",
            "alpha/locale/de/LC_MESSAGES/alpha.mo",
        ),
        (
            "alpha/locale/de/LC_MESSAGES/forms.mini.po",
            "forms",
            "alpha/locale/de/LC_MESSAGES/forms.mo",
        ),
        (
            "beta/sub/locale/pt_BR/LC_MESSAGES/beta.mini.po",
            "beta",
            "beta/sub/locale/pt_BR/LC_MESSAGES/beta.mo",
        ),
    ]


def test_explicit_options_move_sources_domain_and_destination(tmp_path: Path) -> None:
    """sources, domain and destination replace discovery, the project domain and locale/."""
    touch(tmp_path, "translations/de.mini.po", "po/fr.mini.po", "src/pkg/__init__.py")
    config = load_config(
        {"sources": ["translations"], "domain": "greetings", "destination": "src/pkg/i18n"}
    )
    found = discover(layout(tmp_path, "src/pkg"), config)
    assert found.catalogs == [
        CatalogFile(
            "translations/de.mini.po", "de", "greetings", "src/pkg/i18n/de/LC_MESSAGES/greetings.mo"
        )
    ]
    assert found.searched == ["translations"]


def test_destination_also_gathers_in_package_catalogs(tmp_path: Path) -> None:
    """With a destination, a <lang>/LC_MESSAGES catalog keeps its domain but moves there."""
    touch(tmp_path, "locales/de/LC_MESSAGES/app.mini.po")
    config = load_config({"sources": ["locales"], "destination": "pkg/locale"})
    found = discover(layout(tmp_path, "pkg"), config)
    assert [c.target for c in found.catalogs] == ["pkg/locale/de/LC_MESSAGES/app.mo"]


def test_overlapping_sources_find_each_catalog_once(tmp_path: Path) -> None:
    """A catalog reached through two source folders is listed once."""
    touch(tmp_path, "pkg/locale/de/LC_MESSAGES/d.mini.po")
    config = load_config({"sources": ["pkg", "pkg/locale"]})
    assert len(discover(layout(tmp_path, "pkg"), config).catalogs) == 1


def test_hidden_and_cache_folders_are_skipped(tmp_path: Path) -> None:
    """Catalogs under .hidden folders or __pycache__ are not searched."""
    touch(tmp_path, "pkg/.tox/de/LC_MESSAGES/d.mini.po", "pkg/__pycache__/de.mini.po")
    found = discover(layout(tmp_path, "pkg"), HookConfig())
    assert (found.catalogs, found.problems) == ([], [])


def test_nothing_found_says_where_it_looked(tmp_path: Path) -> None:
    """A table with no catalogs fails naming the folders and file patterns searched."""
    touch(tmp_path, "src/pkg/__init__.py")
    found = discover(layout(tmp_path, "src/pkg"), HookConfig())
    with pytest.raises(DiscoveryError) as caught:
        found.raise_for_problems(require_catalogs=True)
    assert str(caught.value) == (
        "minipo: no catalogs found: looked for <lang>.mini.po and"
        " <lang>/LC_MESSAGES/<domain>.mini.po in src/pkg/"
    )
    found.raise_for_problems(require_catalogs=False)


def test_nothing_to_search_says_so(tmp_path: Path) -> None:
    """Without po/ and without a package, the message says there was nowhere to look."""
    found = discover(layout(tmp_path), HookConfig())
    with pytest.raises(DiscoveryError, match="in nowhere \\(no po/ folder and no package"):
        found.raise_for_problems(require_catalogs=True)


def test_missing_source_folder_is_an_error(tmp_path: Path) -> None:
    """A configured source folder that does not exist is named with its key."""
    touch(tmp_path, "po/de.mini.po")
    found = discover(layout(tmp_path, "pkg"), load_config({"sources": ["po", "gone"]}))
    assert found.problems == ["tool.hatch.build.hooks.minipo.sources: folder 'gone' does not exist"]
    assert len(found.catalogs) == 1


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        (
            "po/pt-BR.mini.po",
            "po/pt-BR.mini.po: 'pt-BR' is not a gettext locale name; write 'pt_BR'",
        ),
        (
            "pkg/locale/German/LC_MESSAGES/d.mini.po",
            (
                "pkg/locale/German/LC_MESSAGES/d.mini.po: 'German' is not a gettext locale name"
                " (language[_Script][_TERRITORY][@modifier], e.g. de, pt_BR, zh_Hant, sr@latin)"
            ),
        ),
        (
            "pkg/locale/de/LC_MESSAGES/.mini.po",
            (
                "pkg/locale/de/LC_MESSAGES/.mini.po: the domain '' must be a gettext domain name"
                " (letters, digits, '_', '-', '.'; 200 at most)"
            ),
        ),
        (
            "pkg/misc/de.mini.po",
            (
                "pkg/misc/de.mini.po: not a place for a catalog: put it directly in pkg/ as"
                " <lang>.mini.po, or in <lang>/LC_MESSAGES/<domain>.mini.po"
            ),
        ),
    ],
)
def test_catalogs_in_odd_places_are_reported(tmp_path: Path, path: str, problem: str) -> None:
    """Bad locale names, bad domains and unknown places are errors, not silently skipped."""
    touch(tmp_path, path)
    found = discover(layout(tmp_path, "pkg"), HookConfig())
    assert found.problems == [problem]
    assert found.catalogs == []
    with pytest.raises(DiscoveryError, match="^" + problem.replace("(", "\\(").split(":")[0]):
        found.raise_for_problems(require_catalogs=False)


def test_flat_layout_needs_a_single_package(tmp_path: Path) -> None:
    """With two packages and no destination, a flat catalog has no home: say so."""
    touch(tmp_path, "po/de.mini.po")
    found = discover(layout(tmp_path, "a", "b"), HookConfig())
    assert found.problems == [
        (
            "po/de.mini.po: cannot tell where its .mo goes: the wheel has no single top-level"
            " package (found: a, b); set tool.hatch.build.hooks.minipo.destination"
        )
    ]


def test_two_catalogs_for_one_file_collide(tmp_path: Path) -> None:
    """Two sources compiling to one .mo are an error naming both."""
    touch(tmp_path, "po/de.mini.po", "pkg/locale/de/LC_MESSAGES/demo_pkg.mini.po")
    found = discover(layout(tmp_path, "pkg"), HookConfig())
    assert found.problems == [
        (
            "pkg/locale/de/LC_MESSAGES/demo_pkg.mini.po and po/de.mini.po compile to the same file,"
            " pkg/locale/de/LC_MESSAGES/demo_pkg.mo"
        )
    ]


def test_language_filter_keeps_the_listed_languages(tmp_path: Path) -> None:
    """languages keeps matching catalogs and reports requested languages that have none."""
    touch(tmp_path, "po/de.mini.po", "po/fr.mini.po", "po/pl.mini.po")
    found = discover(layout(tmp_path, "pkg"), HookConfig())
    config = load_config({"languages": ["pl", "de", "it"]})
    selected, missing = select_languages(found, config)
    assert [c.language for c in selected] == ["de", "pl"]
    assert missing == ["it"]
    assert select_languages(found, HookConfig()) == (found.catalogs, [])


def test_language_filter_matching_nothing_names_what_is_available(tmp_path: Path) -> None:
    """A filter that keeps no catalog fails listing the languages there are."""
    touch(tmp_path, "po/de.mini.po", "po/fr.mini.po")
    found = discover(layout(tmp_path, "pkg"), HookConfig())
    config = load_config({}, environ={"MINIPO_LANGUAGES": "ja,ko"})
    with pytest.raises(DiscoveryError) as caught:
        select_languages(found, config)
    assert str(caught.value) == (
        "minipo: MINIPO_LANGUAGES selects ja, ko, which no catalog has; languages available: de, fr"
    )
