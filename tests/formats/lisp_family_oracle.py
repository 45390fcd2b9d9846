"""Shared by the tests of the Lisp and Scheme scanners: FORMAT strings made from the grammar.

msgfmt 0.21 crashes on some such strings and spins for seconds on others (``_lisp_family``
says which); a batch holding one would fail whole or stall, so the families leave them out.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Callable

from hatch_minipo.formats import _lisp_family, lisp, scheme
from wrap_oracle import Entry

if TYPE_CHECKING:
    from hatch_minipo.formats._lisp_family import Dialect

# The directives that take no clause, per language (both cases of a letter are valid).
SIMPLE = {
    "lisp": "ASWDBOXRCFEG$%&|~ITP_\n",
    "scheme": "ASDBOXRFEG$CIY%&_/|~!QTPK\n",
}
_TEXT = ["", "", "", "a", "b ", "x y", "é", " "]


def _param(rng: random.Random) -> str:
    k = rng.random()
    if k < 0.45:
        return str(rng.choice([0, 1, 2, 3, 5, 12]))
    if k < 0.55:
        return "'" + rng.choice("x,~ ")
    if k < 0.75:
        return rng.choice("Vv")
    if k < 0.82:
        return "#"
    if k < 0.9:
        return rng.choice("+-") + str(rng.randint(0, 3))
    return ""


def _params(rng: random.Random, rate: float) -> str:
    if rng.random() > rate:
        return ""
    return ",".join(_param(rng) for _ in range(rng.choice([1, 1, 1, 2, 3])))


def _modifiers(rng: random.Random) -> str:
    return rng.choice(["", "", "", "", ":", "@", ":@", "@:"])


class Grammar:
    """Random strings of one language's FORMAT directives."""

    def __init__(self, language: str, rate: float = 0.25) -> None:
        self.language = language
        self.simple = SIMPLE[language]
        self.rate = rate  # how often a directive has parameters

    def item(self, rng: random.Random, depth: int) -> str:
        k = rng.random()
        if k < 0.12:
            return rng.choice(_TEXT) or "t"
        if k < 0.55 or depth > 2:
            return "~" + _params(rng, self.rate) + _modifiers(rng) + rng.choice(self.simple)
        if k < 0.65:
            return "~" + _params(rng, self.rate) + rng.choice(["", "", ":", "@", ":@"]) + "*"
        if k < 0.7:
            return "~" + _params(rng, self.rate) + rng.choice(["", ":", ":@"]) + "^"
        return self.clause(rng, depth)

    def clause(self, rng: random.Random, depth: int) -> str:
        kinds = "([{[{"
        if self.language == "lisp":
            kinds += "<</!"
        kind = rng.choice(kinds)
        if kind == "/":
            return "~" + _modifiers(rng) + "/pkg:fn/"
        if kind == "!":
            return "~" + _params(rng, self.rate) + "!"
        close = {"(": ")", "[": "]", "{": "}", "<": ">"}[kind]
        head = "~" + _params(rng, self.rate / 2) + _modifiers(rng) + kind
        parts = [self.body(rng, depth + 1, 3)]
        if kind in "[<":
            parts.extend(
                rng.choice(["~;", "~;", "~:;"]) + self.body(rng, depth + 1, 3)
                for _ in range(rng.choice([0, 1, 1, 2]))
            )
        tail = "~" + close if rng.random() < 0.95 else ""
        return head + "".join(parts) + tail

    def body(self, rng: random.Random, depth: int, most: int) -> str:
        return "".join(self.item(rng, depth) for _ in range(rng.randint(0, most)))

    def malformed(self, rng: random.Random, text: str) -> str:
        k = rng.random()
        if k < 0.25:
            return text + "~"
        if k < 0.4:
            return text + "~" + rng.choice(["Z", "M", "'", "+", "-x", "1,", "\t", "é", "Q", "W"])
        if k < 0.55:
            return text + "~" + rng.choice(["}", "]", ")", ">", ";"])
        if k < 0.65:
            return text + "~:@[a~]"
        if k < 0.7:
            return text + "~-3*"
        if k < 0.85:
            return (
                text
                + "~"
                + rng.choice(["5,5,5,5,5", "'x", "#", "1,2,3,4,5,6,7,8"])
                + "ADFTC%"[rng.randrange(6)]
            )
        return text + rng.choice(["~:[a~]", "~/x", "~{~A", "~(~A", "~<~A"])

    def string(self, rng: random.Random) -> str:
        text = self.body(rng, 0, 4) or self.item(rng, 0)
        if rng.random() < 0.1:
            text = self.malformed(rng, text)
        return text

    def mutate(self, rng: random.Random, text: str) -> str:
        k = rng.random()
        if k < 0.3:
            return text
        if k < 0.5:
            # Another directive letter.
            spots = [
                i for i in range(1, len(text)) if text[i] in self.simple and text[i - 1] != "'"
            ]
            if spots:
                i = rng.choice(spots)
                return text[:i] + rng.choice(self.simple) + text[i + 1 :]
            return text
        if k < 0.62:
            # One character less after a '~', often the directive's letter.
            i = text.find("~", rng.randrange(len(text) or 1))
            return text[: i + 1] + text[i + 2 :] if i >= 0 else text
        if k < 0.75:
            return text + self.item(rng, 1)
        if k < 0.85:
            return self.item(rng, 1) + text
        return self.string(rng)


def family(language: str, rate: float = 0.25) -> Callable[[random.Random, int], list[str]]:
    """k strings, the msgid first, its translations mostly mutations of it; never one that
    msgfmt 0.21 would crash or spin on."""
    grammar = Grammar(language, rate)
    dialect: Dialect = _lisp_family_dialect(language)

    def make(rng: random.Random, k: int) -> list[str]:
        while True:
            msgid = grammar.string(rng)
            strings = [msgid] + [grammar.mutate(rng, msgid) for _ in range(k - 1)]
            # msgfmt -c also compares final newlines (~ then a newline is a directive).
            strings = [text + "." if text.endswith("\n") else text for text in strings]
            msgid = strings[0]
            # The first translation may stand for a msgid_plural: check it as a reference too.
            if not _lisp_family.hazards(dialect, msgid, strings[1:]) and not (
                _lisp_family.hazards(dialect, strings[1], strings[2:])
            ):
                return strings

    return make


def _lisp_family_dialect(language: str) -> Dialect:
    return lisp.DIALECT if language == "lisp" else scheme.DIALECT


def wrap_entries(language: str, seed: int, count: int) -> list[Entry]:
    """Entries holding a generated string twice, at varying columns, for msgattrib to wrap."""
    grammar = Grammar(language, 0.2)
    dialect = _lisp_family_dialect(language)
    rng = random.Random(seed)  # noqa: S311 - reproducible, not secret
    words = "ab cde f ghij kl mnopq rs t uvw xyz " * 8
    entries: list[Entry] = []
    while len(entries) < count:
        text = grammar.string(rng)
        # msgattrib breaks lines after a newline; and it would crash on a hazard too.
        if "\n" in text or _lisp_family.hazards(dialect, text, []):
            continue
        start, gap = rng.randrange(40), rng.randrange(5, 40)
        text = words[:start] + text + " " + words[:gap] + text + " end"
        entries.append(Entry(text, text, msgctxt=str(len(entries)), flags=(f"{language}-format",)))
    return entries
