from __future__ import annotations

import pytest

from hatch_minipo.errors import CHECK_LEVELS
from hatch_minipo.project.config import (
    GLOBAL_TABLE,
    HATCHLING_KEYS,
    ConfigError,
    HookConfig,
    load_config,
    normalize_path,
    target_table,
    template_path,
)

K = GLOBAL_TABLE


def errors_of(table: dict[str, object], **kwargs: object) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(table, **kwargs)  # type: ignore[arg-type]
    return caught.value.problems


def test_empty_table_gives_the_defaults() -> None:
    """An empty table is valid: discovery, project domain, every language, errors, sdist .mo."""
    assert load_config({}, environ={}) == HookConfig()
    config = load_config({})
    assert (config.sources, config.domain, config.destination, config.languages) == (
        None,
        None,
        None,
        None,
    )
    assert config.check == "errors"
    assert config.sdist_mo is True
    assert config.template is None


def test_every_option_is_read_and_normalized() -> None:
    """Each option lands in its field; paths lose './' and trailing slashes."""
    config = load_config(
        {
            "sources": ["./translations/", "more//po"],
            "domain": "greetings",
            "destination": "src/pkg/i18n/",
            "languages": ["de", "pt_BR", "de"],
            "check": "strict",
            "sdist-mo": False,
            "template": "translations/greetings.pot",
        },
        environ={},
    )
    assert config.sources == ("translations", "more/po")
    assert config.domain == "greetings"
    assert config.destination == "src/pkg/i18n"
    assert config.languages == ("de", "pt_BR")
    assert config.languages_origin == f"{K}.languages"
    assert config.check == "strict"
    assert config.sdist_mo is False
    assert config.template == "translations/greetings.pot"


def test_check_levels_match_the_engine() -> None:
    """The accepted check levels are the compiler's, without importing it at hook load."""
    from hatch_minipo import compiler  # noqa: PLC0415  # the hook modules must not need it

    assert CHECK_LEVELS == compiler.CHECK_LEVELS


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("domain", 3, f"{K}.domain must be a string"),
        (
            "domain",
            "a/b",
            f"{K}.domain must be a gettext domain name (letters, digits, '_', '-', '.'; 200 at most), not 'a/b'",
        ),
        (
            "domain",
            "..",
            f"{K}.domain must be a gettext domain name (letters, digits, '_', '-', '.'; 200 at most), not '..'",
        ),
        ("destination", ["a"], f"{K}.destination must be a string"),
        (
            "destination",
            "/abs/locale",
            f"{K}.destination must be relative to the project root, not '/abs/locale'",
        ),
        (
            "destination",
            "../elsewhere",
            f"{K}.destination must stay inside the project ('..' is not allowed): '../elsewhere'",
        ),
        (
            "destination",
            "C:/x",
            f"{K}.destination must be relative to the project root, not 'C:/x'",
        ),
        ("destination", "src\\pkg", f"{K}.destination must use forward slashes, not 'src\\\\pkg'"),
        (
            "destination",
            "./",
            f"{K}.destination must name a folder or file inside the project, not './'",
        ),
        ("sources", "po", f"{K}.sources must be a list of strings"),
        (
            "sources",
            [],
            f"{K}.sources must list at least one folder (leave it out to discover them)",
        ),
        ("sources", ["po", 3], f"{K}.sources[1] must be a string"),
        (
            "sources",
            ["po", "/abs"],
            f"{K}.sources[1] must be relative to the project root, not '/abs'",
        ),
        (
            "sources",
            ["a/../../b"],
            f"{K}.sources[0] must stay inside the project ('..' is not allowed): 'a/../../b'",
        ),
        ("languages", "de", f"{K}.languages must be a list of strings"),
        ("languages", [], f"{K}.languages must list at least one language (leave it out for all)"),
        ("languages", ["de", 1], f"{K}.languages[1] must be a string"),
        (
            "languages",
            [".."],
            (
                f"{K}.languages[0]: '..' is a path, not a locale name"
                " (language[_Script][_TERRITORY][@modifier], e.g. de, pt_BR, zh_Hant, sr@latin)"
            ),
        ),
        (
            "languages",
            ["de/../x"],
            (
                f"{K}.languages[0]: 'de/../x' is a path, not a locale name"
                " (language[_Script][_TERRITORY][@modifier], e.g. de, pt_BR, zh_Hant, sr@latin)"
            ),
        ),
        (
            "languages",
            ["pt-BR"],
            f"{K}.languages[0]: 'pt-BR' is not a gettext locale name; write 'pt_BR'",
        ),
        ("check", "loose", f"{K}.check must be one of 'errors', 'strict', 'off', not 'loose'"),
        ("check", True, f"{K}.check must be a string, one of 'errors', 'strict', 'off'"),
        ("sdist-mo", "yes", f"{K}.sdist-mo must be a boolean (true or false)"),
        ("sdist-mo", 1, f"{K}.sdist-mo must be a boolean (true or false)"),
        ("template", 1, f"{K}.template must be a string"),
        ("template", "po/x.po", f"{K}.template must name a .pot file, not 'po/x.po'"),
        ("template", "/x.pot", f"{K}.template must be relative to the project root, not '/x.pot'"),
    ],
)
def test_each_wrong_value_has_its_message(key: str, value: object, message: str) -> None:
    """Every wrong type or value is reported with the full key and what was expected."""
    assert errors_of({key: value}, environ={}) == [message]


def test_unknown_keys_are_errors_with_a_suggestion() -> None:
    """A misspelt key is an error naming the full key and the option it resembles."""
    assert errors_of({"langauges": ["de"]}) == [
        f"{K}.langauges is not an option of the minipo hook; did you mean 'languages'?"
    ]


def test_unknown_keys_without_a_close_match_list_the_options() -> None:
    """A key like no option lists every option."""
    assert errors_of({"zzz": 1}) == [
        (
            f"{K}.zzz is not an option of the minipo hook (options: sources, domain, destination,"
            " languages, check, sdist-mo, template, install-layout, keywords, comment-tags,"
            " extractors)"
        )
    ]


def test_hatchling_keys_are_left_to_hatchling() -> None:
    """hatchling's own hook keys are not reported as unknown."""
    table: dict[str, object] = dict.fromkeys(HATCHLING_KEYS, True)
    assert load_config(table) == HookConfig()


def test_every_error_is_reported_at_once() -> None:
    """All problems of a table come in one exception, one line each, in a stable order."""
    with pytest.raises(ConfigError) as caught:
        load_config(
            {"domain": 1, "check": "x", "sdist-mo": "no", "bogus": 1, "languages": ["xx-YY"]},
            environ={},
        )
    errors = caught.value.problems
    assert len(errors) == 5
    assert str(caught.value) == "\n".join(errors)
    assert errors[0].startswith(f"{K}.bogus ")
    assert any(e.startswith(f"{K}.domain ") for e in errors)
    assert any(e.startswith(f"{K}.check ") for e in errors)
    assert any(e.startswith(f"{K}.sdist-mo ") for e in errors)
    assert any(e.startswith(f"{K}.languages[0]: 'xx-YY'") for e in errors)


def test_per_target_tables_are_named_in_messages() -> None:
    """Errors in a per-target table name that table, since it replaces the global one."""
    location = target_table("wheel")
    assert location == "tool.hatch.build.targets.wheel.hooks.minipo"
    assert errors_of({"domain": 1}, location=location) == [f"{location}.domain must be a string"]
    assert load_config({}, location=location).key("sources") == f"{location}.sources"


def test_environment_variable_overrides_languages() -> None:
    """MINIPO_LANGUAGES, comma-separated with spaces, replaces the option."""
    config = load_config({"languages": ["de"]}, environ={"MINIPO_LANGUAGES": " pl, pt_BR ,,pl"})
    assert config.languages == ("pl", "pt_BR")
    assert config.languages_origin == "MINIPO_LANGUAGES"


def test_blank_environment_variable_is_unset() -> None:
    """An empty MINIPO_LANGUAGES (a CI matrix's default) means no filter."""
    assert load_config({}, environ={"MINIPO_LANGUAGES": "  "}).languages is None
    config = load_config({"languages": ["de"]}, environ={"MINIPO_LANGUAGES": ""})
    assert config.languages == ("de",)


def test_environment_variable_is_validated() -> None:
    """Bad names in MINIPO_LANGUAGES are errors naming the variable."""
    assert errors_of({}, environ={"MINIPO_LANGUAGES": "de,../x,pt-BR"}) == [
        (
            "MINIPO_LANGUAGES: '../x' is a path, not a locale name"
            " (language[_Script][_TERRITORY][@modifier], e.g. de, pt_BR, zh_Hant, sr@latin)"
        ),
        "MINIPO_LANGUAGES: 'pt-BR' is not a gettext locale name; write 'pt_BR'",
    ]


def test_option_is_validated_even_when_overridden() -> None:
    """A bad languages option is reported even while the variable overrides it."""
    assert errors_of({"languages": ["x y"]}, environ={"MINIPO_LANGUAGES": "de"}) == [
        (
            f"{K}.languages[0]: 'x y' is not a gettext locale name"
            " (language[_Script][_TERRITORY][@modifier], e.g. de, pt_BR, zh_Hant, sr@latin)"
        )
    ]


def test_load_config_does_not_read_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The function is pure: the environment is an argument, absent means empty."""
    monkeypatch.setenv("MINIPO_LANGUAGES", "de")
    assert load_config({}).languages is None


def test_normalize_path_keeps_inner_parts() -> None:
    """Normalization only drops empty and '.' parts."""
    assert normalize_path("./a//b/./c/") == "a/b/c"


def test_template_defaults_to_the_first_source_and_domain() -> None:
    """Without the option the template is <first source>/<domain>.pot, po/ when discovering."""
    assert template_path(HookConfig(), "demo_pkg") == "po/demo_pkg.pot"
    config = load_config({"sources": ["translations", "more"], "domain": "greetings"})
    assert template_path(config, "demo_pkg") == "translations/greetings.pot"
    config = load_config({"template": "i18n/app.pot"})
    assert template_path(config, "demo_pkg") == "i18n/app.pot"


def test_install_layout_values():
    """install-layout is "package" (the default) or "share"; anything else is named."""
    assert load_config({}).install_layout == "package"
    assert load_config({"install-layout": "share"}).install_layout == "share"
    with pytest.raises(ConfigError) as caught:
        load_config({"install-layout": "usr"})
    assert caught.value.problems == [
        "tool.hatch.build.hooks.minipo.install-layout must be one of 'package', 'share', not 'usr'"
    ]


def test_destination_does_not_apply_to_the_share_layout():
    """destination places .mo files in the package: with "share" it is an error, not ignored."""
    with pytest.raises(ConfigError, match=r"destination places \.mo files in the package"):
        load_config({"install-layout": "share", "destination": "src/pkg/locale"})


def test_extraction_settings_are_validated():
    """keywords use xgettext's syntax and comment-tags are strings; each problem is named."""
    config = load_config({"keywords": ["lazy_gettext", "np:1,2"], "comment-tags": ["TRANSLATORS:"]})
    assert config.keywords == ("lazy_gettext", "np:1,2")
    assert config.comment_tags == ("TRANSLATORS:",)
    with pytest.raises(ConfigError) as caught:
        load_config({"keywords": ["f:x"], "comment-tags": "TRANSLATORS:"})
    assert caught.value.problems == [
        "tool.hatch.build.hooks.minipo.keywords[0]: invalid keyword 'f:x': expected NAME or"
        " NAME:ARGS (e.g. _ or f:1c,2)",
        "tool.hatch.build.hooks.minipo.comment-tags must be a list of non-empty strings",
    ]


def test_extractors_map_globs_to_babel_methods_in_order() -> None:
    """extractors keeps the table's order: the first glob that matches a file decides."""
    table = {"extractors": {"**/templates/**.html": "jinja2", "**/legacy/**": "ignore"}}
    config = load_config(table)
    assert config.extractors == (("**/templates/**.html", "jinja2"), ("**/legacy/**", "ignore"))
    assert load_config({"extractors": {"x/*.txt": "pkg.mod:extract"}}).extractors == (
        ("x/*.txt", "pkg.mod:extract"),
    )


def test_extractors_problems_are_all_named_with_the_glob() -> None:
    """A wrong method, a glob leaving the project and a non-table are each named by full key."""
    with pytest.raises(ConfigError) as exc:
        load_config({"extractors": {"**.html": 3, "../up/*.html": "jinja2", "/abs": "jinja2"}})
    assert exc.value.problems == [
        f'{K}.extractors."**.html" must be a Babel extraction method: an entry point name such as '
        "'jinja2' or 'python', 'ignore', or 'module:function'; not 3",
        f"{K}.extractors.\"../up/*.html\" must stay inside the project ('..' is not allowed)",
        f'{K}.extractors."/abs" must be a glob relative to the project root, with forward slashes',
    ]
    with pytest.raises(ConfigError) as exc:
        load_config({"extractors": ["**.html", "jinja2"]})
    assert exc.value.problems == [
        f"{K}.extractors must be a table of globs and Babel extraction methods, such as "
        '{ "**/templates/**.html" = "jinja2" }'
    ]
