"""Generated entries for the Ruby, Perl and Perl brace tests: strings of one family's
directives, and translations of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from format_oracle import english_and_czech

if TYPE_CHECKING:
    import random

    from format_oracle import Batch, Case


def po_safe(text: str) -> str:
    """``text`` made fit for an entry: not empty, no '\\n' at either end (msgfmt -c would
    complain of the newlines, and an empty msgid is the header)."""
    if not text:
        return "x"
    if text.startswith("\n"):
        text = "." + text
    if text.endswith("\n"):
        text += "."
    return text


SEPARATORS = ("", " ", " x ", "abc ", ", ")


class Generator:
    """Strings of directives from one family (a mode), now and then another family's, one
    taking no argument, or a malformed one; and translations of them, with the same
    directives reordered (some left out) or new ones of the same family."""

    def __init__(
        self,
        rng: random.Random,
        modes: dict[str, tuple[str, ...]],
        no_argument: tuple[str, ...],
        bad: tuple[str, ...],
    ) -> None:
        self.rng = rng
        self.modes = modes
        self.no_argument = no_argument
        self.bad = bad
        self.pieces: dict[str, tuple[str, list[str]]] = {}

    def join(self, mode: str, pieces: list[str]) -> str:
        text = "".join(p + self.rng.choice(SEPARATORS) for p in pieces)
        self.pieces[text] = (mode, pieces)
        return text

    def make(self, mode: str | None = None) -> str:
        rng = self.rng
        mode = mode or rng.choice(list(self.modes))
        pieces = rng.choices(self.modes[mode], k=rng.randint(0, 4))
        if rng.random() < 0.2:
            pieces.append(rng.choice(self.no_argument))
        if rng.random() < 0.08:
            pieces.append(rng.choice(self.modes[rng.choice(list(self.modes))]))
        if rng.random() < 0.1:
            pieces.append(rng.choice(self.bad))
        rng.shuffle(pieces)
        return self.join(mode, pieces)

    def translate(self, text: str) -> str:
        rng = self.rng
        known = self.pieces.get(text)
        if known is None:
            return self.make()
        mode, pieces = known
        roll = rng.random()
        if roll < 0.1:
            return text
        if roll < 0.6:
            pieces = rng.sample(pieces, len(pieces))
            if pieces and roll < 0.2:
                pieces.pop()
            return self.join(mode, pieces)
        return self.make(mode if roll < 0.94 else None)

    def batches(self, flag: str, count: int) -> list[Batch]:
        """``count`` singular entries, and ``count // 4`` plural entries in English and in
        Czech: msgids from ``make``, translations of them from ``translate`` (often with the
        same arguments)."""
        singular: list[Case] = []
        for _ in range(count):
            msgid = po_safe(self.make())
            singular.append((flag, msgid, None, [po_safe(self.translate(msgid))]))
        plurals: dict[int, list[Case]] = {2: [], 3: []}
        for _ in range(count // 4):
            for nplurals, cases in plurals.items():
                msgid = po_safe(self.make())
                plural = po_safe(self.translate(msgid))
                forms = [po_safe(self.translate(plural)) for _ in range(nplurals)]
                cases.append((flag, msgid, plural, forms))
        return english_and_czech(singular, plurals[2], plurals[3])
