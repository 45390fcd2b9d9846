"""Plural-Forms: GNU's grammar, C arithmetic, and the bounds on what a header may ask."""

import pickle
from pathlib import Path

import pytest

from hatch_minipo.plural.grammar import (
    MAX_DEPTH,
    MAX_NPLURALS,
    MissingPluralAttributeError,
    PluralFormsError,
    PluralRule,
    check_plural_rule,
    parse_plural_forms,
)
from plural_samples import KNOWN_RULES, ULONG

# --- the grammar ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", sorted(KNOWN_RULES))
def test_known_rules_give_each_count_its_form(language: str) -> None:
    """Conventional rules of many languages pick the documented form for n = 0..200."""
    value, expected = KNOWN_RULES[language]
    rule = parse_plural_forms(value)
    assert [rule(n) for n in range(201)] == [expected(n) for n in range(201)]
    assert check_plural_rule(rule) == []


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("2+3*4", 14),
        ("(2+3)*4", 20),
        ("10-3-2", 5),
        ("100/10/5", 2),
        ("7%4*3", 9),
        ("3>2>1", 0),
        ("1==1==1", 1),
        ("!0+1", 2),
        ("!!5", 1),
        ("!5==0", 1),
        ("1||0&&0", 1),
        ("0?1:1?2:3", 2),
        ("1 ? 0 ? 5 : 6 : 7", 6),
        ("!1?2:3", 3),
        ("0 ? 2 : 3 + 4", 7),
        ("1 + 1 ? 5 : 6", 5),
        ("1 || 1/0", 1),
        ("0 && 1/0", 0),
        ("0-1", ULONG - 1),
        ("18446744073709551617", 1),
        ("4294967296*4294967296+7", 7),
        ("\t3\t+\t4", 7),
        ("03", 3),
    ],
)
def test_precedence_and_c_arithmetic(expression: str, value: int) -> None:
    """Operators bind and wrap as in plural.y and eval-plural.h (values checked with msgfmt)."""
    assert PluralRule(1, expression)(0) == value


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "(",
        ")",
        "()",
        "3 4",
        "n n",
        "nn",
        "N != 1",
        "3 = 4",
        "3 & 4",
        "3 | 4",
        "3 &&& 4",
        "! = 3",
        "3 ! = 4",
        "3 <> 4",
        "3 => 4",
        "3 << 4",
        "+3",
        "-1",
        "3.5",
        "0x10",
        "3 ?",
        "3 ? 4",
        "3 : 4",
        "3 ? 4 : 5 : 6",
        "(3 ? 4) : 5",
        "3 +\r4",
        "3 +\v4",
        "3 +\f4",
        "n != 1 )",
        "n if n else 1",
        "not n",
        "n ** 2",
        "n // 2",
        "True",
        "\uff11",  # FULLWIDTH DIGIT ONE: a digit to Python, not to C
    ],
)
def test_bad_syntax_is_refused(expression: str) -> None:
    """What plural.y rejects is refused, with a message naming the expression."""
    with pytest.raises(PluralFormsError, match="invalid plural expression"):
        parse_plural_forms(f"nplurals=2; plural={expression};")


def test_python_code_is_refused_and_never_run(tmp_path: Path) -> None:
    """A header carrying Python code is refused without running any of it."""
    target = tmp_path / "X"
    for value in (
        f'nplurals=2; plural=__import__("os").system("touch {target}");',
        f"nplurals=2; plural=(lambda: open('{target}', 'w'))() and 0;",
        f"nplurals=2; plural=n if open('{target}', 'w') else 0;",
    ):
        with pytest.raises(PluralFormsError, match="is not allowed"):
            parse_plural_forms(value)
    assert not target.exists()


def test_header_forms_msgfmt_accepts() -> None:
    """Attributes in any order, extra fields, no final ';' and white space all read as GNU."""
    for value in (
        "nplurals=2; plural=n != 1;",
        "nplurals=2; plural=n != 1",
        "plural=n!=1; nplurals=2",
        "nplurals= 2 ; plural= n!=1 ;",
        "nplurals=2; plural=n!=1; extra=3; foo",
        "nplurals=2x; plural=n!=1;",
        "nplurals=\n2; plural=n != 1\n+ 5;",
    ):
        rule = parse_plural_forms(value)
        assert (rule.nplurals, rule.expression) in ((2, "n != 1"), (2, "n!=1"))


def test_whole_header_reads_like_msgfmt() -> None:
    """Given the whole header, the first `plural=` anywhere wins, exactly as in msgfmt."""
    header = "Language: pl\nPlural-Forms: nplurals=3; plural=(n==1 ? 0 : 2);\n"
    assert parse_plural_forms(header).expression == "(n==1 ? 0 : 2)"
    with pytest.raises(PluralFormsError, match="invalid plural expression"):
        parse_plural_forms("X-Note: plural=(\nPlural-Forms: nplurals=2; plural=n != 1;\n")


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        ("nplurals=2;", "plural=EXPRESSION"),
        ("nplurals=2; plural =n!=1;", "plural=EXPRESSION"),
        ("plural=n!=1;", "nplurals=INTEGER"),
        ("", "plural=EXPRESSION"),
    ],
)
def test_missing_attribute_has_its_own_error(value: str, missing: str) -> None:
    """A missing attribute is told apart (msgfmt reports it only for catalogs with plurals)."""
    with pytest.raises(MissingPluralAttributeError, match=missing):
        parse_plural_forms(value)


def test_expression_is_normalised_and_rule_is_a_value() -> None:
    """White space collapses; equal rules compare, hash and pickle as values."""
    rule = parse_plural_forms("nplurals=2;  plural=\t n  !=\t1 ;")
    assert rule == PluralRule(2, "n != 1")
    assert rule.expression == "n != 1"
    assert str(rule) == "nplurals=2; plural=n != 1;"
    copy = pickle.loads(pickle.dumps(rule))  # noqa: S301 - our own bytes
    assert copy == rule
    assert hash(copy) == hash(rule)
    assert copy(1) == 0
    assert copy(5) == 1


def test_counts_are_c_unsigned_longs() -> None:
    """A count wraps to unsigned long as ngettext's argument does."""
    rule = parse_plural_forms("nplurals=2; plural=n == 18446744073709551615;")
    assert rule(-1) == 1
    assert rule(ULONG - 1) == 1
    assert rule(ULONG) == 0


def test_division_by_zero_raises_plural_forms_error() -> None:
    """Division or remainder by zero is a PluralFormsError, not ZeroDivisionError."""
    rule = parse_plural_forms("nplurals=2; plural=n%(n-1);")
    assert rule(3) == 1
    with pytest.raises(PluralFormsError, match="divides by zero for n = 1"):
        rule(1)
    assert check_plural_rule(rule) == ["plural expression can produce division by zero"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nplurals=0; plural=0;", "nplurals = 0 is not a valid value"),
        ("nplurals=101; plural=0;", "nplurals = 101 is not a valid value"),
        ("nplurals=1000000; plural=0;", "nplurals = 1000000 is not a valid value"),
        ("nplurals=" + "9" * 5000 + "; plural=0;", "nplurals = 999.* is not a valid value"),
        ("nplurals=-1; plural=0;", 'invalid nplurals value: .*found "-1"'),
        ("nplurals=x; plural=0;", 'invalid nplurals value: .*found "x"'),
        ("nplurals=; plural=0;", "invalid nplurals value"),
    ],
)
def test_absurd_nplurals_is_refused(value: str, message: str) -> None:
    """nplurals must be a count from 1 to MAX_NPLURALS."""
    with pytest.raises(PluralFormsError, match=message):
        parse_plural_forms(value)


def test_nplurals_bounds_in_the_constructor() -> None:
    """The constructor checks nplurals as the parser does; MAX_NPLURALS itself is fine."""
    assert PluralRule(MAX_NPLURALS, "0").nplurals == MAX_NPLURALS
    for bad in (0, -1, MAX_NPLURALS + 1, True):
        with pytest.raises(PluralFormsError):
            PluralRule(bad, "0")


@pytest.mark.parametrize(
    "expression",
    [
        "(" * 100_000 + "n" + ")" * 100_000,
        "!" * 100_000 + "n",
        "+".join(["n"] * 10_000),
        "n ? " * 5_000 + "1" + " : 0" * 5_000,
        "(" * 1_000_000,
    ],
)
def test_absurd_nesting_is_refused_without_recursion_error(expression: str) -> None:
    """Deeper than MAX_DEPTH is a PluralFormsError, never a RecursionError."""
    with pytest.raises(PluralFormsError, match=f"more than {MAX_DEPTH} levels"):
        PluralRule(2, expression)


def test_nesting_up_to_the_limit_works() -> None:
    """Exactly MAX_DEPTH levels parse and evaluate."""
    assert PluralRule(2, "!" * (MAX_DEPTH - 1) + "n")(0) == 1
    parens = "(" * MAX_DEPTH + "n" + ")" * MAX_DEPTH
    assert PluralRule(2, parens)(1) == 1


@pytest.mark.parametrize(
    ("value", "problems"),
    [
        ("nplurals=2; plural=n != 1;", []),
        ("nplurals=2; plural=n-1;", ["plural expression can produce negative values"]),
        ("nplurals=2; plural=n/(n-n);", ["plural expression can produce division by zero"]),
        (
            "nplurals=2; plural=5;",
            ["nplurals = 2 but plural expression can produce values as large as 5"],
        ),
        (
            "nplurals=2; plural=n==1000 ? 7 : 0;",
            ["nplurals = 2 but plural expression can produce values as large as 7"],
        ),
        ("nplurals=2; plural=n==1001 ? 7 : 0;", []),
        (
            "nplurals=3; plural=n==5 ? n-6 : n==3 ? 7 : 0;",
            ["nplurals = 3 but plural expression can produce values as large as 7"],
        ),
    ],
)
def test_check_plural_rule(value: str, problems: list[str]) -> None:
    """check_plural_rule evaluates n = 0..1000 and reports the first problem like msgfmt."""
    assert check_plural_rule(parse_plural_forms(value)) == problems
