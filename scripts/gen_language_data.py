# ruff: noqa: INP001
"""Generate src/hatch_minipo/_language_data.py from pinned GNU gettext and CLDR sources.

Every piece of language data that decides output bytes comes from here, never from a library
that happens to be installed (Babel's plural table changed between 2.18 and 2.19):

* GNU gettext 0.26, ``gettext-tools/src/plural-table.c``: the Plural-Forms ``msginit`` writes
  and ``msgfmt -c`` suggests; ``gettext-tools/src/lang-table.c``: the English language names
  ``msgmerge`` maps a ``Language-Team`` to a ``Language`` with.
* Unicode CLDR 48.2.0 as cldr-json (the npm packages ``cldr-core`` and
  ``cldr-localenames-full``): ``supplemental/plurals.json`` for the languages GNU's table
  lacks, turned into gettext rules over whole counts; ``main/en/{languages,scripts,
  territories,variants}.json`` for the English names ``minipo stats`` shows.

Get the sources (any machine with git and npm), then run the script with the project's
interpreter:

    git clone --depth 1 --branch v0.26 https://git.savannah.gnu.org/git/gettext.git
    npm pack cldr-core@48.2.0 cldr-localenames-full@48.2.0   # then untar both
    python scripts/gen_language_data.py --gettext gettext \\
        --cldr-core cldr-core-48.2.0 --cldr-localenames cldr-localenames-full-48.2.0 [--check]

Each input file's SHA-256 is pinned below: another release is refused rather than silently
giving other bytes.  ``--check`` compares the committed module with a fresh generation.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import re
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "hatch_minipo" / "_language_data.py"

GETTEXT_VERSION = "0.26"
CLDR_VERSION = "48.2.0"

SOURCES = {
    "plural-table.c": "0c27c4fc23665d8395ac9d73f48c67f7cb33bb4561aa40b13f45e5ce8f513113",
    "lang-table.c": "bb594ec2450f55ad12e459002893c1a667130604f996fd77300b6db2094ecbe3",
    "plurals.json": "6c0a48e9bcfc25856f90202f703c2c7f89c105d6868f7712a943a6ed2dcbe8f4",
}

# CLDR's categories in gettext's index order (msgstr[0] is the first reached one).
TAGS = ("zero", "one", "two", "few", "many", "other")

# Categories are kept when some count below this selects them.  CLDR gives French, Spanish,
# Italian, Portuguese, Catalan and a few more a "many" that whole numbers reach only at exact
# millions ("un million de"); gettext rules never made that distinction (GNU's table gives these
# languages two forms), and translators would not expect a third msgstr for it.  Every CLDR
# modulus divides this limit, so the masks below see every other pattern.
COUNT_LIMIT = 1_000_000
ALL = (1 << COUNT_LIMIT) - 1

# CLDR operands other than n and i describe decimals; for a whole count they are all 0.
WHOLE = ("n", "i")
FRACTION = ("v", "w", "f", "t", "c", "e")


def read_checked(path: Path) -> str:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SOURCES[path.name]:
        sys.exit(f"{path}: SHA-256 {digest}, not the pinned release's")
    return data.decode("utf-8")


# --- GNU gettext --------------------------------------------------------------------------


def c_array(source: str, name: str) -> str:
    match = re.search(rf"\b{name}\[\]\s*=\s*\{{(.*?)\n\s*\}};", source, re.DOTALL)
    if match is None:
        sys.exit(f"no array {name} in the GNU source")
    return match.group(1)


def c_entries(body: str, fields: int) -> list[tuple[str, ...]]:
    string = r'\s*"([^"\\]*)"\s*'
    pattern = re.compile(r"\{" + ",".join([string] * fields) + r"\}")
    entries = [match.groups() for match in pattern.finditer(body)]
    if len(entries) != body.count("{"):
        sys.exit("an entry of the GNU table was not understood")
    return entries


# --- CLDR plural rules ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Relation:
    operand: str
    modulus: int | None
    negated: bool
    ranges: tuple[tuple[int, int], ...]

    def holds(self, n: int) -> bool:
        value = n if self.operand in WHOLE else 0
        if self.modulus is not None:
            value %= self.modulus
        return any(low <= value <= high for low, high in self.ranges) != self.negated


# A rule: "or" of "and" of relations.
Rule = tuple[tuple[Relation, ...], ...]

_RELATION = re.compile(
    r"\s*([nivwftce])\s*(?:%\s*(\d+)\s*)?(!=|=)\s*((?:\d+(?:\.\.\d+)?)(?:\s*,\s*\d+(?:\.\.\d+)?)*)\s*"
)


def parse_cldr(text: str) -> Rule:
    """A CLDR rule as written in plurals.json (``n % 10 = 1 and n % 100 != 11``)."""
    condition = text.split("@", 1)[0].strip()
    if not condition:
        return ()
    ors = []
    for part in condition.split(" or "):
        ands = []
        for relation in part.split(" and "):
            match = _RELATION.fullmatch(relation)
            if match is None:
                sys.exit(f"CLDR rule not understood: {text!r}")
            operand, modulus, operator, values = match.groups()
            ranges = []
            for item in values.split(","):
                low, _, high = item.strip().partition("..")
                ranges.append((int(low), int(high or low)))
            ands.append(
                Relation(
                    operand, int(modulus) if modulus else None, operator == "!=", tuple(ranges)
                )
            )
        ors.append(tuple(ands))
    return tuple(ors)


def cldr_category(rules: dict[str, Rule], n: int) -> str:
    for tag, rule in rules.items():
        if any(all(relation.holds(n) for relation in ands) for ands in rule):
            return tag
    return "other"


@dataclasses.dataclass(frozen=True)
class Condition:
    """A condition on whole counts: as gettext text, and as the set of counts below
    COUNT_LIMIT it holds for (bit n of ``mask``)."""

    mask: int
    text: str = ""  # empty for a constant
    # "atom", "and" or "or": what parentheses the text needs inside another operator.
    kind: str = "atom"


TRUE = Condition(ALL)
FALSE = Condition(0)


def inside(condition: Condition, operator: str) -> str:
    # C needs no parentheses around && inside ||; they are there for the reader, as in GNU's
    # own table.
    needs = {"&&": ("or",), "||": ("and",), "?": ("or",)}[operator]
    return f"({condition.text})" if condition.kind in needs else condition.text


def repeat(pattern: int, period: int) -> int:
    mask, width = pattern, period
    while width < COUNT_LIMIT:
        mask |= mask << width
        width *= 2
    return mask & ALL


def merged_ranges(relation: Relation, top: int | None) -> list[list[int]]:
    # n%m never exceeds m-1, so ranges are cut there; a bare n keeps its ranges whole.
    merged: list[list[int]] = []
    for low, high in sorted(relation.ranges):
        if top is not None and low > top:
            continue
        end = high if top is None else min(high, top)
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([low, end])
    return merged


def range_text(x: str, low: int, high: int, top: int | None, negated: bool) -> Condition:
    if low == high:
        return Condition(0, f"{x}!={low}" if negated else f"{x}=={low}")
    if low == 0:
        return Condition(0, f"{x}>{high}" if negated else f"{x}<={high}")
    if high == top:
        return Condition(0, f"{x}<{low}" if negated else f"{x}>={low}")
    if negated:
        return Condition(0, f"{x}<{low} || {x}>{high}", "or")
    return Condition(0, f"{x}>={low} && {x}<={high}", "and")


def relation_condition(relation: Relation) -> Condition:
    negated = relation.negated
    if relation.operand in FRACTION:
        holds = any(low <= 0 <= high for low, high in relation.ranges)
        return TRUE if holds != negated else FALSE
    top = None if relation.modulus is None else relation.modulus - 1
    merged = merged_ranges(relation, top)
    if not merged:
        return TRUE if negated else FALSE
    if merged == [[0, top]]:
        return FALSE if negated else TRUE
    x = "n" if relation.modulus is None else f"n%{relation.modulus}"
    mask = 0
    parts = []
    for low, high in merged:
        if low < COUNT_LIMIT:
            mask |= ((1 << (min(high, COUNT_LIMIT - 1) - low + 1)) - 1) << low
        parts.append(range_text(x, low, high, top, negated))
    if relation.modulus is not None:
        mask = repeat(mask, relation.modulus)
    if negated:
        mask = ALL & ~mask
    operator = "&&" if negated else "||"
    if len(parts) == 1:
        return dataclasses.replace(parts[0], mask=mask)
    text = f" {operator} ".join(inside(part, operator) for part in parts)
    return Condition(mask, text, "and" if negated else "or")


def both(left: Condition, right: Condition) -> Condition:
    if FALSE in (left, right):
        return FALSE
    if TRUE in (left, right):
        return right if left == TRUE else left
    text = f"{inside(left, '&&')} && {inside(right, '&&')}"
    return Condition(left.mask & right.mask, text, "and")


def either(left: Condition, right: Condition) -> Condition:
    if TRUE in (left, right):
        return TRUE
    if FALSE in (left, right):
        return right if left == FALSE else left
    text = f"{inside(left, '||')} || {inside(right, '||')}"
    return Condition(left.mask | right.mask, text, "or")


def rule_condition(rule: Rule) -> Condition:
    result = FALSE
    for ands in rule:
        conjunction = TRUE
        for relation in ands:
            conjunction = both(conjunction, relation_condition(relation))
        result = either(result, conjunction)
    return result


def selection(
    rules: dict[str, Rule],
) -> tuple[dict[str, Condition], dict[str, int], list[str]]:
    """Each category's condition, the counts below COUNT_LIMIT it selects (as a mask), and the
    categories some such count reaches, in gettext's index order."""
    conditions = {tag: rule_condition(rule) for tag, rule in rules.items()}
    # CLDR picks the first matching category, in the rule's order; "other" takes the rest.
    selected: dict[str, int] = {}
    remaining = ALL
    for tag, condition in conditions.items():
        selected[tag] = condition.mask & remaining
        remaining &= ~condition.mask
    selected["other"] = remaining
    return conditions, selected, [tag for tag in TAGS if selected.get(tag)]


def to_gettext(rules: dict[str, Rule]) -> str | None:
    """The CLDR rules as a gettext ``Plural-Forms`` value over whole counts, or None if the
    text cannot say exactly what the masks say."""
    conditions, selected, reached = selection(rules)
    if not reached:
        return None

    # The last reached category needs no condition: whole counts reach nothing else.
    branches: list[str] = []
    remaining = ALL
    for index, tag in enumerate(reached[:-1]):
        condition = conditions[tag]
        if not condition.text or condition.mask & remaining != selected[tag]:
            return None
        remaining &= ~condition.mask
        branches.append(f"{inside(condition, '?')} ? {index} : ")
    if remaining != selected[reached[-1]]:
        return None
    last = str(len(reached) - 1)
    plural = f"({''.join(branches)}{last})" if branches else last
    return f"nplurals={len(reached)}; plural={plural};"


def verify(value: str, rules: dict[str, Rule]) -> bool:
    """Whether the gettext rule picks CLDR's category for every count tried."""
    # The project's own reader: run the script with the project's interpreter.
    from hatch_minipo.plural.grammar import (  # noqa: PLC0415
        PluralFormsError,
        check_plural_rule,
        parse_plural_forms,
    )

    try:
        parsed = parse_plural_forms(value)
    except PluralFormsError:
        return False
    tags = selection(rules)[2]
    if check_plural_rule(parsed) or parsed.nplurals != len(tags):
        return False
    # Below COUNT_LIMIT every count must agree; above, only a category dropped by design (one
    # that whole counts reach only at exact millions) may differ.
    small = [*range(20_000), *range(20_000, COUNT_LIMIT, 997)]
    large = [10**k + d for k in range(6, 19) for d in range(-2, 3)]
    for n in small + large:
        tag = cldr_category(rules, n)
        if tag not in tags:
            if n < COUNT_LIMIT:
                return False
            continue
        if parsed(n) != tags.index(tag):
            return False
    return True


def cldr_plural_table(path: Path) -> dict[str, str]:
    data = json.loads(read_checked(path))["supplemental"]["plurals-type-cardinal"]
    table: dict[str, str] = {}
    for language, categories in sorted(data.items()):
        if language in ("und", "root"):
            continue
        rules = {
            key.rsplit("-", 1)[1]: parse_cldr(text)
            for key, text in categories.items()
            if key.rsplit("-", 1)[1] != "other"
        }
        value = to_gettext(rules)
        if value is None or not verify(value, rules):
            print(f"CLDR {language}: no exact gettext rule, left out", file=sys.stderr)
            continue
        table[language.replace("-", "_")] = value
    return table


# --- CLDR English names -----------------------------------------------------------------------


def english_names(root: Path, kind: str) -> dict[str, str]:
    names = json.loads((root / "main" / "en" / f"{kind}.json").read_text(encoding="utf-8"))
    table = names["main"]["en"]["localeDisplayNames"][kind]
    return {code: name for code, name in sorted(table.items()) if "-alt-" not in code}


# --- the module ---------------------------------------------------------------------------------


def literal(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def mapping(name: str, annotation: str, items: list[tuple[str, str]]) -> list[str]:
    lines = [f"{name}: {annotation} = {{"]
    lines += [f"    {literal(key)}: {literal(value)}," for key, value in items]
    lines.append("}")
    return lines


def pair_line(key: str, first: str, second: str) -> str:
    """A ``key: (first, second),`` entry laid out as ruff format would (line length 100)."""
    line = f"    {literal(key)}: ({literal(first)}, {literal(second)}),"
    if len(line) <= 100:
        return line
    return f"    {literal(key)}: (\n        {literal(first)},\n        {literal(second)},\n    ),"


def render(gettext_src: Path, cldr_core: Path, localenames: Path) -> str:
    src = gettext_src / "gettext-tools" / "src"
    plural_source = read_checked(src / "plural-table.c")
    lang_source = read_checked(src / "lang-table.c")
    gnu_plurals = c_entries(c_array(plural_source, "plural_table"), 3)
    languages = c_entries(c_array(lang_source, "language_table"), 2)
    variants = c_entries(c_array(lang_source, "language_variant_table"), 2)
    gnu_codes = {code for code, _, _ in gnu_plurals}
    cldr = cldr_plural_table(cldr_core / "supplemental" / "plurals.json")
    # msginit looks at the catalog name, then its language, in GNU's table only: a CLDR rule
    # for a region of a language GNU knows (pt_PT) would never be reached.
    cldr_items = [
        (code, value)
        for code, value in cldr.items()
        if code not in gnu_codes and code.split("_", 1)[0] not in gnu_codes
    ]
    english = {
        kind: english_names(localenames, kind)
        for kind in ("languages", "scripts", "territories", "variants")
    }
    lines = [
        '"""Language data that decides output bytes: plural rules and language names.',
        "",
        "Generated by scripts/gen_language_data.py; do not edit.  Sources, pinned:",
        f"GNU gettext {GETTEXT_VERSION} (gettext-tools/src/plural-table.c, lang-table.c) and",
        f"Unicode CLDR {CLDR_VERSION} (cldr-json: supplemental/plurals.json, main/en names).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f'GETTEXT_VERSION = "{GETTEXT_VERSION}"',
        f'CLDR_VERSION = "{CLDR_VERSION}"',
        "",
        "# msginit's table, in its order: catalog name -> (English name, Plural-Forms).",
        "GNU_PLURAL_FORMS: dict[str, tuple[str, str]] = {",
        *(pair_line(code, name, value) for code, name, value in gnu_plurals),
        "}",
        "",
        "# CLDR's cardinal rules over whole counts, for the languages GNU's table lacks.",
        *mapping("CLDR_PLURAL_FORMS", "dict[str, str]", cldr_items),
        "",
        "# lang-table.c, in its order: msgmerge looks a Language-Team up here (variants first).",
        "GNU_LANGUAGE_VARIANTS: tuple[tuple[str, str], ...] = (",
        *(f"    ({literal(code)}, {literal(name)})," for code, name in variants),
        ")",
        "GNU_LANGUAGES: tuple[tuple[str, str], ...] = (",
        *(f"    ({literal(code)}, {literal(name)})," for code, name in languages),
        ")",
        "",
        "# CLDR's English display names.",
    ]
    for kind, names in english.items():
        lines += mapping(f"ENGLISH_{kind.upper()}", "dict[str, str]", list(names.items()))
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--gettext", type=Path, required=True, help="GNU gettext source tree")
    parser.add_argument("--cldr-core", type=Path, required=True, help="cldr-core package")
    parser.add_argument(
        "--cldr-localenames", type=Path, required=True, help="cldr-localenames-full package"
    )
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    text = render(args.gettext, args.cldr_core, args.cldr_localenames)
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is not what the pinned sources give", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
