"""KDE KUIT format strings: format-kde-kuit.c with libxml2 2.9.14's verdicts, against msgfmt -c."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from qt_kde_oracle import generated_batches

from format_oracle import compare_with_msgfmt, english_and_czech, plural_refused, refused
from format_samples import ENGLISH
from hatch_minipo.formats import kde_kuit
from hatch_minipo.formats._libxml2 import last_error
from hatch_minipo.formats.base import Invalid, Marks
from hatch_minipo.formats.spans import inside_directives
from scaling import assert_linear
from wrap_oracle import assert_wraps_like_msgattrib, directive_entries

if TYPE_CHECKING:
    from pathlib import Path

FLAG = "kde-kuit-format"
REASON = (
    "'msgstr' is not a valid KDE KUIT format string, unlike 'msgid'. Reason: error while parsing: "
)


def xml(text: str) -> str | None:
    """libxml2's last error for the document gettext builds around ``text``."""
    return last_error(kde_kuit.document(text))


def test_markup_and_directives():
    """Well-formed markup around KDE directives is read as KDE's numbers."""
    assert kde_kuit.scan("<filename>%1</filename> in <b>%2</b>") == (1, 2)
    assert refused(FLAG, "<b>%1</b> of %2", "%2: <i>%1</i>") == []


def test_ampersands_are_escaped_unless_character_references():
    """A '&' (an accelerator, or even '&amp;') is escaped; only '&#...;' reaches libxml2."""
    assert kde_kuit.document("&File &amp; &#65; &#x;") == (
        '<gt:kuit xmlns:gt="https://www.gnu.org/s/gettext/kde">'
        "&amp;File &amp;amp; &#65; &#x;</gt:kuit>"
    )
    assert refused(FLAG, "&Open", "&Öffnen &foo; a & b") == []
    assert refused(FLAG, "x", "&#x;") == [REASON + "xmlParseCharRef: invalid xmlChar value 0"]


def test_the_last_libxml2_error_is_the_reason():
    """libxml2 goes on after an error; msgfmt prints the last one."""
    assert refused(FLAG, "<b>%1</b>", "<b>%1") == [
        REASON + "Premature end of data in tag kuit line 1"
    ]
    assert xml("a<b>c</i>") == "Opening and ending tag mismatch: b line 1 and i"


def test_line_numbers_count_line_feeds():
    """Tags are placed by line, counting the line feeds before them."""
    assert xml("one\ntwo <b>\nthree</i>") == "Opening and ending tag mismatch: b line 2 and i"


def test_markup_errors():
    """The wordings of libxml2 2.9.14 for the errors a KUIT string can make."""
    assert xml("</b>") == "Extra content at the end of the document"
    assert xml("<a b=c>") == "Couldn't find end of Start Tag a line 1"
    assert xml("a]]>b") == "Sequence ']]>' not allowed in content"
    assert xml("<?xml?>") == "XML declaration allowed only at the start of the document"
    assert xml("<!DOCTYPE x>") == "StartTag: invalid element name"
    assert xml("<b a='1' a='2'/>") == "Attribute a redefined"
    assert xml("x\x01") == "PCDATA invalid Char value 1"
    assert xml("<!-- a -- b -->") == "Double hyphen within comment: <!-- a "
    assert xml("<![CDATA[x") == "Premature end of data in tag kuit line 1"  # after "not finished"
    assert xml("<?pi?x?>") == "ParsePI: PI pi space expected"
    assert xml("&#x110000;") == "xmlParseCharRef: character reference out of bounds"


def test_namespace_errors_alone_are_accepted():
    """An undeclared prefix is an error libxml2 records but does not refuse."""
    assert xml("<p:b>x</p:b>") is None
    assert xml("<b></i><p:c/>") == "Namespace prefix p on c is not defined"


def test_excessive_depth_stops_the_parser():
    """Past 256 open elements libxml2 stops, with its own message."""
    assert xml("<b>" * 255 + "</b>" * 255) is None
    assert xml("<b>" * 300) == "Excessive depth in document: 256 use XML_PARSE_HUGE option"


def test_kde_errors_after_the_markup():
    """Well-formed markup is then read as a KDE string, gaps and all."""
    with pytest.raises(Invalid, match="argument number 4 but ignores the arguments 2 and 3"):
        kde_kuit.scan("<b>%1 %4</b>")
    assert refused(FLAG, "%1 %2", "<b>%1</b>") == [
        "a format specification for argument 2 doesn't exist in 'msgstr'"
    ]


def test_lenient_form_may_drop_one_argument():
    """Like KDE: a form used for few numbers may leave out one argument."""
    assert plural_refused(FLAG, "<b>%1</b> of %2", "<b>%1</b> of %2", ["%2", "%1", "%1 %2"]) == []


def test_invalid_markup_protects_no_directive():
    """The writer asks libxml2 first: with broken markup no directive is protected."""
    assert any(inside_directives("kde-kuit", b"<b>%12</b>", False) or [])
    assert not any(inside_directives("kde-kuit", b"<b>%12</i>", False) or [True])
    marks = Marks(3)
    with pytest.raises(Invalid, match="Input is not proper UTF-8"):
        kde_kuit.scan("\xe9%1", marks=marks)
    assert not any(marks.bits)


TAGS = ["b", "i", "filename", "emphasis", "interface"]


def element(rng: random.Random, depth: int) -> str:
    """A well-formed piece of KUIT: text, directives, elements, references."""
    pieces = []
    for _ in range(rng.randint(0, 3)):
        kind = rng.random()
        if kind < 0.3:
            pieces.append(rng.choice(["text", "a word", "&File", "&amp;", "&#65;", "x > y"]))
        elif kind < 0.55:
            pieces.append(rng.choice(["%1", "%2", "%3"]))
        elif kind < 0.85 and depth < 3:
            tag = rng.choice(TAGS)
            attributes = rng.choice(["", " strong='1'", ' href="x"', " a='1' b=\"2\""])
            pieces.append(f"<{tag}{attributes}>{element(rng, depth + 1)}</{tag}>")
        else:
            pieces.append(rng.choice(["<br/>", "<!-- note -->", "<![CDATA[<x>]]>", "\n"]))
    return " ".join(pieces)


FAULTS = [
    "<b>",
    "</b>",
    "<b>x</i>",
    "a < b",
    "a ]]> b",
    "<b a>",
    "<b a=1>",
    "<b a='<'>",
    "<b a='1' a='2'/>",
    "<b a='x",
    "&#x;",
    "&#x110000;",
    "<!-- a -- b -->",
    "<!-- open",
    "<![CDATA[open",
    "<?xml x?>",
    "<?pi",
    "<1>",
    "\x01",
    "<b>\n<i>\n</b>",
    "</gt:kuit>",
    "<p:b>x</q:b>",
]


def make_string(rng: random.Random) -> str:
    """Mostly well-formed KUIT, a fault put somewhere in some of them."""
    text = element(rng, 0).strip("\n")
    if rng.random() < 0.45:
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(FAULTS) + text[at:]
    return text.strip("\n") or "x"


@pytest.mark.oracle
def test_generated_entries_match_msgfmt(tmp_path: Path):
    """1,000+ generated entries: the first refusal is what msgfmt -c prints."""
    rng = random.Random(8128)  # noqa: S311 - reproducible, not secret
    compare_with_msgfmt(tmp_path, generated_batches(FLAG, lambda: make_string(rng), rng, 800))


SOUP = [
    *("<b>", "</b>", "<i>", "</i>", "<b/>", "<", ">", "&", "&amp;", "&#65;", "&#x;", "&#x41;"),
    *("<!--", "-->", "--", "<![CDATA[", "]]>", "<?", "?>", "pi", " ", "\n", "x", "\u00e9"),
    *("\x01", "'", '"', "=", "a", "a='1'", 'a="2"', "xmlns:p='u'", "p:", ":", "/", "</"),
    *("<p:b>", "</p:b>", "%1", "%2", "%3", "<gt:kuit>", "</gt:kuit>", "\r", "\t", "<!DOCTYPE"),
    *("xml", "&#", "x;", "\ufffe", "\u4e2d"),
]


def make_soup(rng: random.Random) -> str:
    """Any sequence of markup fragments: mostly malformed, in every way."""
    text = "".join(rng.choice(SOUP) for _ in range(rng.randint(1, 8)))
    return text.strip("\n") or "x"


@pytest.mark.oracle
def test_fragment_soup_matches_msgfmt(tmp_path: Path):
    """1,000+ translations of random markup fragments: the same reasons as msgfmt -c."""
    rng = random.Random(6)  # noqa: S311 - reproducible, not secret

    def translation() -> str:
        # A third keep the msgid's markup, so that a good share is accepted.
        return "<b>%1</b>" if rng.random() < 0.3 else make_soup(rng)

    singular = [(FLAG, "<b>%1</b>", None, [translation()]) for _ in range(800)]
    english = [(FLAG, "<b>%1</b>", "<b>%1</b>", [translation(), translation()]) for _ in range(200)]
    czech = [
        (FLAG, "<b>%1</b>", "<b>%1</b>", [translation() for _ in range(3)]) for _ in range(200)
    ]
    compare_with_msgfmt(tmp_path, english_and_czech(singular, english, czech))


@pytest.mark.oracle
def test_markup_errors_match_msgfmt(tmp_path: Path):
    """Each hand-written fault alone, and the cases above, as msgfmt -c words them."""
    cases = [(FLAG, "x %1", None, [f"{fault} %1"]) for fault in FAULTS]
    cases += [(FLAG, "x", None, [text]) for text in ("&#x;", "a<b>c</i>", "<b></i><p:c/>")]
    compare_with_msgfmt(tmp_path, [(cases, 2, ENGLISH)], at_least=len(cases), refused_share=(1, 1))


@pytest.mark.oracle
def test_wrapping_matches_msgattrib(tmp_path: Path):
    """Directives in well-formed markup are protected; broken markup protects none."""
    directives = ["%1", "%12345", "<b>%2</b>", "%1</b>", "&#65;%3", "<b a='%1'>"]
    assert_wraps_like_msgattrib(tmp_path, directive_entries(FLAG, directives))


def test_linear_time():
    """Markup of every kind takes time in proportion to its length."""
    unit = "<b a='1' c=\"&#65;\">%1</b> a]]> &x <!--a-->"
    cases = [
        (1750, lambda n: unit * (n // 8)),
        (1250, lambda n: "<b " + "".join(f"a{k}='1' " for k in range(n)) + "/>"),
        (3500, lambda n: "<!--" + "a--" * n),
    ]
    for n, make in cases:
        assert_linear(kde_kuit.scan, make, n=n, raises=Invalid)
