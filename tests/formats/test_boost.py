"""boost-format: gettext 0.21's format-boost.c, by hand and against msgfmt -c and msgattrib."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tcl_family_oracle import family_batches

from format_oracle import compare_with_msgfmt, pairs_agree, plural_refused, refused
from hatch_minipo.formats import boost
from hatch_minipo.formats.base import Invalid
from hatch_minipo.formats.spans import inside_directives
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    import random
    from pathlib import Path

FLAG = "boost-format"
MIXES = (
    "The string refers to arguments both through absolute argument numbers and through "
    "unnumbered argument specifications."
)


def invalid(reason: str) -> list[str]:
    return [f"'msgstr' is not a valid Boost format string, unlike 'msgid'. Reason: {reason}"]


def not_same(number: int) -> list[str]:
    return [f"format specifications in 'msgid' and 'msgstr' for argument {number} are not the same"]


# --- by hand ---------------------------------------------------------------------------------


def test_boost_own_directives():
    """'%N%' takes argument N of any type; '%|...|' may leave out its conversion."""
    assert boost.scan("%1% and %2%") == ((1, boost.ANY), (2, boost.ANY))
    assert boost.scan("%|5|") == ((1, boost.ANY),)
    assert boost.scan("%|1$-8d|") == ((1, boost.INTEGER),)
    assert refused(FLAG, "%1% of %2%", "%2% z %1%") == []
    assert refused(FLAG, "%|1$s|", "%1%") == []


def test_printf_directives_and_their_types():
    """printf conversions give char, integer, double, pointer or any; 't', 'n', 'TX' none."""
    assert boost.scan("%c%S%i%X%G%p") == (
        (1, boost.CHAR),
        (2, boost.ANY),
        (3, boost.INTEGER),
        (4, boost.INTEGER),
        (5, boost.DOUBLE),
        (6, boost.POINTER),
    )
    assert boost.scan("%t%n%T*%%") == ()
    assert refused(FLAG, "%d %f", "%i %e") == []
    assert refused(FLAG, "%d", "%s") == not_same(1)
    assert refused(FLAG, "%'_=hl5.3Lf", "%f") == []


def test_stars_take_integer_arguments():
    """'*' and '*m$' widths and precisions read integer arguments."""
    assert boost.scan("%*.*f") == ((1, boost.INTEGER), (2, boost.INTEGER), (3, boost.DOUBLE))
    assert boost.scan("%2$*1$d") == ((1, boost.INTEGER), (2, boost.INTEGER))
    assert boost.scan("%3$.*1$f") == ((1, boost.INTEGER), (3, boost.DOUBLE))


def test_any_type_merges_with_every_other():
    """A number used as '%N%' (any type) and as '%N$d' is an integer argument."""
    assert boost.scan("%1% %1$d") == ((1, boost.INTEGER),)
    assert refused(FLAG, "%1$d %1$f", "x") == []  # an invalid msgid is not checked
    assert refused(FLAG, "%1$d", "%1$d %1$f") == invalid(
        "The string refers to argument number 1 in incompatible ways."
    )


def test_argument_numbers_zero():
    """Argument, width and precision numbers 0 (or wrapping to 0) are refused."""
    assert refused(FLAG, "%1%", "%4294967296%") == invalid(
        "In the directive number 1, the argument number 0 is not a positive integer."
    )
    assert refused(FLAG, "%1%", "%1% %1$*0$d") == invalid(
        "In the directive number 2, the width's argument number 0 is not a positive integer."
    )
    assert refused(FLAG, "%1%", "%1$.*00$d") == invalid(
        "In the directive number 1, the precision's argument number 0 is not a positive integer."
    )


def test_mixing_numbered_and_unnumbered():
    """Numbers ('%N%', 'N$', '*N$') and unnumbered arguments may not be mixed."""
    assert refused(FLAG, "%s", "%1% %s") == invalid(MIXES)
    assert refused(FLAG, "%s", "%s %1%") == invalid(MIXES)
    assert refused(FLAG, "%s", "%1$*d") == invalid(MIXES)
    assert refused(FLAG, "%s", "%*1$d") == invalid(MIXES)
    assert refused(FLAG, "%1%", "%1% %t %%") == []  # no argument, no mix


def test_bars_must_close():
    """A directive opened with '%|' needs its closing '|'."""
    assert refused(FLAG, "%s", "%|s x") == invalid(
        "The directive number 1 starts with | but does not end with |."
    )
    assert refused(FLAG, "%s", "%|s") == invalid("The string ends in the middle of a directive.")
    assert refused(FLAG, "%s", "%|1%|") == invalid(
        "In the directive number 1, the character '%' is not a valid conversion specifier."
    )


def test_bad_and_unterminated_directives():
    """Unknown conversions, a bare '|', a 'T' without its character, a '%' at the end."""
    assert refused(FLAG, "%s", "%5|") == invalid(
        "In the directive number 1, the character '|' is not a valid conversion specifier."
    )
    assert refused(FLAG, "%s", "%s %é") == invalid(
        "The character that terminates the directive number 2 is not a valid conversion specifier."
    )
    assert refused(FLAG, "%s", "%s %T") == invalid("The string ends in the middle of a directive.")
    assert refused(FLAG, "%s", "%s %5.") == invalid("The string ends in the middle of a directive.")


def test_lenient_plural_forms_never_accept_a_new_argument():
    """Lenient forms may drop arguments; the strict one may not."""
    assert plural_refused(FLAG, "%1% file", "%1% files", ["one", "few", "%1% many"]) == []
    assert plural_refused(FLAG, "%1% file", "%1% files", ["%1%", "%1%", "many"]) == [
        "a format specification for argument 1 doesn't exist in 'msgstr[2]'"
    ]
    assert plural_refused(FLAG, "%1% file", "%1% files", ["%2%", "%1%", "%1%"]) == [
        "a format specification for argument 2, as in 'msgstr[0]', doesn't exist in 'msgid_plural'"
    ]


def test_marks_protect_directives_up_to_an_error():
    """The wrapper keeps each directive whole; a malformed one is not protected."""

    def protected(text: str) -> str:
        inside = inside_directives("boost", text.encode(), False)
        assert inside is not None
        return "".join("^" if flag else " " for flag in inside).rstrip()

    assert protected("a %1% b %|2$-5d| %Tx") == "   ^^    ^^^^^^^  ^^"
    assert protected("%s %|5d x") == " ^"


def test_scan_raises_invalid_with_the_reason():
    """scan() raises base.Invalid with gettext's wording."""
    with pytest.raises(Invalid, match="does not end with"):
        boost.scan("%|d.")


# --- msgfmt -c and msgattrib as oracles ------------------------------------------------------

_CONVERSIONS = [*"cCsSidouxXeEfgGpnt", "T-", "Tx"]
_TEXT = ["", "", " ", "abc ", "é ", "x", " | ", "{}", "\\", "1"]


def _star(rng: random.Random, number: int | None) -> str:
    if number is None:
        return "*"
    return f"*{rng.choice([1, 2, 3, 0]) if rng.random() < 0.1 else rng.randint(1, 3)}$"


def _directive(rng: random.Random, number: int | None) -> str:
    r = rng.random()
    if r < 0.05:
        return "%%"
    if number is not None and r < 0.4:
        return f"%{number}%"
    brackets = rng.random() < 0.2
    head = "%|" if brackets else "%"
    if number is not None:
        head += f"{number}$"
    flags = "".join(rng.choice(" +-#0'_=hl") for _ in range(rng.choice([0, 0, 0, 1, 2])))
    width = rng.choice(["", "", "", "5", _star(rng, number)])
    precision = rng.choice(["", "", "", "", ".3", "." + _star(rng, number), "."])
    size = rng.choice(["", "", "", "", "h", "l", "L", "ll"])
    conversion = rng.choice(_CONVERSIONS)
    if brackets:
        conversion = rng.choice([conversion, ""]) + rng.choice(["|", "|", "|", "|", "", "x"])
    if rng.random() < 0.04:
        conversion = rng.choice(["q", "$", "é", "\t", "|", "%", "", "T"])
    return head + flags + width + precision + size + conversion


def _numbers(rng: random.Random, count: int) -> list[int | None]:
    style = rng.random()
    if style < 0.45:
        return [None] * count
    numbers: list[int | None] = list(range(1, count + 1))
    rng.shuffle(numbers)
    if style > 0.9 and numbers:
        numbers[rng.randrange(count)] = rng.choice([None, 0, 4294967297, 1, count + 1])
    return numbers


def _render(rng: random.Random, directives: list[str]) -> str:
    text = "".join(rng.choice(_TEXT) + d for d in directives) + rng.choice(_TEXT)
    if rng.random() < 0.03:
        text += "%" + rng.choice(["", "|", "1$", "-", ".", "h", "*.", "|5"])  # unterminated
    return text


def _mutate(rng: random.Random, directives: list[str]) -> list[str]:
    out = list(directives)
    move = rng.random()
    if move < 0.35 or not out:
        pass
    elif move < 0.5:
        del out[rng.randrange(len(out))]
    elif move < 0.6:
        out.insert(rng.randrange(len(out) + 1), _directive(rng, None))
    elif move < 0.7:
        k = rng.randrange(len(out))
        out[k] = out[k][:-1] + rng.choice(_CONVERSIONS)
    elif move < 0.8:
        rng.shuffle(out)
    elif move < 0.9:
        k = rng.randrange(len(out))
        out[k] = out[k].replace("%", rng.choice(["%2$", "%1$", "%|", "%*", "%1%"]), 1)
    else:
        out = [_directive(rng, n) for n in _numbers(rng, rng.randrange(4))]
    return out


def _family(rng: random.Random, k: int) -> list[str]:
    count = rng.choice([0, 1, 1, 2, 2, 3, 4])
    directives = [_directive(rng, n) for n in _numbers(rng, count)]
    return [_render(rng, directives)] + [
        _render(rng, _mutate(rng, directives)) for _ in range(k - 1)
    ]


@pytest.mark.oracle
def test_hand_cases_match_msgfmt(tmp_path: Path) -> None:
    """The cases above, every reason among them, are refused as msgfmt -c refuses them."""
    pairs_agree(
        tmp_path,
        FLAG,
        [
            ("%1%", "%4294967296%"),
            ("%1%", "%1% %1$*0$d"),
            ("%1%", "%1$.*00$d"),
            ("%s", "%1% %s"),
            ("%s", "%s %1%"),
            ("%s", "%1$*d"),
            ("%s", "%*1$d"),
            ("%s", "%|s x"),
            ("%s", "%|s"),
            ("%s", "%|1%|"),
            ("%s", "%5|"),
            ("%s", "%s %é"),
            ("%s", "%s %T"),
            ("%s", "%s %5."),
            ("%1$d", "%1$d %1$f"),
            ("%1% %1$d", "%1$d"),
            ("%d", "%s"),
            ("%|5|", "%1%"),
            ("%t%n%T*", "%%"),
            ("%1%", "%1% %t %%"),
        ],
    )


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path) -> None:
    """1,200 generated singular and plural entries get msgfmt -c's first complaint, or none."""
    total, refusals = compare_with_msgfmt(tmp_path, family_batches(FLAG, _family, seed=2201))
    assert total == 1200
    assert refusals > 0


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path) -> None:
    """Directives across the wrap column, valid or malformed, wrap as msgattrib wraps them."""
    directives = [
        "%1%",
        "%|1$ 5d|",
        "%| 5|",
        "% d",
        "%*.*f",
        "%%",
        "%T ",
        "%| d x",
        "%5 q",
        "% ",
        "%|5é x|",
    ]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_scan_is_linear() -> None:
    """Long runs of directives, digits and stars scan in time linear in their length."""
    cases = [
        (1250, lambda n: "%*.*hd" * n),
        (750, lambda n: "%1%%1$d" * n),
        (14000, lambda n: "%|" + "9" * n + "$d|"),
        (16000, lambda n: "%'_=hl" * n + "d"),
        (6000, lambda n: "%%" * n + "%" * n),
        (1500, lambda n: "".join(f"%{k}%" for k in range(n, 0, -1))),
    ]
    for n, make in cases:
        assert_linear(boost.scan, make, n=n, raises=Invalid)
