"""Check a parsed catalog: charset, plural forms, newlines and format strings, by check level.

``errors`` (the default) refuses what would crash or misbehave at run time and warns about the
rest; ``strict`` refuses what ``msgfmt -c`` refuses; ``off`` keeps only what makes a catalog
impossible to compile faithfully (syntax, duplicates, bytes that are not text in its charset).
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import itertools
import re
from typing import TYPE_CHECKING

from hatch_minipo.errors import CheckLevel, Diagnostic, Severity
from hatch_minipo.formats import checks as formats
from hatch_minipo.languages import KnownRule, plural_rule
from hatch_minipo.mo import writer as mo
from hatch_minipo.plural.cpython import plural_forms_problems, read_header, too_long_for_python
from hatch_minipo.plural.grammar import (
    MissingPluralAttributeError,
    PluralFormsError,
    PluralRule,
    check_every_count,
    check_plural_rule,
    parse_plural_forms,
    unproven_rule,
)
from hatch_minipo.po.flags import parse_flags

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hatch_minipo.po.catalog import Catalog, Message


_SURROGATE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


@dataclasses.dataclass
class Validation:
    """The outcome: every diagnostic, and the Plural-Forms value to compile with."""

    # What makes the text unreadable (bytes that are not text in the charset, a stray EOT):
    # refused at every check level, "off" included.
    unreadable: list[Diagnostic]
    # What the checks of the level found; its errors are the level's to decide.
    findings: list[Diagnostic]
    # Set when the catalog has plural entries but no Plural-Forms: the language's rule (GNU's
    # table, else CLDR) to write into the compiled header, so the language does not silently
    # get the English rule.
    supplied_plural_forms: str | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.unreadable + self.findings

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def validate(
    catalog: Catalog,
    compiled: list[Message],
    *,
    level: CheckLevel = "errors",
    language: str | None = None,
) -> Validation:
    """Check ``catalog``; ``compiled`` are the entries that go into the .mo."""
    out = _Checker(catalog, level)
    out.encoding(compiled)
    unreadable, out.diagnostics = out.diagnostics, []
    if level == "off":
        return Validation(unreadable, [])
    header = catalog.header
    if header is None and level == "strict":
        out.error(1, "PO file header missing or invalid")
    before = len(out.diagnostics)
    rule = out.plural_rule(compiled, language)
    # A Plural-Forms GNU's grammar refuses is reported once, in GNU's more precise words.
    out.python_header(compiled, check_plural=len(out.diagnostics) == before)
    # The checks of the common entry are made inline: this loop runs once per message.
    for message in compiled:
        msgid = message.msgid
        if message.msgid_plural is None:
            if not msgid:
                # msgfmt checks nothing of an entry with an empty msgid (check_pair), context
                # or not; a plural one is checked unless it is the header.
                continue
            text = message.msgstr[0]
            # Most texts hold no line break at all: two searches in C settle them.
            if ("\n" in msgid or "\n" in text) and (
                (msgid[:1] == "\n") != (text[:1] == "\n")
                or (msgid[-1:] == "\n") != (text[-1:] == "\n")
            ):
                out.newlines(message)
        else:
            if not msgid and message.is_header:
                continue
            out.plural_count(message, rule)
            if _edges_differ(message):
                out.newlines(message)
        if message.flags:
            out.formats(message, rule)
    return Validation(unreadable, out.diagnostics, out.supplied)


def _edges_differ(message: Message) -> bool:
    """Whether msgid_plural or a form starts or ends with a line break where msgid does not."""
    msgid = message.msgid
    starts, ends = msgid[:1] == "\n", msgid[-1:] == "\n"
    return any(
        (text[:1] == "\n") != starts or (text[-1:] == "\n") != ends
        for text in (message.msgid_plural or "", *message.msgstr)
    )


class _Checker:
    def __init__(self, catalog: Catalog, level: CheckLevel) -> None:
        self.catalog = catalog
        self.level = level
        self.diagnostics: list[Diagnostic] = []
        self.supplied: str | None = None
        # Said in every message about a plural count, so a wrong default can be traced.
        self.rule_origin = ""

    def error(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.catalog.path, line, message))

    def warn(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.catalog.path, line, message, Severity.WARNING))

    def encoding(self, compiled: list[Message]) -> None:
        declared = self.catalog.declared_charset
        charset_declared = declared is not None and declared.upper() != "CHARSET"
        if self.catalog.clean_text and charset_declared:
            return  # the parser saw no EOT and no undecodable byte in the whole file
        # One look at all the text first: in a sound catalog there is nothing to place.
        if all(_sound(messages, charset_declared) for messages in _slices(self.catalog.messages)):
            return
        for message in self.catalog.messages:
            # The .mo key joins context and msgid with EOT; msgfmt refuses it anywhere else.
            if not message.obsolete and "\x04" in "".join(
                (message.msgctxt or "", message.msgid, message.msgid_plural or "", *message.msgstr)
            ):
                self.error(message.line, "context separator <EOT> within string")
        charset = self.catalog.charset
        for message in compiled:
            texts = [message.msgctxt or "", message.msgid, message.msgid_plural or ""]
            if _SURROGATE.search("".join(texts)):
                self.error(message.line, f"invalid multibyte sequence for charset {charset}")
            for index, text in enumerate(message.msgstr):
                if _SURROGATE.search(text):
                    line = _msgstr_line(message, index)
                    self.error(line, f"invalid multibyte sequence for charset {charset}")
            if (declared is None or declared.upper() == "CHARSET") and _NON_ASCII.search(
                "".join(texts + list(message.msgstr))
            ):
                # Python's gettext decodes such a catalog as ASCII, or fails to look up
                # "CHARSET", and raises when the catalog is loaded.
                self.error(message.line, "non-ASCII text, but the header declares no charset")
                return

    def plural_rule(self, compiled: list[Message], language: str | None) -> PluralRule | None:
        header = self.catalog.header
        line = header.msgstr_lines[0] if header and header.msgstr_lines else 1
        value = self.catalog.header_field("Plural-Forms")
        plural_entries = [m for m in compiled if m.msgid_plural is not None]
        if value is None:
            if not plural_entries:
                return None
            return self._supplied_rule(plural_entries[0], language)
        too_long = too_long_for_python(value)
        if too_long is not None:
            self.error(line, too_long)
            return None
        try:
            # msgfmt looks for nplurals= and plural= anywhere in the header; so does the rule.
            rule = _header_rule(header.msgstr[0] if header else value, value)
        except MissingPluralAttributeError as exc:
            if plural_entries:
                self.error(line, f"invalid Plural-Forms header: {exc}")
            return None
        except PluralFormsError as exc:
            self.error(line, f"invalid Plural-Forms header: {exc}")
            return None
        problems, unproven = _rule_verdict(rule, value)
        for problem in problems:
            self.error(line, problem)
        if unproven is not None:
            self.warn(line, unproven)
        text = header.msgstr[0] if header else value
        if text.count("plural=") > 1:
            self._one_plural_rule(text, rule, line)
        return rule

    def _one_plural_rule(self, header: str, rule: PluralRule, line: int) -> None:
        """A header with several rules: C reads the first 'plural=', Python the last line's."""
        values = [
            item.split(":", 1)[1].strip()
            for item in header.split("\n")
            if ":" in item and item.split(":", 1)[0].strip().lower() == "plural-forms"
        ]
        fields = values[-1].split(";") if values else []
        expression = (
            fields[1].split("plural=", 1)[1] if len(fields) > 1 and "plural=" in fields[1] else None
        )
        if expression is None:
            return  # Python cannot load it: python_header() says so
        try:
            python = parse_plural_forms(f"nplurals={rule.nplurals}; plural={expression};")
            same = all(rule(n) == python(n) for n in range(1001))
        except PluralFormsError:
            return  # likewise
        if not same:
            # msgfmt accepts it; the same .mo then gives other forms in C and in Python.
            self.error(
                line,
                f"the header holds more than one plural rule: C's gettext (msgfmt, libintl) "
                f"reads the first, '{rule.expression}', Python's gettext the last Plural-Forms "
                f"line, '{expression.strip()}'; keep one Plural-Forms line",
            )
        elif len(values) > 1:
            self.warn(line, f"the header has {len(values)} Plural-Forms lines; keep one")

    def _supplied_rule(self, first: Message, language: str | None) -> PluralRule | None:
        """The known rule for a catalog with plural entries and no Plural-Forms, or an error."""
        language = self.catalog.header_field("Language") or language
        known: KnownRule | None = plural_rule(language) if language else None
        if known is None:
            named = f"language '{language}'" if language else "an unknown language"
            self.error(
                first.line,
                "plural entries, but the header has no Plural-Forms and no plural rule is "
                f"known for {named}; add a Plural-Forms header",
            )
            return None
        if self.level == "strict":
            # msgfmt -c says the same, with the same line from GNU's table where it has one.
            self.error(
                first.line,
                "plural entries, but the header has no Plural-Forms; add this line, valid for "
                f'{known.language} ({known.source}): "Plural-Forms: {known.value}\\n"',
            )
        self.supplied = known.value
        self.rule_origin = (
            f"the rule for '{language}' ({known.source}; the header has no Plural-Forms)"
        )
        return parse_plural_forms(known.value)

    def python_header(self, compiled: list[Message], *, check_plural: bool) -> None:
        """What CPython's gettext needs to load the header as compiled (see python_gettext)."""
        header = next((m for m in compiled if m.is_header), None)
        if header is None or _SURROGATE.search(header.msgstr[0]):
            # Bytes that are not text in the charset were reported by encoding().
            return
        if header.msgid_plural is not None:
            # Its .mo key is then "\0" + msgid_plural, not empty: Python's gettext does not
            # take it for the header and decodes the catalog as ASCII (msgfmt accepts it).
            self.error(
                header.line,
                "Python's gettext cannot load this catalog: the header entry has a "
                "'msgid_plural', so it is not read as the header (its charset and Plural-Forms "
                "are ignored)",
            )
            return
        catalog = self.catalog
        data = mo.header_for_mo(header.msgstr[0]).encode(catalog.charset, "surrogateescape")
        declared = catalog.declared_charset
        # A charset the parser refused (it then read the file as UTF-8) is reported once.
        refused = (
            declared is not None
            and declared.upper() != "CHARSET"
            and (codecs.lookup(catalog.charset).name != _codec_name(declared))
        )
        line = header.msgstr_lines[0] if header.msgstr_lines else header.line
        view = read_header(
            data, catalog.charset, check_charset=not refused, check_plural=check_plural
        )
        for problem in view.problems:
            self.error(line, problem)
        if view.charset is None and not view.problems and declared is not None:
            # The parser found "charset=" somewhere in the header, Python finds no
            # Content-Type line: it decodes as ASCII.  Without any charset, encoding() said so.
            self._ascii_only(compiled, line)

    def _ascii_only(self, compiled: list[Message], line: int) -> None:
        for message in compiled:
            texts = (message.msgctxt or "", message.msgid, message.msgid_plural or "")
            if _NON_ASCII.search("".join(texts + message.msgstr)):
                self.error(
                    line,
                    "Python's gettext cannot load this catalog: it finds no Content-Type line "
                    "in the header, so it decodes the catalog as ASCII, and it is not",
                )
                return

    def plural_count(self, message: Message, rule: PluralRule | None) -> None:
        if rule is None or message.msgid_plural is None:
            return
        count = len(message.msgstr)
        if count != rule.nplurals:
            forms = f"{count} plural form{'s' if count != 1 else ''}"
            if self.supplied is None:
                problem = f"nplurals = {rule.nplurals} in the header, but this entry has {forms}"
            else:
                problem = f"this entry has {forms}, but {self.rule_origin} has {rule.nplurals}"
            line = _msgstr_line(message, 0)
            if count > rule.nplurals and self.supplied is None and self.level != "strict":
                # The header's rule never picks the extra forms: harmless at run time, and
                # common in real catalogs (a platform exports every form it knows; Django's).
                # msgfmt -c refuses it; msgfmt alone compiles it.
                self.warn(line, f"{problem}; the extra forms are never used")
            else:
                self.error(line, problem)

    def newlines(self, message: Message) -> None:
        """msgfmt refuses these even without -c: a line break the translation adds or drops.

        As check_pair in msgl-check.c: msgid_plural and every form, empty ones included, are
        compared with msgid; all beginnings first, then all ends.
        """
        plural = message.msgid_plural is not None
        texts = [("msgid_plural", message.msgid_plural or "", message.line)] if plural else []
        for index, text in enumerate(message.msgstr):
            name = f"msgstr[{index}]" if plural else "msgstr"
            texts.append((name, text, _msgstr_line(message, index)))
        for end, edge in (("begin", slice(None, 1)), ("end", slice(-1, None))):
            expected = message.msgid[edge] == "\n"
            for name, text, line in texts:
                if (text[edge] == "\n") != expected:
                    self.error(line, f"'msgid' and '{name}' entries do not both {end} with '\\n'")

    def formats(self, message: Message, rule: PluralRule | None) -> None:
        # Any "*-format" flag (possible-c-format included); check_formats decides what applies.
        for flag in message.flags:
            if flag.endswith("format"):
                break
        else:
            return
        lenient = self._lenient_forms(message, rule) if message.msgid_plural is not None else None
        problems = formats.check_formats(
            message.flags,
            message.msgid,
            message.msgid_plural,
            message.msgstr,
            lenient or frozenset(),
        )
        for problem in problems:
            line = _msgstr_line(message, problem.msgstr_index)
            if problem.fatal or (problem.gnu_refuses and self.level == "strict"):
                self.error(line, problem.message)
            else:
                self.warn(line, problem.message)

    def _lenient_forms(self, message: Message, rule: PluralRule | None) -> frozenset[int]:
        """The forms msgfmt -c checks leniently (those standing for few numbers)."""
        count = len(message.msgstr)
        if rule is None:
            return frozenset(range(count))
        # The flags reader clamps the bounds to INT_MAX, as gettext does.
        value_range = parse_flags(message.flags).range if "range:" in message.flags else None
        try:
            return _lenient_forms(rule, value_range)
        except PluralFormsError:
            # The rule itself was reported; like msgfmt, judge every form leniently.
            return frozenset(range(max(count, rule.nplurals)))


def _header_rule(header: str, value: str) -> PluralRule:
    """The header's plural rule (msgfmt reads nplurals= and plural= anywhere in the header).

    When the Plural-Forms field holds the only occurrence of each, reading the field alone is
    the same, and the field is shared by every catalog of a language: remember it.
    """
    if (
        header.count("plural=") == 1
        and header.count("nplurals=") == 1
        and "plural=" in value
        and "nplurals=" in value
    ):
        return _parse_field(value)
    return parse_plural_forms(header)


@functools.lru_cache(maxsize=256)
def _parse_field(value: str) -> PluralRule:
    return parse_plural_forms(value)


# A project's catalogs share a handful of rules, and checking one evaluates it a thousand
# times: remember the verdicts for the life of the process (a build, a CLI run).
@functools.lru_cache(maxsize=256)
def _rule_verdict(rule: PluralRule, value: str) -> tuple[tuple[str, ...], str | None]:
    """The rule's errors, and a warning when it is safe as far as can be told but unproven."""
    # msgfmt's check of n = 0..1000 first, in its words; then every other n, unless Python's
    # gettext cannot take the rule anyway (python_header says why, more precisely).
    gnu = check_plural_rule(rule)
    if gnu or plural_forms_problems(value):
        return tuple(gnu), None
    every = check_every_count(rule)
    if every:
        return tuple(every), None
    return (), unproven_rule(rule)


@functools.lru_cache(maxsize=256)
def _lenient_forms(rule: PluralRule, value_range: tuple[int, int] | None) -> frozenset[int]:
    return formats.lenient_forms(rule, rule.nplurals, value_range)


def _slices(messages: list[Message], size: int = 4096) -> Iterator[list[Message]]:
    # Text joined a few thousand messages at a time: joining a whole large catalog took twice
    # its text again (2 or 4 bytes a character) at the compile's peak.
    for start in range(0, len(messages), size):
        yield messages[start : start + size]


def _sound(messages: list[Message], charset_declared: bool) -> bool:
    """No EOT, no undecodable byte, and non-ASCII text only with a declared charset."""
    live = [m for m in messages if not m.obsolete]
    blob = "".join(
        [
            "".join([m.msgid for m in live]),
            "".join(itertools.chain.from_iterable([m.msgstr for m in live])),
            "".join([m.msgctxt for m in live if m.msgctxt]),
            "".join([m.msgid_plural for m in live if m.msgid_plural]),
        ]
    )
    if "\x04" in blob or not (charset_declared or blob.isascii()):
        return False
    try:
        # Much faster than searching: UTF-8 cannot encode a surrogate, which is what the
        # bytes that are not text in the charset were decoded to.
        blob.encode("utf-8")
    except UnicodeEncodeError:
        return not _SURROGATE.search(blob)
    return True


def _codec_name(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def _msgstr_line(message: Message, index: int) -> int:
    if index < len(message.msgstr_lines):
        return message.msgstr_lines[index]
    return message.line
