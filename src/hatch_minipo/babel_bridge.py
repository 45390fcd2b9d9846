"""What the project takes from Babel (CLDR): default plural rules and English language names.

The only module importing babel, and only inside functions: the build hook's start-up path must
not pay for loading it.  No babel exception escapes; an answer babel cannot give is None.
Babel's own ``get_plural`` silently answers with the English rule for any language missing from
its small table; shipping that guess would break every plural of the catalog, so it is never
used.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Any

from hatch_minipo.plural import PluralFormsError, check_plural_rule, parse_plural_forms

if TYPE_CHECKING:
    from collections.abc import Mapping

    from babel.core import Locale
    from babel.plural import PluralRule as CldrRule

# gettext modifiers (sr@latin) that name a script, as CLDR spells it.
_SCRIPT_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl", "devanagari": "Deva"}

# CLDR's categories in gettext's index order (msgstr[0] is the first reached one).
_TAGS = ("zero", "one", "two", "few", "many", "other")

# Categories are kept when some count below this selects them.  CLDR gives French, Spanish,
# Italian, Portuguese, Catalan and a few more a "many" that whole numbers reach only at exact
# millions ("un million de"); gettext rules never made that distinction (GNU's table gives these
# languages two forms), and translators would not expect a third msgstr for it.  Every CLDR
# modulus divides this limit, so the masks below see every other pattern.
_COUNT_LIMIT = 1_000_000
_ALL = (1 << _COUNT_LIMIT) - 1

# CLDR operands other than n and i describe decimals; for a whole count they are all 0.
_WHOLE = ("n", "i")
_FRACTION = ("v", "w", "f", "t", "c", "e")


def cldr_plural_forms(language: str) -> str | None:
    """A ``Plural-Forms`` value for a gettext locale name (``pl``, ``pt_BR``, ``sr@latin``).

    Babel's table of conventional gettext rules wins; other languages get their CLDR rule
    restricted to whole counts.  None when the language is unknown or has no sane rule.
    """
    try:
        return _plural_forms(language)
    except Exception:  # noqa: BLE001 - a babel failure means "unknown", never a broken build
        return None


def language_display_name(language: str) -> str | None:
    """The English name of a gettext locale (``Portuguese (Brazil)``), or None when unknown."""
    try:
        return _display_name(language)
    except Exception:  # noqa: BLE001 - see cldr_plural_forms
        return None


def _split(name: str) -> tuple[str, str]:
    """The name without codeset (``de_DE.UTF-8``), and its ``@modifier``."""
    base, _, modifier = name.partition("@")
    return base.split(".", 1)[0].replace("-", "_"), modifier


def _parse(base: str) -> Locale | None:
    from babel.core import Locale, UnknownLocaleError  # noqa: PLC0415

    # Babel resolves "und" (undetermined) to English and "root" to no language at all.
    if base.split("_", 1)[0].lower() in ("", "und", "root"):
        return None
    try:
        return Locale.parse(base)
    except (ValueError, TypeError, UnknownLocaleError):
        return None


@functools.cache
def _plural_forms(language: str) -> str | None:
    from babel.messages.plurals import PLURALS  # noqa: PLC0415

    base, _ = _split(language)
    parts = base.split("_")
    if parts[0].lower() in ("", "und", "root"):
        return None
    # The table as written first: it knows a few languages CLDR does not (kg).
    keys = [f"{parts[0].lower()}_{part.upper()}" for part in parts[1:]] + [parts[0].lower()]
    locale = _parse(base)
    if locale is None and len(parts) > 1:
        # Plural rules belong to the language: an unknown region (de_XX) does not change them.
        locale = _parse(parts[0])
    if locale is not None:  # then as Babel reads it (iw is he, zh_TW is zh_Hant_TW)
        keys += [f"{locale.language}_{locale.territory}", locale.language]
    for key in keys:
        if key in PLURALS:
            nplurals, expression = PLURALS[key]
            return f"nplurals={nplurals}; plural={expression};"
    if locale is None:
        return None
    rule = _cldr_rule(locale)
    return None if rule is None else _to_gettext(rule)


def _cldr_rule(locale: Locale) -> CldrRule | None:
    """The CLDR rule of the locale's own language, never one inherited from another.

    Babel fills a locale without plural data from its parent: ``root`` (one form) for most,
    another language for some (Haitian from French).  Either would be a silent wrong guess.
    """
    from babel import localedata  # noqa: PLC0415
    from babel.core import get_global  # noqa: PLC0415

    parents: Mapping[str, str] = get_global("parent_exceptions")
    parts = (locale.language, locale.script, locale.territory, locale.variant)
    name = "_".join(part for part in parts if part)
    while name.split("_", 1)[0] == locale.language:
        if localedata.exists(name):
            data = localedata.load(name, merge_inherited=False)
            if "plural_form" in data:
                rule: CldrRule = data["plural_form"]
                return rule
        name = parents.get(name) or name.rpartition("_")[0] or "root"
    return None


@dataclasses.dataclass(frozen=True)
class _Condition:
    """A CLDR condition for whole counts: as gettext text, and as the set of counts below
    _COUNT_LIMIT it holds for (bit n of ``mask``)."""

    mask: int
    text: str = ""  # empty for a constant
    # "atom", "and" or "or": what parentheses the text needs inside another operator.
    kind: str = "atom"


_TRUE = _Condition(_ALL)
_FALSE = _Condition(0)


def _inside(condition: _Condition, operator: str) -> str:
    # C needs no parentheses around && inside ||; they are there for the reader, as in GNU's
    # own table.
    needs = {"&&": ("or",), "||": ("and",), "?": ("or",)}[operator]
    return f"({condition.text})" if condition.kind in needs else condition.text


def _repeat(pattern: int, period: int) -> int:
    mask, width = pattern, period
    while width < _COUNT_LIMIT:
        mask |= mask << width
        width *= 2
    return mask & _ALL


def _value(node: Any) -> int:
    tag, (value,) = node
    if tag != "value":
        raise ValueError(f"unexpected CLDR node {node!r}")
    return int(value)


def _relation(expr: Any, ranges: list[tuple[int, int]], negated: bool) -> _Condition:
    modulus = None
    if expr[0] == "mod":
        (operand, _), divisor = expr[1]
        modulus = _value(divisor)
    else:
        operand = expr[0]
    if operand in _FRACTION:
        holds = any(low <= 0 <= high for low, high in ranges)
        return _TRUE if holds != negated else _FALSE
    if operand not in _WHOLE:
        raise ValueError(f"unknown CLDR operand {operand!r}")

    # n%m never exceeds m-1, so ranges are cut there; a bare n keeps its ranges whole.
    top = None if modulus is None else modulus - 1
    merged: list[list[int]] = []
    for low, high in sorted(ranges):
        if top is not None and low > top:
            continue
        end = high if top is None else min(high, top)
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([low, end])
    if not merged:
        return _TRUE if negated else _FALSE
    if merged == [[0, top]]:
        return _FALSE if negated else _TRUE

    x = "n" if modulus is None else f"n%{modulus}"
    mask = 0
    parts: list[_Condition] = []
    for low, high in merged:
        if low < _COUNT_LIMIT:
            mask |= ((1 << (min(high, _COUNT_LIMIT - 1) - low + 1)) - 1) << low
        if low == high:
            parts.append(_Condition(0, f"{x}!={low}" if negated else f"{x}=={low}"))
        elif low == 0:
            parts.append(_Condition(0, f"{x}>{high}" if negated else f"{x}<={high}"))
        elif high == top:
            parts.append(_Condition(0, f"{x}<{low}" if negated else f"{x}>={low}"))
        elif negated:
            parts.append(_Condition(0, f"{x}<{low} || {x}>{high}", "or"))
        else:
            parts.append(_Condition(0, f"{x}>={low} && {x}<={high}", "and"))
    if modulus is not None:
        mask = _repeat(mask, modulus)
    if negated:
        mask = _ALL & ~mask
    operator = "&&" if negated else "||"
    if len(parts) == 1:
        return dataclasses.replace(parts[0], mask=mask)
    text = f" {operator} ".join(_inside(part, operator) for part in parts)
    return _Condition(mask, text, "and" if negated else "or")


def _condition(node: Any, negated: bool = False) -> _Condition:
    """Compile a node of babel's CLDR syntax tree (``PluralRule.abstract``) for whole counts."""
    operator, args = node
    if operator == "not":
        return _condition(args[0], not negated)
    if operator in ("is", "isnot"):
        expr, value = args
        number = _value(value)
        return _relation(expr, [(number, number)], negated != (operator == "isnot"))
    if operator == "relation":
        _method, expr, (_, ranges) = args  # "in" and "within" agree on whole counts
        pairs = [(_value(low), _value(high)) for low, high in ranges]
        return _relation(expr, pairs, negated)
    if operator not in ("and", "or"):
        raise ValueError(f"unknown CLDR operator {operator!r}")
    if negated:  # De Morgan keeps negations on relations, where they read naturally
        operator = "or" if operator == "and" else "and"
    left, right = (_condition(arg, negated) for arg in args)
    if operator == "and":
        if _FALSE in (left, right):
            return _FALSE
        if _TRUE in (left, right):
            return right if left == _TRUE else left
        return _Condition(
            left.mask & right.mask, f"{_inside(left, '&&')} && {_inside(right, '&&')}", "and"
        )
    if _TRUE in (left, right):
        return _TRUE
    if _FALSE in (left, right):
        return right if left == _FALSE else left
    return _Condition(
        left.mask | right.mask, f"{_inside(left, '||')} || {_inside(right, '||')}", "or"
    )


def _to_gettext(rule: CldrRule) -> str | None:
    """The CLDR rule as a gettext ``Plural-Forms`` value over whole counts, or None if the
    result would not be sane (checked like msgfmt -c, and against babel's own evaluation)."""
    conditions = {tag: _condition(node) for tag, node in rule.abstract}
    # CLDR picks the first matching category, in the rule's order; "other" takes the rest.
    selected: dict[str, int] = {}
    remaining = _ALL
    for tag, condition in conditions.items():
        selected[tag] = condition.mask & remaining
        remaining &= ~condition.mask
    selected["other"] = remaining
    reached = [tag for tag in _TAGS if selected.get(tag)]
    if not reached:
        return None

    # The last reached category needs no condition: whole counts reach nothing else.
    branches: list[str] = []
    remaining = _ALL
    for index, tag in enumerate(reached[:-1]):
        condition = conditions[tag]
        if not condition.text or condition.mask & remaining != selected[tag]:
            return None
        remaining &= ~condition.mask
        branches.append(f"{_inside(condition, '?')} ? {index} : ")
    if remaining != selected[reached[-1]]:
        return None
    last = str(len(reached) - 1)
    plural = f"({''.join(branches)}{last})" if branches else last
    value = f"nplurals={len(reached)}; plural={plural};"

    try:
        parsed = parse_plural_forms(value)
    except PluralFormsError:
        return None
    if check_plural_rule(parsed):
        return None
    for n in range(2000):
        tag = rule(n)
        if tag not in reached or parsed(n) != reached.index(tag):
            return None
    return value


@functools.cache
def _display_name(language: str) -> str | None:
    from babel.core import Locale  # noqa: PLC0415

    base, modifier = _split(language)
    locale = _parse(base)
    if locale is None:
        return None
    english = Locale("en")
    name = english.languages.get(locale.language)
    if not name:
        return None
    script, variant, extra = locale.script, locale.variant, ""
    if modifier.lower() in _SCRIPT_MODIFIERS:
        script = _SCRIPT_MODIFIERS[modifier.lower()]
    elif modifier.upper() in english.variants:
        variant = modifier.upper()
    else:
        extra = modifier
    details = [
        english.scripts.get(script, script) if script else "",
        english.territories.get(locale.territory, locale.territory) if locale.territory else "",
        english.variants.get(variant, variant) if variant else "",
        extra,
    ]
    shown = ", ".join(detail for detail in details if detail)
    return f"{name} ({shown})" if shown else str(name)


# ---------------------------------------------------------------------------------------------
# Extraction (minipo extract) and English language names (minipo expand).

# (line, msgid or (msgid, plural), extracted comments, context) for one string found.
ExtractedString = tuple[int, tuple[str, ...], list[str], "str | None"]


class ExtractionError(ValueError):
    """Babel could not read a source file; ``lineno`` is 0 when no line is known."""

    def __init__(self, message: str, lineno: int = 0) -> None:
        super().__init__(message)
        self.lineno = lineno


def extract_python(
    data: bytes, path: str, keywords: Mapping[str, Any], comment_tags: tuple[str, ...]
) -> list[ExtractedString]:
    """The translatable strings of one Python source, as Babel's Python extractor finds them.

    ``path`` only names the file in Babel's warnings.  Raises ExtractionError when the source
    cannot be tokenized or decoded.
    """
    import io  # noqa: PLC0415
    import tokenize  # noqa: PLC0415

    from babel.messages.extract import extract  # noqa: PLC0415

    class _Named(io.BytesIO):
        name = path

    try:
        found = list(extract("python", _Named(data), keywords=keywords, comment_tags=comment_tags))
    except tokenize.TokenError as exc:
        where = exc.args[1] if len(exc.args) > 1 else None
        lineno = where[0] if isinstance(where, tuple) and where else 0
        raise ExtractionError(f"cannot read Python source: {exc.args[0]}", lineno) from None
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise ExtractionError(f"cannot read Python source: {exc}") from None
    out: list[ExtractedString] = []
    for lineno, message, comments, context in found:
        strings = (message,) if isinstance(message, str) else tuple(message)
        out.append((lineno, strings, list(comments), context))
    return out


def english_language_code(name: str) -> str | None:
    """The ISO 639-1 code whose English name (per CLDR) is ``name`` exactly, or None.

    Only two-letter codes are considered: GNU's own table (msgmerge's source) holds nearly
    all of them under CLDR's names, but few of the three-letter languages CLDR knows.
    """
    try:
        return _english_language_codes().get(name)
    except Exception:  # noqa: BLE001 - see cldr_plural_forms
        return None


@functools.cache
def _english_language_codes() -> dict[str, str]:
    from babel.core import Locale  # noqa: PLC0415

    languages = Locale("en").languages.items()
    return {str(name): code for code, name in sorted(languages) if len(code) == 2}
