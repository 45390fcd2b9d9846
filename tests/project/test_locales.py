from __future__ import annotations

import pytest

from hatch_minipo.project.locales import is_locale, locale_problem


@pytest.mark.parametrize(
    "name",
    [
        "de",
        "pt_BR",
        "sr@latin",
        "ca@valencia",
        "zh_Hant",
        "zh_Hant_TW",
        "es_419",
        "ast",
        "be@tarask",
        "de_DE.UTF-8",
        "sr_RS@latin",
        "en@quot",
    ],
)
def test_gettext_locale_names_are_accepted(name: str) -> None:
    """Names gettext looks up (language, script, territory, codeset, modifier) are locales."""
    assert is_locale(name)
    assert locale_problem(name) is None


@pytest.mark.parametrize(
    "name", ["..", ".", "/abs", "/etc/passwd", "de/LC_MESSAGES", "a\\b", "../de", "de/.."]
)
def test_paths_are_refused_as_paths(name: str) -> None:
    """Anything that could escape the locale folder is called a path."""
    assert not is_locale(name)
    problem = locale_problem(name)
    assert problem is not None
    assert "is a path" in problem


@pytest.mark.parametrize("name", ["DE", "deutsch", "d", "de_", "de@", "de_DE_", "de DE", "_de"])
def test_non_locales_are_refused(name: str) -> None:
    """Odd spellings are not locale names and the problem says so."""
    problem = locale_problem(name)
    assert problem is not None
    assert "not a gettext locale name" in problem


def test_empty_name_is_refused() -> None:
    """An empty name is reported as empty."""
    assert locale_problem("") == "is empty, not a locale name"


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("pt-BR", "pt_BR"), ("pt_br", "pt_BR"), ("zh-hant", "zh_Hant"), ("ZH_TW", "zh_TW")],
)
def test_near_misses_get_the_usual_spelling(name: str, suggestion: str) -> None:
    """A BCP 47 or wrongly cased name is answered with the gettext spelling."""
    assert locale_problem(name) == f"{name!r} is not a gettext locale name; write {suggestion!r}"
