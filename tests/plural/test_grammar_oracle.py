"""Plural-Forms against GNU: msgfmt's verdicts and glibc's ngettext on known, header and random rules."""

import json
import os
import platform
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hatch_minipo.plural.grammar import (
    PluralFormsError,
    check_plural_rule,
    parse_plural_forms,
)
from plural_samples import KNOWN_RULES, ULONG

MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")


# C unsigned long arithmetic that a Python-int evaluator would get wrong.
WRAPPING_RULES = [
    "nplurals=3; plural=(n-1)%3;",
    "nplurals=2; plural=n*4294967296*4294967296 == 0;",
    "nplurals=2; plural=n+18446744073709551615 < n;",
    "nplurals=4; plural=(n-2)/6148914691236517205;",
    "nplurals=2; plural=18446744073709551617 == 1;",
]


def _po_string(text: str) -> str:
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\v": "\\v"}
    return "".join(escapes.get(char, char) for char in text)


def _po(header_value: str, forms: int = 2) -> str:
    msgstrs = "".join(f'msgstr[{i}] "form {i}"\n' for i in range(forms))
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {_po_string(header_value)}\\n"\n\n'
        f'msgid "a"\nmsgid_plural "as"\n{msgstrs}'
    )


def _msgfmt_errors(po: str) -> list[str]:
    """The errors `msgfmt -c` reports for the PO text, without place and without warnings."""
    assert MSGFMT is not None
    done = subprocess.run(
        [MSGFMT, "-c", "-o", os.devnull, "-"], input=po.encode(), capture_output=True, check=False
    )
    return [
        line.split(": ", 1)[1]
        for line in done.stderr.decode().splitlines()
        if line.startswith("<stdin>:") and ": warning: " not in line
    ]


# --- the same, against GNU -----------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "nplurals=2; plural=n != 1;",
        "nplurals=2; plural=n-1;",
        "nplurals=2; plural=n/(n-n);",
        "nplurals=2; plural=n%(n-1);",
        "nplurals=2; plural=5;",
        "nplurals=2; plural=n==1000 ? 7 : 0;",
        "nplurals=2; plural=n==1001 ? 1/0 : 0;",
        "nplurals=3; plural=n==5 ? n-6 : n==3 ? 7 : 0;",
        "nplurals=2; plural=9223372036854775808 + n;",
        *(value for value, _ in KNOWN_RULES.values()),
        *WRAPPING_RULES,
    ],
)
@pytest.mark.oracle
@needs_msgfmt
def test_check_plural_rule_matches_msgfmt(value: str) -> None:
    """check_plural_rule reports what msgfmt -c reports, word for word."""
    rule = parse_plural_forms(value)
    assert check_plural_rule(rule) == _msgfmt_errors(_po(value, rule.nplurals))


@pytest.mark.parametrize(
    "value",
    [
        "nplurals=2; plural=n != 1",
        "plural=n!=1; nplurals=2",
        "nplurals= 2 ; plural= n!=1 ;",
        "nplurals=2; plural=n!=1; extra=3; foo",
        "nplurals=2x; plural=n!=1;",
        "nplurals=2; plural=(n != 1;",
        "nplurals=2; plural=n != 1 );",
        "nplurals=2; plural=n!=1 extra;",
        "nplurals=2; plural=N!=1;",
        "nplurals=2; plural=;",
        "nplurals=x; plural=0;",
        "nplurals=-1; plural=0;",
        "nplurals=2; plural=\t(n\t!=\t1);",
        "nplurals=2; plural=n !=\r1;",
        "nplurals=2; plural=n != 1\n+ 5;",
        "nplurals=2; plural=n = 1;",
        "nplurals=2; plural=n & 1;",
        "nplurals=2; plural=n<>1;",
    ],
)
@pytest.mark.oracle
@needs_msgfmt
def test_acceptance_matches_msgfmt(value: str) -> None:
    """A value is refused exactly when msgfmt -c finds it invalid."""
    gnu = _msgfmt_errors(_po(value))
    try:
        parse_plural_forms(value)
    except PluralFormsError:
        accepted = False
    else:
        accepted = True
    assert (
        gnu == []
        if accepted
        else gnu in (["invalid plural expression"], ["invalid nplurals value"])
    )


_ATOMS = st.sampled_from(
    [
        *("n", "0", "1", "2", "3", "7", "10", "100", "4294967296", "9223372036854775808"),
        *("18446744073709551615", "18446744073709551616"),
    ]
)
_OPERATORS = ["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"]
_JUNK = ["(", ")", "?", ":", "!", "=", "&", "|", "-", "n", "1", " ", "x", ";"]


def _grow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    # Parentheses come and go at random, so the printed text may group differently from the
    # tree that produced it: deciding how is GNU's job.
    def wrap(text: str, parens: bool) -> str:
        return f"({text})" if parens else text

    return st.one_of(
        st.builds(
            lambda a, op, b, p, gap: wrap(f"{a}{gap}{op}{gap}{b}", p),
            children,
            st.sampled_from(_OPERATORS),
            children,
            st.booleans(),
            st.sampled_from(["", " "]),
        ),
        st.builds(lambda a: f"!{a}", children),
        st.builds(
            lambda a, b, c, p: wrap(f"{a} ? {b} : {c}", p),
            children,
            children,
            children,
            st.booleans(),
        ),
    )


_EXPRESSIONS = st.recursive(_ATOMS, _grow, max_leaves=10)
_MUTATED = st.builds(
    lambda text, at, junk: text[: at % (len(text) + 1)] + junk + text[at % (len(text) + 1) :],
    _EXPRESSIONS,
    st.integers(0, 200),
    st.sampled_from(_JUNK),
)


def _our_verdict(expression: str) -> list[str]:
    # msgfmt -c with nplurals=0 always reports on n = 0: the value, or why there is none.
    try:
        rule = parse_plural_forms(f"nplurals=1; plural={expression};")
    except PluralFormsError:
        return ["invalid plural expression"]
    try:
        value = rule(0)
    except PluralFormsError:
        return ["plural expression can produce division by zero"]
    if value >= 1 << 63:
        return ["plural expression can produce negative values"]
    return [f"nplurals = 0 but plural expression can produce values as large as {value}"]


@pytest.mark.oracle
@needs_msgfmt
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expression=st.one_of(_EXPRESSIONS, _MUTATED))
def test_random_expressions_match_msgfmt(expression: str) -> None:
    """Random (and randomly broken) expressions parse and evaluate as msgfmt -c says."""
    assert _our_verdict(expression) == _msgfmt_errors(_po(f"nplurals=0; plural={expression};"))


_GLIBC_PROBE = textwrap.dedent(
    """
    import ctypes, json, sys
    libc = ctypes.CDLL(None)
    libc.setlocale.restype = ctypes.c_char_p
    if libc.setlocale(6, b"C.UTF-8") is None:  # LC_ALL
        print("null")
        sys.exit()
    libc.bindtextdomain.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.dngettext.restype = ctypes.c_char_p
    libc.dngettext.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong]
    request = json.load(sys.stdin)
    answers = []
    for domain in request["domains"]:
        libc.bindtextdomain(domain.encode(), request["dir"].encode())
        answers.append([
            libc.dngettext(domain.encode(), b"a", b"as", n).decode() for n in request["counts"]
        ])
    print(json.dumps(answers))
    """
)


@pytest.mark.oracle
@needs_msgfmt
@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="needs glibc's libintl as a runtime oracle",
)
def test_evaluation_matches_glibc_ngettext(tmp_path: Path) -> None:
    """Compiled with msgfmt and looked up with glibc's dngettext, every count picks our form."""
    assert MSGFMT is not None
    values = [value for value, _ in KNOWN_RULES.values()] + WRAPPING_RULES
    messages = tmp_path / "xx" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    for index, value in enumerate(values):
        po = tmp_path / f"d{index}.po"
        po.write_text(_po(value, parse_plural_forms(value).nplurals), encoding="utf-8")
        subprocess.run([MSGFMT, "-o", str(messages / f"d{index}.mo"), str(po)], check=True)
    counts = [*range(201), 1000, 10**6, 2**32 - 1, 2**32, 2**63, ULONG - 2, ULONG - 1]
    request = {"dir": str(tmp_path), "domains": [f"d{i}" for i in range(len(values))]}
    done = subprocess.run(
        [sys.executable, "-c", _GLIBC_PROBE],
        input=json.dumps({**request, "counts": counts}),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LANGUAGE": "xx", "LC_ALL": "C.UTF-8"},
    )
    answers = json.loads(done.stdout)
    if answers is None:
        pytest.skip("the C.UTF-8 locale is not available")
    for value, answer in zip(values, answers):
        rule = parse_plural_forms(value)
        assert answer == [f"form {rule(n)}" for n in counts], value


def test_values_kept_for_the_checked_counts_stop_where_a_count_divides_by_zero():
    """The rule's values for 0..1000 are computed once; the count dividing by zero still raises."""
    rule = parse_plural_forms("nplurals=2; plural=n/(n-5);")
    assert [rule(n) for n in range(5)] == [0, 0, 0, 0, 0]
    with pytest.raises(PluralFormsError, match="divides by zero for n = 5"):
        rule(5)
    assert (rule(6), rule(10), rule(2000)) == (6, 2, 1)
    assert check_plural_rule(rule) == ["plural expression can produce division by zero"]
