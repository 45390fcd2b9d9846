"""scheme-format: gettext 0.21's format-scheme.c, by hand and against msgfmt -c and msgattrib."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from lisp_family_oracle import family, wrap_entries
from tcl_family_oracle import family_batches

from format_oracle import compare_with_msgfmt, pairs_agree, plural_refused, refused
from hatch_minipo.formats import _lisp_family, scheme
from hatch_minipo.formats.base import Invalid
from hatch_minipo.formats.spans import inside_directives
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "scheme-format"
NOT_EQUIVALENT = "format specifications in 'msgid' and 'msgstr' are not equivalent"


def invalid(reason: str) -> list[str]:
    return [f"'msgstr' is not a valid Scheme format string, unlike 'msgid'. Reason: {reason}"]


def described(text: str) -> str:
    return _lisp_family.describe(scheme.scan(text).list)


# --- by hand: what each directive takes ------------------------------------------------------


def test_simple_directives_take_typed_arguments():
    """~A ~S ~Y take objects, ~D ~B ~O ~X ~R integers, ~C characters, ~F ~E ~G ~$ reals."""
    assert described("~A ~S ~Y") == "(* * * | . *)"
    assert described("~D ~B ~O ~X ~R") == "(i i i i i | . *)"
    assert described("~c ~f ~e ~g ~$") == "(c r r r r | . *)"
    assert described("~% ~& ~| ~~ ~_ ~/ ~! ~Q ~T ~\n") == "( | . *)"


def test_complex_numbers():
    """~I takes a complex number: a real or an integer is one too."""
    assert described("~I") == "(C | . *)"
    assert described("~I~:*~F") == "(r | . *)"
    assert described("~F~:*~I") == "(r | . *)"
    assert described("~I~:*~D") == "(i | . *)"
    assert described("~:[~I~;~F~]") == "(* C | . *)"
    assert refused(FLAG, "~F", "~I") == [NOT_EQUIVALENT]


def test_character_with_a_parameter_takes_no_argument():
    """Scheme's ~C takes a character only when it has no parameter."""
    assert described("~C") == "(c | . *)"
    assert described("~3C") == "( | . *)"
    assert described("~,C") == "( | . *)"
    assert refused(FLAG, "~C", "~1C") == [NOT_EQUIVALENT]


def test_changed_type_or_order_is_not_equivalent():
    """A translation must take the same arguments, in the same order, with the same types."""
    assert refused(FLAG, "~A and ~D", "~D and ~A") == [NOT_EQUIVALENT]
    assert refused(FLAG, "~D", "~x") == []
    assert refused(FLAG, "~A ~D", "~A") == [NOT_EQUIVALENT]


def test_indirection_and_iteration():
    """~? and ~K take a format string and a list; ~{ ~} iterate."""
    assert described("~K") == "(~ ( | . *) | . *)"
    assert described("~@K") == "(~ | . *)"
    assert described("~{~I~}") == "(( | . C) | . *)"
    assert described("~@{~A~I~}") == "( | . * C)"
    assert described("~v,vD") == "(i() c() i | . *)"
    assert described("~V!") == "(() | . *)"  # ~! takes no parameter: the V argument is NIL


def test_lenient_forms_follow_gettext_0_21():
    """0.21 compares the intersection with msgstr's list: a rare form may add arguments."""
    assert plural_refused(FLAG, "~D file", "~D files", ["~D ~A", "~D", "~D"]) == []
    assert plural_refused(FLAG, "~D file", "~D files", ["x", "~D", "~D"]) == [
        "format specifications in 'msgstr[0]' are not a subset of those in 'msgid_plural'"
    ]


# --- by hand: every reason of format-scheme.c ------------------------------------------------


@pytest.mark.parametrize(
    ("msgstr", "reason"),
    [
        ("~", "The string ends in the middle of a directive."),
        ("~'", "The string ends in the middle of a directive."),
        ("~-", "The string ends in the middle of a directive."),
        ("~-x", "In the directive number 1, '-' is not followed by a digit."),
        ("~W", "In the directive number 1, the character 'W' is not a valid conversion specifier."),
        (
            "~<~>",
            "In the directive number 1, the character '<' is not a valid conversion specifier.",
        ),
        (
            "~é",
            "The character that terminates the directive number 1 is not a valid conversion "
            "specifier.",
        ),
        (
            "~1,2,3,4T",
            "In the directive number 1, parameter 3 is of type 'integer' but a parameter of "
            "type 'character' is expected.",
        ),
        (
            "~'xI",
            "In the directive number 1, parameter 1 is of type 'character' but a parameter of "
            "type 'integer' is expected.",
        ),
        (
            "~1,2_",
            "In the directive number 1, too many parameters are given; expected at most 1 "
            "parameter.",
        ),
        (
            "~1Q",
            "In the directive number 1, too many parameters are given; expected at most 0 "
            "parameters.",
        ),
        ("~-2*", "In the directive number 1, the argument -2 is negative."),
        ("~)", "Found '~)' without matching '~('."),
        ("~}", "Found '~}' without matching '~{'."),
        ("~{~A", "Found '~|' without matching '~}'."),
        ("~@:[x~]", "In the directive number 1, both the @ and the : modifiers are given."),
        (
            "~:[x~]",
            "In the directive number 2, '~:[' is not followed by two clauses, separated by '~;'.",
        ),
        ("~(a~;b~)", "In the directive number 2, '~;' is used in an invalid position."),
        ("~D~:*~C", "The string refers to some argument in incompatible ways."),
    ],
)
def test_reasons(msgstr: str, reason: str):
    """Each way a string is invalid is worded as format-scheme.c words it."""
    assert refused(FLAG, "x", msgstr) == invalid(reason)


def test_invalid_msgid_is_not_checked():
    """msgfmt checks nothing when the msgid itself is not a valid format string."""
    assert refused(FLAG, "~W", "~D") == []


# --- gettext 0.21's bugs, and minipo's limits ------------------------------------------------


def test_crashing_and_slow_strings():
    """msgfmt 0.21 crashes on ~{~*~} and spins on a loop of four kinds; minipo answers."""
    assert _lisp_family.hazards(scheme.DIALECT, "~{~*~}", []) == {"undefined"}
    assert described("~{~*~}") == "(( | . *) | . *)"
    assert _lisp_family.hazards(scheme.DIALECT, "~@{~A~D~C~I~}", []) == {"slow"}
    assert described("~@{~A~D~C~I~}") == "( | . * i c C)"


def test_deep_strings_are_refused():
    """Brackets nest 64 deep at most."""
    with pytest.raises(Invalid, match="nests directives too deeply"):
        scheme.scan("~[" * 65)


def test_marks_protect_directives_up_to_an_error():
    """The wrapper keeps each top-level directive whole, brackets and all."""

    def protected(text: str) -> str:
        inside = inside_directives("scheme", text.encode(), False)
        assert inside is not None
        return "".join("^" if flag else " " for flag in inside).rstrip()

    assert protected("a ~10,2I b ~~") == "   ^^^^^    ^"
    assert protected("~:[no~;yes~] x") == " ^^^^^^^^^^^"
    assert protected("~A ~W ~D") == " ^"


def test_scan_raises_invalid_with_the_reason():
    """scan() raises base.Invalid with gettext's wording."""
    with pytest.raises(Invalid, match="ends in the middle"):
        scheme.scan("~")


# --- msgfmt -c and msgattrib as oracles ------------------------------------------------------


@pytest.mark.oracle
def test_hand_cases_match_msgfmt(tmp_path: Path) -> None:
    """The cases above, every reason among them, are refused as msgfmt -c refuses them."""
    pairs_agree(
        tmp_path,
        FLAG,
        [
            ("~A and ~D", "~D and ~A"),
            ("~F", "~I"),
            ("~I", "~F"),
            ("~C", "~1C"),
            ("~D", "~x"),
            ("~K", "~?"),
            ("~@{~A~I~}", "~@{~A~I~}"),
            ("x", "~"),
            ("x", "~-x"),
            ("x", "~W"),
            ("x", "~<~>"),
            ("x", "~é"),
            ("x", "~1,2,3,4T"),
            ("x", "~'xI"),
            ("x", "~1,2_"),
            ("x", "~1Q"),
            ("x", "~-2*"),
            ("x", "~)"),
            ("x", "~{~A"),
            ("x", "~@:[x~]"),
            ("x", "~:[x~]"),
            ("x", "~(a~;b~)"),
            ("x", "~D~:*~C"),
            ("~W", "~D"),
        ],
    )


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path) -> None:
    """1,200 generated singular and plural entries get msgfmt -c's first complaint, or none."""
    total, refusals = compare_with_msgfmt(
        tmp_path, family_batches(FLAG, family("scheme"), seed=1801)
    )
    assert total == 1200
    assert refusals > 0


@pytest.mark.oracle
def test_generated_entries_with_few_parameters_match_msgfmt(tmp_path: Path) -> None:
    """1,200 more, with fewer parameters: fewer invalid strings, more constraint algebra."""
    total, refusals = compare_with_msgfmt(
        tmp_path, family_batches(FLAG, family("scheme", rate=0.08), seed=1802)
    )
    assert total == 1200
    assert refusals > 0


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path) -> None:
    """Directives across the wrap column, valid or malformed, wrap as msgattrib wraps them."""
    directives = [
        "~A",
        "~10,2I",
        "~3C",
        "~{~A~^, ~}",
        "~:[no~;yes~]",
        "~@[(~D)~]",
        "~1,2,'xT",
        "~v,vD",
        "~~",
        "~W",
        "~<~A~>",
        "~{~A ~W~}",
        "~(~A",
    ]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


@pytest.mark.oracle
def test_wrapping_generated_strings_matches_msgattrib(tmp_path: Path) -> None:
    """600 generated strings, twice each at varying columns, wrap as msgattrib wraps them."""
    assert_wraps_like_msgattrib(tmp_path, wrap_entries("scheme", seed=1803, count=600))


LINEAR_BUILDS = {
    "directives": (1000, lambda n: "~A~I" * (n // 2)),
    "up-and-out": (1000, lambda n: "~A" * (n // 2) + "~^" * (n // 2)),
    "clauses": (250, lambda n: "~[" + "~;" * n + "~]"),
    "V parameters": (750, lambda n: "~" + "V," * n + "Q"),
    "iterations": (1000, lambda n: "~A~{~A~D~}" * (n // 10)),
    "growing list": (1000, lambda n: "~D~A~[~]" * (n // 4)),
}


@pytest.mark.parametrize("name", sorted(LINEAR_BUILDS))
def test_scan_is_linear(name: str) -> None:
    """Long runs of directives, clauses and parameters scan in time linear in their length."""
    n, build = LINEAR_BUILDS[name]
    assert_linear(scheme.scan, build, n=n, raises=Invalid)
