"""Language data as the engine asks for it: default plural rules and language names.

The data itself is generated into ``_language_data`` from pinned GNU gettext and CLDR
releases (scripts/gen_language_data.py), so the rule a catalog gets and the bytes it compiles
to depend only on hatch-minipo's version, never on what else is installed.
"""

from __future__ import annotations

import dataclasses
import functools

from hatch_minipo import _language_data as data

# gettext modifiers (sr@latin) that name a script, as CLDR spells it.
_SCRIPT_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl", "devanagari": "Deva"}


@dataclasses.dataclass(frozen=True)
class KnownRule:
    """A default ``Plural-Forms`` value and where it comes from."""

    value: str
    # The language as the source names it: msgfmt's "valid for Polish", CLDR's English name.
    language: str
    source: str  # "GNU gettext 0.26" or "CLDR 48.2.0"


@dataclasses.dataclass(frozen=True)
class _Name:
    language: str
    script: str = ""
    territory: str = ""
    modifier: str = ""

    @property
    def catalog_name(self) -> str:
        """The name without codeset, as msginit looks it up first (``pt_BR``, ``sr@latin``)."""
        parts = (self.language, self.script, self.territory)
        name = "_".join(part for part in parts if part)
        return f"{name}@{self.modifier}" if self.modifier else name


def _split(name: str) -> _Name | None:
    """A gettext or BCP 47 locale name in its parts, or None when it is not one.

    The case of each part is normalised (``pt-br`` is ``pt_BR``); anything that is not a
    language code, a script, a territory and a modifier in that order is refused.
    """
    base, _, modifier = name.partition("@")
    if modifier and not (modifier.isascii() and modifier.isalnum()):
        return None
    parts = base.split(".", 1)[0].replace("-", "_").split("_")
    language = parts[0].lower()
    if not (2 <= len(language) <= 3 and language.isascii() and language.isalpha()):
        return None
    if language in ("und", "root"):
        return None
    script = territory = ""
    for part in parts[1:]:
        if len(part) == 4 and part.isascii() and part.isalpha() and not script and not territory:
            script = part.title()
        elif part.isascii() and (
            (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit())
        ):
            if territory:
                return None
            territory = part.upper()
        else:
            return None
    return _Name(language, script, territory, modifier)


@functools.lru_cache(maxsize=256)
def plural_rule(language: str) -> KnownRule | None:
    """The ``Plural-Forms`` a catalog for ``language`` gets when its header has none.

    GNU's table first, looked up as msginit does (the catalog name, then the language), so a
    filled rule is the one msginit writes; CLDR for the languages GNU lacks.  None for a
    language neither knows: never the English rule by default.
    """
    name = _split(language)
    if name is None:
        return None
    gnu = f"GNU gettext {data.GETTEXT_VERSION}"
    for key in (name.catalog_name, name.language):
        if key in data.GNU_PLURAL_FORMS:
            english, value = data.GNU_PLURAL_FORMS[key]
            return KnownRule(value, english, gnu)
    cldr = f"CLDR {data.CLDR_VERSION}"
    script = f"{name.language}_{name.script}" if name.script else ""
    territory = f"{name.language}_{name.territory}" if name.territory else ""
    for key in (script, territory, name.language):
        if key in data.CLDR_PLURAL_FORMS:
            english = data.ENGLISH_LANGUAGES.get(name.language, name.language)
            return KnownRule(data.CLDR_PLURAL_FORMS[key], english, cldr)
    return None


@functools.cache
def _team_codes() -> dict[str, str]:
    # Variants first, then languages, each in table order: the first match wins in msgmerge.
    codes: dict[str, str] = {}
    for code, english in (*data.GNU_LANGUAGE_VARIANTS, *data.GNU_LANGUAGES):
        codes.setdefault(english, code)
    return codes


def language_from_team(name: str) -> str | None:
    """The code msgmerge gives a ``Language-Team`` naming a language in English, or None."""
    return _team_codes().get(name)


@functools.lru_cache(maxsize=256)
def display_name(language: str) -> str | None:
    """The English name of a gettext locale (``Portuguese (Brazil)``), or None when unknown."""
    name = _split(language)
    if name is None:
        return None
    english = data.ENGLISH_LANGUAGES.get(name.language)
    if english is None:
        return None
    script, variant, extra = name.script, "", ""
    if name.modifier.lower() in _SCRIPT_MODIFIERS:
        script = _SCRIPT_MODIFIERS[name.modifier.lower()]
    elif name.modifier.upper() in data.ENGLISH_VARIANTS:
        variant = name.modifier.upper()
    else:
        extra = name.modifier
    details = []
    for code, table in ((script, data.ENGLISH_SCRIPTS), (name.territory, data.ENGLISH_TERRITORIES)):
        if code:
            if code not in table:
                return None
            details.append(table[code])
    if variant:
        details.append(data.ENGLISH_VARIANTS[variant])
    if extra:
        details.append(extra)
    return f"{english} ({', '.join(details)})" if details else english
