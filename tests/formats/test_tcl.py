"""tcl-format: gettext 0.21's format-tcl.c, by hand and against msgfmt -c and msgattrib."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tcl_family_oracle import family_batches

from format_oracle import compare_with_msgfmt, pairs_agree, plural_refused, refused
from hatch_minipo.formats import tcl
from hatch_minipo.formats.base import Invalid
from hatch_minipo.formats.spans import inside_directives
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    import random
    from pathlib import Path

FLAG = "tcl-format"


def invalid(reason: str) -> list[str]:
    return [f"'msgstr' is not a valid Tcl format string, unlike 'msgid'. Reason: {reason}"]


# --- by hand ---------------------------------------------------------------------------------


def test_same_directives_are_accepted():
    """Flags, widths, precisions and sizes that keep each argument's type pass."""
    assert refused(FLAG, "%s has %d items", "%s a %i položek") == []
    assert refused(FLAG, "%-5.2f %x %c", "%+8.1g %X %c") == []
    assert refused(FLAG, "%1$s %2$d", "%2$d %1$s") == []
    assert refused(FLAG, "100%% of %s", "%s: 100%%") == []
    assert refused(FLAG, "%ld", "%d") == []  # 'l' is ignored


def test_unnumbered_count_and_types_are_compared():
    """Unnumbered directives take arguments 1, 2, ... in order."""
    assert refused(FLAG, "%s %d", "%d %s") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]
    assert refused(FLAG, "%s %d", "%s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%s", "%s %d") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_size_h_and_unsigned_are_their_own_types():
    """%hd, %d and %u are three types; %o, %u, %x are one."""
    assert refused(FLAG, "%d", "%hd") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]
    assert refused(FLAG, "%d", "%u") != []
    assert refused(FLAG, "%o", "%x") == []
    assert refused(FLAG, "%hu", "%hX") == []


def test_star_width_and_precision_take_integer_arguments():
    """'*' reads an argument: '%*.*f' takes three."""
    assert tcl.scan("%*.*f") == ((1, tcl.INTEGER), (2, tcl.INTEGER), (3, tcl.FLOAT))
    assert refused(FLAG, "%*d", "%s %d") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]
    # After '%2$', a '*' takes argument 2 and the conversion argument 3.
    assert tcl.scan("%2$*s") == ((2, tcl.INTEGER), (3, tcl.STRING))


def test_numbered_argument_used_twice_must_keep_its_type():
    """Two uses of one number merge; different types make the string invalid."""
    assert tcl.scan("%1$s %1$s") == ((1, tcl.STRING),)
    assert refused(FLAG, "%s", "%1$s %1$d") == invalid(
        "The string refers to argument number 1 in incompatible ways."
    )


def test_argument_number_zero():
    """'%0$' is refused, and so is a number that wraps to 0 in an unsigned int."""
    reason = "In the directive number 1, the argument number 0 is not a positive integer."
    assert refused(FLAG, "%s", "%0$s") == invalid(reason)
    assert refused(FLAG, "%s", "%4294967296$s") == invalid(reason)
    assert tcl.scan("%4294967297$s") == ((1, tcl.STRING),)


def test_mixing_numbered_and_unnumbered():
    """Numbered and unnumbered directives may not be mixed, in either order."""
    reason = (
        "The string refers to arguments both through absolute argument numbers and through "
        "unnumbered argument specifications."
    )
    assert refused(FLAG, "%s %s", "%1$s %s") == invalid(reason)
    assert refused(FLAG, "%s %s", "%s %2$s") == invalid(reason)
    assert refused(FLAG, "%s %s", "%1$s %%") != invalid(reason)  # '%%' takes nothing


def test_bad_and_unterminated_directives():
    """An unknown conversion is named when printable; a '%' at the end is unterminated."""
    assert refused(FLAG, "%s", "%y") == invalid(
        "In the directive number 1, the character 'y' is not a valid conversion specifier."
    )
    assert refused(FLAG, "%s", "%s %5%") == invalid(
        "In the directive number 2, the character '%' is not a valid conversion specifier."
    )
    assert refused(FLAG, "%s", "%\t") == invalid(
        "The character that terminates the directive number 1 is not a valid conversion specifier."
    )
    assert refused(FLAG, "%s", "%é") == invalid(
        "The character that terminates the directive number 1 is not a valid conversion specifier."
    )
    assert refused(FLAG, "%s", "%s %-5.") == invalid(
        "The string ends in the middle of a directive."
    )


def test_invalid_msgid_is_not_checked():
    """msgfmt checks nothing when the msgid itself is not a valid format string."""
    found = refused(FLAG, "%y", "%d")
    assert found == []


def test_plural_forms_lenient_and_strict():
    """Lenient forms may drop arguments, never add one; the strict form needs them all."""
    assert plural_refused(FLAG, "%d file", "%d files", ["soubor", "soubory", "%d souborů"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["%d", "%d", "souborů"]) == [
        "a format specification for argument 1 doesn't exist in 'msgstr[2]'"
    ]
    assert plural_refused(FLAG, "%d file", "%d files", ["%d %s", "x", "%d"]) == [
        "a format specification for argument 2, as in 'msgstr[0]', doesn't exist in 'msgid_plural'"
    ]


def test_marks_protect_directives_up_to_an_error():
    """The wrapper keeps each directive whole; a malformed one is not protected."""

    def protected(text: str) -> str:
        inside = inside_directives("tcl", text.encode(), False)
        assert inside is not None
        return "".join("^" if flag else " " for flag in inside).rstrip()

    assert protected("a %-5.2f b %% c") == "   ^^^^^    ^"
    assert protected("%1$s %2$ d") == " ^^^  ^^^^"
    assert protected("%s %5q %d") == " ^"


def test_scan_raises_invalid_with_the_reason():
    """scan() raises base.Invalid with gettext's wording."""
    with pytest.raises(Invalid, match="ends in the middle"):
        tcl.scan("%")


# --- msgfmt -c and msgattrib as oracles ------------------------------------------------------

_CONVERSIONS = "csiduoxXeEfgG"
_TEXT = ["", "", " ", "abc ", "é ", "x", " $ ", "{}", "\\"]


def _directive(rng: random.Random, number: int | None) -> str:
    if rng.random() < 0.05:
        return "%%"
    head = "%" if number is None else f"%{number}$"
    flags = "".join(rng.choice(" +-#0") for _ in range(rng.choice([0, 0, 0, 1, 2])))
    width = rng.choice(["", "", "", "5", "*", "12"])
    precision = rng.choice(["", "", "", "", ".3", ".*", ".", ".0"])
    size = rng.choice(["", "", "", "", "h", "l"])
    conversion = rng.choice(_CONVERSIONS)
    if rng.random() < 0.04:
        conversion = rng.choice(["q", "$", "é", "\t", "L", "%", "", "n"])
    return head + flags + width + precision + size + conversion


def _numbers(rng: random.Random, count: int) -> list[int | None]:
    style = rng.random()
    if style < 0.5:
        return [None] * count
    numbers: list[int | None] = list(range(1, count + 1))
    rng.shuffle(numbers)
    if style > 0.9 and numbers:
        numbers[rng.randrange(count)] = rng.choice([None, 0, 4294967297, 1, count + 1])
    return numbers


def _render(rng: random.Random, directives: list[str]) -> str:
    text = "".join(rng.choice(_TEXT) + d for d in directives) + rng.choice(_TEXT)
    if rng.random() < 0.03:
        text += "%" + rng.choice(["", "5", "1$", "-", ".", "h", "*."])  # unterminated
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
        out[k] = out[k].replace("%", rng.choice(["%2$", "%1$", "%h", "%*"]), 1)
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
            ("%s", "%y"),
            ("%s", "%s %5%"),
            ("%s", "%\t"),
            ("%s", "%é"),
            ("%s", "%s %-5."),
            ("%s", "%0$s"),
            ("%s", "%4294967296$s"),
            ("%s", "%4294967297$s"),
            ("%s %s", "%1$s %s"),
            ("%s %s", "%s %2$s"),
            ("%s", "%1$s %1$d"),
            ("%*d", "%s %d"),
            ("%d", "%hd"),
            ("%o", "%x"),
            ("%s %d", "%s"),
            ("%s", "%s %d"),
            ("%y", "%d"),
            ("%2$*s", "%2$*s"),
            ("%s", "%"),
        ],
    )


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path) -> None:
    """1,200 generated singular and plural entries get msgfmt -c's first complaint, or none."""
    total, refusals = compare_with_msgfmt(tmp_path, family_batches(FLAG, _family, seed=1301))
    assert total == 1200
    assert refusals > 0


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path) -> None:
    """Directives across the wrap column, valid or malformed, wrap as msgattrib wraps them."""
    directives = [
        "%s",
        "%-10.3f",
        "%2$ d",
        "% d",
        "%*.*f",
        "%%",
        "%1$s",
        "%5 q",
        "%hd",
        "% ",
        "%5é x",
    ]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_scan_is_linear() -> None:
    """Long runs of directives, digits and stars scan in time linear in their length."""
    cases = [
        (1250, lambda n: "%*.*hd" * n),
        (1250, lambda n: "%1$s" * n),
        (14000, lambda n: "%" + "9" * n + "$d"),
        (3500, lambda n: "%" + " +-#0" * n + "d"),
        (6000, lambda n: "%%" * n + "%" * n),
    ]
    for n, make in cases:
        assert_linear(tcl.scan, make, n=n, raises=Invalid)
