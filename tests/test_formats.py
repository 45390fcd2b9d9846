"""Format-string checks: fatal where the format operation fails, gnu_refuses where msgfmt -c does."""

from __future__ import annotations

import gettext
import importlib
import re
import subprocess
from typing import TYPE_CHECKING, Any

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gnu import corpus_files, require
from hatch_minipo.formats import python as python_format
from hatch_minipo.formats import python_brace
from hatch_minipo.formats.checks import FORMAT_FLAGS, FormatProblem, check_formats, lenient_forms

if TYPE_CHECKING:
    from pathlib import Path

ENGLISH = "(n != 1)"
# Czech: form 1 covers 2, 3 and 4 only, so msgfmt checks it leniently, like form 0.
CZECH = "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2"


def problems(flag: str, msgid: str, msgstr: str) -> list[FormatProblem]:
    return check_formats([flag], msgid, None, [msgstr])


def fatal(flag: str, msgid: str, msgstr: str) -> bool:
    return any(p.fatal for p in problems(flag, msgid, msgstr))


def refused(flag: str, msgid: str, msgstr: str) -> bool:
    return any(p.gnu_refuses for p in problems(flag, msgid, msgstr))


def rule(expression: str) -> Any:
    return gettext.c2py(expression)


# --- Python % format -------------------------------------------------------------------------


def test_api_shape() -> None:
    """The flags and the problem record are what the engine relies on."""
    assert FORMAT_FLAGS == ("python-format", "python-brace-format", "c-format")
    problem = FormatProblem("m", 1, fatal=True, gnu_refuses=False)
    with pytest.raises(AttributeError):
        problem.fatal = False  # type: ignore[misc]


def test_python_identical_translation_is_clean() -> None:
    """A translation with the msgid's placeholders, reordered, has no problem."""
    assert problems("python-format", "%(a)s and %(b)d", "%(b)d und %(a)s") == []
    assert problems("python-format", "%s of %d", "%s von %d") == []
    assert problems("python-format", "100%% of %s", "%s zu 100%%") == []


def test_python_unknown_name_is_fatal_and_refused() -> None:
    """A name the program does not pass raises KeyError; msgfmt words it 'as in msgstr'."""
    [problem] = problems("python-format", "%(a)s", "%(a)s %(b)s")
    assert problem.fatal
    assert problem.gnu_refuses
    assert problem.message == (
        "a format specification for argument 'b', as in 'msgstr', doesn't exist in 'msgid'"
    )


def test_python_dropped_name_is_a_strict_only_problem() -> None:
    """Leaving a name out is harmless with a mapping, though msgfmt -c refuses it."""
    [problem] = problems("python-format", "%(a)s %(b)s", "%(a)s")
    assert not problem.fatal
    assert problem.gnu_refuses
    assert problem.message == "a format specification for argument 'b' doesn't exist in 'msgstr'"


def test_python_unnamed_count_and_type() -> None:
    """Positional placeholders must match in number; a changed type is fatal, %d/%i is not."""
    assert fatal("python-format", "%s %d", "%s")
    assert fatal("python-format", "%s", "%s %s")
    assert fatal("python-format", "%s %d", "%d %s")
    assert not refused("python-format", "%d", "%i")
    assert not refused("python-format", "%x", "%d")
    [problem] = problems("python-format", "%d files", "%f files")
    assert (
        problem.message
        == "format specifications in 'msgid' and 'msgstr' for argument 1 are not the same"
    )


def test_python_string_conversion_takes_anything() -> None:
    """%s or %r in place of %d prints the same number: msgfmt refuses it, nothing breaks."""
    [problem] = problems("python-format", "%(n)d files", "%(n)s files")
    assert (problem.fatal, problem.gnu_refuses) == (False, True)
    assert not refused("python-format", "%s", "%r")


def test_python_mapping_versus_tuple() -> None:
    """Named in msgid but unnamed in msgstr (or the reverse) is fatal, in GNU's words."""
    [problem] = problems("python-format", "%(a)s", "%s")
    assert problem.fatal
    assert problem.message == (
        "format specifications in 'msgid' expect a mapping, those in 'msgstr' expect a tuple"
    )
    [problem] = problems("python-format", "%s", "%(a)s")
    assert problem.fatal
    assert "expect a tuple, those in 'msgstr' expect a mapping" in problem.message


@pytest.mark.parametrize(
    ("msgstr", "reason"),
    [
        ("%(a", "The string ends in the middle of a directive."),
        ("%(a)", "The string ends in the middle of a directive."),
        ("x %", "The string ends in the middle of a directive."),
        (
            "%(a)q",
            "In the directive number 1, the character 'q' is not a valid conversion specifier.",
        ),
        (
            "%(a)s %s",
            "The string refers to arguments both through argument names and through unnamed "
            "argument specifications.",
        ),
        (
            "%(a)*d",
            "The string refers to arguments both through argument names and through unnamed "
            "argument specifications.",
        ),
    ],
)
def test_python_malformed_directive(msgstr: str, reason: str) -> None:
    """A malformed directive is fatal and refused, with msgfmt's reason."""
    [problem] = problems("python-format", "%(a)s", msgstr)
    assert (problem.fatal, problem.gnu_refuses) == (True, True)
    assert problem.message == (
        f"'msgstr' is not a valid Python format string, unlike 'msgid'. Reason: {reason}"
    )


def test_python_conversions_gettext_does_not_know() -> None:
    """%a and %F work in Python but gettext 0.21 calls them invalid: refused, not fatal."""
    for msgid, msgstr in (("%(a)s", "%(a)a"), ("%(a)f", "%(a)F")):
        [problem] = problems("python-format", msgid, msgstr)
        assert (problem.fatal, problem.gnu_refuses) == (False, True)
        assert "is not a valid conversion specifier" in problem.message


def test_python_same_name_two_types() -> None:
    """Python accepts one name under two conversions; gettext calls it incompatible."""
    found = problems("python-format", "%(a)d", "%(a)d (%(a)s)")
    assert not any(p.fatal for p in found)
    assert found[0].gnu_refuses
    assert "refers to the argument named 'a' in incompatible ways" in found[0].message


# --- Python brace format ---------------------------------------------------------------------


def test_brace_clean_translations() -> None:
    """Reordered, escaped and specified fields that fit the msgid have no problem."""
    assert problems("python-brace-format", "{a} of {b}", "{b}: {a}") == []
    assert problems("python-brace-format", "{0} {1}", "{1} {0} {{x}}") == []
    assert problems("python-brace-format", "{n:d}", "{n:d}") == []


def test_brace_unknown_argument_is_fatal() -> None:
    """A keyword or index the program does not pass is fatal and refused."""
    # msgfmt names the first difference only; the dropped 'n' is a warning of its own.
    first, dropped = problems("python-brace-format", "{n} x", "{m} x")
    assert (first.fatal, first.gnu_refuses) == (True, True)
    assert first.message == "a format specification for argument 'm' doesn't exist in 'msgid'"
    assert (dropped.fatal, dropped.gnu_refuses) == (False, False)
    assert fatal("python-brace-format", "{0}", "{1}")
    assert fatal("python-brace-format", "{} {}", "{} {} {}")


def test_brace_dropped_argument_is_harmless() -> None:
    """str.format ignores unused arguments: a warning that msgfmt -c refuses."""
    [problem] = problems("python-brace-format", "{n} {m} x", "{n} x")
    assert (problem.fatal, problem.gnu_refuses) == (False, True)
    assert problem.message == "a format specification for argument 'm' doesn't exist in 'msgstr'"


@pytest.mark.parametrize("msgstr", ["{n", "{n]", "n}", "{n} }", "{", "{n!x}", "{n.}", "{0}{}"])
def test_brace_malformed_is_fatal(msgstr: str) -> None:
    """What str.format refuses to parse is fatal, whatever msgfmt says."""
    assert fatal("python-brace-format", "{n} {0}", msgstr)


def test_brace_stray_closing_brace_gnu_accepts() -> None:
    """gettext 0.21 reads a lone '}' as text; Python raises."""
    [problem] = problems("python-brace-format", "{n} x", "{n} } x")
    assert (problem.fatal, problem.gnu_refuses) == (True, False)
    assert "Single '}' encountered in format string" in problem.message


def test_brace_python_features_gettext_refuses() -> None:
    """'{n!r}' and automatic '{}' are fine in Python, invalid for gettext 0.21."""
    [problem] = problems("python-brace-format", "{n} x", "{n!r} x")
    assert (problem.fatal, problem.gnu_refuses) == (False, True)
    assert problem.message == (
        "'msgstr' is not a valid Python brace format string, unlike 'msgid'. Reason: In the "
        "directive number 0, there is an unterminated format directive."
    )
    # msgfmt does not check an entry whose msgid it cannot parse.
    assert problems("python-brace-format", "{} files", "{} Dateien") == []


def test_brace_specifier_of_another_type_is_fatal() -> None:
    """'{n:s}' for an argument the msgid formats with ':d' raises ValueError."""
    gnu, crash = problems("python-brace-format", "{n:d} files", "{n:s} files")
    # gettext 0.21 does not know the 's' type and says so; the crash is a problem of its own.
    assert (gnu.fatal, gnu.gnu_refuses) == (False, True)
    assert (crash.fatal, crash.gnu_refuses) == (True, False)
    assert crash.message == (
        "format specifications in 'msgid' and 'msgstr' for argument 'n' are not the same"
    )
    # msgfmt compares the whole field, specifier included: a new width is refused, not fatal.
    [problem] = problems("python-brace-format", "{n:>5}", "{n:<5}")
    assert (problem.fatal, problem.gnu_refuses) == (False, True)
    assert problem.message == "a format specification for argument 'n:<5' doesn't exist in 'msgid'"


def test_brace_unknown_attribute_is_a_warning() -> None:
    """Reading an attribute the msgid does not read may fail: warned, not refused."""
    gnu, warning = problems("python-brace-format", "{user.name}", "{user.email}")
    assert (gnu.fatal, gnu.gnu_refuses) == (False, True)
    assert (warning.fatal, warning.gnu_refuses) == (False, False)
    assert warning.message == "'msgstr' reads 'user.email', which 'msgid' does not"


# --- C format --------------------------------------------------------------------------------


def test_c_clean_translations() -> None:
    """Positional reordering, %i for %d and the 'I' flag fit the msgid."""
    assert problems("c-format", "%s: %d", "%2$d: %1$s") == []
    assert problems("c-format", "%d", "%i") == []
    assert problems("c-format", "%d", "%Id") == []
    assert problems("c-format", "%<PRId64> bytes", "%<PRIi64> octets") == []


def test_c_extra_argument_is_fatal() -> None:
    """printf reading an argument that was never passed is fatal."""
    [problem] = problems("c-format", "%d files", "%d files in %s")
    assert (problem.fatal, problem.gnu_refuses) == (True, True)
    assert (
        problem.message == "number of format specifications in 'msgid' and 'msgstr' does not match"
    )


def test_c_dropped_argument_is_harmless() -> None:
    """printf ignores surplus arguments: a warning msgfmt -c refuses."""
    [problem] = problems("c-format", "%d files in %s", "%d files")
    assert (problem.fatal, problem.gnu_refuses) == (False, True)


def test_c_types() -> None:
    """Another basic type or width is fatal; sign or promotion only is refused, not fatal."""
    assert fatal("c-format", "%d", "%s")
    assert fatal("c-format", "%d", "%ld")
    assert fatal("c-format", "%s", "%ls")
    assert fatal("c-format", "%f", "%Lf")
    for msgstr in ("%u", "%x", "%hd"):
        assert refused("c-format", "%d", msgstr)
        assert not fatal("c-format", "%d", msgstr)
    assert not refused("c-format", "%f", "%lf")
    assert not refused("c-format", "%lld", "%qd")


@pytest.mark.parametrize(
    ("msgstr", "reason"),
    [
        ("%d %", "The string ends in the middle of a directive."),
        ("%y", "In the directive number 1, the character 'y' is not a valid conversion specifier."),
        (
            "%2$d",
            "The string refers to argument number 2 but ignores argument number 1.",
        ),
        (
            "%1$d %s",
            "The string refers to arguments both through absolute argument numbers and through "
            "unnumbered argument specifications.",
        ),
        ("%0$d", "In the directive number 1, the argument number 0 is not a positive integer."),
        (
            "%<PRId64",
            "In the directive number 1, the token after '<' is not followed by '>'.",
        ),
        (
            "%<PRIs64>",
            "In the directive number 1, the token after '<' is not the name of a format "
            "specifier macro. The valid macro names are listed in ISO C 99 section 7.8.1.",
        ),
        ("%1$d %1$s", "The string refers to argument number 1 in incompatible ways."),
    ],
)
def test_c_malformed_directive(msgstr: str, reason: str) -> None:
    """A malformed directive is fatal and refused, with msgfmt's reason."""
    [problem] = problems("c-format", "%d", msgstr)
    assert (problem.fatal, problem.gnu_refuses) == (True, True)
    assert (
        problem.message
        == f"'msgstr' is not a valid C format string, unlike 'msgid'. Reason: {reason}"
    )


# --- Plural entries --------------------------------------------------------------------------


def test_plural_single_number_form_may_drop_the_number() -> None:
    """In a form used for one number, leaving out a named or C count is accepted."""
    lenient = lenient_forms(rule(ENGLISH), 2)
    assert lenient == frozenset({0})
    for flag, msgid, plural in (
        ("python-format", "%(count)d file", "%(count)d files"),
        ("c-format", "%d file", "%d files"),
        ("python-brace-format", "{count} file", "{count} files"),
    ):
        strs = ["one file", plural]
        assert check_formats([flag], msgid, plural, strs, lenient) == []
        # A form for many numbers is checked strictly: refused by msgfmt, still harmless.
        [problem] = check_formats([flag], msgid, plural, [plural, "files"], lenient)
        assert (problem.msgstr_index, problem.fatal, problem.gnu_refuses) == (1, False, True)
        assert problem.message.endswith("'msgstr[1]'") or "msgstr[1]" in problem.message


def test_plural_unnamed_python_count_cannot_be_dropped() -> None:
    """'one file' % n raises TypeError, so even a single-number form must keep %d."""
    lenient = lenient_forms(rule(ENGLISH), 2)
    [problem] = check_formats(["python-format"], "%d file", "%d files", ["one file", "%d"], lenient)
    assert (problem.msgstr_index, problem.fatal, problem.gnu_refuses) == (0, True, True)
    assert problem.message == (
        "number of format specifications in 'msgid_plural' and 'msgstr[0]' does not match"
    )
    with pytest.raises(TypeError):
        _ = "one file" % 1  # noqa: F507, UP031 - the operation the program performs


def test_plural_unknown_name_in_lenient_form() -> None:
    """A brace name the program does not pass is fatal even where msgfmt is lenient."""
    lenient = lenient_forms(rule(ENGLISH), 2)
    strs = ["{m} file", "{n} files"]
    [problem] = check_formats(["python-brace-format"], "{n} file", "{n} files", strs, lenient)
    assert (problem.msgstr_index, problem.fatal, problem.gnu_refuses) == (0, True, False)


def test_plural_names_of_msgid_count_as_passed() -> None:
    """The program passes what msgid and msgid_plural need: msgstr[0] may use msgid's names."""
    strs = ["%(name)s hat eine Datei", "%(name)s hat %(n)d Dateien"]
    found = check_formats(
        ["python-format"], "%(name)s has one file", "%(name)s has %(n)d files", strs, frozenset({0})
    )
    assert not any(p.fatal for p in found)


def test_untranslated_and_empty_msgid_are_not_checked() -> None:
    """msgfmt skips untranslated entries and those with an empty msgid; so does the check."""
    assert check_formats(["c-format"], "%d", None, [""]) == []
    assert check_formats(["c-format"], "%d file", "%d files", ["", "%s"]) == []
    assert check_formats(["c-format"], "", None, ["%s"]) == []
    # Once translated, an empty later form is checked as msgfmt does.
    [problem] = check_formats(["c-format"], "%d file", "%d files", ["%d", ""])
    assert (problem.msgstr_index, problem.gnu_refuses) == (1, True)


def test_lenient_forms_follow_msgfmt() -> None:
    """Forms picked fewer than 5 times for n = 0..1000 are lenient; a range flag narrows."""
    assert lenient_forms(rule(CZECH), 3) == frozenset({0, 1})
    assert lenient_forms(rule("0"), 1) == frozenset()
    assert lenient_forms(rule("(n>=1 && n<=5) ? 0 : 1"), 2) == frozenset()
    assert lenient_forms(rule("(n>=1 && n<=4) ? 0 : 1"), 2) == frozenset({0})
    assert lenient_forms(rule(ENGLISH), 2, ["c-format", "range: 0..1"]) == frozenset({0, 1})
    assert lenient_forms(rule(ENGLISH), 2, ["range: 0..5"]) == frozenset({0})
    # A rule that picks a form past nplurals: msgfmt reports it and checks every form leniently.
    assert lenient_forms(rule("n"), 2) == frozenset({0, 1})


def test_single_translation_is_strict() -> None:
    """A plural entry with only msgstr[0] (nplurals=1) is checked strictly."""
    [problem] = check_formats(["c-format"], "%d file", "%d files", ["Dateien"], frozenset({0}))
    assert problem.gnu_refuses


# --- Flags and order -------------------------------------------------------------------------


def test_flags_last_word_wins() -> None:
    """'no-c-format' after 'c-format' turns the check off, and the other way round."""
    assert check_formats(["c-format", "no-c-format"], "%d", None, ["%s"]) == []
    assert check_formats(["no-c-format", "c-format"], "%d", None, ["%s"]) != []
    assert check_formats(["possible-c-format"], "%d", None, ["%s"]) != []
    assert check_formats(["fuzzy"], "%d", None, ["%s"]) == []


def test_order_is_msgfmts() -> None:
    """C comes before Python: the first refused problem is the one msgfmt prints."""
    found = check_formats(["python-format", "c-format"], "%d file", None, ["%s"])
    assert [p.gnu_refuses for p in found] == [True, True]
    assert found[0].message == found[1].message


def test_msgid_that_is_not_a_format_is_a_warning() -> None:
    """A flagged msgid that does not parse: one warning, no check, as msgfmt checks nothing."""
    [problem] = check_formats(["python-format"], "100%!", None, ["%(x)s"])
    assert (problem.fatal, problem.gnu_refuses) == (False, False)
    assert problem.message.startswith("'msgid' is not a valid Python format string. Reason:")


# --- Fatal means the format operation fails --------------------------------------------------

# (msgid, msgstr, arguments the program passes for msgid, fatal?)
PERCENT_RUNS = [
    ("%(count)d files", "%(count)d Dateien", {"count": 2}, False),
    ("%(count)d files", "Dateien", {"count": 2}, False),
    ("%(count)d files", "%(cnt)d Dateien", {"count": 2}, True),
    ("%(count)d files", "%(count)d Dateien %(x", {"count": 2}, True),
    ("%(name)s", "%(name)d", {"name": "x"}, True),
    ("%(name)d", "%(name)s", {"name": 3}, False),
    ("%s and %s", "%s und %s", ("a", "b"), False),
    ("%s and %s", "%s", ("a", "b"), True),
    ("%s", "%s %s", ("a",), True),
    ("%s", "%d", ("a",), True),
    ("%s", "%q", ("a",), True),
    ("%s", "%(a)s", ("a",), True),
    ("%d%%", "%d %%", (5,), False),
    ("%d%%", "%d%", (5,), True),
    ("%(a)s", "%(a)s %s", {"a": 1}, True),
]


@pytest.mark.parametrize(("msgid", "msgstr", "args", "expected"), PERCENT_RUNS)
def test_percent_fatal_is_a_failing_operation(
    msgid: str, msgstr: str, args: Any, expected: bool
) -> None:
    """fatal is reported exactly for the translations whose % operation raises."""
    _ = msgid % args  # the program's own call works
    assert fatal("python-format", msgid, msgstr) is expected
    if expected:
        with pytest.raises((TypeError, ValueError, KeyError)):
            _ = msgstr % args
    else:
        _ = msgstr % args


BRACE_RUNS = [
    ("{n} files", "{n} Dateien", (), {"n": 2}, False),
    ("{n} files", "Dateien", (), {"n": 2}, False),
    ("{n} files", "{m} Dateien", (), {"n": 2}, True),
    ("{n} files", "{n} Dateien }", (), {"n": 2}, True),
    ("{n} files", "{n Dateien", (), {"n": 2}, True),
    ("{n} files", "{n!q} Dateien", (), {"n": 2}, True),
    ("{n:d} files", "{n:s} Dateien", (), {"n": 2}, True),
    ("{n:d} files", "{n:>5d} Dateien", (), {"n": 2}, False),
    ("{0} of {1}", "{1} von {0}", ("a", "b"), {}, False),
    ("{0} of {1}", "{2} von {0}", ("a", "b"), {}, True),
    ("{} of {}", "{} von {}", ("a", "b"), {}, False),
    ("{} of {}", "{0} von {}", ("a", "b"), {}, True),
    ("{n!r}", "{n!r:d}", (), {"n": 2}, True),
]


@pytest.mark.parametrize(("msgid", "msgstr", "args", "kwargs", "expected"), BRACE_RUNS)
def test_brace_fatal_is_a_failing_operation(
    msgid: str, msgstr: str, args: tuple[Any, ...], kwargs: dict[str, Any], expected: bool
) -> None:
    """fatal is reported exactly for the translations whose str.format call raises."""
    msgid.format(*args, **kwargs)
    assert fatal("python-brace-format", msgid, msgstr) is expected
    if expected:
        with pytest.raises((ValueError, KeyError, IndexError)):
            msgstr.format(*args, **kwargs)
    else:
        msgstr.format(*args, **kwargs)


def test_fatal_type_change_misprints() -> None:
    """A changed type that Python still formats prints something else: fatal all the same."""
    assert fatal("python-format", "%(n)d", "%(n)c")
    assert "%(n)c" % {"n": 65} != "%(n)d" % {"n": 65}  # noqa: UP031
    assert fatal("python-format", "%(a)s", "%s")
    assert "%s" % ({"a": 1},) != "%(a)s" % {"a": 1}  # noqa: UP031


PIECES = [
    "%s",
    "%d",
    "%(a)s",
    "%(b)d",
    "%%",
    "%r",
    "%5.2f",
    "%.0s",
    "%*d",
    "%a",
    "%q",
    "%(",
    "%",
    "%(a)%",
    "%5%",
    "x",
    " ",
]


def _percent_args(spec: Any) -> Any:
    value = {python_format.INTEGER: 7, python_format.FLOAT: 1.5, python_format.CHAR: 65}
    if spec.named:
        return {name: value.get(kinds[0], "t") for name, kinds in spec.named}
    return tuple(value.get(kind, "t") for kind in spec.unnamed)


@given(st.lists(st.sampled_from(PIECES), max_size=6).map("".join))
def test_percent_parser_agrees_with_python(text: str) -> None:
    """The run-time parser accepts a string exactly when Python can format it."""
    spec = python_format.runtime(text)
    if isinstance(spec, str):
        for args in ({"a": "t", "b": 1}, ("t",)):
            try:
                _ = text % args
            except (ValueError, TypeError):
                continue
            # Mixing "%s" and "%(a)s" only "works" by formatting the mapping itself.
            assert "both through argument names and through unnamed" in spec
    else:
        _ = text % _percent_args(spec)


BRACE_PIECES = [
    "{a}",
    "{0}",
    "{}",
    "{a!r}",
    "{a:>4}",
    "{a:{b}}",
    "{{",
    "}}",
    "{",
    "}",
    "{a!",
    "{[0]}",
    "{0[1]}",
    "x",
]


@given(st.lists(st.sampled_from(BRACE_PIECES), max_size=5).map("".join))
def test_brace_parser_agrees_with_python(text: str) -> None:
    """The run-time brace parser accepts a string exactly when str.format can format it."""
    fields = python_brace.runtime(text)
    if isinstance(fields, str):
        with pytest.raises(ValueError, match=re.escape(fields)):
            text.format(*[[1, 2]] * 10, a=3, b=3, x=3)
    else:
        count = 1 + max((f.key for f in fields if isinstance(f.key, int)), default=-1)
        keywords = {f.key: 3 for f in fields if isinstance(f.key, str)}
        text.format(*[[1, 2]] * count, **keywords)


@given(st.text(alphabet="ab01.[]x ", max_size=8))
def test_field_name_split_agrees_with_python(name: str) -> None:
    """The field-name splitter refuses what str.format refuses and finds the same argument."""
    split = importlib.import_module("_string").formatter_field_name_split
    try:
        first, rest = split(name)
        list(rest)  # the chain is split lazily: its errors show up here
        expected: Any = first
    except ValueError as exc:
        expected = str(exc)
    try:
        head, _chain = python_brace.split_field_name(name)
        mine: Any = int(head) if head.isdecimal() else head
    except ValueError as exc:
        mine = str(exc)
    assert mine == expected


# --- msgfmt -c as the oracle -----------------------------------------------------------------

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: t 1\\n"\n"PO-Revision-Date: 2020-01-01 00:00+0000\\n"\n'
    '"Last-Translator: t\\n"\n"Language-Team: t\\n"\n"Language: t\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals={n}; plural={rule};\\n"\n\n'
)

# Each case: the flags line, msgid, msgid_plural or None, the translations.
ORACLE_CASES: list[tuple[str, str, str | None, list[str]]] = [
    ("python-format", "%(a)s %(b)s", None, ["%(a)s"]),
    ("python-format", "%(a)s", None, ["%(a)s %(b)s"]),
    ("python-format", "%s %d", None, ["%d %s"]),
    ("python-format", "%d", None, ["%i"]),
    ("python-format", "%(a)d", None, ["%(a)s"]),
    ("python-format", "%(a)d", None, ["%s"]),
    ("python-format", "%s", None, ["%(a)s"]),
    ("python-format", "%s", None, ["%a"]),
    ("python-format", "%(a)s", None, ["%(a"]),
    ("python-format", "%s", None, ["%.0s"]),
    ("python-format", "%s", None, ["%5%s"]),
    ("python-format", "%(a)s", None, ["%(a)s %(a)d"]),
    ("python-format", "%(n)d file", "%(n)d files", ["one file", "%(n)d files"]),
    ("python-format", "%d file", "%d files", ["one file", "%d files"]),
    ("python-format", "%(n)d file", "%(n)d files", ["%(n)d file", "files"]),
    ("python-brace-format", "{n} x", None, ["{n} {m} x"]),
    ("python-brace-format", "{n} {m} x", None, ["{n} x"]),
    ("python-brace-format", "{n} x", None, ["{n} } x"]),
    ("python-brace-format", "{n} x", None, ["{n!r} x"]),
    ("python-brace-format", "{n:d} x", None, ["{n} x"]),
    ("python-brace-format", "{n[0]} x", None, ["{n[a b]} x"]),
    ("python-brace-format", "{n} x", None, ["{n:{w:d}} x"]),
    ("python-brace-format", "{n} x", None, ["{ n} x"]),
    ("python-brace-format", "{n} file", "{n} files", ["{m} file", "{n} files"]),
    ("python-brace-format", "{} x", None, ["{0} x"]),
    ("c-format", "%d %s", None, ["%2$s %1$d"]),
    ("c-format", "%d %s", None, ["%d"]),
    ("c-format", "%d", None, ["%d %s"]),
    ("c-format", "%d %s", None, ["%u %s"]),
    ("c-format", "%f", None, ["%lf"]),
    ("c-format", "%d", None, ["%<PRId64>"]),
    ("c-format", "%d", None, ["%b"]),
    ("c-format", "%d %s", None, ["%2$s"]),
    ("c-format", "%s", None, ["%Is"]),
    ("c-format", "%lld", None, ["%qd"]),
    ("c-format", "%d file", "%d files", ["one file", "%d files"]),
    ("c-format", "%d file", "%d files", ["%d file", "files"]),
    ("c-format", "%d file", "%d files", ["%d", ""]),
    ("c-format, range: 0..1", "%d file", "%d files", ["%d", "x"]),
    ("c-format, no-c-format", "%d file", None, ["%s"]),
    ("no-c-format, c-format", "%d file", None, ["%s"]),
    ("c-format, python-format", "%d file", None, ["%s"]),
]


def msgfmt_verdicts(
    tmp_path: Path, cases: list[tuple[str, str, str | None, list[str]]], nplurals: int, plural: str
) -> list[list[str]]:
    """Run msgfmt -c once over every case; what it printed for each entry."""
    text = HEADER.format(n=nplurals, rule=plural)
    spans: list[tuple[int, int]] = []
    for number, (flags, msgid, msgid_plural, msgstrs) in enumerate(cases):
        start = text.count("\n") + 1
        text += f"#, {flags}\nmsgctxt {quote(str(number))}\nmsgid {quote(msgid)}\n"
        if msgid_plural is None:
            text += f"msgstr {quote(msgstrs[0])}\n"
        else:
            text += f"msgid_plural {quote(msgid_plural)}\n"
            text += "".join(f"msgstr[{j}] {quote(s)}\n" for j, s in enumerate(msgstrs))
        text += "\n"
        spans.append((start, text.count("\n") + 1))
    source = tmp_path / "cases.po"
    source.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [require("msgfmt"), "-c", "-o", "/dev/null", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    printed: list[list[str]] = [[] for _ in cases]
    for line in run.stderr.splitlines():
        match = re.match(r".*?:(\d+): (.*)", line)
        if match is None:
            continue
        where = int(match.group(1))
        for number, (start, end) in enumerate(spans):
            if start <= where < end:
                printed[number].append(match.group(2))
    return printed


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ours(
    case: tuple[str, str, str | None, list[str]], lenient: frozenset[int]
) -> list[FormatProblem]:
    flags, msgid, msgid_plural, msgstrs = case
    flag_list = [f.strip() for f in flags.split(",")]
    return check_formats(flag_list, msgid, msgid_plural, msgstrs, lenient)


@pytest.mark.oracle
def test_gnu_refuses_matches_msgfmt(tmp_path: Path) -> None:
    """For each case, gnu_refuses and the first message equal what msgfmt -c prints."""
    printed = msgfmt_verdicts(tmp_path, ORACLE_CASES, 2, ENGLISH)
    for case, gnu in zip(ORACLE_CASES, printed):
        flags = [f.strip() for f in case[0].split(",")]
        refused_by_us = [
            p.message for p in ours(case, lenient_forms(rule(ENGLISH), 2, flags)) if p.gnu_refuses
        ]
        assert refused_by_us[:1] == gnu, case


@pytest.mark.oracle
def test_lenient_plural_forms_match_msgfmt(tmp_path: Path) -> None:
    """With a Czech rule, forms 0 and 1 are lenient and form 2 strict, as msgfmt -c decides."""
    cases: list[tuple[str, str, str | None, list[str]]] = [
        ("c-format", "%d file", "%d files", ["soubor", "soubory", "%d souborů"]),
        ("c-format", "%d file", "%d files", ["%d soubor", "%d soubory", "souborů"]),
        ("python-format", "%(n)d file", "%(n)d files", ["soubor", "soubory", "%(n)d"]),
        ("python-format", "%(n)d file", "%(n)d files", ["%(n)d", "%(n)d", "x"]),
        ("python-brace-format", "{n} file", "{n} files", ["{x}", "y", "{n}"]),
        ("python-brace-format", "{n} file", "{n} files", ["{n}", "{n}", "{x}"]),
    ]
    lenient = lenient_forms(rule(CZECH), 3)
    printed = msgfmt_verdicts(tmp_path, cases, 3, CZECH)
    for case, gnu in zip(cases, printed):
        refused_by_us = [p.message for p in ours(case, lenient) if p.gnu_refuses]
        assert refused_by_us[:1] == gnu, case


# --- The shared corpus -----------------------------------------------------------------------

_PLURAL_FORMS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+)")


def test_corpus_has_no_format_problem() -> None:
    """Real catalogs that pass msgfmt -c get no fatal and no refused problem."""
    checked = 0
    for path in corpus_files():
        catalog = polib.pofile(str(path))
        match = _PLURAL_FORMS.search(catalog.metadata.get("Plural-Forms", ""))
        nplurals, expression = (int(match.group(1)), match.group(2)) if match else (2, ENGLISH)
        plural = rule(expression)
        for entry in catalog.translated_entries():
            if entry.msgid_plural:
                msgstrs = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
                lenient = lenient_forms(plural, nplurals, entry.flags)
            else:
                msgstrs, lenient = [entry.msgstr], frozenset()
            found = check_formats(
                entry.flags, entry.msgid, entry.msgid_plural or None, msgstrs, lenient
            )
            checked += any(flag in FORMAT_FLAGS for flag in entry.flags)
            assert not [p for p in found if p.fatal or p.gnu_refuses], (path.name, entry.msgid)
    assert checked > 0
