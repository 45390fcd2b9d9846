"""Format-string checks: what is fatal is what makes the format operation fail in Python."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from format_samples import fatal
from hatch_minipo.formats import python as python_format
from hatch_minipo.formats import python_brace

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
