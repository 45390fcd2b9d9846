"""Format-string checks: fatal where the format operation fails, gnu_refuses where msgfmt -c does."""

from __future__ import annotations

import inspect

import pytest

from format_samples import CZECH, ENGLISH, fatal, problems, refused, rule
from hatch_minipo.formats import checks
from hatch_minipo.formats.checks import FORMAT_FLAGS, FormatProblem, check_formats, lenient_forms

# --- Python % format -------------------------------------------------------------------------


def test_api_shape() -> None:
    """The flags and the problem record are what the engine relies on."""
    assert len(FORMAT_FLAGS) == 30
    assert FORMAT_FLAGS[:4] == ("c-format", "objc-format", "python-format", "python-brace-format")
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


def test_brace_unknown_attribute_is_refused() -> None:
    """Reading an attribute or item the msgid does not read can reach anything: refused."""
    gnu, refusal = problems("python-brace-format", "{user.name}", "{user.email}")
    assert (gnu.fatal, gnu.gnu_refuses) == (False, True)
    assert (refusal.fatal, refusal.gnu_refuses) == (True, False)
    assert refusal.message == "'msgstr' reads 'user.email', which 'msgid' does not"
    secret = problems("python-brace-format", "{user.name}", "{user.__init__.__globals__[KEY]}")
    assert [p.message for p in secret if p.fatal] == [
        "'msgstr' reads 'user.__init__.__globals__[KEY]', which 'msgid' does not"
    ]


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
    assert lenient_forms(rule(ENGLISH), 2, (0, 1)) == frozenset({0, 1})
    assert lenient_forms(rule(ENGLISH), 2, (0, 5)) == frozenset({0})
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


def test_plain_brace_fields_reordered_need_no_scanner(monkeypatch) -> None:
    """{name} fields in any order are accepted without reading them; anything else is read."""
    read: list[str] = []
    real = checks._check_brace
    monkeypatch.setattr(
        checks,
        "_CHECKS",
        {**checks._CHECKS, "python-brace-format": lambda e: read.append(e.msgid) or real(e)},
    )
    assert problems("python-brace-format", "{a} of {b}", "{b} von {a}") == []
    assert problems("python-brace-format", "{a} of {b}", "{b} von {a} und {a}") == []
    assert read == []
    problems("python-brace-format", "{a} of {b}", "{b:>5} von {a}")
    assert refused("python-brace-format", "{a} of {b}", "{a} von {c}")
    assert read == ["{a} of {b}", "{a} of {b}"]


def test_every_language_module_has_the_scanner_interface() -> None:
    """Each of the 27 modules checked by GNU's verdict names its language, scans and checks."""
    for flag in checks._GNU_ONLY:
        scanner = checks.gnu_scanner(flag)
        assert scanner is not None, flag
        assert isinstance(scanner.LANGUAGE, str), flag
        assert scanner.LANGUAGE, flag
        assert list(inspect.signature(scanner.scan).parameters)[:3] == [
            "text",
            "translated",
            "marks",
        ], flag
        assert list(inspect.signature(scanner.check).parameters) == ["ref", "got", "where"], flag
    assert len(checks._GNU_ONLY) == 27
