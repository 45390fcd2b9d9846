"""What a plural expression can give for every n, not only the 1,001 counts msgfmt tries.

Each node of the expression gets the interval of values it can take for n in 0..2**64-1 (C's
unsigned long, as gettext evaluates), and whether a division by zero is reachable in it.  The
analysis is sound: a rule it calls safe cannot divide by zero or give a form >= nplurals for
any n.  It is not complete (conditions do not narrow n in their branches): for a rule it
cannot prove safe, ``grammar.check_every_count`` tries the :func:`candidates`, the counts
where such expressions change, for one that shows the failure.
"""

from __future__ import annotations

from typing import NamedTuple

MASK = (1 << 64) - 1


class Range(NamedTuple):
    """The values a node can take, and whether it can divide by zero (for some n)."""

    lo: int
    hi: int
    fails: bool = False


N = Range(0, MASK)


def constant(value: int) -> Range:
    return Range(value, value)


def _truth(r: Range) -> Range:
    """The range of ``r != 0``."""
    if r.hi == 0:
        return Range(0, 0, r.fails)
    if r.lo >= 1:
        return Range(1, 1, r.fails)
    return Range(0, 1, r.fails)


def negate(r: Range) -> Range:
    t = _truth(r)
    return Range(1 - t.hi, 1 - t.lo, r.fails)


def _bool(always: bool, never: bool, fails: bool) -> Range:
    if always:
        return Range(1, 1, fails)
    if never:
        return Range(0, 0, fails)
    return Range(0, 1, fails)


def _compare(op: str, a: Range, b: Range, fails: bool) -> Range:
    if op == "<":
        return _bool(a.hi < b.lo, a.lo >= b.hi, fails)
    if op == ">":
        return _bool(a.lo > b.hi, a.hi <= b.lo, fails)
    if op == "<=":
        return _bool(a.hi <= b.lo, a.lo > b.hi, fails)
    if op == ">=":
        return _bool(a.lo >= b.hi, a.hi < b.lo, fails)
    same = a.lo == a.hi == b.lo == b.hi
    disjoint = a.hi < b.lo or b.hi < a.lo
    if op == "==":
        return _bool(same, disjoint, fails)
    return _bool(disjoint, same, fails)  # "!="


def binary(op: str, a: Range, b: Range) -> Range:
    """The range of ``a op b``; the right side of && and || counts only where it is reached."""
    if op == "&&":
        ta = _truth(a)
        if ta.hi == 0:
            return Range(0, 0, a.fails)
        tb = _truth(b)
        return _bool(ta.lo == 1 and tb.lo == 1, tb.hi == 0, a.fails or b.fails)
    if op == "||":
        ta = _truth(a)
        if ta.lo == 1:
            return Range(1, 1, a.fails)
        tb = _truth(b)
        return _bool(tb.lo == 1, ta.hi == 0 and tb.hi == 0, a.fails or b.fails)
    fails = a.fails or b.fails
    if op in ("<", ">", "<=", ">=", "==", "!="):
        return _compare(op, a, b, fails)
    if op == "+":
        return _wrapped(a.lo + b.lo, a.hi + b.hi, fails)
    if op == "-":
        return _wrapped(a.lo - b.hi, a.hi - b.lo, fails)
    if op == "*":
        return _wrapped(a.lo * b.lo, a.hi * b.hi, fails)
    fails = fails or b.lo == 0  # a divisor that can be 0
    if op == "/":
        return Range(a.lo // max(b.hi, 1), a.hi // max(b.lo, 1), fails)
    # "%": below the smallest divisor the value is kept, else anything under the largest.
    if a.hi < b.lo:
        return Range(a.lo, a.hi, fails)
    return Range(0, max(b.hi - 1, 0), fails)


def _wrapped(lo: int, hi: int, fails: bool) -> Range:
    # unsigned long arithmetic wraps: a range crossing 0 or 2**64 can then hold anything.
    if lo >= 0 and hi <= MASK:
        return Range(lo, hi, fails)
    return Range(0, MASK, fails)


def choose(cond: Range, then: Range, other: Range) -> Range:
    """The range of ``cond ? then : other``, where a branch never taken does not count."""
    t = _truth(cond)
    if t.hi == 0:
        return Range(other.lo, other.hi, cond.fails or other.fails)
    if t.lo == 1:
        return Range(then.lo, then.hi, cond.fails or then.fails)
    return Range(
        min(then.lo, other.lo), max(then.hi, other.hi), cond.fails or then.fails or other.fails
    )


def candidates(constants: set[int]) -> list[int]:
    """Counts where an expression of these constants changes its behaviour: around each
    constant, its multiples' neighbours, and the edges of C's integer types."""
    out: set[int] = set()
    for c in constants:
        for k in (c - 1, c, c + 1, 2 * c - 1, 2 * c, c * c - 1, c * c, c * c + 1):
            out.add(k)
    for bits in range(10, 65):
        out.update(((1 << bits) - 1, 1 << bits, (1 << bits) + 1))
    for digits in range(3, 20):
        out.update((10**digits - 1, 10**digits, 10**digits + 1))
    return sorted(k for k in out if 1000 < k <= MASK)
