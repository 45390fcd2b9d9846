"""Format-string checks: does each translation fit the arguments the program passes?

An entry flagged ``c-format``, ``python-format`` or ``python-brace-format`` is formatted at run
time with the arguments that fit its msgid, so every translation is compared with the msgid.
Each problem carries two verdicts, because they differ in both directions:

- ``fatal``: the translation would raise or print wrong values at run time (a placeholder the
  program does not pass, a changed type, a malformed directive);
- ``gnu_refuses``: ``msgfmt -c`` of GNU gettext 0.21 refuses it.  msgfmt refuses harmless
  translations (a named argument left out, ``{x!r}``, ``%a``) and accepts some that crash (a
  stray ``}``, an unknown ``{name}`` in a plural form used for one number).

Each language's scanner and comparisons live in its own module (``c``, ``python``,
``python_brace``); this one applies them to an entry with format.c's rule for plural entries:
each ``msgstr[j]`` is compared with ``msgid_plural``; strictly (same arguments) when form ``j``
is used for many numbers, leniently (the translation may drop arguments) when it is used for
few.  Like msgfmt, only the first GNU complaint per format and translation is kept, worded as
msgfmt words it.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import re
from typing import TYPE_CHECKING, Protocol, TypeVar

from hatch_minipo.formats import c, python, python_brace
from hatch_minipo.formats.base import Invalid, Where
from hatch_minipo.po.flags import FORMAT_LANGUAGES, parse_flags

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from hatch_minipo.formats.base import Marks

__all__ = ["FORMAT_FLAGS", "FormatProblem", "check_formats", "lenient_forms"]


@dataclasses.dataclass(frozen=True)
class FormatProblem:
    """One problem of one translation of a flagged entry."""

    message: str  # one line, no path/line prefix
    msgstr_index: int  # which translation (0 for a singular entry, N for msgstr[N])
    fatal: bool  # would crash or misbehave at run time -> error at the default level
    gnu_refuses: bool  # msgfmt -c refuses this -> error at the strict level


# msgfmt checks the kinds in gettext's order and prints the first complaint of each.
FORMAT_FLAGS = tuple(f"{language}-format" for language in FORMAT_LANGUAGES)
_ON = ("yes", "possible")


class GnuScanner(Protocol):
    """A module of this package that reads one language as gettext 0.21 does, and no more.

    The languages programs in Python do not format are checked for what ``msgfmt -c`` refuses
    only: minipo has no model of their run time, so a refusal is an error at the strict level.
    """

    LANGUAGE: str  # format_language_pretty[] of gettext's message.c

    def scan(self, text: str, translated: bool = ..., marks: Marks = ...) -> object:
        """The format's parse(): its description, or Invalid(reason) setting the marks.

        With ``marks`` (the wrapper), ``text`` is the catalog's bytes decoded as Latin-1, as
        gettext's parsers see them; without (``NO_MARKS``, the checks), it is the decoded
        text.  The few parsers whose verdict depends on bytes (PHP's padding character,
        Lisp's ``~'c``, KUIT's XML) read the text as UTF-8 bytes in that case.
        """

    def check(self, ref: object, got: object, where: Where) -> str | None:
        """The format's check(): the first complaint it logs, or None."""


# The flag of each language checked by GNU's verdict only -> its module in this package.
_GNU_ONLY = {
    "objc-format": "objc",
    "java-format": "java",
    "java-printf-format": "java_printf",
    "csharp-format": "csharp",
    "javascript-format": "javascript",
    "scheme-format": "scheme",
    "lisp-format": "lisp",
    "elisp-format": "elisp",
    "librep-format": "librep",
    "ruby-format": "ruby",
    "sh-format": "sh",
    "awk-format": "awk",
    "lua-format": "lua",
    "object-pascal-format": "pascal",
    "smalltalk-format": "smalltalk",
    "qt-format": "qt",
    "qt-plural-format": "qt_plural",
    "kde-format": "kde",
    "kde-kuit-format": "kde_kuit",
    "boost-format": "boost",
    "tcl-format": "tcl",
    "perl-format": "perl",
    "perl-brace-format": "perl_brace",
    "php-format": "php",
    "gcc-internal-format": "gcc_internal",
    "gfc-internal-format": "gfc_internal",
    "ycp-format": "ycp",
}


def gnu_scanner(flag: str) -> GnuScanner | None:
    """The module reading ``flag``'s language, imported when a catalog first uses it."""
    name = _GNU_ONLY.get(flag)
    if name is None:
        return None
    module: GnuScanner = importlib.import_module(f"hatch_minipo.formats.{name}")
    return module


# Called for every flagged entry, with a handful of distinct flag lists in a catalog.
@functools.lru_cache(maxsize=256)
def _enabled_kinds(flags: tuple[str, ...]) -> tuple[str, ...]:
    """The format kinds to check; for each, the last of 'X' and 'no-X' wins, as in GNU."""
    states = parse_flags(flags).formats
    return tuple(kind for kind in FORMAT_FLAGS if states.get(kind[: -len("-format")]) in _ON)


@dataclasses.dataclass
class _Verdicts:
    """Both verdicts on one translation, merged into the problems to report."""

    gnu: str | None = None
    gnu_invalid: bool = False
    runtime: list[tuple[str, bool]] = dataclasses.field(default_factory=list)
    runtime_invalid: bool = False

    def problems(self, index: int) -> list[FormatProblem]:
        out: list[FormatProblem] = []
        rest = list(dict.fromkeys(self.runtime))
        if self.gnu is not None:
            fatal = False
            if self.gnu_invalid and self.runtime_invalid:
                # Both call the string malformed, for reasons worded differently: one problem.
                fatal = True
                rest = rest[1:]
            else:
                for k, (message, is_fatal) in enumerate(rest):
                    if message == self.gnu:
                        fatal = is_fatal
                        del rest[k]
                        break
            out.append(FormatProblem(self.gnu, index, fatal, gnu_refuses=True))
        out.extend(FormatProblem(m, index, fatal, gnu_refuses=False) for m, fatal in rest)
        return out


@dataclasses.dataclass(frozen=True)
class _Entry:
    """The entry being checked."""

    msgid: str
    msgid_plural: str | None
    msgstrs: Sequence[str]
    lenient: frozenset[int]

    @property
    def reference(self) -> str:
        # msgfmt compares every translation of a plural entry with msgid_plural.
        return self.msgid_plural if self.msgid_plural is not None else self.msgid

    def where(self, index: int) -> Where:
        if self.msgid_plural is None:
            return Where("msgid", "msgstr", strict=True)
        # format.c: strict unless the entry has several forms and form `index` is rare.
        strict = len(self.msgstrs) < 2 or index not in self.lenient
        return Where("msgid_plural", f"msgstr[{index}]", strict)

    def not_a_format(self, language: str, reason: str) -> FormatProblem:
        # msgfmt skips such an entry silently; the flag is likely wrong, so say so.
        pid = self.where(0).pid
        message = f"'{pid}' is not a valid {language} format string. Reason: {reason}"
        return FormatProblem(message, 0, fatal=False, gnu_refuses=False)


def _check_c(entry: _Entry) -> list[FormatProblem]:
    ref = c.gnu(entry.reference, False)
    if isinstance(ref, str):
        return [entry.not_a_format("C", ref)]
    problems: list[FormatProblem] = []
    for index, text in enumerate(entry.msgstrs):
        where = entry.where(index)
        verdicts = _Verdicts()
        got = c.gnu(text, True)
        if isinstance(got, str):
            # An unknown or malformed directive: what printf does is undefined.
            verdicts.gnu = where.invalid("C", got)
            verdicts.runtime = [(verdicts.gnu, True)]
        else:
            verdicts.gnu = c.gnu_check(ref, got, where)
            verdicts.runtime = c.runtime_check(ref, got, where)
        problems.extend(verdicts.problems(index))
    return problems


# What each language's scanners give: GNU's reading, the run time's, the arguments passed.
_Gnu = TypeVar("_Gnu")
_Run = TypeVar("_Run")
_Known = TypeVar("_Known")


def _check_scanned(
    entry: _Entry,
    language: str,
    *,
    gnu_scan: Callable[[str], _Gnu | str],
    gnu_check: Callable[[_Gnu, _Gnu, Where], str | None],
    runtime_scan: Callable[[str], _Run | str],
    known: Callable[[_Run, _Run | None], _Known],
    runtime_check: Callable[[_Run, _Known, _Run, Where], list[tuple[str, bool]]],
) -> list[FormatProblem]:
    """GNU's verdict and the run time's on each translation of a Python or brace entry.

    Each reads the strings with its own scanner (a string may be valid to one and not the
    other); ``known`` gathers the arguments the program passes, from the reference and, for
    a plural entry, from its msgid too.
    """
    gnu_ref = gnu_scan(entry.reference)
    runtime_ref = runtime_scan(entry.reference)
    problems: list[FormatProblem] = []
    arguments: _Known | None = None
    if isinstance(runtime_ref, str):
        problems.append(entry.not_a_format(language, runtime_ref))
    else:
        singular = runtime_scan(entry.msgid) if entry.msgid_plural is not None else None
        arguments = known(runtime_ref, None if isinstance(singular, str) else singular)
    for index, text in enumerate(entry.msgstrs):
        where = entry.where(index)
        verdicts = _Verdicts()
        if not isinstance(gnu_ref, str):
            got = gnu_scan(text)
            if isinstance(got, str):
                verdicts.gnu = where.invalid(language, got)
                verdicts.gnu_invalid = True
            else:
                verdicts.gnu = gnu_check(gnu_ref, got, where)
        if not isinstance(runtime_ref, str) and arguments is not None:
            running = runtime_scan(text)
            if isinstance(running, str):
                verdicts.runtime = [(where.invalid(language, running), True)]
                verdicts.runtime_invalid = True
            else:
                verdicts.runtime = runtime_check(runtime_ref, arguments, running, where)
        problems.extend(verdicts.problems(index))
    return problems


def _check_python(entry: _Entry) -> list[FormatProblem]:
    return _check_scanned(
        entry,
        "Python",
        gnu_scan=python.gnu,
        gnu_check=python.gnu_check,
        runtime_scan=python.runtime,
        known=python.passed_names,
        runtime_check=python.runtime_check,
    )


def _check_brace(entry: _Entry) -> list[FormatProblem]:
    return _check_scanned(
        entry,
        "Python brace",
        gnu_scan=python_brace.gnu,
        gnu_check=python_brace.gnu_check,
        runtime_scan=python_brace.runtime,
        known=python_brace.passed_fields,
        runtime_check=python_brace.runtime_check,
    )


def _check_gnu_only(entry: _Entry, scanner: GnuScanner) -> list[FormatProblem]:
    """check_msgid_msgstr_format_i of gettext's format.c, for one language."""
    try:
        ref = scanner.scan(entry.reference, False)
    except Invalid as invalid:
        return [entry.not_a_format(scanner.LANGUAGE, invalid.args[0])]
    problems: list[FormatProblem] = []
    for index, text in enumerate(entry.msgstrs):
        where = entry.where(index)
        try:
            got = scanner.scan(text, True)
        except Invalid as invalid:
            message: str | None = where.invalid(scanner.LANGUAGE, invalid.args[0])
        else:
            message = scanner.check(ref, got, where)
        if message is not None:
            problems.append(FormatProblem(message, index, fatal=False, gnu_refuses=True))
    return problems


_CHECKS: dict[str, Callable[[_Entry], list[FormatProblem]]] = {
    "c-format": _check_c,
    "python-format": _check_python,
    "python-brace-format": _check_brace,
}


def _check(kind: str, entry: _Entry) -> list[FormatProblem]:
    check = _CHECKS.get(kind)
    if check is not None:
        return check(entry)
    scanner = gnu_scanner(kind)
    return [] if scanner is None else _check_gnu_only(entry, scanner)


# Directives simple enough to compare as text: when every string of an entry has the same
# list of them, in the same order, and no other "%", no check of formats can find anything.
_PLAIN_DIRECTIVE = {
    # Positional ("%2$d") directives are left to the full check, which judges their numbering.
    "c-format": re.compile(
        r"%[-+ #0']*(?:[1-9][0-9]*)?(?:\.[0-9]+)?(?:hh|h|ll|l|L|j|z|t)?[diouxXeEfFgGaAcsp%]"
    ),
    "python-format": re.compile(
        r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-+ #0]*(?:[0-9]+)?(?:\.[0-9]+)?[diouxXeEfFgGcrsa%]"
    ),
}


# A named replacement field and nothing else: {name}.  Translations reorder them freely, and
# both GNU and str.format read them by name, so the same set of names is enough.
_PLAIN_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _same_plain_fields(msgid: str, msgid_plural: str | None, msgstrs: Sequence[str]) -> bool:
    """True when every string of a brace entry has the same names, each in a plain {name}."""
    names = None
    for text in (msgid, *([] if msgid_plural is None else [msgid_plural]), *msgstrs):
        found = _PLAIN_FIELD.findall(text)
        if text.count("{") != len(found) or text.count("}") != len(found):
            return False  # escapes, specs, conversions, attributes: the full check reads them
        if names is None:
            names = frozenset(found)
        elif frozenset(found) != names:
            return False
    return names is not None


def _same_plain_directives(
    kind: str, msgid: str, msgid_plural: str | None, msgstrs: Sequence[str]
) -> bool:
    """True when the entry's strings carry identical, plain directive lists (nothing to check).

    Most flagged entries are like that, and reading them with the full scanners of both
    GNU's checker and the run time costs ten times more.
    """
    if kind == "python-brace-format":
        return _same_plain_fields(msgid, msgid_plural, msgstrs)
    if kind not in _PLAIN_DIRECTIVE:
        return False
    first, percents = _plain_directives(kind, msgid)
    if first is None:
        return False
    pattern = _PLAIN_DIRECTIVE[kind]
    # Every form, empty ones too: msgfmt -c checks them all once msgstr[0] is filled.
    texts = list(msgstrs)
    if msgid_plural is not None:
        texts.append(msgid_plural)
    # Every plain directive holds one "%" ("%%" two): a text with another "%" than its
    # directives' is not plain, and the count is a quick first test.
    return all(
        text.count("%") == percents and tuple(pattern.findall(text)) == first for text in texts
    )


def _read_plain_directives(kind: str, msgid: str) -> tuple[tuple[str, ...] | None, int]:
    """The plain directives of ``msgid`` and its count of "%", or None when it has others."""
    directives = tuple(_PLAIN_DIRECTIVE[kind].findall(msgid))
    percents = len(directives) + directives.count("%%")
    if msgid.count("%") != percents:
        return None, 0
    if len({directive[1:2] == "(" for directive in directives if directive != "%%"}) > 1:
        return None, 0  # Python refuses to mix named and positional: let the full check say so
    return directives, percents


def _plain_directives(kind: str, msgid: str) -> tuple[tuple[str, ...] | None, int]:
    """_read_plain_directives, remembered for the msgids that are not long."""
    if len(msgid) > _CACHED_MSGID:
        return _read_plain_directives(kind, msgid)
    return _known_plain_directives(kind, msgid)


# Every language of a project has the same msgids: read each one's directives once.  Long
# msgids are not kept: the cache outlives the catalog, and should not hold its text.
_CACHED_MSGID = 1000
_known_plain_directives = functools.lru_cache(maxsize=4096)(_read_plain_directives)


def check_formats(
    flags: Sequence[str],
    msgid: str,
    msgid_plural: str | None,
    msgstrs: Sequence[str],
    single_value_forms: frozenset[int] = frozenset(),
) -> list[FormatProblem]:
    """Compare every translation of an entry with its msgid, for each format it is flagged with.

    ``single_value_forms`` are the msgstr indexes msgfmt checks leniently, where a translation
    may leave arguments out (see :func:`lenient_forms`).  An untranslated entry (empty first
    msgstr) is not checked; once it is translated, every form is, empty ones included, as
    msgfmt does.  Problems come in msgfmt's order: by format (C, Python, Python brace), then by
    translation, the one msgfmt reports first ahead of the others.
    """
    if not msgid or not msgstrs or not msgstrs[0]:
        # msgfmt checks neither untranslated entries nor one with an empty msgid (whose lookup
        # would return the header).
        return []
    kinds = _enabled_kinds(tuple(flags))
    if not kinds or (
        len(kinds) == 1 and _same_plain_directives(kinds[0], msgid, msgid_plural, msgstrs)
    ):
        return []
    entry = _Entry(msgid, msgid_plural, msgstrs, single_value_forms)
    problems: list[FormatProblem] = []
    for kind in kinds:
        problems.extend(_check(kind, entry))
    return problems


# msgfmt counts a form as used "often" when the plural rule picks it this many times for
# n = 0..1000; other forms are checked leniently.
_OFTEN = 5
_PROBE = 1000


def lenient_forms(
    plural: Callable[[int], int], nplurals: int, value_range: tuple[int, int] | None = None
) -> frozenset[int]:
    """The msgstr indexes ``msgfmt -c`` checks leniently, for :func:`check_formats`.

    ``plural`` evaluates the catalog's plural rule.  A form is checked strictly when the rule
    picks it for at least 5 values of n in 0..1000 (it stands for many numbers), leniently
    otherwise: with ``plural=n==1 ? 0 : n>=2 && n<=4 ? 1 : 2`` forms 0 and 1 are lenient.  An
    entry flagged ``range: a..b`` (``value_range``, as :func:`hatch_minipo.po.flags.parse_flags`
    reads it) also makes lenient every form picked at most once in that range.  When the rule
    picks a form outside 0..nplurals-1, msgfmt reports the rule and checks every form
    leniently, and so does this.  Exceptions raised by ``plural`` propagate.
    """
    every = frozenset(range(nplurals))
    if nplurals > 100:
        return every  # msgfmt does not trust such a count enough to keep statistics
    seen = [0] * nplurals
    for n in range(_PROBE + 1):
        form = plural(n)
        if not 0 <= form < nplurals:
            return every
        seen[form] += 1
    often = {form for form in range(nplurals) if seen[form] >= _OFTEN}
    if value_range is not None:
        low, high = value_range
        hits = [plural(n) for n in range(low, min(high, low + _PROBE) + 1)]
        often = {form for form in often if hits.count(form) > 1}
    return every - often
