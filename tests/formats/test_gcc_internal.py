"""GCC internal format strings: gettext 0.21's format-gcc-internal.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from qt_kde_oracle import generated_batches

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import gcc_internal
from hatch_minipo.formats.base import Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "gcc-internal-format"
REASON = "'msgstr' is not a valid GCC internal format string, unlike 'msgid'. Reason: "
MIXES = (
    "The string refers to arguments both through absolute argument numbers and through "
    "unnumbered argument specifications."
)


def invalid(msgstr: str, msgid: str = "%s") -> list[str]:
    """What msgfmt prints about a translation that is not a valid format string."""
    return [m[len(REASON) :] for m in refused(FLAG, msgid, msgstr) if m.startswith(REASON)]


def test_tree_and_plain_conversions_are_accepted():
    """Every conversion of pretty-print.c and the C and C++ front ends takes one argument."""
    every = "%c %s %i %d %o %u %x %p %H %J %K %D %F %T %E %A %C %L %O %P %Q %V"
    assert len(gcc_internal.scan(every).args) == 22
    assert refused(FLAG, every, every) == []


def test_no_argument_directives():
    """%%, %<, %> and %' take no argument."""
    assert gcc_internal.scan("%<%%%>%'") == gcc_internal.Spec((), uses_err_no=False)
    assert refused(FLAG, "%<x%>", "%<y%> %%") == []


def test_flags_q_l_w_plus_sharp():
    """Flags q, l (twice), w, + and # go before the conversion; l and w give the size."""
    assert refused(FLAG, "%qD %+#ld", "%qD %#+ld") == []
    assert refused(FLAG, "%ld", "%lld") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]
    assert refused(FLAG, "%wx", "%lx") != []
    assert refused(FLAG, "%D", "%qD") == []  # quoting does not change the argument


def test_flags_combination_invalid():
    """A repeated flag, a third 'l', or 'l' with 'w' is refused."""
    bad = "In the directive number 1, the flags combination is invalid."
    for msgstr in ("%qqs", "%lllx", "%lwd", "%wld", "%++d", "%##d", "%wwd"):
        assert invalid(msgstr) == [bad], msgstr


def test_err_no():
    """%m uses errno: the msgid and the translation must agree about it."""
    assert refused(FLAG, "%s: %m", "%m: %s") == []
    assert refused(FLAG, "%s: %m", "%s") == ["'msgid' uses %m but 'msgstr' doesn't"]
    assert refused(FLAG, "%s", "%s: %m") == ["'msgid' does not use %m but 'msgstr' uses %m"]


def test_argument_complaint_comes_before_err_no():
    """When both differ, the argument complaint is the one msgfmt prints."""
    assert refused(FLAG, "%s %m", "%d") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]


def test_precision_forms():
    """'.NNNs', '.*s' and '.*N$s' (N the string's number minus 1) are string directives."""
    assert refused(FLAG, "%.*s", "%.*s") == []
    assert refused(FLAG, "%.3s %d", "%.10s %d") == []
    assert refused(FLAG, "%1$d %3$.*2$s", "%3$.*2$s %1$d") == []
    assert gcc_internal.scan("%.*s").args == ((1, gcc_internal.INTEGER), (2, gcc_internal.STRING))


def test_precision_errors():
    """Each precision error of format-gcc-internal.c, worded as msgfmt words it."""
    assert invalid("%.3d") == ["In the directive number 1, a precision is not allowed before 'd'."]
    assert invalid("%.*d") == [
        "In the directive number 1, a precision specification is not allowed before 'd'."
    ]
    assert invalid("%.*5s") == [
        "In the directive number 1, a precision specification is not allowed before '5'."
    ]
    assert invalid("%.x") == ["In the directive number 1, the precision specification is invalid."]
    assert invalid("%s %.") == [
        "In the directive number 2, the precision specification is invalid."
    ]
    assert invalid("%.3") == ["The string ends in the middle of a directive."]
    assert invalid("%.*") == ["The string ends in the middle of a directive."]
    assert invalid("%3$.*1$s") == [
        "In the directive number 1, the argument number for the precision must be equal to 2."
    ]
    assert invalid("%2$.*0$s") == [
        "In the directive number 1, the width's argument number 0 is not a positive integer."
    ]


def test_numbered_arguments():
    """'%N$' numbers arguments; order and repetition with one type do not matter."""
    assert refused(FLAG, "%s %d", "%2$d %1$s") == []
    assert refused(FLAG, "%1$s %1$s", "%1$s") == []
    assert invalid("%1$s %1$d") == ["The string refers to argument number 1 in incompatible ways."]
    assert invalid("%0$s") == [
        "In the directive number 1, the argument number 0 is not a positive integer."
    ]


def test_argument_number_wraps_like_unsigned_int():
    """gettext reads '%N$' into an unsigned int: 2**32 is 0, 2**32 + 1 is 1."""
    assert invalid("%4294967296$s") == [
        "In the directive number 1, the argument number 0 is not a positive integer."
    ]
    assert refused(FLAG, "%s", "%4294967297$s") == []


def test_mixing_numbered_and_unnumbered():
    """Numbered and unnumbered arguments may not be mixed, precision arguments included."""
    assert invalid("%1$s %d") == [MIXES]
    assert invalid("%d %1$s") == [MIXES]
    assert invalid("%.*1$s") == [MIXES]
    assert invalid("%2$.*s") == [MIXES]


def test_bad_conversion_and_unterminated():
    """An unknown conversion, %N$m, a digit width, a non-ASCII or missing conversion."""
    assert invalid("%y") == ["In the directive number 1, the character 'y' is not a valid "
                             "conversion specifier."]  # fmt: skip
    assert invalid("%1$m") == ["In the directive number 1, the character 'm' is not a valid "
                               "conversion specifier."]  # fmt: skip
    assert invalid("%5s") == ["In the directive number 1, the character '5' is not a valid "
                              "conversion specifier."]  # fmt: skip
    assert invalid("%\u00e9") == [
        "The character that terminates the directive number 1 is not a valid conversion specifier."
    ]
    assert invalid("%s %q") == ["The string ends in the middle of a directive."]
    assert invalid("50%") == ["The string ends in the middle of a directive."]


def test_missing_and_extra_arguments():
    """Strictly, the translation must use the same argument numbers as the msgid."""
    assert refused(FLAG, "%s %d", "%s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%s", "%s %d") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_invalid_msgid_is_not_checked_by_gnu():
    """msgfmt says nothing when the msgid itself is not a valid format string."""
    assert refused(FLAG, "100%", "%d") == []


def test_lenient_plural_form_may_drop_arguments():
    """Forms used for few numbers may drop arguments but not add or change them."""
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "few", "%d many"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "%s", "%d"]) == [
        "format specifications in 'msgid_plural' and 'msgstr[1]' for argument 1 are not the same"
    ]
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "few", "many"]) == [
        "a format specification for argument 1 doesn't exist in 'msgstr[2]'"
    ]


def test_marks():
    """START on '%', END on the last character, ERROR where parsing stopped."""
    marks = Marks(12)
    with pytest.raises(Invalid):
        gcc_internal.scan("%qD %<%.*x", marks=marks)
    assert list(marks.bits) == [1, 0, 2, 0, 1, 2, 1, 0, 0, 4, 0, 0]
    marks = Marks(4)
    with pytest.raises(Invalid):
        gcc_internal.scan("a %.", marks=marks)
    assert list(marks.bits) == [0, 0, 1, 4]


GOOD = [
    *("%s", "%d", "%i", "%u", "%x", "%o", "%c", "%p", "%H", "%D", "%T", "%E", "%qD", "%qs"),
    *("%ld", "%lld", "%wd", "%lu", "%+#qd", "%.3s", "%.*s", "%%", "%<", "%>", "%'", "%m"),
    *("%J", "%K", "%F", "%A", "%C", "%L", "%O", "%P", "%Q", "%V"),
]
NUMBERED = ["%1$s", "%2$d", "%2$qD", "%3$.*2$s", "%1$lx", "%3$s", "%2$.*1$s", "%1$d", "%4$u"]
BAD = [
    *("%lllx", "%qqs", "%lwd", "%.3d", "%.*d", "%.x", "%.*5s", "%0$s", "%2$.*0$s"),
    *("%2$.*3$s", "%y", "%\u00e9", "%1$m", "%.*2$s", "%5s", "%\t"),
]


def make_string(rng: random.Random) -> str:
    """A short string of directives, good and bad, numbered and not, and text."""
    pool = NUMBERED if rng.random() < 0.35 else GOOD
    pieces = rng.choices(pool, k=rng.randint(0, 4))
    if rng.random() < 0.1:
        pieces.insert(rng.randint(0, len(pieces)), rng.choice(GOOD + NUMBERED))
    if rng.random() < 0.12:
        pieces.insert(rng.randint(0, len(pieces)), rng.choice(BAD))
    text = "".join(p + rng.choice(["", " ", "x", "é "]) for p in pieces)
    if rng.random() < 0.04:
        text += rng.choice(["%", "%.", "%.3", "%.*", "%q", "%2$"])
    return text


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(4301)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, generated_batches(FLAG, lambda: make_string(rng), rng, 800))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does; an error ends protection."""
    directives = ["%+#qD", "%3$.*2$s", "%.123s", "%<", "%m", "%lld", "%qq", "%.*5s", "%.", "%"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_linear_time():
    """Thousands of directives or digits take time in proportion to their number."""
    cases = [
        (2000, lambda n: "%qD %% " * n),
        (750, lambda n: "%1$s %2$.*1$s " * n),
        (20000, lambda n: "%" + "7" * n + "$s"),
        (24000, lambda n: "%.*" + "9" * n + "$s"),
    ]
    for n, make in cases:
        assert_linear(gcc_internal.scan, make, n=n, raises=Invalid)
