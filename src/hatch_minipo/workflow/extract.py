"""Extract translatable strings from Python sources into a template, as xgettext lays it out.

Babel finds the strings (``babel.messages.extract``, through ``workflow.babel_bridge``); this
module arranges them the way ``xgettext --language=Python`` does, so that msgmerge and
every GNU tool read the template as one of their own and diffs stay small:

* entries in order of first appearance (files in the order given, lines in file order), each
  further occurrence adding its ``path:line`` reference and its new extracted comments;
* ``python-format`` / ``python-brace-format`` where xgettext guesses them: the msgid (or, when
  the msgid has no directive, the plural) is a valid format string with a directive;
* xgettext's header, ``#, fuzzy`` and placeholders included, ``charset=CHARSET`` unless some
  text is not ASCII, and ``Plural-Forms`` placeholders only when a plural entry exists.

Files other than Python sources (Jinja2 templates, ...) are read by the Babel extraction method
their path matches in a method map, as ``pybabel extract -F`` reads its mapping file: the first
glob that matches decides, ``ignore`` skips the file, and ``**.py`` is read as Python unless
the map says otherwise.

The template's date comes from ``SOURCE_DATE_EPOCH`` when it is set, so builds are
reproducible.  Unlike Babel's directory walk, :func:`find_sources` enters folders whose names
start with ``_`` (``_internal/``); it skips only ``__pycache__``, hidden folders and virtual
environments.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
from typing import TYPE_CHECKING, NamedTuple, Union

from hatch_minipo.errors import CatalogError, Diagnostic
from hatch_minipo.formats import python as python_format
from hatch_minipo.formats import python_brace
from hatch_minipo.po.catalog import Catalog, Message
from hatch_minipo.workflow.babel_bridge import ExtractionError, extract_strings

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from pathlib import Path

__all__ = [
    "DEFAULT_KEYWORDS",
    "DEFAULT_METHODS",
    "KeywordSpec",
    "Source",
    "TemplateInfo",
    "creation_date",
    "extract",
    "extractor_problem",
    "find_sources",
    "method_for",
    "parse_keyword",
]

# Babel's form of a keyword's arguments: None for "the first argument is the msgid", else the
# 1-based positions of msgid and plural, a context as (position, "c"), and optionally a dict
# {total argument count: positions} when the spec only applies to calls with that many.
_Positions = tuple[Union[int, tuple[int, str]], ...]
KeywordSpec = Union[_Positions, dict[int, _Positions], None]

# xgettext's defaults for Python (x-python.c) plus what Babel adds (N_, pgettext family).
DEFAULT_KEYWORDS: dict[str, KeywordSpec] = {
    "_": None,
    "gettext": None,
    "ugettext": None,
    "N_": None,
    "dgettext": (2,),
    "dcgettext": (2,),
    "ngettext": (1, 2),
    "ungettext": (1, 2),
    "dngettext": (2, 3),
    "dcngettext": (2, 3),
    "pgettext": ((1, "c"), 2),
    "dpgettext": ((2, "c"), 3),
    "dcpgettext": ((2, "c"), 3),
    "npgettext": ((1, "c"), 2, 3),
    "dnpgettext": ((2, "c"), 3, 4),
    "dcnpgettext": ((2, "c"), 3, 4),
}

# The method map every project has: what pybabel uses without a mapping file.
DEFAULT_METHODS: tuple[tuple[str, str], ...] = (("**.py", "python"),)
IGNORE = "ignore"
# A glob's regex backtracks in proportion to a power of its wildcards: a handful is plenty.
_MAX_WILDCARDS = 8
# A Babel extraction method: an entry point name (jinja2), or module:function.
_METHOD = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.]*)?\Z")
# Babel's pathmatch() symbols; "**" crosses folders, "*" and "?" do not.  Written without the
# nested "(?:.+/)*?" of Babel's own regex, which backtracks exponentially on deep paths.
_GLOB_SYMBOLS = {
    "**/": "(?:[^/]+/)*",
    "**": "(?:[^/]+/)*[^/]+",
    "*/": "[^/]+/",
    "*": "[^/]+",
    "?/": "[^/]/",
    "?": "[^/]",
}
_GLOB_PART = re.compile(r"(\*\*/?|\*/?|\?/?)")


class Source(NamedTuple):
    """One file to extract from: its reference path, its bytes, its Babel method."""

    path: str
    data: bytes
    method: str = "python"


def _glob_regex(pattern: str) -> re.Pattern[str]:
    if pattern.startswith(("^", "./")):
        pattern = pattern[1:] if pattern.startswith("^") else pattern[2:]
    # "**/**/" matches what "**/" matches; stacked, each would multiply the backtracking.
    while "**/**/" in pattern:
        pattern = pattern.replace("**/**/", "**/")
    parts = _GLOB_PART.split(pattern)
    body = (_GLOB_SYMBOLS[part] if k % 2 else re.escape(part) for k, part in enumerate(parts))
    return re.compile("".join(body) + r"\Z")


def extractor_problem(pattern: str, method: object) -> str | None:
    """Why (``pattern``, ``method``) is not a method-map item (a predicate phrase), or None."""
    if not isinstance(method, str) or not _METHOD.match(method):
        return (
            "must be a Babel extraction method: an entry point name such as 'jinja2' or "
            f"'python', 'ignore', or 'module:function'; not {method!r}"
        )
    if not pattern or any(ord(char) < 0x20 or ord(char) == 0x7F for char in pattern):
        return "is not a glob: it is empty or holds control characters"
    if "\\" in pattern or pattern.startswith("/"):
        return "must be a glob relative to the project root, with forward slashes"
    if ".." in pattern.split("/"):
        return "must stay inside the project ('..' is not allowed)"
    if pattern.count("*") + pattern.count("?") > _MAX_WILDCARDS:
        return f"has more than {_MAX_WILDCARDS} wildcards ('*', '?'), which no layout needs"
    return None


def method_for(relative: str, methods: Sequence[tuple[str, str]]) -> str | None:
    """The method of the first glob of ``methods`` matching ``relative`` (a POSIX path), or
    None when none does or it says ``ignore``; ``**.py`` is Python unless a glob says other."""
    for pattern, method in (*methods, *DEFAULT_METHODS):
        if _compiled_glob(pattern).match(relative):
            return None if method == IGNORE else method
    return None


_compiled_glob = functools.lru_cache(maxsize=256)(_glob_regex)

_KEYWORD = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)(?::([0-9ct,]+))?\Z")
_SPEC_ITEM = re.compile(r"([1-9][0-9]*)([ct]?)\Z")
_SKIPPED_FOLDERS = frozenset({"__pycache__"})


def parse_keyword(text: str) -> tuple[str, KeywordSpec]:
    """Read an xgettext keyword spec: ``name``, ``name:2``, ``name:1,2``, ``name:1c,2,3t``.

    Raises ValueError naming what is wrong.
    """
    match = _KEYWORD.match(text)
    if match is None:
        raise ValueError(f"invalid keyword {text!r}: expected NAME or NAME:ARGS (e.g. _ or f:1c,2)")
    name, args = match.groups()
    if args is None:
        return name, None
    positions: list[int | tuple[int, str]] = []
    total: int | None = None
    for item in args.split(","):
        spec = _SPEC_ITEM.match(item)
        if spec is None:
            raise ValueError(f"invalid keyword {text!r}: {item!r} is not an argument number")
        number, kind = int(spec.group(1)), spec.group(2)
        if kind == "t":
            total = number
        elif kind == "c":
            if any(isinstance(p, tuple) for p in positions):
                raise ValueError(f"invalid keyword {text!r}: more than one context argument")
            positions.append((number, "c"))
        else:
            positions.append(number)
    strings = [p for p in positions if isinstance(p, int)]
    if not 1 <= len(strings) <= 2:
        raise ValueError(f"invalid keyword {text!r}: give one msgid and at most one plural")
    spec_tuple = tuple(positions)
    return name, spec_tuple if total is None else {total: spec_tuple}


@dataclasses.dataclass(frozen=True)
class TemplateInfo:
    """What xgettext's --package-name, --package-version, ... put into the header."""

    creation_date: str
    package: str | None = None
    version: str | None = None
    bugs_address: str = ""
    # None: xgettext's placeholder; "": the template is put in the public domain.
    copyright_holder: str | None = None


def creation_date(environ: Mapping[str, str] | None = None, now: dt.datetime | None = None) -> str:
    """``POT-Creation-Date``: ``SOURCE_DATE_EPOCH`` in UTC when set, else the local time.

    Raises ValueError when ``SOURCE_DATE_EPOCH`` is not a whole number of seconds.
    """
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise ValueError(
                f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}"
            ) from None
        moment = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    else:
        moment = (now or dt.datetime.now(tz=dt.timezone.utc)).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M%z")


def find_sources(
    paths: Sequence[Path],
    methods: Sequence[tuple[str, str]] = (),
    root: Path | None = None,
) -> list[tuple[Path, str]]:
    """The files under ``paths`` to extract and the method of each, in the order given, each
    folder's entries by name.

    A file in a folder is kept when its path relative to ``root`` (the folder walked when
    there is no ``root``) matches a glob of ``methods`` or ``**.py``.  A file named directly
    is kept whatever its name, read as Python unless a glob says otherwise.  Folders whose
    names start with ``_`` are entered; ``__pycache__``, hidden folders and virtual
    environments (folders holding a ``pyvenv.cfg``) are not.
    """
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    # Resolved folders already walked: a symbolic link back up the tree must not loop.
    walked: set[Path] = set()

    def add(path: Path, method: str) -> None:
        if path not in seen:
            seen.add(path)
            found.append((path, method))

    def walk(folder: Path, top: Path) -> None:
        real = folder.resolve()
        if real in walked:
            return
        walked.add(real)
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.is_dir():
                if not _skipped_folder(entry):
                    walk(entry, top)
                continue
            method = method_for(_relative(entry, top), methods)
            if method is not None and entry.is_file():
                add(entry, method)

    for path in paths:
        if path.is_dir():
            walk(path, root or path)
        else:
            method = method_for(_relative(path, root or path.parent), methods)
            add(path, method or "python")
    return found


def _relative(path: Path, top: Path) -> str:
    # Not resolved: a templates/ folder that is a link to shared files is still templates/.
    try:
        return path.absolute().relative_to(top.absolute()).as_posix()
    except ValueError:  # a file named directly, outside the folder compared with
        return path.name


def _skipped_folder(folder: Path) -> bool:
    name = folder.name
    return name in _SKIPPED_FOLDERS or name.startswith(".") or (folder / "pyvenv.cfg").is_file()


def extract(
    sources: Iterable[Source],
    info: TemplateInfo,
    *,
    keywords: Mapping[str, KeywordSpec] | None = None,
    comment_tags: Sequence[str] = (),
) -> Catalog:
    """The template for ``sources``, in order.

    Raises CatalogError with one diagnostic per source Babel cannot read.
    """
    keywords = DEFAULT_KEYWORDS if keywords is None else keywords
    entries: dict[tuple[str | None, str], Message] = {}
    problems: list[Diagnostic] = []
    for path, data, method in sources:
        try:
            found = extract_strings(data, path, method, keywords, tuple(comment_tags))
        except ExtractionError as exc:
            problems.append(Diagnostic(path, exc.lineno, str(exc)))
            continue
        for lineno, strings, comments, context in found:
            _remember(entries, f"{path}:{lineno}", strings, comments, context)
    if problems:
        raise CatalogError(problems)
    messages = [_header(info, entries.values()), *entries.values()]
    for message in messages[1:]:
        message.flags = _format_flags(message.msgid, message.msgid_plural)
    declared = "UTF-8" if not all(_is_ascii(m) for m in messages) else "CHARSET"
    if declared == "UTF-8":
        header = messages[0]
        header.msgstr = (header.msgstr[0].replace("charset=CHARSET", "charset=UTF-8"),)
    return Catalog(messages, charset="utf-8", path="<template>", declared_charset=declared)


def _remember(
    entries: dict[tuple[str | None, str], Message],
    reference: str,
    strings: tuple[str, ...],
    comments: Sequence[str],
    context: str | None,
) -> None:
    msgid = strings[0]
    plural = strings[1] if len(strings) > 1 else None
    key = (context, msgid)
    message = entries.get(key)
    if message is None:
        message = Message(msgid=msgid, msgctxt=context)
        entries[key] = message
    if plural is not None and message.msgid_plural is None:
        # xgettext keeps the first plural it meets for a msgid.
        message.msgid_plural = plural
        message.msgstr = ("", "")
    for comment in comments:
        raw = " " + comment
        if raw not in message.extracted_comments:
            message.extracted_comments.append(raw)
    if reference not in message.references:
        message.references.append(reference)


def _header(info: TemplateInfo, messages: Iterable[Message]) -> Message:
    if info.package is None:
        project = "PACKAGE VERSION"
    else:
        project = f"{info.package} {info.version}" if info.version else info.package
    fields = [
        f"Project-Id-Version: {project}",
        f"Report-Msgid-Bugs-To: {info.bugs_address}",
        f"POT-Creation-Date: {info.creation_date}",
        "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator: FULL NAME <EMAIL@ADDRESS>",
        "Language-Team: LANGUAGE <LL@li.org>",
        "Language: ",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=CHARSET",
        "Content-Transfer-Encoding: 8bit",
    ]
    if any(m.msgid_plural is not None for m in messages):
        fields.append("Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;")
    if info.copyright_holder == "":
        notice = [" This file is put in the public domain."]
    else:
        holder = info.copyright_holder or "THE PACKAGE'S COPYRIGHT HOLDER"
        package = info.package or "PACKAGE"
        notice = [
            f" Copyright (C) YEAR {holder}",
            f" This file is distributed under the same license as the {package} package.",
        ]
    return Message(
        msgid="",
        msgstr=("".join(field + "\n" for field in fields),),
        flags=["fuzzy"],
        translator_comments=[
            " SOME DESCRIPTIVE TITLE.",
            *notice,
            " FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.",
            "",
        ],
    )


def _format_flags(msgid: str, plural: str | None) -> list[str]:
    """xgettext's guess: the msgid decides, unless it is a valid format with no directive."""
    flags = []
    for flag, guess in (("python-format", _python_guess), ("python-brace-format", _brace_guess)):
        verdict = guess(msgid)
        if verdict is None and plural is not None:
            verdict = guess(plural)
        if verdict:
            flags.append(flag)
    return flags


def _python_guess(text: str) -> bool | None:
    """True: a valid %-format with a directive; False: not valid; None: valid, no directive."""
    if isinstance(python_format.gnu(text), str):
        return False
    # In a valid string every '%' starts a directive ("%%" included, as xgettext counts it).
    return True if "%" in text else None


def _brace_guess(text: str) -> bool | None:
    names = python_brace.gnu(text)
    if isinstance(names, str):
        return False
    return True if names else None


def _is_ascii(message: Message) -> bool:
    texts = [
        message.msgid,
        message.msgid_plural or "",
        message.msgctxt or "",
        *message.msgstr,
        *message.extracted_comments,
        *message.translator_comments,
    ]
    return all(text.isascii() for text in texts)
