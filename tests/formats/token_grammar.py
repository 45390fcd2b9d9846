"""Generated entries for the Java MessageFormat, Java printf, C#, PHP, JavaScript, awk and Lua
tests: strings of directives drawn from a language's valid and malformed ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from format_oracle import english_and_czech

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Sequence

    from format_oracle import Batch, Case

    # A directive drawn at random, or the directives to choose one from.
    Draw = Callable[[random.Random], str] | Sequence[str]

_WORDS = ("a", "file", "b", "été", "x")


def _drawing(draw: Draw) -> Callable[[random.Random], str]:
    if callable(draw):
        return draw
    choices = list(draw)
    return lambda rng: rng.choice(choices)


class Grammar:
    """Draws directives for a language: ``valid()`` and ``broken()`` give one token each."""

    def __init__(self, valid: Draw, broken: Draw, *, glue: float = 0.2) -> None:
        self.valid = _drawing(valid)
        self.broken = _drawing(broken)
        self.glue = glue  # how often a token touches its neighbours ("%s%d", "%" + "%s")

    def compose(self, rng: random.Random, tokens: list[str]) -> str:
        # The string starts and ends with a word, so that msgfmt's checks of leading and
        # trailing newlines stay quiet.
        parts = [rng.choice(_WORDS)]
        parts += [t if rng.random() < self.glue else " " + t + " " for t in tokens]
        parts.append(rng.choice(_WORDS))
        return "".join(parts)

    def reference(self, rng: random.Random) -> list[str]:
        return [self.valid(rng) for _ in range(rng.randint(0, 3))]

    def mutate(self, rng: random.Random, tokens: list[str]) -> list[str]:
        """A translation of ``tokens``: the same, reordered, or with a directive changed."""
        out = list(tokens)
        r = rng.random()
        if r < 0.3:
            return out
        if r < 0.45:
            rng.shuffle(out)
        elif r < 0.55 and out:
            del out[rng.randrange(len(out))]
        elif r < 0.7:
            out.insert(rng.randint(0, len(out)), self.valid(rng))
        elif r < 0.85 and out:
            out[rng.randrange(len(out))] = self.valid(rng)
        else:
            out.insert(rng.randint(0, len(out)), self.broken(rng))
        return out

    def batches(self, flag: str, rng: random.Random, count: int) -> list[Batch]:
        """``count`` singular pairs, and ``count // 4`` plural entries in English and in Czech."""
        singular: list[Case] = []
        for _ in range(count):
            ref = self.reference(rng)
            singular.append(
                (flag, self.compose(rng, ref), None, [self.compose(rng, self.mutate(rng, ref))])
            )
        plurals: list[list[Case]] = [[], []]
        for forms, batch in zip((2, 3), plurals):
            for _ in range(count // 4):
                ref = self.reference(rng)
                msgid = self.compose(rng, self.mutate(rng, ref))
                msgstrs = [self.compose(rng, self.mutate(rng, ref)) for _ in range(forms)]
                batch.append((flag, msgid, self.compose(rng, ref), msgstrs))
        return english_and_czech(singular, plurals[0], plurals[1])
