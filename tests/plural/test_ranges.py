"""Plural rules judged for every n: range analysis proves them safe or finds the count that fails."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hatch_minipo import _language_data
from hatch_minipo.compiler import compile_catalog
from hatch_minipo.plural.grammar import (
    PluralFormsError,
    check_every_count,
    check_plural_rule,
    parse_plural_forms,
)
from hatch_minipo.plural.ranges import MASK

TABLE_RULES = sorted(
    {value for _, value in _language_data.GNU_PLURAL_FORMS.values()}
    | {
        value if isinstance(value, str) else value[-1]
        for value in _language_data.CLDR_PLURAL_FORMS.values()
    }
)


def test_every_rule_of_the_tables_is_proven_safe():
    """Every distinct rule of GNU's and CLDR's tables is proven safe without a search."""
    unproven = [value for value in TABLE_RULES if check_every_count(parse_plural_forms(value))]
    assert len(TABLE_RULES) > 30  # distinct rules; many languages share one
    assert unproven == []


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (
            "nplurals=2; plural=n > 5000 ? n % 0 : n != 1;",
            "plural expression divides by zero for n = 5001 (msgfmt tries 0..1000 only)",
        ),
        (
            "nplurals=2; plural=n > 5000 ? 7 : n != 1;",
            "nplurals = 2 but plural expression gives 7 for n = 5001 (msgfmt tries 0..1000 only)",
        ),
        (
            "nplurals=2; plural=n / 1000;",
            "nplurals = 2 but plural expression gives 2 for n = 2000 (msgfmt tries 0..1000 only)",
        ),
    ],
)
def test_rules_failing_only_above_1000_are_refused(value, problem):
    """msgfmt -c accepts these (it tries n = 0..1000); they fail or cannot be shown safe beyond."""
    rule = parse_plural_forms(value)
    assert check_plural_rule(rule) == []
    assert check_every_count(rule) == [problem]
    header = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {value}\\n"\n'
    result = compile_catalog((header + '\nmsgid "a"\nmsgstr "b"\n').encode(), "x.po")
    assert result.mo is None
    assert [str(d) for d in result.diagnostics] == [f"x.po:2: {problem}"]


_ATOMS = st.one_of(
    st.just("n"), st.integers(0, 12).map(str), st.sampled_from(["1000", "4294967296"])
)
_OPERATORS = ["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"]


def _grow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(children, st.sampled_from(_OPERATORS), children).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"
    )
    ternary = st.tuples(children, children, children).map(lambda t: f"({t[0]} ? {t[1]} : {t[2]})")
    return st.one_of(binary, ternary, children.map(lambda c: f"!{c}"))


_EXPRESSIONS = st.recursive(_ATOMS, _grow, max_leaves=8)
_COUNTS = st.one_of(st.integers(0, 5000), st.integers(0, MASK))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expression=_EXPRESSIONS, counts=st.lists(_COUNTS, min_size=1, max_size=20))
def test_the_analysis_is_sound(expression, counts):
    """Every value a rule gives lies in its range, and a rule proven safe never fails."""
    rule = parse_plural_forms(f"nplurals=100; plural={expression};")
    values = rule._compiled.values
    for n in counts:
        try:
            value = rule(n)
        except PluralFormsError:
            assert values.fails, (expression, n)
            continue
        assert values.lo <= value <= values.hi, (expression, n, value, values)


@pytest.mark.parametrize(
    "value", ["nplurals=3; plural=n > 2 ? 2 : n;", "nplurals=3; plural=n - 1 < 2 ? n - 1 : 2;"]
)
def test_rules_that_cannot_be_proven_compile_with_a_warning(value):
    """A safe rule the analysis cannot prove (no count fails) compiles, with a warning."""
    rule = parse_plural_forms(value)
    assert check_every_count(rule) == []
    header = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {value}\\n"\n'
    result = compile_catalog((header + '\nmsgid "a"\nmsgstr "b"\n').encode(), "x.po")
    assert result.mo is not None
    assert [str(d) for d in result.diagnostics] == [
        "x.po:2: warning: cannot show that the plural expression stays below nplurals = 3 (it"
        " may reach 18446744073709551615) for every n above 1000; no count tried fails"
    ]
