"""lisp-format: gettext 0.21's format-lisp.c, by hand and against msgfmt -c and msgattrib."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from lisp_family_oracle import family, wrap_entries
from tcl_family_oracle import family_batches

from format_oracle import compare_with_msgfmt, pairs_agree, plural_refused, refused
from hatch_minipo.formats import _lisp_family, lisp
from hatch_minipo.formats.base import Invalid
from hatch_minipo.formats.spans import inside_directives
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "lisp-format"
NOT_EQUIVALENT = "format specifications in 'msgid' and 'msgstr' are not equivalent"


def invalid(reason: str) -> list[str]:
    return [f"'msgstr' is not a valid Lisp format string, unlike 'msgid'. Reason: {reason}"]


def described(text: str) -> str:
    return _lisp_family.describe(lisp.scan(text).list)


# --- by hand: what each directive takes ------------------------------------------------------


def test_simple_directives_take_typed_arguments():
    """~A ~S ~W take objects, ~D ~B ~O ~X ~R integers, ~C characters, ~F ~E ~G ~$ reals."""
    assert described("~A ~S ~W") == "(* * * | . *)"
    assert described("~D ~B ~O ~X ~R") == "(i i i i i | . *)"
    assert described("~c ~f ~e ~g ~$") == "(c r r r r | . *)"
    assert described("~% ~& ~| ~~ ~I ~_ ~T ~\n") == "( | . *)"


def test_changed_type_or_order_is_not_equivalent():
    """A translation must take the same arguments, in the same order, with the same types."""
    assert refused(FLAG, "~A and ~D", "~D and ~A") == [NOT_EQUIVALENT]
    assert refused(FLAG, "~D", "~A") == [NOT_EQUIVALENT]
    assert refused(FLAG, "~D", "~x") == []
    assert refused(FLAG, "~A ~D", "~A") == [NOT_EQUIVALENT]
    assert refused(FLAG, "~s", "~A") == []


def test_parameters_and_v_arguments():
    """Parameters are numbers, 'c characters, # or V; a V parameter takes an argument."""
    assert described("~10,2F") == "(r | . *)"
    assert described("~5,'0D") == "(i | . *)"
    assert described("~v,vD") == "(i() c() i | . *)"
    assert described("~#,,,'xA") == "(* | . *)"
    assert described("~,,,vA") == "(c() * | . *)"
    # A V parameter beyond the signature must be NIL: an empty list.
    assert described("~vC") == "(() c | . *)"


def test_goto_moves_the_position():
    """~* skips, ~:* goes back, ~n@* jumps; an unknown count makes the rest unknown."""
    assert described("~A~*~D") == "(* * i | . *)"
    assert described("~D~:*~A") == "(i | . *)"
    assert described("~A~A~0@*~D") == "(i * | . *)"
    assert described("~A~3*~D") == "(* * * * i | . *)"
    assert described("~A~v*~D") == "(* i() | . *)"


def test_plural_and_indirection():
    """~P takes an object, ~:P reuses the previous one; ~? a format string and a list."""
    assert described("~D file~:P") == "(i | . *)"
    assert described("~P") == "(* | . *)"
    assert described("~?") == "(~ ( | . *) | . *)"
    assert described("~@?") == "(~ | . *)"


def test_conditionals():
    """~[ by number, ~:[ false/true, ~@[ if non-NIL; clauses are alternatives."""
    assert described("~[zero~;one~]~D") == "(* i | . *)"
    assert described("~[~D~;~D~]~A") == "(* | . *)"  # without a default, ~A's place is unknown
    assert described("~[~D~:;~D~]") == "(* i | . *)"
    assert described("~:[no~;~D~]") == "(* | . *)"
    assert described("~@[~D~]") == "(i() | . *)"
    assert described("~:[~D~;~D~]~A") == "(* i * | . *)"


def test_iterations():
    """~{ takes a list, ~:{ a list of lists, ~@{ the remaining arguments; ~{~} a format too."""
    assert described("~{~D~}") == "(( | . i) | . *)"
    assert described("~:{~D~}") == "(( | . (i | . *)) | . *)"
    assert described("~@{~A~D~}") == "( | . * i)"
    assert described("~{~}") == "(~ ( | . *) | . *)"
    assert described("~{~D~^, ~}") == "(( | . i) | . *)"


def test_justification_case_and_lisp_extras():
    """~< ~; ~> and ~( ~) run their clauses in order; ~/f/ and ~! call functions."""
    assert described("~<~A~;~D~>") == "(* i | . *)"
    assert described("~(~A ~D~)") == "(* i | . *)"
    assert described("~/pkg:fmt/") == "(* | . *)"
    assert described("~!") == "(f * | . *)"
    assert described("~v!") == "(ci() f * | . *)"


def test_up_and_out_lets_the_list_end():
    """~^ after an argument makes the following ones optional."""
    assert described("~A~^~D") == "(* . i | . *)"
    assert described("~^") == "( | . *)"


def test_lenient_forms_follow_gettext_0_21():
    """0.21 compares the intersection with msgstr's list: a rare form may add arguments."""
    # Dropping an argument in the rare forms 0 and 1 is refused (fixed upstream in 2025).
    assert plural_refused(FLAG, "~D file", "~D files", ["soubor", "soubory", "~D souborů"]) == [
        "format specifications in 'msgstr[0]' are not a subset of those in 'msgid_plural'",
        "format specifications in 'msgstr[1]' are not a subset of those in 'msgid_plural'",
    ]
    assert plural_refused(FLAG, "~D file", "~D files", ["~D ~A", "~D", "~D"]) == []
    assert plural_refused(FLAG, "~D file", "~D files", ["~D", "~D", "~A"]) == [
        "format specifications in 'msgid_plural' and 'msgstr[2]' are not equivalent"
    ]


# --- by hand: every reason of format-lisp.c --------------------------------------------------


@pytest.mark.parametrize(
    ("msgstr", "reason"),
    [
        ("~", "The string ends in the middle of a directive."),
        ("~5,", "The string ends in the middle of a directive."),
        ("~'", "The string ends in the middle of a directive."),
        ("~+", "The string ends in the middle of a directive."),
        ("~+x", "In the directive number 1, '+' is not followed by a digit."),
        ("~A~-D", "In the directive number 2, '-' is not followed by a digit."),
        ("~Q", "In the directive number 1, the character 'Q' is not a valid conversion specifier."),
        (
            "~\t",
            "The character that terminates the directive number 1 is not a valid conversion "
            "specifier.",
        ),
        (
            "~'éA",  # the é is two bytes to msgfmt: the second one ends the directive
            "The character that terminates the directive number 1 is not a valid conversion "
            "specifier.",
        ),
        (
            "~'xD",
            "In the directive number 1, parameter 1 is of type 'character' but a parameter of "
            "type 'integer' is expected.",
        ),
        (
            "~5,3D",
            "In the directive number 1, parameter 2 is of type 'integer' but a parameter of "
            "type 'character' is expected.",
        ),
        (
            "~1C",
            "In the directive number 1, too many parameters are given; expected at most 0 "
            "parameters.",
        ),
        (
            "~1,2%",
            "In the directive number 1, too many parameters are given; expected at most 1 "
            "parameter.",
        ),
        ("~-1*", "In the directive number 1, the argument -1 is negative."),
        ("~2147483648*", "In the directive number 1, the argument -2147483648 is negative."),
        ("~/pkg:fn", "The string ends in the middle of a ~/.../ directive."),
        ("~)", "Found '~)' without matching '~('."),
        ("x~]", "Found '~]' without matching '~['."),
        ("~}", "Found '~}' without matching '~{'."),
        ("~>", "Found '~>' without matching '~<'."),
        ("~(~A", "Found '~(' without matching '~)'."),
        ("~[~A", "Found '~\\' without matching '~]'."),  # sic: the character before ']'
        ("~{~A", "Found '~|' without matching '~}'."),
        ("~<~A", "Found '~=' without matching '~>'."),
        ("~:@[x~]", "In the directive number 1, both the @ and the : modifiers are given."),
        (
            "~:[x~]",
            "In the directive number 2, '~:[' is not followed by two clauses, separated by '~;'.",
        ),
        ("a~;b", "In the directive number 1, '~;' is used in an invalid position."),
        (
            "~A~{~Q~}",
            "In the directive number 1, the character 'Q' is not a valid conversion specifier.",
        ),
        ("~D~:*~C", "The string refers to some argument in incompatible ways."),
    ],
)
def test_reasons(msgstr: str, reason: str):
    """Each way a string is invalid is worded as format-lisp.c words it."""
    assert refused(FLAG, "x", msgstr) == invalid(reason)


def test_invalid_msgid_is_not_checked():
    """msgfmt checks nothing when the msgid itself is not a valid format string."""
    assert refused(FLAG, "~Q", "~D") == []


def test_strict_and_lenient_messages():
    """A strict form must be equivalent; a lenient one a subset (in 0.21's sense)."""
    assert plural_refused(FLAG, "~D", "~D", ["~A", "~D", "~D"]) == [
        "format specifications in 'msgstr[0]' are not a subset of those in 'msgid_plural'"
    ]
    assert plural_refused(FLAG, "~D", "~D", ["~D", "~D", "~C"]) == [
        "format specifications in 'msgid_plural' and 'msgstr[2]' are not equivalent"
    ]


# --- gettext 0.21's bugs, and minipo's limits ------------------------------------------------


def test_crashing_strings_are_read_as_fixed_gettext_reads_them():
    """Where msgfmt 0.21 crashes (~{~*~}) or asserts (~@?~v!), the fixed algorithm answers."""
    dialect = lisp.DIALECT
    assert _lisp_family.hazards(dialect, "~{~*~}", []) == {"undefined"}
    assert described("~{~*~}") == "(( | . *) | . *)"
    assert _lisp_family.hazards(dialect, "~@?~v!", []) == {"undefined"}
    assert described("~@?~v!") == "(~ | . *)"
    assert _lisp_family.hazards(dialect, "~{~D~}", ["~{~D~}"]) == set()


def test_slow_normalization_is_reproduced_quickly():
    """msgfmt 0.21 spins 2**32 times on a loop of four kinds; the result is the unchanged loop."""
    assert _lisp_family.hazards(lisp.DIALECT, "~@{~A~D~C~F~}", []) == {"slow"}
    assert described("~@{~A~D~C~F~}") == "( | . * i c r)"


def test_deep_or_costly_strings_are_refused():
    """Brackets nest 64 deep at most, and a string's constraints have a cost limit."""
    with pytest.raises(Invalid, match="nests directives too deeply"):
        lisp.scan("~(" * 65 + "~)" * 65)
    assert described("~(" * 64 + "~)" * 64) == "( | . *)"
    with pytest.raises(Invalid, match="too complex to be checked"):
        lisp.scan("~@{~A~D~}~1000000000@*~A")
    with pytest.raises(Invalid, match="too complex to be checked"):
        lisp.scan("~D~A~[~]" * 2000)


def test_marks_protect_directives_up_to_an_error():
    """The wrapper keeps each top-level directive whole, brackets and all."""

    def protected(text: str) -> str:
        inside = inside_directives("lisp", text.encode(), False)
        assert inside is not None
        return "".join("^" if flag else " " for flag in inside).rstrip()

    assert protected("a ~10,2F b ~~") == "   ^^^^^    ^"
    assert protected("~{~A, ~} x") == " ^^^^^^^"
    assert protected("~/pkg:fn/ ~A") == " ^^^^^^^^  ^"
    assert protected("~A ~Q ~D") == " ^"
    assert protected("~A ~{~A ~Q~} ~D") == " ^"


def test_scan_raises_invalid_with_the_reason():
    """scan() raises base.Invalid with gettext's wording."""
    with pytest.raises(Invalid, match="ends in the middle"):
        lisp.scan("~")


# --- msgfmt -c and msgattrib as oracles ------------------------------------------------------


@pytest.mark.oracle
def test_hand_cases_match_msgfmt(tmp_path: Path) -> None:
    """The cases above, every reason among them, are refused as msgfmt -c refuses them."""
    pairs_agree(
        tmp_path,
        FLAG,
        [
            ("~A and ~D", "~D and ~A"),
            ("~D", "~x"),
            ("~D", "~A"),
            ("~A ~D", "~A"),
            ("~v,vD", "~D"),
            ("~A~*~D", "~A~A~D"),
            ("~D file~:P", "~D soubor~:P"),
            ("~[zero~;one~:;many~]", "~D"),
            ("~{~D~^, ~}", "~{~D~}"),
            ("~@{~A~D~}", "~@{~A~D~}"),
            ("~<~A~;~D~>", "~A~D"),
            ("~!", "~A~A"),
            ("~A~^~D", "~A~D"),
            ("~@{~A~D~}", "~@{~A~D~}~0@*~A"),
            ("x", "~"),
            ("x", "~+x"),
            ("x", "~Q"),
            ("x", "~\t"),
            ("x", "~'éA"),
            ("x", "~'xD"),
            ("x", "~5,3D"),
            ("x", "~1C"),
            ("x", "~1,2%"),
            ("x", "~-1*"),
            ("x", "~2147483648*"),
            ("x", "~/pkg:fn"),
            ("x", "~)"),
            ("x", "~{~A"),
            ("x", "~[~A"),
            ("x", "~<~A"),
            ("x", "~:@[x~]"),
            ("x", "~:[x~]"),
            ("x", "a~;b"),
            ("x", "~A~{~Q~}"),
            ("x", "~D~:*~C"),
            ("~Q", "~D"),
        ],
    )


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path) -> None:
    """1,200 generated singular and plural entries get msgfmt -c's first complaint, or none."""
    total, refusals = compare_with_msgfmt(tmp_path, family_batches(FLAG, family("lisp"), seed=1701))
    assert total == 1200
    assert refusals > 0


@pytest.mark.oracle
def test_generated_entries_with_few_parameters_match_msgfmt(tmp_path: Path) -> None:
    """1,200 more, with fewer parameters: fewer invalid strings, more constraint algebra."""
    total, refusals = compare_with_msgfmt(
        tmp_path, family_batches(FLAG, family("lisp", rate=0.08), seed=1702)
    )
    assert total == 1200
    assert refusals > 0


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path) -> None:
    """Directives across the wrap column, valid or malformed, wrap as msgattrib wraps them."""
    directives = [
        "~A",
        "~10,2F",
        "~5,'0D",
        "~{~A~^, ~}",
        "~:[no~;yes~]",
        "~@[(~D)~]",
        "~/pkg:fn/",
        "~<~A~;~D~>",
        "~v,vD",
        "~~",
        "~Q",
        "~'éA",
        "~{~A ~Q~}",
        "~5,3D",
        "~(~A",
    ]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


@pytest.mark.oracle
def test_wrapping_generated_strings_matches_msgattrib(tmp_path: Path) -> None:
    """600 generated strings, twice each at varying columns, wrap as msgattrib wraps them."""
    assert_wraps_like_msgattrib(tmp_path, wrap_entries("lisp", seed=1703, count=600))


LINEAR_BUILDS = {
    "directives": (750, lambda n: "~A~D" * (n // 2)),
    "up-and-out": (1000, lambda n: "~A" * (n // 2) + "~^" * (n // 2)),
    "goto back": (1250, lambda n: "~D~:*~A" * (n // 3)),
    "clauses": (250, lambda n: "~[" + "~;" * n + "~]"),
    "V parameters": (750, lambda n: "~" + "V," * n + "A"),
    "iterations": (1000, lambda n: "~A~{~A~D~}" * (n // 10)),
    "conditionals": (1250, lambda n: "~:[~A~;~D~]~@[~A~]" * (n // 18)),
    # Quadratic in gettext (each ~[ copies the whole list): cut off by the budget.
    "growing list": (1000, lambda n: "~D~A~[~]" * (n // 4)),
    "nesting": (4000, lambda n: "~{" * n),
}


@pytest.mark.parametrize("name", sorted(LINEAR_BUILDS))
def test_scan_is_linear(name: str) -> None:
    """Long runs of directives, clauses and parameters scan in time linear in their length."""
    n, build = LINEAR_BUILDS[name]
    assert_linear(lisp.scan, build, n=n, raises=Invalid)
