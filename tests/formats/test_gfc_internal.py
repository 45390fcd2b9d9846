"""GFC internal format strings: gettext 0.21's format-gfc-internal.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from qt_kde_oracle import generated_batches

from format_oracle import compare_with_msgfmt, plural_refused, refused
from hatch_minipo.formats import gfc_internal
from hatch_minipo.formats.base import Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "gfc-internal-format"
REASON = "'msgstr' is not a valid GFC internal format string, unlike 'msgid'. Reason: "
NOT_SAME = "format specifications in 'msgid' and 'msgstr' for argument {} are not the same"
COUNT = "number of format specifications in 'msgid' and 'msgstr' does not match"


def invalid(msgstr: str, msgid: str = "%s") -> list[str]:
    """What msgfmt prints about a translation that is not a valid format string."""
    return [m[len(REASON) :] for m in refused(FLAG, msgid, msgstr) if m.startswith(REASON)]


def test_conversions():
    """%c %s %L %i %d %u %li %ld %lu take one argument each; %% none."""
    text = "%c %s %L %i %d %u %li %ld %lu %%"
    assert len(gfc_internal.scan(text).types) == 9
    assert refused(FLAG, text, text) == []
    assert refused(FLAG, "%d", "%i") == []
    assert refused(FLAG, "%d", "%ld") == [NOT_SAME.format(1)]
    assert refused(FLAG, "%d", "%u") == [NOT_SAME.format(1)]


def test_current_locus():
    """%C takes an argument number but no argument; both strings must agree on using it."""
    assert gfc_internal.scan("%C %s") == gfc_internal.Spec((gfc_internal.STRING,), True)
    assert refused(FLAG, "%s at %C", "%C: %s") == []
    assert refused(FLAG, "%s at %C", "%s") == ["'msgid' uses %C but 'msgstr' doesn't"]
    assert refused(FLAG, "%s", "%C %s") == ["'msgid' does not use %C but 'msgstr' uses %C"]


def test_types_compared_in_order():
    """Arguments are compared by position; a type change names the first that differs."""
    assert refused(FLAG, "%s %d %c", "%s %c %d") == [NOT_SAME.format(2)]
    assert refused(FLAG, "%s at %L", "%L: %s") == [NOT_SAME.format(1)]


def test_argument_count():
    """Strictly, the counts must be equal; leniently, the translation may take fewer."""
    assert refused(FLAG, "%s %d", "%s") == [COUNT]
    assert refused(FLAG, "%s", "%s %d") == [COUNT]
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "few", "%d"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["%d %s", "few", "%d"]) == [
        "number of format specifications in 'msgid_plural' and 'msgstr[0]' does not match"
    ]
    assert plural_refused(FLAG, "%d file", "%d files", ["one", "few", "many"]) == [
        "number of format specifications in 'msgid_plural' and 'msgstr[2]' does not match"
    ]


def test_numbered_arguments_continue_numbering():
    """'%N$' sets the number; later unnumbered directives go on from there."""
    assert refused(FLAG, "%s %d", "%2$d %1$s") == []
    # "%c" is argument 3, after "%2$d".
    assert refused(FLAG, "%s %d %c", "%2$d %c %1$s") == []
    assert refused(FLAG, "%s %d %c", "%2$c %s %1$d") == [NOT_SAME.format(1)]
    assert invalid("%2$d %s") == [
        "The string refers to argument number 2 but ignores argument number 1."
    ]
    assert invalid("%2$d %1$s %s") == [
        "The string refers to argument number 2 in incompatible ways."
    ]
    assert gfc_internal.scan("%2$d %s %1$c").types == (
        gfc_internal.CHAR,
        gfc_internal.INTEGER,
        gfc_internal.STRING,
    )


def test_gap_in_argument_numbers():
    """Every argument up to the highest must be used."""
    assert invalid("%3$d %1$s") == [
        "The string refers to argument number 3 but ignores argument number 2."
    ]
    assert invalid("%2$d") == [
        "The string refers to argument number 2 but ignores argument number 1."
    ]


def test_invalid_directives():
    """Argument number 0, incompatible uses, unknown conversions, unterminated directives."""
    assert invalid("%0$s") == [
        "In the directive number 1, the argument number 0 is not a positive integer."
    ]
    assert invalid("%1$s %1$d") == ["The string refers to argument number 1 in incompatible ways."]
    assert invalid("%x") == [
        "In the directive number 1, the character 'x' is not a valid conversion specifier."
    ]
    assert invalid("%s %lc") == [
        "In the directive number 2, the character 'c' is not a valid conversion specifier."
    ]
    assert invalid("%\u00e9") == [
        "The character that terminates the directive number 1 is not a valid conversion specifier."
    ]
    assert invalid("%5d") == [
        "In the directive number 1, the character '5' is not a valid conversion specifier."
    ]
    assert invalid("%s %l") == ["The string ends in the middle of a directive."]
    assert invalid("%s %") == ["The string ends in the middle of a directive."]
    assert invalid("%2$") == ["The string ends in the middle of a directive."]


def test_argument_number_wraps_like_unsigned_int():
    """gettext reads '%N$' into an unsigned int: 2**32 is 0, 2**32 + 1 is 1."""
    assert invalid("%4294967296$s") == [
        "In the directive number 1, the argument number 0 is not a positive integer."
    ]
    assert refused(FLAG, "%s", "%4294967297$s") == []


def test_invalid_msgid_is_not_checked_by_gnu():
    """msgfmt says nothing when the msgid itself is not a valid format string."""
    assert refused(FLAG, "100%", "%d") == []


def test_marks():
    """START on '%', END on the last character, ERROR where parsing stopped."""
    marks = Marks(10)
    with pytest.raises(Invalid):
        gfc_internal.scan("%ld %%%1$l", marks=marks)
    assert list(marks.bits) == [1, 0, 2, 0, 1, 2, 1, 0, 0, 4]


GOOD = ["%s", "%d", "%i", "%u", "%ld", "%li", "%lu", "%c", "%L", "%C", "%%"]
NUMBERED = ["%1$s", "%2$d", "%3$L", "%2$C", "%1$d", "%2$s", "%3$lu"]
BAD = ["%l", "%lx", "%x", "%0$d", "%\u00e9", "%5d", "%\t", "%lC", "%2$"]


def make_string(rng: random.Random) -> str:
    """A short string of directives, good and bad, numbered and not, and text."""
    pieces = rng.choices(GOOD, k=rng.randint(0, 4))
    if rng.random() < 0.3:
        for _ in range(rng.randint(1, 3)):
            pieces.insert(rng.randint(0, len(pieces)), rng.choice(NUMBERED))
    if rng.random() < 0.1:
        pieces.insert(rng.randint(0, len(pieces)), rng.choice(BAD))
    text = "".join(p + rng.choice(["", " ", "x", "é "]) for p in pieces)
    if rng.random() < 0.03:
        text += rng.choice(["%", "%l", "%1$"])
    return text


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(5150)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, generated_batches(FLAG, lambda: make_string(rng), rng, 800))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives are not split across lines, as msgattrib does; an error ends protection."""
    directives = ["%123$lu", "%lu", "%C", "%%", "%L", "%lx", "%0$d", "%12$", "%"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_linear_time():
    """Thousands of directives or digits take time in proportion to their number."""
    cases = [
        (1750, lambda n: "%ld %C %% " * n),
        (1500, lambda n: "%1$s %2$lu " * n),
        (20000, lambda n: "%" + "7" * n + "$s"),
    ]
    for n, make in cases:
        assert_linear(gfc_internal.scan, make, n=n, raises=Invalid)
