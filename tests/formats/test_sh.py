"""sh-format: gettext 0.21's format-sh.c, by hand and against msgfmt -c and msgattrib."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tcl_family_oracle import family_batches

from format_oracle import compare_with_msgfmt, pairs_agree, plural_refused, refused
from hatch_minipo.formats import sh
from hatch_minipo.formats.base import Invalid
from hatch_minipo.formats.spans import inside_directives
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    import random
    from pathlib import Path

FLAG = "sh-format"


def invalid(reason: str) -> list[str]:
    return [f"'msgstr' is not a valid Shell format string, unlike 'msgid'. Reason: {reason}"]


# --- by hand ---------------------------------------------------------------------------------


def test_variables_plain_and_braced():
    """'$name' and '${name}' name the same variable; names are ASCII alphanumerics and '_'."""
    assert sh.scan("$HOME and ${USER} in $_x1.") == ("HOME", "USER", "_x1")
    assert sh.scan("$a$a ${a}") == ("a",)
    assert refused(FLAG, "$a and ${b}", "${b} und $a") == []


def test_missing_and_unknown_names():
    """A name the msgid lacks is refused even when lenient; a dropped one only when strict."""
    assert refused(FLAG, "$a $b", "$a") == [
        "a format specification for argument 'b' doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "$a", "$a $c") == [
        "a format specification for argument 'c', as in 'msgstr', doesn't exist in 'msgid'"
    ]
    assert plural_refused(FLAG, "$n file", "$n files", ["one", "few", "$n many"]) == []
    assert plural_refused(FLAG, "$n file", "$n files", ["$m", "$n", "$n"]) == [
        "a format specification for argument 'm', as in 'msgstr[0]', doesn't exist in "
        "'msgid_plural'"
    ]


def test_names_are_compared_in_byte_order():
    """The first difference in strcmp order is the one reported."""
    assert refused(FLAG, "$B $a", "$a $C") == [
        "a format specification for argument 'B' doesn't exist in 'msgstr'"
    ]


def test_context_dependent_variables():
    """'$1', '$$', '$?', '$ ' and '${1x}' may differ inside shell functions."""
    reason = (
        "The string refers to a shell variable whose value may be different inside shell functions."
    )
    for text in ("$1", "$$", "a $?", "$ ", "${1x}", "${a b}", "${a.b}"):
        assert refused(FLAG, "$a", text) == invalid(reason), text


def test_shell_brace_syntax_is_refused():
    """Defaults and alternate values inside braces are refused for security."""
    reason = (
        "The string refers to a shell variable with complex shell brace syntax. This syntax is "
        "unsupported here due to security reasons."
    )
    for text in ("${a-x}", "${a:-x}", "${a=x}", "${a+x}", "${a?}", "${a:b}"):
        assert refused(FLAG, "$a", text) == invalid(reason), text
    # At the first position the same characters are merely not a name.
    assert refused(FLAG, "$a", "${-a}") != invalid(reason)


def test_non_ascii_empty_and_unterminated():
    """Non-ASCII names, '${}' and a '$' or '${name' at the end are refused."""
    assert refused(FLAG, "$a", "$é") == invalid(
        "The string refers to a shell variable with a non-ASCII name."
    )
    assert refused(FLAG, "$a", "${aé}") == invalid(
        "The string refers to a shell variable with a non-ASCII name."
    )
    assert refused(FLAG, "$a", "$a${}") == invalid(
        "The string refers to a shell variable with an empty name."
    )
    assert refused(FLAG, "$a", "$a $") == invalid("The string ends in the middle of a directive.")
    assert refused(FLAG, "$a", "${a") == invalid("The string ends in the middle of a directive.")
    assert sh.scan("$aé") == ("a",)  # the name ends at the first non-ASCII character


def test_invalid_msgid_is_not_checked():
    """msgfmt checks nothing when the msgid itself is not a valid format string."""
    assert refused(FLAG, "$1", "$a") == []


def test_marks_protect_directives_up_to_an_error():
    """The wrapper keeps each substitution whole; a malformed one is not protected."""

    def protected(text: str) -> str:
        inside = inside_directives("sh", text.encode(), False)
        assert inside is not None
        return "".join("^" if flag else " " for flag in inside).rstrip()

    assert protected("a $HOME b ${USER}.") == "   ^^^^    ^^^^^^"
    assert protected("$a ${b:-c} $d") == " ^"


def test_scan_raises_invalid_with_the_reason():
    """scan() raises base.Invalid with gettext's wording."""
    with pytest.raises(Invalid, match="empty name"):
        sh.scan("${}")


# --- msgfmt -c and msgattrib as oracles ------------------------------------------------------

_NAMES = ["a", "b", "x", "HOME", "_u", "n1", "USER_NAME", "B"]
_MALFORMED = [
    *("$1", "$$", "$?", "${x:-d}", "${x-y}", "${}", "${1x}", "$é", "${é}", "${a b}", "$ "),
    *("${a+}", "${:a}", "$\t", "${a.b}", "${_}"),
]
_TEXT = ["", "", " ", "abc ", "é ", "x", ".", "-", "{}", "\\", "}", " { "]


def _variable(rng: random.Random, name: str) -> str:
    return f"${{{name}}}" if rng.random() < 0.4 else f"${name}"


def _render(rng: random.Random, names: list[str]) -> str:
    text = "".join(rng.choice(_TEXT) + _variable(rng, name) for name in names)
    text += rng.choice(_TEXT)
    if rng.random() < 0.05:
        place = rng.randrange(len(text) + 1)
        text = text[:place] + rng.choice(_MALFORMED) + " " + text[place:]
    if rng.random() < 0.02:
        text += rng.choice(["$", "${", "${ab"])  # unterminated
    return text


def _mutate(rng: random.Random, names: list[str]) -> list[str]:
    out = list(names)
    move = rng.random()
    if move < 0.4 or not out:
        pass
    elif move < 0.55:
        del out[rng.randrange(len(out))]
    elif move < 0.65:
        out.insert(rng.randrange(len(out) + 1), rng.choice(_NAMES))
    elif move < 0.75:
        out[rng.randrange(len(out))] = rng.choice(_NAMES)
    elif move < 0.9:
        rng.shuffle(out)
    else:
        out = rng.sample(_NAMES, rng.randrange(4))
    return out


def _family(rng: random.Random, k: int) -> list[str]:
    names = [rng.choice(_NAMES) for _ in range(rng.choice([0, 1, 1, 2, 2, 3]))]
    return [_render(rng, names)] + [_render(rng, _mutate(rng, names)) for _ in range(k - 1)]


@pytest.mark.oracle
def test_hand_cases_match_msgfmt(tmp_path: Path) -> None:
    """The cases above, every reason among them, are refused as msgfmt -c refuses them."""
    pairs = [
        ("$a and ${b}", "${b} und $a"),
        ("$a $b", "$a"),
        ("$a", "$a $c"),
        ("$B $a", "$a $C"),
        *(("$a", text) for text in ("$1", "$$", "a $?", "$ ", "${1x}", "${a b}", "${a.b}")),
        *(("$a", text) for text in ("${a-x}", "${a:-x}", "${a=x}", "${a+x}", "${a?}", "${a:b}")),
        ("$a", "${-a}"),
        ("$a", "$é"),
        ("$a", "${aé}"),
        ("$a", "$a${}"),
        ("$a", "$a $"),
        ("$a", "${a"),
        ("$a", "$aé"),
        ("$1", "$a"),
    ]
    pairs_agree(tmp_path, FLAG, pairs)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path) -> None:
    """1,200 generated singular and plural entries get msgfmt -c's first complaint, or none."""
    total, refusals = compare_with_msgfmt(tmp_path, family_batches(FLAG, _family, seed=1401))
    assert total == 1200
    assert refusals > 0


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path) -> None:
    """Substitutions across the wrap column, valid or malformed, wrap as msgattrib wraps them."""
    directives = [
        "$HOME",
        "${USER_NAME}",
        "${a b}",
        "$a-b",
        "${x:-d e}",
        "$ x",
        "${a",
        "$1 x",
        "${aé x}",
    ]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_scan_is_linear() -> None:
    """Long runs of substitutions and long names scan in time linear in their length."""
    cases = [
        (2000, lambda n: "$a${b}" * n),
        (20000, lambda n: "$" + "a" * n),
        (14000, lambda n: "${" + "a" * n + "}"),
        (14000, lambda n: "${" + "a" * n),
        (1750, lambda n: "".join(f"$v{k} " for k in range(n, 0, -1))),
    ]
    for n, make in cases:
        assert_linear(sh.scan, make, n=n, raises=Invalid)
