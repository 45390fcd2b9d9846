"""scripts/gen_language_data.py: CLDR rules become exact gettext rules over whole counts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hatch_minipo import _language_data as data
from hatch_minipo.plural.grammar import parse_plural_forms

if TYPE_CHECKING:
    from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "gen_language_data.py"


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_language_data", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_language_data"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


ARABIC = {
    "zero": "n = 0 @integer 0",
    "one": "n = 1 @integer 1",
    "two": "n = 2 @integer 2",
    "few": "n % 100 = 3..10 @integer 3~10, 103~110, 1003, …",
    "many": "n % 100 = 11..99 @integer 11~26, 111, 1011, …",
}
FRENCH = {
    "one": "i = 0,1 @integer 0, 1 @decimal 0.0~1.5",
    "many": "e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5 @integer 1000000",
}


def _rules(gen: ModuleType, texts: dict[str, str]) -> dict[str, object]:
    return {tag: gen.parse_cldr(text) for tag, text in texts.items()}


def test_arabic_becomes_six_forms_in_cldr_order(gen: ModuleType) -> None:
    """Arabic's six categories become forms 0-5, the same counts in the same forms as CLDR's."""
    rules = _rules(gen, ARABIC)
    value = gen.to_gettext(rules)
    assert value == data.CLDR_PLURAL_FORMS["ar"]
    assert gen.verify(value, rules)
    rule = parse_plural_forms(value)
    counts = (0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111)
    assert [rule(n) for n in counts] == [0, 1, 2, 3, 3, 4, 4, 5, 5, 3, 4]


def test_millions_only_category_is_dropped(gen: ModuleType) -> None:
    """French "many" (exact millions) gives no form: two forms, "one" for 0 and 1."""
    value = gen.to_gettext(_rules(gen, FRENCH))
    assert value == "nplurals=2; plural=(n<=1 ? 0 : 1);"


def test_rule_not_understood_stops_the_script(gen: ModuleType) -> None:
    """An operator the parser does not know ends the generation instead of guessing."""
    with pytest.raises(SystemExit, match="not understood"):
        gen.parse_cldr("n is 1")


def test_gnu_table_entries_are_read_exactly(gen: ModuleType) -> None:
    """The C initializers of plural-table.c are read field by field, escapes refused."""
    body = '{ "fr", "French", "nplurals=2; plural=(n > 1);" },\n    { "ja", "Japanese", "x" }'
    assert gen.c_entries(body, 3) == [
        ("fr", "French", "nplurals=2; plural=(n > 1);"),
        ("ja", "Japanese", "x"),
    ]
    with pytest.raises(SystemExit):
        gen.c_entries('{ "a\\"b", "c", "d" }', 3)
