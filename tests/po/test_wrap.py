"""wrap_po_string: the lines of a PO string, compared with GNU gettext 0.21's msgattrib."""

# Full-width punctuation and signs in the CJK samples are the point of those samples.
# ruff: noqa: RUF001

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.util
import random
import re
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gnu import corpus_files, require
from hatch_minipo.po import _linebreak_data, wrap
from hatch_minipo.po.flags import parse_flags
from hatch_minipo.po.wrap import canonical_charset, escape_po, wrap_po_string
from wrap_oracle import Entry, codec, gnu_fields, mismatches

GENERATOR = Path(__file__).resolve().parents[2] / "scripts" / "gen_linebreak_data.py"

# --------------------------------------------------------------------------------------
# Cases worth a look, in every script and format the catalogs of this project meet

FILLER = "Some filler words that push the directive close to the wrap column "
LONG = "The quick brown fox jumps over the lazy dog, then naps in the sun. " * 3
SCRIPTS = {
    "ascii": LONG,
    "newlines": "first line\nsecond line that is long enough to wrap by itself, yes it is\nlast",
    "final newline": LONG + "\n",
    "newline only": "\n",
    "escapes": 'tab\there, "quotes", back\\slash, bell\a, vt\v, ff\f, cr\r, bs\b and more ' * 2,
    "controls": "escape \x1b[1mbold\x1b[0m and del \x7f and \x01 " * 3,
    "url": "See https://www.example.org/a/really/long/path/to/some/resource/index.html?q=1&"
    "r=2#section for details, or mailto:someone@example.org.",
    "unbreakable": "Supercalifragilisticexpialidocious" * 4,
    "path": "/usr/share/locale/de/LC_MESSAGES/a-very-long-domain-name-for-testing.mo " * 2,
    "chinese": "这是一个很长的中文句子，用来测试自动换行的功能是否正确。" * 4,
    "japanese": "これは日本語の長い文章です。折り返しのテストをします、よろしく。" * 3,
    "korean": "한국어 문자열을 시험합니다. 줄 바꿈이 올바른지 확인합니다. " * 3,
    "bengali": "বাংলা ভাষার একটি দীর্ঘ বাক্য পরীক্ষা করা হচ্ছে। " * 3,
    "hindi": "हिंदी भाषा में एक लंबा वाक्य परीक्षण किया जा रहा है। " * 3,
    "tamil": "தமிழ் மொழியில் ஒரு நீண்ட வாக்கியம் சோதிக்கப்படுகிறது. " * 3,
    "arabic": "هذه جملة طويلة باللغة العربية لاختبار التفاف الأسطر، أليس كذلك؟ " * 3,
    "hebrew": "זהו משפט ארוך בעברית לבדיקה - עם מקף ועוד מילים. " * 3,
    "thai": "ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ ดังนั้นการตัดบรรทัดจึงยาก " * 3,
    "emoji": "Emoji 😀 test 👍🏽 with family 👨‍👩‍👧 and flags 🇫🇷🇩🇪🇯🇵 here. " * 3,
    "mixed": "Mixed 中文 and English, 日本語 too; 한국어 also, ok? " * 3,
    "line separator": "before\u2028after, and next line \x85 then " * 4,
    "nbsp and zwsp": "non\u00a0breaking\u00a0spaces and zero\u200bwidth\u200bspaces " * 4,
}
DIRECTIVES = {
    "c-format": ("%s", "%1$s", "%-10.3f", "%2$*1$d", "%<PRId64>", "%lld", "%%", "%' d", "%5$"),
    "python-format": ("%(name)s", "%(two words)d", "%-10.3f", "%(a-b)s", "%*d", "%(open"),
    "python-brace-format": (
        *("{name}", "{0}", "{obj.attr[3]:>10}", "{a:{b}}", "{{x}}", "{a.", "{a: <9}"),
        *("{a:.}", "{a:.f}", "{a[b}", "{a[0]x}", "{a:{b:c}}", "{a:}"),
    ),
    "objc-format": ("%@", "%s", "%1$@"),
}


def directive_entries() -> list[Entry]:
    entries = []
    for flag, directives in DIRECTIVES.items():
        for directive in directives:
            for shift in range(0, 24, 3):
                text = FILLER[: len(FILLER) - shift] + "x" * shift + directive + " tail " * 4
                text += directive + " and " + FILLER
                entries.append(
                    Entry(text, text, msgctxt=f"{flag} {directive} {shift}", flags=(flag,))
                )
    return entries


def showcase_entries() -> list[Entry]:
    entries = [Entry(text, text, msgctxt=name) for name, text in SCRIPTS.items()]
    entries += [
        Entry("one " + LONG, msgid_plural="many " + LONG, plurals=(LONG, "\n" + LONG, "x")),
        Entry("no-wrap " + LONG, LONG + "\nnext", flags=("no-wrap",)),
        Entry("context", LONG, msgctxt="a context long enough to be wrapped itself " * 3),
        Entry("empty translation"),
        Entry("obsolete " + LONG, LONG + "\n" + LONG, obsolete=True),
        Entry("obsolete plural", msgid_plural=LONG, plurals=(LONG, LONG), obsolete=True),
        Entry("obsolete " + SCRIPTS["japanese"], SCRIPTS["chinese"], obsolete=True),
    ]
    return entries + directive_entries()


# --------------------------------------------------------------------------------------
# Without GNU


def test_escape_po_escapes_exactly_gettexts_nine_characters():
    """escape_po writes \\a \\b \\f \\n \\r \\t \\v \\\\ \\" and leaves everything else raw."""
    assert escape_po('\a\b\f\n\r\t\v\\"') == r"\a\b\f\n\r\t\v\\\""
    assert escape_po("é中\x01\x1b\x7f'") == "é中\x01\x1b\x7f'"


def test_short_string_stays_on_the_keyword_line():
    """A string that fits is written after its keyword."""
    assert wrap_po_string("msgstr", "Hallo") == ['msgstr "Hallo"']
    assert wrap_po_string("msgid", "") == ['msgid ""']


def test_long_string_starts_with_an_empty_line():
    """A string that does not fit becomes "" plus lines of at most 79 columns."""
    lines = wrap_po_string("msgid", LONG)
    assert lines[0] == 'msgid ""'
    assert all(len(line) <= 79 for line in lines)
    assert "".join(line[1:-1] for line in lines[1:]) == LONG


def test_newline_followed_by_text_splits_the_string():
    """Each \\n ends a line; a final \\n alone does not force the "" form."""
    assert wrap_po_string("msgid", "a\nb") == ['msgid ""', '"a\\n"', '"b"']
    assert wrap_po_string("msgid", "a\n") == ['msgid "a\\n"']
    assert wrap_po_string("msgid", "a\nb", width=None) == ['msgid ""', '"a\\n"', '"b"']


def test_no_wrap_keeps_long_lines_whole():
    """width=None and the no-wrap flag only split after \\n."""
    assert wrap_po_string("msgid", LONG, width=None) == [f'msgid "{LONG}"']
    assert wrap_po_string("msgid", LONG, format_flags=["fuzzy, no-wrap"]) == [f'msgid "{LONG}"']


def test_prefix_counts_toward_the_width():
    """An obsolete line is three columns shorter: a string can fit plain but not obsolete."""
    text = "x " * 34 + "end"  # 71 columns: msgid "..." takes 78
    assert wrap_po_string("msgid", text) == [f'msgid "{text}"']
    assert wrap_po_string("msgid", text, prefix="#~ ")[0] == '#~ msgid ""'


def test_word_without_break_opportunity_stays_whole():
    """A string longer than the line but without break opportunity stays on the keyword line."""
    word = "x" * 150
    assert wrap_po_string("msgid", word) == [f'msgid "{word}"']


def test_east_asian_wide_characters_count_two_columns():
    """38 ideographs (76 columns) do not fit after msgid; 38 Latin letters do."""
    assert wrap_po_string("msgid", "中" * 38)[0] == 'msgid ""'
    assert wrap_po_string("msgid", "a" * 38) == [f'msgid "{"a" * 38}"']


def test_no_break_inside_a_format_directive():
    """With python-format, '%(two words)s' is kept on one line; without it, it is split."""
    text = "x" * 66 + " %(two words)s tail"
    assert wrap_po_string("msgid", text) == ['msgid ""', f'"{"x" * 66} %(two "', '"words)s tail"']
    assert wrap_po_string("msgid", text, format_flags=["python-format"]) == [
        'msgid ""',
        f'"{"x" * 66} "',
        '"%(two words)s tail"',
    ]


def test_legacy_cjk_charset_makes_ambiguous_characters_wide():
    """In BIG5 '±' takes two columns, as libunistring's uc_width says."""
    text = "±" * 38
    assert wrap_po_string("msgid", text, charset="UTF-8") == [f'msgid "{text}"']
    assert wrap_po_string("msgid", text, charset="BIG5")[0] == 'msgid ""'


def test_canonical_charset_follows_po_charset_canonicalize():
    """Known names fold case and ISO_8859-n spellings; unknown names give None."""
    assert canonical_charset("utf-8") == "UTF-8"
    assert canonical_charset("iso_8859-15") == "ISO-8859-15"
    assert canonical_charset("US-ASCII") == "ASCII"
    assert canonical_charset("big5") == "BIG5"
    assert canonical_charset("latin1") is None
    assert canonical_charset("utf8") is None


def test_unknown_charset_name_counts_bytes():
    """gettext handles a charset it does not know byte by byte: 'é' is two columns in UTF-8."""
    text = "éé ab " * 11  # 66 columns, but 88 bytes
    assert wrap_po_string("msgid", text, charset="UTF-8") == [f'msgid "{text}"']
    assert wrap_po_string("msgid", text, charset="utf8")[0] == 'msgid ""'


def test_width_below_twenty_is_twenty():
    """msgattrib raises --width under 20 to 20, and 0 means no limit."""
    text = "aa " * 10
    assert wrap_po_string("msgid", text, width=5) == wrap_po_string("msgid", text, width=20)
    assert wrap_po_string("msgid", LONG, width=0) == [f'msgid "{LONG}"']


def test_tables_hold_libunistring_classes():
    """The generated tables give the classes and widths libunistring 1.0 gives."""
    assert _linebreak_data.UNICODE_VERSION == "14.0.0"
    assert wrap._linebreak_class("a") == wrap._AL
    assert wrap._linebreak_class(" ") == wrap._SP
    assert wrap._linebreak_class("\u4e00") == wrap._ID1
    assert wrap._linebreak_class("\U0010ffff") == wrap._XX
    assert [wrap._width(c, cjk=False) for c in "a\u0301\x01中"] == [1, 0, -1, 2]


# --------------------------------------------------------------------------------------
# Against GNU gettext


@pytest.mark.oracle
@pytest.mark.parametrize("width", [79, 20, 33, 40, 60, 100, None])
def test_showcase_matches_msgattrib(tmp_path, width):
    """Every script, escape, directive and keyword wraps as msgattrib wraps it."""
    compared, problems = mismatches(showcase_entries(), tmp_path, width=width)
    assert compared > 500
    assert problems == []


LEGACY = {
    "ISO-8859-1": "Une phrase française assez longue, avec des accents : é è à ç ù ; fin. " * 3,
    "KOI8-R": "Это довольно длинное предложение на русском языке для проверки. " * 3,
    "BIG5": "這是一個很長的中文句子，用來測試自動換行。許功蓋 ±§ mixed ASCII " * 3,
    "EUC-JP": "これは日本語の長い文章です。折り返しのテストをします。ΑΒΓ ÷× " * 3,
    "GB2312": "这是一个很长的中文句子，用来测试自动换行的功能。±× abc " * 3,
    "SHIFT_JIS": "これは日本語の長い文章です。折り返しのテストをします。表示 " * 3,
    "latin1": "Une phrase française assez longue, avec des accents : é è à ç ù ; fin. " * 3,
    "utf8": "Ceci est une phrase française assez longue : é è à ç ù. 中文 " * 3,
}


@pytest.mark.oracle
@pytest.mark.parametrize("charset", sorted(LEGACY))
def test_legacy_charsets_match_msgattrib(tmp_path, charset):
    """Catalogs in Latin-1, KOI8-R, Big5, EUC-JP... and undeclared spellings wrap as in GNU."""
    text = LEGACY[charset]
    entries = [Entry(text[i:], text[: len(text) - i], msgctxt=str(i)) for i in range(0, 40, 4)]
    entries.append(Entry("%s " + text, text + "%d", msgctxt="fmt", flags=("c-format",)))
    for width in (79, 33):
        compared, problems = mismatches(entries, tmp_path, width=width, charset=charset)
        assert compared == 3 * len(entries)
        assert problems == []


def _unescape(body: str) -> str:
    letters = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
    return re.sub(r"\\(.)", lambda m: letters.get(m.group(1), m.group(1)), body)


@pytest.mark.oracle
def test_corpus_catalogs_match_msgattrib(tmp_path):
    """Every string of every real catalog is written with the lines msgattrib writes."""
    compared = 0
    problems = []
    for index, source in enumerate(corpus_files()):
        out = tmp_path / f"{index}.po"
        subprocess.run(
            [require("msgattrib"), "--force-po", "-o", str(out), str(source)], check=True
        )
        catalog = polib.pofile(str(out))
        charset = "ASCII"
        if "Content-Type" in catalog.metadata:
            charset = catalog.metadata["Content-Type"].partition("charset=")[2] or "ASCII"
        fields = gnu_fields(out.read_bytes().decode(codec(charset)))
        if catalog.metadata:  # the header: polib keeps only its fields, so read GNU's lines
            header = fields.pop(0)
            value = _unescape("".join(line[1:-1] for line in header[1][2][1:]))
            problems += [] if wrap_po_string("msgstr", value) == header[1][2] else [source.name]
            compared += 1
        assert len(fields) == len(catalog)
        for entry, entry_fields in zip(catalog, fields):
            for keyword, prefix, lines in entry_fields:
                value = {"msgctxt": entry.msgctxt, "msgid": entry.msgid}.get(keyword)
                if keyword == "msgid_plural":
                    value = entry.msgid_plural
                elif keyword == "msgstr":
                    value = entry.msgstr
                elif keyword.startswith("msgstr["):
                    value = entry.msgstr_plural[int(keyword[7:-1])]
                ours = wrap_po_string(
                    keyword, value, format_flags=entry.flags, prefix=prefix, charset=charset
                )
                compared += 1
                if ours != lines:
                    problems.append(f"{source.name}: {keyword} {value!r}: {lines} != {ours}")
    assert compared > 1000
    assert problems == []


_RANGES = (
    [(0x20, 0x7E)] * 8
    + [(0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x4FF), (0x590, 0x6FF), (0x900, 0x9FF)]
    + [(0xB80, 0xBFF), (0xE00, 0xE7F), (0x1100, 0x11FF), (0x2000, 0x206F), (0x3000, 0x30FF)]
    + [(0x4E00, 0x4FFF), (0xAC00, 0xAD00), (0xFE10, 0xFE6F), (0xFF00, 0xFFEF)]
    + [(0x1F1E6, 0x1F1FF), (0x1F300, 0x1F64F), (0x20000, 0x20100), (0x1, 0x1F), (0x7F, 0x9F)]
)
_ALPHABET = [
    chr(code)
    for low, high in _RANGES
    for code in range(low, high + 1, max(1, (high - low) // 40))
    if chr(code) not in "\x00\x04"  # gettext refuses NUL and the context separator
]
_PIECES = [*_ALPHABET, " ", " ", " ", "\n", "-", "%s", "%(x)s", "{0}", "\u200d", "\u2028"]


@pytest.mark.oracle
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.lists(st.sampled_from(_PIECES), max_size=90), min_size=200, max_size=200),
    width=st.sampled_from([79, 20, 30, 45, 100]),
    seed=st.integers(0, 2**32 - 1),
)
def test_random_text_matches_msgattrib(tmp_path_factory, texts, width, seed):
    """Random mixes of scripts, spaces and directives wrap as msgattrib wraps them."""
    flags = [(), ("c-format",), ("python-format",), ("python-brace-format",), ("no-wrap",)]
    chooser = random.Random(seed)  # noqa: S311 - reproducible, not secret
    entries = [
        Entry(
            "".join(pieces),
            "".join(reversed(pieces)),
            msgctxt=f"k{index}",
            flags=chooser.choice(flags),
            obsolete=chooser.random() < 0.1,
        )
        for index, pieces in enumerate(texts)
    ]
    compared, problems = mismatches(entries, tmp_path_factory.mktemp("random"), width=width)
    assert compared >= 400
    assert problems == []


# --------------------------------------------------------------------------------------
# Against libunistring itself


@pytest.fixture(scope="module")
def libunistring() -> ctypes.CDLL:
    name = ctypes.util.find_library("unistring")
    if name is None:
        pytest.skip("libunistring is not installed")
    library = ctypes.CDLL(name)
    if ctypes.c_int.in_dll(library, "_libunistring_version").value != 0x010000:
        pytest.skip("the tables come from libunistring 1.0; another version is installed")
    return library


@pytest.mark.oracle
def test_line_breaking_matches_libunistring(libunistring):
    """Random strings of every class break as u8_width_linebreaks_v2 breaks them."""
    function = libunistring.u8_width_linebreaks_v2
    function.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int]
    function.argtypes += [ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
    by_class: dict[int, list[str]] = {}
    for code in range(0, 0x30000, 7):
        if not 0xD800 <= code < 0xE000:
            by_class.setdefault(wrap._linebreak_class(chr(code)), []).append(chr(code))
    classes = sorted(by_class)
    chooser = random.Random(14)  # noqa: S311 - reproducible, not secret
    for _ in range(3000):
        text = [chooser.choice(by_class[chooser.choice(classes)]) for _ in range(30)]
        overrides = [chooser.choice([0, 0, 0, 1, 2, 3]) for _ in text]
        cjk = chooser.random() < 0.3
        width, start = chooser.randint(1, 25), chooser.randint(0, 10)
        encoded = "".join(text).encode()
        starts = [len("".join(text[:i]).encode()) for i in range(len(text))]
        o8 = bytearray(len(encoded))
        for offset, override in zip(starts, overrides):
            o8[offset] = override
        out = ctypes.create_string_buffer(len(encoded))
        encoding = b"BIG5" if cjk else b"UTF-8"
        function(encoded, len(encoded), width, start, 0, bytes(o8), encoding, out)
        possible = wrap._possible_linebreaks(text, cjk)
        widths = [wrap._width(char, cjk) for char in text]
        ours = wrap._width_linebreaks(possible, widths, width, start, overrides)
        assert ours == [out.raw[offset] for offset in starts], (text, overrides, width, start)


@pytest.mark.oracle
def test_committed_tables_match_installed_libunistring(libunistring):
    """scripts/gen_linebreak_data.py would write the committed module unchanged."""
    spec = importlib.util.spec_from_file_location("gen_linebreak_data", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    text = generator.render(
        generator.read_linebreak_classes(libunistring),
        generator.read_pair_table(libunistring),
        generator.read_widths(libunistring),
    )
    assert text == Path(_linebreak_data.__file__).read_text(encoding="utf-8")


def _plain_agrees(text: str, forbidden: list[bool]) -> bool | None:
    """Whether the regular-expression path breaks ``text`` as the loop does (None: not taken)."""
    plain = wrap._Plain.of(text, lambda: forbidden)
    if plain is None:
        return None
    loop = wrap._Portion(text, forbidden, None, False)
    assert plain.pieces == loop.pieces
    return all(
        plain.cuts(width, start) == loop.cuts(width, start)
        for width in (18, 30, 58, 77)
        for start in (0, 7, 12)
    )


def test_plain_portions_break_as_the_loop_does_on_the_corpus():
    """Every corpus string the fast path takes is broken exactly where the full loop breaks it."""
    taken = 0
    for path in corpus_files()[:40]:
        for entry in polib.pofile(str(path)):
            for text in (entry.msgid, entry.msgstr, *entry.msgstr_plural.values()):
                for piece in re.findall(r"[^\n]*\n|[^\n]+", text):
                    agrees = _plain_agrees(piece, [False] * len(piece))
                    assert agrees is not False, piece
                    taken += agrees is True
    assert taken > 1000


@given(
    st.text(
        alphabet=st.sampled_from(list(" aé,.;:!?()[]{}\"'-/%$€«»0123456789\\\u00a0\u2014&*+<>=|")),
        max_size=160,
    ),
    st.integers(min_value=0, max_value=2**32 - 1),
)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_plain_portions_break_as_the_loop_does_on_punctuation(text, seed):
    """Random mixes of Latin text and punctuation, some inside directives: the same breaks."""
    rng = random.Random(seed)  # noqa: S311 - reproducible, not secret
    forbidden = [rng.random() < 0.1 for _ in text]
    assert _plain_agrees(text, forbidden) is not False
    assert _plain_agrees(text + "\n", [*forbidden, False]) is not False


def _portions(keyword: str, value: str, width: int, prefix: str, charset: str) -> list[str]:
    """wrap_po_string without its one-line shortcuts: the portion loop alone."""
    canon, codec = wrap._charset_names(charset)
    return wrap._wrap_portions(
        keyword,
        value,
        flags=parse_flags(["c-format"]),
        prefix=prefix,
        codec=codec,
        raw_codec=(codec or "utf-8") if canon in (None, "ASCII") else None,
        cjk=canon in wrap._CJK_ENCODINGS,
        line_width=wrap.page_width_of(width) - 1 - (len(prefix) + 1),
    )


_MIXED = list('aé ж漢字かな한\u0301\u200b\x01\t"\\%d\u00ad\u3000\U0001f600\uff61,.')


@given(
    st.text(alphabet=st.sampled_from(_MIXED), max_size=70),
    st.sampled_from(["UTF-8", "EUC-JP", "BIG5", "GB18030", "KOI8-R", "ISO-8859-1"]),
    st.sampled_from([20, 40, 79]),
    st.sampled_from(["", "#~ "]),
    st.booleans(),
)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_one_line_shortcut_writes_what_the_portion_loop_writes(
    text, charset, width, prefix, newline
):
    """A one-line value that fits, in any script and charset: the loop's exact lines."""
    value = text + "\n" if newline else text
    expected = _portions("msgstr", value, width, prefix, charset)
    assert (
        wrap_po_string(
            "msgstr", value, width=width, format_flags=["c-format"], prefix=prefix, charset=charset
        )
        == expected
    )


def test_one_line_shortcut_agrees_with_the_portion_loop_on_the_corpus():
    """Every corpus string, as the shortcut writes it and as the portion loop writes it."""
    compared = 0
    for path in corpus_files()[:60]:
        for entry in polib.pofile(str(path)):
            for text in (entry.msgstr, *entry.msgstr_plural.values()):
                if not text.isascii():
                    expected = _portions("msgstr", text, 79, "", "UTF-8")
                    assert wrap_po_string("msgstr", text) == expected, text
                    compared += 1
    assert compared > 500


@given(
    st.text(alphabet=st.sampled_from(list("aé ж漢%d%s%1$s{0}\U0001f600-")), max_size=60),
    st.sampled_from(["c", "python", "python-brace", "php"]),
)
@settings(max_examples=300, deadline=None)
def test_directive_marks_per_character_match_the_offsets_loop(text, language):
    """UTF-8 marks are read per character as the per-character offsets loop reads them."""
    encoded, offsets = wrap._char_offsets(text, "utf-8")
    inside = wrap.inside_directives(language, encoded, True)
    expected = [False] * len(text) if inside is None else [inside[o] for o in offsets]
    assert wrap._forbidden_breaks(text, "msgstr", language, "utf-8") == expected
