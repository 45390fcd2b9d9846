"""JavaScript format strings: gettext 0.21's format-javascript.c, checked against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from token_grammar import Grammar

from format_oracle import compare_with_msgfmt, plural_refused, refused
from format_samples import CZECH
from hatch_minipo.formats import javascript as js
from hatch_minipo.formats.base import END, ERROR, START, Invalid, Marks
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "javascript-format"
REASON = "'msgstr' is not a valid JavaScript format string, unlike 'msgid'. Reason: "
MIXES = (
    "The string refers to arguments both through absolute argument numbers and through "
    "unnumbered argument specifications."
)


def test_language_name():
    """msgfmt calls the language JavaScript."""
    assert js.LANGUAGE == "JavaScript"


def test_conversions_and_their_types():
    """c s b d o x X f j take an argument each; %% and any '%' conversion take none."""
    assert js.scan("%c %s %b %d %o %x %X %f %j %% %5%") == (
        (1, js.CHARACTER),
        (2, js.STRING),
        *((n, js.INTEGER) for n in range(3, 8)),
        (8, js.FLOAT),
        (9, js.ANY),
    )
    assert refused(FLAG, "%d", "%x") == []
    assert refused(FLAG, "%d", "%f") == [
        "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    ]


def test_flags_width_and_precision():
    """Flags - + space 0 I, a width and a precision are skipped; '.' alone is a precision."""
    assert js.scan("%-+ 0I5.2f %.d %1$%") == ((1, js.FLOAT), (2, js.INTEGER))


def test_numbered_arguments():
    """%m$ names an argument; repeated with one type it is one argument."""
    assert js.scan("%2$s %1$d %2$s") == ((1, js.INTEGER), (2, js.STRING))
    assert refused(FLAG, "%s %d", "%2$d %1$s") == []
    assert refused(FLAG, "%1$s %2$s", "%2$s %2$s") == [
        "a format specification for argument 1 doesn't exist in 'msgstr'"
    ]


def test_argument_number_wraps_like_an_unsigned_int():
    """The number is read into an unsigned int: 2**32 + 1 is argument 1, 2**32 is 0."""
    assert js.scan("%4294967297$s") == ((1, js.STRING),)
    assert refused(FLAG, "%s", "%4294967296$s") == [
        REASON + "In the directive number 1, the argument number 0 is not a positive integer."
    ]


def test_mixing_numbered_and_unnumbered():
    """Numbered and unnumbered arguments are exclusive; %% and %1$% take none, so mix."""
    assert refused(FLAG, "%s", "%1$s %s") == [REASON + MIXES]
    assert refused(FLAG, "%s", "%s %1$s") == [REASON + MIXES]
    assert refused(FLAG, "%s", "%1$s %% %5%") == []
    assert refused(FLAG, "%s", "%s %1$%") == []


def test_incompatible_types():
    """One numbered argument used with two types is refused."""
    assert refused(FLAG, "%s %d", "%2$d %1$s %2$s") == [
        REASON + "The string refers to argument number 2 in incompatible ways."
    ]


def test_invalid_directives():
    """Zero argument numbers, unknown conversions and a '%' at the end are refused."""
    assert refused(FLAG, "%s", "%s %0$s") == [
        REASON + "In the directive number 2, the argument number 0 is not a positive integer."
    ]
    assert refused(FLAG, "%s", "%u") == [
        REASON + "In the directive number 1, the character 'u' is not a valid conversion specifier."
    ]
    assert refused(FLAG, "%s", "%é") == [
        REASON + "The character that terminates the directive number 1 is not a valid conversion "
        "specifier."
    ]
    for text in ("%s %", "%s %5.", "%1$"):
        assert refused(FLAG, "%s", text) == [
            REASON + "The string ends in the middle of a directive."
        ], text


def test_missing_and_extra_arguments():
    """Strictly, the arguments must be the same; an extra one is named with the msgstr."""
    assert refused(FLAG, "%s %d", "%s") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]
    assert refused(FLAG, "%s", "%s %d") == [
        "a format specification for argument 2, as in 'msgstr', doesn't exist in 'msgid'"
    ]


def test_lenient_plural_form():
    """A form used for few numbers may drop arguments, and %j matches any type there."""
    assert plural_refused(FLAG, "%d file", "%d files", ["one file", "few", "%d files"]) == []
    assert plural_refused(FLAG, "%j file", "%j files", ["%d", "%s", "%j"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["%j", "%d", "%d"]) == []
    assert plural_refused(FLAG, "%d file", "%d files", ["%j", "%d", "%j"]) == [
        "format specifications in 'msgid_plural' and 'msgstr[2]' for argument 1 are not the same"
    ]


def test_lenient_any_type_reads_the_wrong_index():
    """Leniently, gettext reads the translation's type at the msgid's index ("%2$d" passes).

    Past the translation's end it reads unset memory; that is taken as no %j here.
    """
    plural = "%1$s %2$s %3$j"
    assert plural_refused(FLAG, "x", plural, ["%2$d %3$j", "a", plural]) == []
    assert plural_refused(FLAG, "x", "%1$s %2$s", ["%2$d", "a", "%1$s %2$s"]) == [
        "format specifications in 'msgid_plural' and 'msgstr[0]' for argument 2 are not the same"
    ]


def test_marks():
    """Directives are marked from '%' to conversion; an error marks where parsing stopped."""
    marks = Marks(12)
    js.scan("a %2$-I5d %%", marks=marks)
    assert [k for k, bit in enumerate(marks.bits) if bit & START] == [2, 10]
    assert [k for k, bit in enumerate(marks.bits) if bit & END] == [8, 11]
    for text, position in (("%s %1$s", 6), ("%5.u", 3), ("%0$s", 2), ("ab %", 3)):
        marks = Marks(len(text))
        with pytest.raises(Invalid):
            js.scan(text, marks=marks)
        assert marks.bits[position] & ERROR, text


GRAMMAR = Grammar(
    valid=[
        *("%s", "%d", "%f", "%c", "%b", "%o", "%x", "%X", "%j", "%%", "%5%", "%-5d", "%+d"),
        *("% d", "%05.2f", "%Id", "%.s", "%1$s", "%2$j", "%3$d", "%1$%", "%2$s", "%1$j"),
        *("%2$d", "%4294967297$f", "%j", "%1$d"),
    ],
    broken=[
        *("%u", "%e", "%", "%5", "%.", "%0$s", "%y", "%é", "%1$", "%ld", "%4294967296$s"),
        *("%S", "%\t", "%i"),
    ],
)


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """On 1,100 generated entries, the first refusal is what msgfmt -c prints."""
    compare_with_msgfmt(tmp_path, GRAMMAR.batches(FLAG, random.Random(8102), 700))  # noqa: S311 - reproducible, not secret


def _reads_past_translation(reference: str, form: str) -> bool:
    """Whether the lenient check reads the translation past its end (undefined in gettext).

    msgfmt then reads stale heap memory, which is sometimes FAT_ANY: its verdict on such a
    form changes with what the process did before, so the oracle cannot judge it.
    """
    try:
        ref, got = js.scan(reference), js.scan(form)
    except Invalid:
        return False
    i = j = 0
    while j < len(got):
        if ref[i][0] != got[j][0]:
            i += 1
            continue
        if ref[i][1] not in (got[j][1], js.ANY) and i >= len(got):
            return True
        i += 1
        j += 1
    return False


def _numbered_entries(rng: random.Random, count: int) -> list[tuple[str, str, str, list[str]]]:
    """Plural entries with numbered arguments of which translations keep a few."""
    cases = []
    while len(cases) < count:
        numbers = range(1, rng.randint(2, 5))
        ref = " ".join(f"%{n}${rng.choice('sdj')}" for n in numbers)
        forms = []
        for _ in range(3):
            kept = rng.sample(numbers, rng.randint(1, len(numbers)))
            forms.append(
                ref if rng.random() < 0.3 else " ".join(f"%{n}${rng.choice('sdj')}" for n in kept)
            )
        forms = [f"a {form} z" for form in forms]
        if not any(_reads_past_translation(ref, form) for form in forms[:2]):
            cases.append((FLAG, "x", f"a {ref} z", forms))
    return cases


@pytest.mark.oracle
def test_lenient_numbered_entries_match_msgfmt(tmp_path: Path):
    """Lenient forms keeping some numbered arguments, %j among them, are judged as msgfmt does."""
    cases = _numbered_entries(random.Random(8112), 600)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, [(cases, 3, CZECH)], at_least=600)


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """msgattrib never breaks inside a JavaScript directive; an error ends the protection."""
    directives = ["%s", "%2$-I10.3f", "%%", "%1$%", "%05.1j", "%5.u", "%0$s", "%s %1$s", "%"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, [*directives, "%é"]))


def test_linear_time():
    """Many directives and long digit runs take linear time."""
    cases = [
        (750, lambda n: "%2$-+ 0I5.3d %1$s " * n),
        (1750, lambda n: "%s%d " * n),
        (12000, lambda n: "%" + "9" * n),
    ]
    for n, make in cases:
        assert_linear(js.scan, make, n=n, raises=Invalid)
