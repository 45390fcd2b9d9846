"""object-pascal-format: gettext 0.21's format-pascal.c, by hand and against msgfmt and msgattrib."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from tcl_family_oracle import family_batches

from format_oracle import compare_with_msgfmt, pairs_agree, plural_refused, refused
from hatch_minipo.formats import pascal
from hatch_minipo.formats.base import Invalid
from hatch_minipo.formats.spans import inside_directives
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    import random
    from pathlib import Path

FLAG = "object-pascal-format"


def invalid(reason: str) -> list[str]:
    return [
        f"'msgstr' is not a valid Object Pascal format string, unlike 'msgid'. Reason: {reason}"
    ]


def not_same(number: int) -> list[str]:
    return [f"format specifications in 'msgid' and 'msgstr' for argument {number} are not the same"]


# --- by hand ---------------------------------------------------------------------------------


def test_conversions_and_their_types():
    """Conversions are case-insensitive; arguments count from 0."""
    assert pascal.scan("%d %U %x %e %F %g %N %m %s %P") == (
        (0, pascal.INTEGER),
        (1, pascal.INTEGER),
        (2, pascal.INTEGER),
        (3, pascal.FLOAT),
        (4, pascal.FLOAT),
        (5, pascal.FLOAT),
        (6, pascal.FLOAT),
        (7, pascal.FLOAT),
        (8, pascal.STRING),
        (9, pascal.POINTER),
    )
    assert refused(FLAG, "%d of %s", "%D z %S") == []
    assert refused(FLAG, "%d", "%s") == not_same(0)
    assert refused(FLAG, "100%% %s", "%s 100%%") == []


def test_index_does_not_move_the_current_argument():
    """'%1:s' reads argument 1 and leaves the next unnumbered directive at argument 0."""
    assert pascal.scan("%1:s %d") == ((0, pascal.INTEGER), (1, pascal.STRING))
    assert pascal.scan("%:s") == ((0, pascal.STRING),)
    assert refused(FLAG, "%s %d", "%1:d %0:s") == []
    assert refused(FLAG, "%s %s", "%s %0:s") == [
        "a format specification for argument 1 doesn't exist in 'msgstr'"
    ]


def test_star_index_width_and_precision_take_integers():
    """'*:' reads the index from an argument; '*' widths and precisions read integers."""
    assert pascal.scan("%*:s") == ((0, pascal.INTEGER),)
    assert pascal.scan("%-*.*f") == ((0, pascal.INTEGER), (1, pascal.INTEGER), (2, pascal.FLOAT))
    assert pascal.scan("%3:*d") == ((0, pascal.INTEGER), (3, pascal.INTEGER))
    assert refused(FLAG, "%*d", "%s %d") == not_same(0)


def test_star_precision_after_an_index():
    """A '.*' after an 'm:' index is read as the code means it (gettext 0.21 overruns there)."""
    assert pascal.scan("%0:d %.*d") == ((0, pascal.INTEGER), (1, pascal.INTEGER))
    assert pascal.scan("%2:d %.*s") == (
        (0, pascal.INTEGER),
        (1, pascal.STRING),
        (2, pascal.INTEGER),
    )
    assert refused(FLAG, "%2:d %.*s", "%2:d %.*s") == []
    assert refused(FLAG, "%2:d %.*s", "%2:d %.*p") == not_same(1)


def test_incompatible_uses_of_one_argument():
    """One argument read with two types makes the string invalid."""
    assert refused(FLAG, "%s", "%s %0:d") == invalid(
        "The string refers to argument number 0 in incompatible ways."
    )


def test_bad_and_unterminated_directives():
    """Unknown conversions (a lone '.' included) are named; a '%' at the end is unterminated."""
    assert refused(FLAG, "%s", "%i") == invalid(
        "In the directive number 1, the character 'i' is not a valid conversion specifier."
    )
    assert refused(FLAG, "%s", "%s %5.") == invalid(
        "In the directive number 2, the character '.' is not a valid conversion specifier."
    )
    assert refused(FLAG, "%s", "%*") == invalid("The string ends in the middle of a directive.")
    assert refused(FLAG, "%s", "%s %-") == invalid("The string ends in the middle of a directive.")
    assert refused(FLAG, "%s", "%é") == invalid(
        "The character that terminates the directive number 1 is not a valid conversion specifier."
    )


def test_numbers_wrap_like_an_unsigned_int():
    """An index is read into an unsigned int: 4294967296 is argument 0."""
    assert pascal.scan("%4294967296:s") == ((0, pascal.STRING),)
    assert refused(FLAG, "%s", "%4294967296:s") == []


def test_lenient_plural_forms_never_accept_a_new_argument():
    """Lenient forms may drop arguments; the strict one may not."""
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "few", "%d many"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["%d", "%d", "many"]) == [
        "a format specification for argument 0 doesn't exist in 'msgstr[2]'"
    ]
    assert plural_refused(FLAG, "%d file", "%d files", ["%1:d", "%d", "%d"]) == [
        "a format specification for argument 1, as in 'msgstr[0]', doesn't exist in 'msgid_plural'"
    ]


def test_marks_protect_directives_up_to_an_error():
    """The wrapper keeps each directive whole; a malformed one is not protected."""

    def protected(text: str) -> str:
        inside = inside_directives("object-pascal", text.encode(), False)
        assert inside is not None
        return "".join("^" if flag else " " for flag in inside).rstrip()

    assert protected("a %1:-5.2f b %% %*:s") == "   ^^^^^^^    ^  ^^^"
    assert protected("%s %5.q %d") == " ^"


def test_scan_raises_invalid_with_the_reason():
    """scan() raises base.Invalid with gettext's wording."""
    with pytest.raises(Invalid, match="ends in the middle"):
        pascal.scan("%1:")


# --- msgfmt -c and msgattrib as oracles ------------------------------------------------------

_CONVERSIONS = "dDuUxXeEfFgGnNmMsSpP"
_TEXT = ["", "", " ", "abc ", "é ", "x", " : ", "{}", "\\", "1"]


def _directive(rng: random.Random, number: int | None) -> str:
    if rng.random() < 0.05:
        return "%%"
    index = "" if number is None else f"{number}:"
    if number is None and rng.random() < 0.05:
        index = rng.choice([":", "*:"])
    flag = rng.choice(["", "", "", "-"])
    width = rng.choice(["", "", "", "5", "*", "12"])
    precision = rng.choice(["", "", "", "", ".3", ".*", ".0"])
    conversion = rng.choice(_CONVERSIONS)
    if rng.random() < 0.04:
        conversion = rng.choice(["q", "$", "é", "\t", "i", "c", "%", "", "."])
    return "%" + index + flag + width + precision + conversion


def _numbers(rng: random.Random, count: int) -> list[int | None]:
    style = rng.random()
    if style < 0.5:
        return [None] * count
    numbers: list[int | None] = list(range(count))
    rng.shuffle(numbers)
    if style > 0.8 and numbers:
        numbers[rng.randrange(count)] = rng.choice([None, None, 0, 4294967296, count])
    return numbers


def _render(rng: random.Random, directives: list[str]) -> str:
    text = "".join(rng.choice(_TEXT) + d for d in directives) + rng.choice(_TEXT)
    if rng.random() < 0.03:
        text += "%" + rng.choice(["", "5", "1:", "-", "*", "*:", ".*"])  # unterminated
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
        out[k] = out[k].replace("%", rng.choice(["%1:", "%0:", "%*", "%.*", "%:"]), 1)
    else:
        out = [_directive(rng, n) for n in _numbers(rng, rng.randrange(4))]
    return out


def _defused(text: str) -> str:
    """``text`` without a '.*' after an 'm:' index.

    format-pascal.c 0.21 grows its array for a '*' precision by comparing the wrong count
    and, after an index, writes past the end: msgfmt aborted on such generated entries
    ("free(): invalid next size") and took every later entry with it.
    """
    index = re.search("%[0-9]*:", text)
    if index is None:
        return text
    return text[: index.end()] + text[index.end() :].replace(".*", ".2")


def _family(rng: random.Random, k: int) -> list[str]:
    count = rng.choice([0, 1, 1, 2, 2, 3, 4])
    directives = [_directive(rng, n) for n in _numbers(rng, count)]
    strings = [_render(rng, directives)]
    strings += [_render(rng, _mutate(rng, directives)) for _ in range(k - 1)]
    return [_defused(text) for text in strings]


@pytest.mark.oracle
def test_hand_cases_match_msgfmt(tmp_path: Path) -> None:
    """The cases above, every reason among them, are refused as msgfmt -c refuses them."""
    pairs_agree(
        tmp_path,
        FLAG,
        [
            ("%d of %s", "%D z %S"),
            ("%d", "%s"),
            ("%s %d", "%1:d %0:s"),
            ("%s %s", "%s %0:s"),
            ("%*:s", "%d"),
            ("%*d", "%s %d"),
            ("%3:*d", "%d %3:d"),
            ("%s", "%s %0:d"),
            ("%s", "%i"),
            ("%s", "%s %5."),
            ("%s", "%*"),
            ("%s", "%s %-"),
            ("%s", "%é"),
            ("%s", "%4294967296:s"),
            ("%s", "%:s"),
            ("%s", "%:%"),
        ],
    )


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path) -> None:
    """1,200 generated singular and plural entries get msgfmt -c's first complaint, or none."""
    total, refusals = compare_with_msgfmt(tmp_path, family_batches(FLAG, _family, seed=1601))
    assert total == 1200
    assert refusals > 0


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path) -> None:
    """Directives across the wrap column, valid or malformed, wrap as msgattrib wraps them."""
    directives = [
        "%s",
        "%1:-10.3f",
        "%*:d",
        "%-*.*f",
        "%%",
        "%:s",
        "%5 q",
        "%5.",
        "%.x",
        "% ",
        "%5é x",
    ]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_scan_is_linear() -> None:
    """Long runs of directives, digits and stars scan in time linear in their length."""
    cases = [
        (1250, lambda n: "%*:-*.*d" * n),
        (750, lambda n: "%1:s%0:s" * n),
        (14000, lambda n: "%" + "9" * n + ":d"),
        (8000, lambda n: "%" + "9" * n + "d"),
        (6000, lambda n: "%%" * n + "%" * n),
        (1250, lambda n: "".join(f"%{k}:d" for k in range(n, 0, -1))),
    ]
    for n, make in cases:
        assert_linear(pascal.scan, make, n=n, raises=Invalid)
