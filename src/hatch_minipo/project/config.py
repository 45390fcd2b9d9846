"""The hook's options: read and validated in one pure function, every problem reported at once.

Nothing here looks at the file system; whether a folder exists is discovery's business.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import TYPE_CHECKING

from hatch_minipo.errors import CHECK_LEVELS, CheckLevel, MinipoError
from hatch_minipo.project.locales import locale_problem

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


GLOBAL_TABLE = "tool.hatch.build.hooks.minipo"
LANGUAGES_VARIABLE = "MINIPO_LANGUAGES"

OPTIONS = (
    "sources",
    "domain",
    "destination",
    "languages",
    "check",
    "sdist-mo",
    "template",
    "install-layout",
    "keywords",
    "comment-tags",
    "extractors",
)
# Where a wheel puts the .mo files: in the package, or <prefix>/share/locale (shared data).
INSTALL_LAYOUTS = ("package", "share")
# The folder of the wheel's shared data the "share" layout installs into <prefix>/share/locale.
SHARE_LOCALE = "share/locale"
# Read by hatchling itself before the hook ever sees its table.
HATCHLING_KEYS = (
    "enable-by-default",
    "dependencies",
    "require-runtime-dependencies",
    "require-runtime-features",
)

_DOMAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_WINDOWS_DRIVE = re.compile(r"[A-Za-z]:")


DOMAIN_FORM = "a gettext domain name (letters, digits, '_', '-', '.'; 200 at most)"
# <domain>.mo must fit the 255 bytes file systems allow a name, with room to spare.
_DOMAIN_LENGTH = 200
# A file or folder name no file system takes.
_NAME_LENGTH = 255


def is_domain(name: str) -> bool:
    """Whether ``name`` works as a gettext domain and so as the stem of a file name."""
    return (
        _DOMAIN.fullmatch(name) is not None
        and not name.endswith(".")
        and len(name) <= _DOMAIN_LENGTH
    )


def target_table(target_name: str) -> str:
    """The name of a per-target hook table, which replaces the global one for that target."""
    return f"tool.hatch.build.targets.{target_name}.hooks.minipo"


class ConfigError(MinipoError):
    """The hook table is wrong; one problem per wrong key, named in full."""


@dataclasses.dataclass(frozen=True)
class HookConfig:
    """Validated options; paths are project-relative, POSIX-style, normalized."""

    # None: discover `po/` and the wheel's packages.
    sources: tuple[str, ...] | None = None
    # None: the project name as an identifier (for catalogs named `<lang>.mini.po`).
    domain: str | None = None
    # None: `<package>/locale` for `<lang>.mini.po`, beside the source for in-package catalogs.
    destination: str | None = None
    # None: every language found.
    languages: tuple[str, ...] | None = None
    # Where the language filter came from, for messages: an option key or the variable.
    languages_origin: str = ""
    check: CheckLevel = "errors"
    sdist_mo: bool = True
    # None: `<first source>/<domain>.pot`.
    template: str | None = None
    # "package": <destination>/<lang>/LC_MESSAGES/<domain>.mo inside the package; "share":
    # <prefix>/share/locale/<lang>/LC_MESSAGES/<domain>.mo, through the wheel's shared data.
    install_layout: str = "package"
    # For `minipo extract`: keywords beyond the default ones (xgettext's NAME:ARGS syntax), and
    # the tags of comments kept for translators.
    keywords: tuple[str, ...] = ()
    comment_tags: tuple[str, ...] = ()
    # Babel's method map, in the table's order: (glob relative to the project root, method).
    extractors: tuple[tuple[str, str], ...] = ()
    # The table these options came from, to name keys in messages.
    location: str = GLOBAL_TABLE

    def key(self, name: str) -> str:
        """The full name of option ``name``, as written in messages."""
        return f"{self.location}.{name}"


def load_config(
    table: Mapping[str, object],
    *,
    location: str = GLOBAL_TABLE,
    environ: Mapping[str, str] | None = None,
) -> HookConfig:
    """Validate the hook ``table`` found at ``location``; raise ConfigError listing every problem.

    ``environ`` supplies ``MINIPO_LANGUAGES``, which overrides the ``languages`` option.
    """
    errors: list[str] = []

    def key(name: str) -> str:
        return f"{location}.{name}"

    errors.extend(
        _unknown(key(name), name)
        for name in table
        if name not in OPTIONS and name not in HATCHLING_KEYS
    )

    sources = _path_list(table, "sources", key("sources"), errors)
    destination = _path(table.get("destination"), key("destination"), errors)
    template = _path(table.get("template"), key("template"), errors)
    if template is not None and not template.endswith(".pot"):
        errors.append(f"{key('template')} must name a .pot file, not {template!r}")

    domain = table.get("domain")
    if domain is not None:
        if not isinstance(domain, str):
            errors.append(f"{key('domain')} must be a string")
            domain = None
        elif not is_domain(domain):
            errors.append(f"{key('domain')} must be {DOMAIN_FORM}, not {domain!r}")
            domain = None

    check = table.get("check", "errors")
    if check not in CHECK_LEVELS:
        levels = ", ".join(repr(level) for level in CHECK_LEVELS)
        if isinstance(check, str):
            errors.append(f"{key('check')} must be one of {levels}, not {check!r}")
        else:
            errors.append(f"{key('check')} must be a string, one of {levels}")
        check = "errors"

    sdist_mo = table.get("sdist-mo", True)
    if not isinstance(sdist_mo, bool):
        errors.append(f"{key('sdist-mo')} must be a boolean (true or false)")
        sdist_mo = True

    languages, origin = _languages(table, key("languages"), environ or {}, errors)

    keywords = _keywords(table, key("keywords"), errors)
    comment_tags = _strings(table, "comment-tags", key("comment-tags"), errors)
    extractors = _extractors(table, key("extractors"), errors)
    install_layout = _install_layout(table, key, destination is not None, errors)

    if errors:
        raise ConfigError(errors)
    return HookConfig(
        sources=sources,
        domain=domain,
        destination=destination,
        languages=languages,
        languages_origin=origin,
        check=check,  # type: ignore[arg-type]  # checked against CHECK_LEVELS above
        sdist_mo=sdist_mo,
        template=template,
        install_layout=install_layout,
        keywords=keywords,
        comment_tags=comment_tags,
        extractors=extractors,
        location=location,
    )


def template_path(config: HookConfig, project_domain: str) -> str:
    """The .pot template: the option, else ``<first source>/<domain>.pot`` (``po/`` by default)."""
    if config.template is not None:
        return config.template
    folder = config.sources[0] if config.sources else "po"
    return f"{folder}/{config.domain or project_domain}.pot"


def _unknown(full_key: str, name: str) -> str:
    close = difflib.get_close_matches(name, OPTIONS, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f" (options: {', '.join(OPTIONS)})"
    return f"{full_key} is not an option of the minipo hook{hint}"


def _path(value: object, full_key: str, errors: list[str]) -> str | None:
    """A project-relative folder or file, normalized to POSIX form; None if absent or wrong."""
    if value is None:
        return None
    if not isinstance(value, str):
        errors.append(f"{full_key} must be a string")
        return None
    problem = path_problem(value)
    if problem is not None:
        errors.append(f"{full_key} {problem}")
        return None
    return normalize_path(value)


def path_problem(value: str) -> str | None:
    """Why ``value`` is not a path inside the project (a predicate phrase), or None."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return f"must not hold control characters, not {value!r}"
    if any(
        len(part.encode("utf-8", "surrogateescape")) > _NAME_LENGTH for part in value.split("/")
    ):
        return f"has a name longer than {_NAME_LENGTH} bytes, which no file system takes"
    if "\\" in value:
        return f"must use forward slashes, not {value!r}"
    if value.startswith(("/", "~")) or _WINDOWS_DRIVE.match(value):
        return f"must be relative to the project root, not {value!r}"
    parts = [part for part in value.split("/") if part not in {"", "."}]
    if ".." in parts:
        return f"must stay inside the project ('..' is not allowed): {value!r}"
    if not parts:
        return f"must name a folder or file inside the project, not {value!r}"
    return None


def normalize_path(value: str) -> str:
    """``./po//`` -> ``po``; assumes ``path_problem(value)`` is None."""
    return "/".join(part for part in value.split("/") if part not in {"", "."})


def _keywords(table: Mapping[str, object], full_key: str, errors: list[str]) -> tuple[str, ...]:
    keywords = _strings(table, "keywords", full_key, errors)
    for index, spec in enumerate(keywords):
        # Imported only for a table that has keywords: builds never need the extractor.
        from hatch_minipo.workflow.extract import parse_keyword  # noqa: PLC0415

        try:
            parse_keyword(spec)
        except ValueError as exc:
            errors.append(f"{full_key}[{index}]: {exc}")
    return keywords


def _extractors(
    table: Mapping[str, object], full_key: str, errors: list[str]
) -> tuple[tuple[str, str], ...]:
    value = table.get("extractors", {})
    if value == {}:
        return ()
    if not isinstance(value, dict):
        errors.append(
            f"{full_key} must be a table of globs and Babel extraction methods, "
            'such as { "**/templates/**.html" = "jinja2" }'
        )
        return ()
    # Imported only for a table that has extractors: builds never need the extractor.
    from hatch_minipo.workflow.extract import extractor_problem  # noqa: PLC0415

    items: list[tuple[str, str]] = []
    for pattern, method in value.items():
        problem = extractor_problem(pattern, method)
        if problem is not None:
            errors.append(f"{full_key}.{_toml_key(pattern)} {problem}")
        else:
            items.append((pattern, method))
    return tuple(items)


def _toml_key(name: str) -> str:
    """``name`` as a TOML key: bare when it can be, else quoted."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _install_layout(
    table: Mapping[str, object],
    key: Callable[[str], str],
    has_destination: bool,
    errors: list[str],
) -> str:
    layout = table.get("install-layout", "package")
    if layout not in INSTALL_LAYOUTS:
        layouts = ", ".join(repr(name) for name in INSTALL_LAYOUTS)
        errors.append(f"{key('install-layout')} must be one of {layouts}, not {layout!r}")
        return "package"
    if layout == "share" and has_destination:
        errors.append(
            f"{key('destination')} places .mo files in the package; with"
            f' {key("install-layout")} = "share" they go to <prefix>/{SHARE_LOCALE}: remove one'
        )
    return str(layout)


def _strings(
    table: Mapping[str, object], name: str, full_key: str, errors: list[str]
) -> tuple[str, ...]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        errors.append(f"{full_key} must be a list of non-empty strings")
        return ()
    return tuple(value)


def _path_list(
    table: Mapping[str, object], name: str, full_key: str, errors: list[str]
) -> tuple[str, ...] | None:
    value = table.get(name)
    if value is None:
        return None
    if not isinstance(value, list):
        errors.append(f"{full_key} must be a list of strings")
        return None
    if not value:
        errors.append(f"{full_key} must list at least one folder (leave it out to discover them)")
        return None
    paths: list[str] = []
    for index, item in enumerate(value):
        path = _path(item, f"{full_key}[{index}]", errors)
        if path is not None and path not in paths:
            paths.append(path)
    return tuple(paths)


def _languages(
    table: Mapping[str, object],
    full_key: str,
    environ: Mapping[str, str],
    errors: list[str],
) -> tuple[tuple[str, ...] | None, str]:
    raw_variable = environ.get(LANGUAGES_VARIABLE, "")
    value = table.get("languages")
    names: list[str] = []
    # The option is validated even when the variable overrides it: a typo in pyproject.toml
    # must not hide until the day the variable is unset.
    if value is not None:
        if not isinstance(value, list):
            errors.append(f"{full_key} must be a list of strings")
        elif not value:
            errors.append(f"{full_key} must list at least one language (leave it out for all)")
        else:
            for index, item in enumerate(value):
                if not isinstance(item, str):
                    errors.append(f"{full_key}[{index}] must be a string")
                    continue
                problem = locale_problem(item)
                if problem is not None:
                    errors.append(f"{full_key}[{index}]: {problem}")
                elif item not in names:
                    names.append(item)
    if raw_variable.strip():
        from_variable: list[str] = []
        for item in (part.strip() for part in raw_variable.split(",")):
            if not item:
                continue
            problem = locale_problem(item)
            if problem is not None:
                errors.append(f"{LANGUAGES_VARIABLE}: {problem}")
            elif item not in from_variable:
                from_variable.append(item)
        return tuple(from_variable), LANGUAGES_VARIABLE
    if value is None or not names:
        return None, ""
    return tuple(names), full_key
