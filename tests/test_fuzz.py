"""Fuzzing the parser and the compiler: any bytes give a catalog Python loads, or diagnostics.

The oracle (``check_outcome``) is shared with ``fuzz/fuzz_engine.py``, the long-run script;
``FOUND`` keeps every input a fuzz run found that broke the oracle, with what it gives now.
"""

from __future__ import annotations

import encodings
import encodings.aliases
import gettext
import io
import pkgutil
import struct
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hatch_minipo.compiler import CompileResult, compile_catalog
from hatch_minipo.errors import CHECK_LEVELS, CheckLevel
from hatch_minipo.plural.cpython import plural_forms_problems
from hatch_minipo.po import reader as parser
from hatch_minipo.workflow.minimize import minimize_po

REPO = Path(__file__).resolve().parents[1]
PATH = "fuzz.po"
# Counts an application may ask for: every small one, and the powers where unsigned C and
# Python's integers part ways.
COUNTS = (*range(200), *(10**k for k in range(3, 20)), 2**32, 2**63, 2**64 + 1)

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: demo 1.0\\n"\n"Language: pl\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || '
    'n%100>=20) ? 1 : 2);\\n"\n\n'
)
SEEDS: tuple[bytes, ...] = (
    (
        HEADER + '# comment\n#: src/a.py:1\n#, python-format\nmsgid "%(n)s file"\n'
        'msgid_plural "%(n)s files"\nmsgstr[0] "%(n)s plik"\nmsgstr[1] "%(n)s pliki"\n'
        'msgstr[2] "%(n)s plików"\n\nmsgctxt "menu"\nmsgid "Open"\nmsgstr "Otwórz"\n\n'
        '#, fuzzy\nmsgid "Close"\nmsgstr "Zamknij"\n\n#, python-brace-format\n'
        'msgid "Hi {name}"\nmsgstr "Cześć {name}"\n\n#, c-format\nmsgid "%d of %s"\n'
        'msgstr "%d z %s"\n\n#~ msgid "Old"\n#~ msgstr "Stary"\n\nmsgid ""\n"Long\\n"\n'
        '"text \\t \\" \\\\ \\303\\251 \\x41"\nmsgstr ""\n"Długi\\n"\n"tekst"\n'
    ).encode(),
    (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n'
        'Plural-Forms: nplurals=2; plural=n != 1;\\n"\n\nmsgid "a"\nmsgstr "\xe9t\xe9"\n'
    ).encode("latin-1"),
    (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=SHIFT_JIS\\n"\n\n'
        'msgid "table"\nmsgstr "表"\n'
    ).encode("shift_jis"),
    b'msgid "no header"\nmsgstr "ascii only"\n',
    *(path.read_bytes() for path in sorted(REPO.glob("test-projects/*/po/*.mini.po"))),
)
# Pieces a catalog is made of, and bytes that have broken parsers before.
TOKENS: tuple[bytes, ...] = (
    b'"', b"\\", b"\n", b"\r\n", b"msgid ", b"msgstr ", b"msgstr[0] ", b"msgstr[1] ",
    b"msgstr[9] ", b"msgid_plural ", b"msgctxt ", b"#, fuzzy\n", b"#~ ", b"#| ", b"domain ",
    b"#, c-format\n", b"#, python-format\n", b"#, python-brace-format\n", b"%", b"%(x)s",
    b"{", b"}", b"{0!r:>{1}}", b"\0", b"\x04", b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\\x",
    b"\\0", b"\\777", b"\\9", b"nplurals=", b"plural=", b"charset=", b"Content-Type: ",
    b"Plural-Forms: ", b"CHARSET", b"UTF-16", b"(", b")", b"n%10", b";", b"?", b":", b"!",
    b"99999999999999999999", b'\\n"\n"', b"\t", b"\x0c",
)  # fmt: skip


# Numbers past int()'s digit limit and C's integer types, and directives repeated: what has
# made parsers crash, allocate gigabytes or take quadratic time.
HUGE_NUMBERS: tuple[bytes, ...] = (
    b"9" * 5000, b"1" + b"0" * 4400, b"18446744073709551616", b"0" * 300 + b"1", b"4294967296",
)  # fmt: skip
REPEATED: tuple[bytes, ...] = (
    b"{a}", b"{}", b"%(a)s %(a)d ", b"%s", b"{a:>99999}", b"%1$d ", b"{a.b[0]}", b"n==1||",
)  # fmt: skip


def mutate(seed: bytes, operations: list[tuple[int, int, int, int]]) -> bytes:
    """Apply (kind, position, argument, length) edits: delete, insert a token, set a byte,
    copy a slice, insert a huge number or a directive repeated many times..."""
    data = bytearray(seed)
    for kind, position, argument, length in operations:
        at = position % (len(data) + 1)
        if kind == 0:
            del data[at : at + length]
        elif kind == 1:
            data[at:at] = TOKENS[argument % len(TOKENS)]
        elif kind == 2 and data:
            data[min(at, len(data) - 1)] = argument % 256
        elif kind == 3 and data:
            start = argument % len(data)
            data[at:at] = data[start : start + length]
        elif kind == 5:
            data[at:at] = HUGE_NUMBERS[argument % len(HUGE_NUMBERS)]
        elif kind == 6:
            data[at:at] = REPEATED[argument % len(REPEATED)] * (length * 10)
        else:
            data[at:at] = bytes([argument % 256]) * (length % 4 + 1)
    return bytes(data)


def check_outcome(
    data: bytes, check: CheckLevel = "errors", language: str | None = None
) -> CompileResult:
    """Compile ``data``; fail unless the outcome is a sound .mo or placed diagnostics.

    Exceptions other than the assertions of this oracle propagate: they are the bugs sought.
    """
    check_fast_path(data)
    result = compile_catalog(data, PATH, check=check, language=language)
    lines = data.count(b"\n") + 1
    for diagnostic in result.diagnostics:
        assert diagnostic.path == PATH
        assert 1 <= diagnostic.line <= lines, (str(diagnostic), lines)
        assert diagnostic.message
        # One line, nothing that drives a terminal or reorders text, nothing unprintable.
        assert not any(
            unicodedata.category(char) in {"Cc", "Cf", "Cs"} for char in diagnostic.message
        ), f"a control character in {diagnostic.message!r}"
    if result.mo is None:
        assert any(d.is_error for d in result.diagnostics)
        return result
    assert not any(d.is_error for d in result.diagnostics)
    magic, revision, count = struct.unpack("<3I", result.mo[:12])
    assert (magic, revision) == (0x950412DE, 0)
    assert count >= result.messages
    if check != "off":
        # What "errors" promises: the application loading this catalog does not crash.
        translations = gettext.GNUTranslations(io.BytesIO(result.mo))
        for n in COUNTS:
            translations.ngettext("x", "y", n)
    return result


def check_fast_path(data: bytes) -> None:
    """The parser's fast path reads exactly what the full parser reads, or declines."""
    fast = parser._parse_plain(data)
    if fast is None:
        return
    full = parser._Parser(PATH, "utf-8")
    for lineno, line in parser._lines(data, "utf-8"):
        full.line(lineno, line)
    full.finish()
    assert full.diagnostics == []
    assert full.messages == fast.messages
    if fast.clean:  # what lets validation skip its search must be true of every string
        for m in fast.messages:
            text = "".join((m.msgctxt or "", m.msgid, m.msgid_plural or "", *m.msgstr))
            assert "\x04" not in text
            assert not any("\udc80" <= char <= "\udcff" for char in text)


def check_minimize(data: bytes) -> None:
    """minimize_po gives a catalog or diagnostics, never an exception."""
    result = minimize_po(data, PATH)
    assert result.data is not None or any(d.is_error for d in result.diagnostics)


H = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
PLURAL = 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'


def pf(expression: str) -> str:
    return H + f'"Plural-Forms: nplurals=2; plural={expression};\\n"\n\n' + PLURAL


# Inputs fuzzing found: each crashed the compiler or gave a .mo Python's gettext cannot load.
FOUND: dict[str, tuple[bytes, list[str]]] = {
    "hex escape without digits": (
        b'msgid "a\\x"\nmsgstr "b"\n',
        ["fuzz.po:1: invalid control sequence '\\x'"],
    ),
    "octal escape with 9": (
        b'msgid "a"\nmsgstr "\\9"\n',
        ["fuzz.po:2: invalid control sequence '\\9'"],
    ),
    "escaped non-ASCII digit": (
        'msgid "a"\nmsgstr "\\٣"\n'.encode(),
        ["fuzz.po:2: invalid control sequence '\\٣'"],
    ),
    "NUL in the charset name": (
        (H.replace("UTF-8", "UTF-8\0") + '\nmsgid "a"\nmsgstr "b"\n').encode(),
        [
            "fuzz.po:1: unknown charset 'UTF-8\\x00': Python cannot decode it",
            "fuzz.po:3: NUL byte within string: msgfmt would cut the string there",
        ],
    ),
    "charset that is not a text encoding": (
        (H.replace("UTF-8", "rot13") + '\nmsgid "a"\nmsgstr "b"\n').encode(),
        ["fuzz.po:1: charset 'rot13' cannot hold a PO file: it does not write ASCII as ASCII"],
    ),
    "charset that is not ASCII-compatible": (
        (H.replace("UTF-8", "UTF-16") + '\nmsgid "a"\nmsgstr "b"\n').encode(),
        ["fuzz.po:1: charset 'UTF-16' cannot hold a PO file: it does not write ASCII as ASCII"],
    ),
    "charset the idna codec cannot decode leniently": (
        (H.replace("UTF-8", "idna") + '\nmsgid "a"\nmsgstr "b"\n').encode(),
        ["fuzz.po:1: charset 'idna' cannot hold a PO file: it does not write ASCII as ASCII"],
    ),
    "stateful ISO-2022 charset with a stray escape byte": (
        (H.replace("UTF-8", "ISO-2022-JP") + '\nmsgid "a"\nmsgstr "\x1b"\n').encode(),
        [
            "fuzz.po:1: charset 'ISO-2022-JP' cannot hold a PO file: it does not write ASCII "
            "as ASCII"
        ],
    ),
    "raw NUL byte inside a string": (
        b'msgid "a\0"\nmsgstr "b"\n',
        ["fuzz.po:1: NUL byte within string: msgfmt would cut the string there"],
    ),
    "escaped NUL": (
        b'msgid "a"\nmsgstr "b\\000c"\n',
        ["fuzz.po:2: NUL byte within string: msgfmt would cut the string there"],
    ),
    "undecodable byte outside strings": (
        b'msgid "a"\nmsgstr "b"\n\x82\n',
        ["fuzz.po:3: syntax error at byte 0x82"],
    ),
    "charset placeholder in an ASCII catalog": (
        (H.replace("UTF-8", "CHARSET") + '\nmsgid "a"\nmsgstr "b"\n').encode(),
        [
            "fuzz.po:2: Python's gettext cannot load this catalog: it takes the charset to be "
            "'CHARSET' (everything after 'charset='), which it does not know"
        ],
    ),
    "charset followed by more text": (
        (H.replace("UTF-8", "UTF-8; format=flowed") + '\nmsgid "a"\nmsgstr "b"\n').encode(),
        [
            "fuzz.po:2: Python's gettext cannot load this catalog: it takes the charset to be "
            "'UTF-8; format=flowed' (everything after 'charset='), which it does not know"
        ],
    ),
    "charset= in upper case": (
        (H.replace("charset", "Charset") + '\nmsgid "a"\nmsgstr "b"\n').encode(),
        [
            "fuzz.po:2: Python's gettext cannot load this catalog: its Content-Type has no "
            "'charset=' (in lower case)"
        ],
    ),
    "charset found outside the Content-Type line": (
        (H.replace("Content-Type: text", "Co") + '\nmsgid "a"\nmsgstr "ü"\n').encode(),
        [
            "fuzz.po:2: Python's gettext cannot load this catalog: it finds no Content-Type "
            "line in the header, so it decodes the catalog as ASCII, and it is not"
        ],
    ),
    "header that is not UTF-8": (
        (
            H.replace("UTF-8", "ISO-8859-1")
            + '"Last-Translator: Jos\xe9\\n"\n\nmsgid "a"\nmsgstr "b"\n'
        ).encode("latin-1"),
        [
            "fuzz.po:2: Python's gettext cannot load this catalog: it reads the header as "
            "UTF-8, and this header is not; keep the header ASCII or use charset=UTF-8"
        ],
    ),
    "a second Plural-Forms line Python cannot compile": (
        (
            pf("n != 1").replace("\n\n", '\n"plural-forms: nplurals=2; plural={n};\\n"\n\n', 1)
        ).encode(),
        [
            "fuzz.po:2: Python's gettext cannot load this Plural-Forms: invalid token in plural form: {"
        ],
    ),
    "control characters quoted in a message": (
        pf("\x1b[2Jn").encode(),
        [
            'fuzz.po:2: invalid Plural-Forms header: invalid plural expression: "\\x1b" at '
            "column 1 is not allowed; use only n, decimal numbers, parentheses and ?: || && == "
            '!= < > <= >= + - * / % ! (in "\\x1b[2Jn")'
        ],
    ),
    "negation after a comparison": (
        pf("(n !=! 1)").encode(),
        [
            "fuzz.po:2: Python's gettext cannot load this Plural-Forms: invalid syntax: c2py "
            "writes '!' as 'not', which cannot follow '!='"
        ],
    ),
    "negation before a comparison": (
        pf("!n == 0").encode(),
        [
            "fuzz.po:2: Python's gettext would compute this Plural-Forms differently from C: "
            "c2py writes '!a == b' as 'not a == b', which means !(a == b); write (!a) == b"
        ],
    ),
    "division by an expression of n": (
        pf("n/(n-2000)").encode(),
        [
            "fuzz.po:2: Python's gettext would raise ZeroDivisionError with this Plural-Forms "
            "for every n that makes a divisor 0: divide only by numbers, as real rules do"
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(FOUND))
def test_found_by_fuzzing(name):
    """Each input a fuzz run found is refused with exactly its diagnostics, and minimize survives it."""
    data, expected = FOUND[name]
    result = check_outcome(data)
    assert [str(d) for d in result.diagnostics if d.is_error] == expected
    check_minimize(data)


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
OPERATIONS = st.lists(
    st.tuples(
        st.integers(0, 6), st.integers(0, 1 << 20), st.integers(0, 1 << 16), st.integers(1, 60)
    ),
    min_size=1,
    max_size=10,
)


@FUZZ
@given(data=st.binary(max_size=3000), check=st.sampled_from(CHECK_LEVELS))
def test_random_bytes(data, check):
    """Random bytes compile or are refused with placed diagnostics."""
    check_outcome(data, check)


@FUZZ
@given(
    seed=st.sampled_from(SEEDS),
    operations=OPERATIONS,
    check=st.sampled_from(CHECK_LEVELS),
    language=st.sampled_from([None, "de", "ar", "xx"]),
)
def test_mutated_catalogs(seed, operations, check, language):
    """Valid catalogs with random edits compile or are refused, never crash."""
    check_outcome(mutate(seed, operations), check, language)


@FUZZ
@given(pieces=st.lists(st.sampled_from(TOKENS), max_size=60))
def test_token_soup(pieces):
    """Catalog-shaped noise built from PO tokens compiles or is refused, never crashes."""
    data = SEEDS[0][:200] + b"".join(pieces)
    check_outcome(data)
    check_minimize(data)


@FUZZ
@given(seed=st.sampled_from(SEEDS), operations=OPERATIONS)
def test_minimize_mutated_catalogs(seed, operations):
    """minimize_po on mutated catalogs gives a catalog or diagnostics, never an exception."""
    check_minimize(mutate(seed, operations))


PLURAL_TOKENS = (
    "n", "0", "1", "2", "10", "100", "(", ")", "!", "?", ":", "==", "!=", "<", ">", "<=",
    ">=", "+", "-", "*", "/", "%", "&&", "||", " ", "x", "{",
)  # fmt: skip


@FUZZ
@given(pieces=st.lists(st.sampled_from(PLURAL_TOKENS), min_size=1, max_size=16))
def test_plural_forms_refused_wherever_python_refuses_them(pieces):
    """Every Plural-Forms expression CPython's c2py raises on is refused."""
    expression = "".join(pieces)
    try:
        gettext.c2py(expression)  # builds its function from checked tokens only
    except Exception:  # noqa: BLE001  # SyntaxError included: c2py lets it through
        assert plural_forms_problems(f"nplurals=2; plural={expression};"), expression


def accepted_charsets() -> list[str]:
    """Every codec Python has that the parser accepts as a catalog's charset."""
    names = set(encodings.aliases.aliases.values())
    names |= {module.name for module in pkgutil.iter_modules(encodings.__path__)}
    return sorted(name for name in names if parser._charset_problem(name) is None)


CHARSETS = accepted_charsets()


@FUZZ
@given(charset=st.sampled_from(CHARSETS), body=st.binary(max_size=200))
def test_every_accepted_charset_reads_any_bytes(charset, body):
    """Whatever bytes follow, a catalog in any accepted charset is read without raising."""
    header = f'msgid ""\nmsgstr "Content-Type: text/plain; charset={charset}\\n"\n'
    check_outcome(header.encode() + body)


@FUZZ
@given(
    charset=st.sampled_from(CHARSETS),
    data=st.lists(
        st.sampled_from(
            [b"a", b"\n", b"\r", b"\xe4", b"\xc3\xa4", b"\x81", b"\xff", b"\x1b", b"\0"]
        )
    ).map(b"".join),
    block=st.integers(0, 8),
)
def test_lines_read_block_by_block_are_the_lines_of_the_whole_file(charset, data, block):
    """Decoding a block at a time gives exactly the lines of decoding the file at once."""
    expected = data.decode(charset, "surrogateescape").split("\n")
    assert list(parser._decoded_lines(data, charset, block)) == expected
