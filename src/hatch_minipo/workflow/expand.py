"""Expand a minimized catalog into the full catalog a translator works on, as msgmerge does.

``expand(mini, template)`` gives what ``msgmerge --no-fuzzy-matching MINI POT`` of GNU gettext
0.21 gives (``merge()`` and ``message_merge()`` in msgmerge.c):

* the template's entries in the template's order, each with the template's locations, extracted
  comments and flags (format flags, ranges, wrapping) and the catalog's translation and
  translator comments; entries the catalog lacks come from the template untranslated;
* the header is the catalog's, with ``Report-Msgid-Bugs-To`` and ``POT-Creation-Date`` taken
  from the template and the known fields put in GNU's order;
* ``fuzzy`` where msgmerge adds it: a plural entry that became singular or the reverse, a
  changed ``msgid_plural``, a translation the template's new format flag would refuse, a range
  the template no longer guarantees;
* the catalog's entries the template lost stay, at the end, as obsolete ``#~`` entries.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from hatch_minipo.formats import checks as formats
from hatch_minipo.languages import language_from_team
from hatch_minipo.plural.grammar import PluralFormsError, parse_plural_forms
from hatch_minipo.po.catalog import Catalog, Message
from hatch_minipo.po.flags import parse_flags

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["expand", "merge_header"]

# msgmerge writes the header fields it knows in this order, each under this spelling, then
# every other line in the catalog's order.
_KNOWN_FIELDS = (
    "Project-Id-Version:",
    "Report-Msgid-Bugs-To:",
    "POT-Creation-Date:",
    "PO-Revision-Date:",
    "Last-Translator:",
    "Language-Team:",
    "Language:",
    "MIME-Version:",
    "Content-Type:",
    "Content-Transfer-Encoding:",
)
# Fields whose value always comes from the template when the template has them.
_FROM_TEMPLATE = ("Report-Msgid-Bugs-To:", "POT-Creation-Date:")
# GNU's default when the header has no usable Plural-Forms (the Germanic rule).
_DEFAULT_NPLURALS = 2


def expand(mini: Catalog, template: Catalog) -> Catalog:
    """The full catalog msgmerge makes from ``mini`` and ``template`` (no fuzzy matching)."""
    definitions = mini.messages
    charset, declared = mini.charset, mini.declared_charset
    if _declares_utf8(template):
        # msgmerge converts the catalog to the template's UTF-8 and says so in its header.
        definitions = [_with_utf8_header(m) if m.is_header else m for m in definitions]
        charset, declared = "utf-8", "UTF-8"

    references = list(template.messages)
    if not any(_is_header(m) for m in references):
        references.insert(0, Message(msgid="", msgstr=("",)))

    found: dict[tuple[str | None, str], int] = {}
    for position, message in enumerate(definitions):
        found.setdefault(message.key, position)
    def_header = next((m for m in definitions if _is_header(m)), None)
    def_nplurals = _nplurals(def_header.msgstr[0] if def_header else None)
    plural_rule = _plural_rule(def_header.msgstr[0] if def_header else None)

    used: set[int] = set()
    merged: list[_Merged] = []
    for ref in references:
        match = found.get(ref.key)
        if match is not None:
            used.add(match)
            merged.append(_merge(definitions[match], ref, plural_rule))
        elif not _is_header(ref):
            merged.append(_Merged(_untranslated(ref, def_nplurals)))

    result_header = next((m.message for m in merged if _is_header(m.message)), None)
    result_nplurals = _nplurals(result_header.msgstr[0] if result_header else None)
    messages = [item.finish(result_nplurals) for item in merged]
    messages.extend(
        _obsolete(message) for index, message in enumerate(definitions) if index not in used
    )
    return Catalog(messages, charset=charset, path=mini.path, declared_charset=declared)


@dataclasses.dataclass
class _Merged:
    """An output entry and the plural repair msgmerge applies once the header is known."""

    message: Message
    # The template's entry is plural and the catalog's was not: copy the translation into
    # every form.  The reverse: keep the first form only.
    needs_plural_forms: bool = False
    needs_singular: bool = False

    def finish(self, nplurals: int) -> Message:
        message = self.message
        if self.needs_plural_forms and nplurals > 0:
            message.msgstr = message.msgstr * nplurals
            _set_fuzzy(message)
        if self.needs_singular and len(message.msgstr) > 1:
            message.msgstr = message.msgstr[:1]
            _set_fuzzy(message)
        if not message.fuzzy or not message.msgstr[0]:
            # Previous msgids explain a fuzzy translation; msgmerge drops all others.
            message.previous = []
        return message


def _merge(
    definition: Message, ref: Message, plural_rule: tuple[Callable[[int], int], int]
) -> _Merged:
    if _is_header(ref):
        msgstr: tuple[str, ...] = (merge_header(definition.msgstr[0], ref.msgstr[0]),)
    else:
        msgstr = definition.msgstr
    fuzzy = definition.fuzzy
    if ref.msgid_plural != definition.msgid_plural:
        fuzzy = True
    if not fuzzy and _format_refused(definition, ref, msgstr, plural_rule):
        fuzzy = True
    if not fuzzy and _range_widened(definition.flags, ref.flags):
        fuzzy = True
    flags = [flag for flag in ref.flags if flag != "fuzzy"]
    message = Message(
        msgid=ref.msgid,
        msgstr=msgstr,
        msgid_plural=ref.msgid_plural,
        msgctxt=ref.msgctxt,
        flags=["fuzzy", *flags] if fuzzy else flags,
        translator_comments=list(definition.translator_comments),
        extracted_comments=list(ref.extracted_comments),
        references=list(ref.references),
        previous=[],
        obsolete=ref.obsolete,
        line=definition.line,
        msgstr_lines=definition.msgstr_lines,
    )
    return _Merged(
        message,
        needs_plural_forms=ref.msgid_plural is not None and definition.msgid_plural is None,
        needs_singular=ref.msgid_plural is None and definition.msgid_plural is not None,
    )


def _untranslated(ref: Message, nplurals: int) -> Message:
    message = dataclasses.replace(
        ref,
        flags=list(ref.flags),
        translator_comments=list(ref.translator_comments),
        extracted_comments=list(ref.extracted_comments),
        references=list(ref.references),
        previous=list(ref.previous),
    )
    if ref.msgid_plural is not None and not any(ref.msgstr):
        message.msgstr = ("",) * nplurals
    return message


def _obsolete(definition: Message) -> Message:
    return dataclasses.replace(
        definition,
        obsolete=True,
        flags=list(definition.flags),
        translator_comments=list(definition.translator_comments),
        extracted_comments=[],
        references=[],
        previous=list(definition.previous),
    )


def merge_header(catalog: str, template: str) -> str:
    """The header msgmerge writes: ``catalog``'s fields, the template's date and bug address.

    Lines are matched by their field name, ignoring case; a known field is written under
    GNU's spelling in GNU's order, the last occurrence winning; any other line (Plural-Forms,
    X-Generator, ...) follows in the catalog's order.
    """
    values: dict[str, str] = {}
    unknown: list[str] = []
    for line in _header_lines(catalog):
        name = next((f for f in _KNOWN_FIELDS if line[: len(f)].lower() == f.lower()), None)
        if name is None:
            unknown.append(line)
        else:
            values[name] = line[len(name) :]
    if "Language:" not in values and "Language-Team:" in values:
        values["Language:"] = f" {_language_from_team(values['Language-Team:']) or ''}\n"
    for name in _FROM_TEMPLATE:
        at = template.find(name)
        if at >= 0:
            value = template[at + len(name) :]
            end = value.find("\n")
            values[name] = value + "\n" if end < 0 else value[: end + 1]
    known = "".join(name + values[name] for name in _KNOWN_FIELDS if name in values)
    return known + "".join(unknown)


def _header_lines(text: str) -> list[str]:
    """The header's lines, each ending in a newline (GNU adds one to an unterminated last)."""
    lines = text.split("\n")
    last = lines.pop()
    out = [line + "\n" for line in lines]
    if last:
        out.append(last + "\n")
    return out


def _language_from_team(team: str) -> str | None:
    """The code msgmerge derives from ``Language-Team`` (without newline) when it can.

    GNU drops a last word that looks like an address and looks the rest up among English
    language names.  Its trimming never removes the line's newline, so the lookup only
    succeeds when such a word was dropped.
    """
    value = team.lstrip(" \t").rstrip(" \t")
    cut = len(value)
    while cut > 0 and value[cut - 1] not in " \t":
        cut -= 1
    if not (
        cut < len(value)
        and (value[cut] == "<" or value.endswith(">") or "@" in value or "/" in value)
    ):
        return None
    return language_from_team(value[:cut].rstrip(" \t"))


def _declares_utf8(catalog: Catalog) -> bool:
    """Whether the catalog's header has ``charset=UTF-8`` (the token msgmerge compares)."""
    header = next((m for m in catalog.messages if _is_header(m) and not m.obsolete), None)
    if header is None:
        return False
    at = header.msgstr[0].find("charset=")
    if at < 0:
        return False
    value = re.split(r"[ \t\n]", header.msgstr[0][at + len("charset=") :], maxsplit=1)[0]
    return value.upper() == "UTF-8"


def _with_utf8_header(header: Message) -> Message:
    text = header.msgstr[0]
    at = text.find("charset=")
    if at < 0 or header.obsolete:
        return header
    start = at + len("charset=")
    end = start
    while end < len(text) and text[end] not in " \t\n":
        end += 1
    return dataclasses.replace(header, msgstr=(text[:start] + "UTF-8" + text[end:],))


def _is_header(message: Message) -> bool:
    # GNU's is_header() does not look at obsolescence.
    return message.msgctxt is None and message.msgid == ""


def _set_fuzzy(message: Message) -> None:
    if "fuzzy" not in message.flags:
        message.flags.insert(0, "fuzzy")


def _nplurals(header: str | None) -> int:
    """nplurals as GNU's extract_plural_expression reads it, with its fallback of 2."""
    if header is None:
        return _DEFAULT_NPLURALS
    try:
        return parse_plural_forms(header).nplurals
    except PluralFormsError:
        return _DEFAULT_NPLURALS


def _plural_rule(header: str | None) -> tuple[Callable[[int], int], int]:
    """The rule msgmerge checks format strings with: the header's, else the Germanic one."""
    if header is not None:
        try:
            rule = parse_plural_forms(header)
        except PluralFormsError:
            pass
        else:
            return rule, rule.nplurals
    return (lambda n: int(n != 1)), _DEFAULT_NPLURALS


def _format_refused(
    definition: Message,
    ref: Message,
    msgstr: tuple[str, ...],
    plural_rule: tuple[Callable[[int], int], int],
) -> bool:
    """The template marks a format the catalog did not, and ``msgfmt -c`` would refuse it."""
    if not ref.flags or ref.flags == definition.flags:
        return False  # nothing added: most entries, which need no flag parsed
    ref_flags = parse_flags(ref.flags)
    def_states = parse_flags(definition.flags).formats
    added = [
        f"{name}-format"
        for name, state in ref_flags.formats.items()
        if state in ("yes", "possible") and def_states.get(name) not in ("yes", "possible")
    ]
    added = [flag for flag in added if flag in formats.FORMAT_FLAGS]
    if not added:
        return False
    rule, nplurals = plural_rule
    try:
        lenient = formats.lenient_forms(rule, nplurals, ref_flags.range)
    except PluralFormsError:
        lenient = frozenset(range(nplurals))
    problems = formats.check_formats(added, ref.msgid, ref.msgid_plural, msgstr, lenient)
    return any(problem.gnu_refuses for problem in problems)


def _range_widened(def_flags: Sequence[str], ref_flags: Sequence[str]) -> bool:
    old = parse_flags(def_flags).range
    if old is None:
        return False
    new = parse_flags(ref_flags).range
    return new is None or not (new[0] >= old[0] and new[1] <= old[1])
