"""Lisp and Scheme FORMAT strings: what gettext 0.21's format-lisp.c and format-scheme.c share.

Both files hold the same parser and the same algebra of argument-list constraints, and differ in
a few directives; ``Dialect`` carries the differences.  A string's description is a constraint
on the list of arguments FORMAT receives: an initial segment and an endlessly repeated one, each
a run of (repetition count, presence, type) elements, a type being itself such a list for the
arguments that are lists.  ``msgfmt -c`` compares the normalized constraint of msgid with that
of each msgstr, strictly (equal lists) or leniently (msgstr's constraint, intersected with
msgid's, is unchanged).  The result depends on every detail of the normalization, so the
functions below follow the C ones closely, names included.

gettext 0.21 has bugs here, fixed upstream in 2023: ``make_repeated_list`` copies the wrong
array and writes past the end of another, ``rotate_loop`` forgets the new element count,
``normalize_outermost_list`` increments the wrong loop variable (2**32 iterations: about 8 s),
and ``~!`` at an unknown position fails an assertion.  Where a bug gives a defined result it is
reproduced (the spin ends where it began: it is skipped); where the binary would read or write
memory it does not own, or abort, the string is read again with the fixed algorithm, since
msgfmt 0.21 gives no verdict then: it crashes, or does not by chance.  ``hazards`` tells the
tests which strings those are.  The lenient check compares the intersection with msgstr's
constraint, as 0.21 does (gettext 0.26 compares it with msgid's).

Two limits that gettext does not have keep hostile strings cheap: brackets nest at most
``MAX_DEPTH`` deep (the C code recurses), and a string may cost at most a budget of element
operations proportional to its length (the C algebra is quadratic, and unfolds loops to the
least common multiple of their periods); past either the string is refused as too complex.
"""

from __future__ import annotations

import dataclasses
from math import gcd
from typing import TYPE_CHECKING, Callable, Optional

from hatch_minipo.formats.base import (
    END,
    ERROR,
    NO_MARKS,
    START,
    UNTERMINATED,
    Invalid,
    Marks,
    Where,
    bad_conversion,
    digit,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

# enum format_cdr_type
REQUIRED, OPTIONAL = 0, 1
# enum format_arg_type; COMPLEX is Scheme's only, FUNCTION Lisp's only.
(
    OBJECT,
    CHARACTER_INTEGER_NULL,
    CHARACTER_NULL,
    CHARACTER,
    INTEGER_NULL,
    INTEGER,
    REAL,
    COMPLEX,
    LIST,
    FORMATSTRING,
    FUNCTION,
) = range(11)
# The types that admit NIL (the empty list).
_NULLS = (CHARACTER_INTEGER_NULL, CHARACTER_NULL, INTEGER_NULL)
# (wider, narrower) pairs of types, in the order of gettext's tests; their intersection is the
# narrower type and their union the wider (COMPLEX pairs are Scheme's).
_WIDER_NARROWER = frozenset(
    [
        (CHARACTER_INTEGER_NULL, narrower)
        for narrower in (CHARACTER_NULL, CHARACTER, INTEGER_NULL, INTEGER)
    ]
    + [(CHARACTER_NULL, CHARACTER), (INTEGER_NULL, INTEGER), (REAL, INTEGER)]
    + [(COMPLEX, REAL), (COMPLEX, INTEGER)]
)
# enum param_type
PT_NIL, PT_CHARACTER, PT_INTEGER, PT_ARGCOUNT, PT_V = range(5)

INCOMPATIBLE = "The string refers to some argument in incompatible ways."
TOO_DEEP = "The string nests directives too deeply to be checked."
TOO_COMPLEX = "The string constrains its arguments in ways too complex to be checked."
MAX_DEPTH = 64
# Element operations a scan may cost: a base, and so many per character of the string.
_BUDGET_BASE = 100_000
_BUDGET_PER_CHAR = 32

_UINT = 2**32


def _int32(value: int) -> int:
    """A C int that overflowed, as the machine wraps it."""
    value %= _UINT
    return value - _UINT if value >= 2**31 else value


class _Undefined(Exception):  # noqa: N818 - a control-flow signal, not an error of the program
    """gettext 0.21 would abort or touch memory it does not own here."""


class _TooComplex(Exception):  # noqa: N818
    """The budget of element operations is spent."""


class Arg:
    """struct format_arg: ``repcount`` consecutive arguments with one constraint."""

    __slots__ = ("list", "presence", "repcount", "type")

    def __init__(
        self, repcount: int, presence: int, type_: int, sub: ArgList | None = None
    ) -> None:
        self.repcount = repcount
        self.presence = presence
        self.type = type_
        self.list = sub  # for LIST: the constraint on the list's elements

    def moved(self) -> Arg:
        # A C struct assignment: the sublist is shared, not copied.
        return Arg(self.repcount, self.presence, self.type, self.list)


class Segment:
    """struct segment.  ``allocated`` is the C field; ``capacity`` the real size of the array,
    which 0.21's rotate_loop lets differ from it."""

    __slots__ = ("allocated", "capacity", "element", "length")

    def __init__(self, element: list[Arg] | None = None, length: int = 0) -> None:
        self.element: list[Arg] = element if element is not None else []
        self.length = length
        self.allocated = len(self.element)
        self.capacity = self.allocated


class ArgList:
    """struct format_arg_list.  ``required`` is not gettext's: a count of leading initial
    elements known to be REQUIRED, so that a long string does not rewrite them all again at
    each directive."""

    __slots__ = ("initial", "repeated", "required")

    def __init__(self, initial: Segment, repeated: Segment) -> None:
        self.initial = initial
        self.repeated = repeated
        self.required = 0


@dataclasses.dataclass
class Spec:
    """struct spec: what format_parse returns."""

    directives: int
    list: ArgList


def _unconstrained() -> ArgList:
    return ArgList(Segment(), Segment([Arg(1, OPTIONAL, OBJECT)], 1))


def _empty() -> ArgList:
    return ArgList(Segment(), Segment())


class Ops:
    """The list algebra, in 0.21's version or (``fixed``) the corrected one.

    ``tainted`` is set once a 0.21 bug has left a list whose counts do not add up: only then
    does VERIFY_LIST cost anything (it is how the binary aborts).  ``slow`` is set when 0.21
    would spin 2**32 times in normalize_outermost_list.
    """

    def __init__(self, fixed: bool, budget: int) -> None:
        self.fixed = fixed
        self.budget = budget
        self.tainted = False
        self.slow = False

    # ----------------------------------------------------------------- bookkeeping

    def spend(self, amount: int) -> None:
        self.budget -= amount
        if self.budget < 0:
            raise _TooComplex

    def undefined(self, condition: bool) -> None:
        """ASSERT, and the places where the C code would go out of bounds."""
        if not condition:
            raise _Undefined

    def verify_list(self, lst: ArgList) -> None:
        if not self.tainted:
            return  # every operation keeps the invariants until a 0.21 bug breaks one
        for seg in (lst.initial, lst.repeated):
            self.spend(len(seg.element))
            self.undefined(len(seg.element) <= seg.allocated)
            total = 0
            for e in seg.element:
                self.undefined(e.repcount > 0)
                if e.type == LIST:
                    self.verify_list(_sub(e))
                total += e.repcount
            self.undefined(total == seg.length)

    def ensure_alloc(self, seg: Segment, newcount: int) -> None:
        """ensure_{initial,repeated}_alloc: room for ``newcount`` elements."""
        if newcount > seg.allocated:
            seg.allocated = max(2 * seg.allocated + 1, newcount)
            seg.capacity = seg.allocated
        elif newcount > seg.capacity and not self.fixed:
            raise _Undefined  # writing past the array 0.21's rotate_loop left smaller

    def grow_alloc(self, seg: Segment) -> None:
        """grow_{initial,repeated}_alloc: room for one more element."""
        self.ensure_alloc(seg, len(seg.element) + 1)

    # ----------------------------------------------------------------- copy, compare

    def copy_element(self, old: Arg) -> Arg:
        sub = self.copy_list(_sub(old)) if old.type == LIST else None
        return Arg(old.repcount, old.presence, old.type, sub)

    def copy_list(self, lst: ArgList) -> ArgList:
        self.verify_list(lst)
        self.spend(1 + len(lst.initial.element) + len(lst.repeated.element))
        copy = ArgList(
            Segment([self.copy_element(e) for e in lst.initial.element], lst.initial.length),
            Segment([self.copy_element(e) for e in lst.repeated.element], lst.repeated.length),
        )
        copy.required = lst.required
        self.verify_list(copy)
        return copy

    def equal_element(self, e1: Arg, e2: Arg) -> bool:
        if e1.presence != e2.presence or e1.type != e2.type:
            return False
        return e1.type != LIST or self.equal_list(_sub(e1), _sub(e2))

    def equal_list(self, list1: ArgList, list2: ArgList) -> bool:
        self.verify_list(list1)
        self.verify_list(list2)
        self.spend(1)
        for seg1, seg2 in ((list1.initial, list2.initial), (list1.repeated, list2.repeated)):
            if len(seg1.element) != len(seg2.element):
                return False
            self.spend(len(seg1.element))
            for e1, e2 in zip(seg1.element, seg2.element):
                if e1.repcount != e2.repcount or not self.equal_element(e1, e2):
                    return False
        return True

    # ----------------------------------------------------------------- normalize

    def _combine_adjacent(self, seg: Segment) -> None:
        """Step 1 of normalize_outermost_list: merge equal neighbours."""
        self.spend(len(seg.element))
        kept: list[Arg] = []
        for e in seg.element:
            if kept and self.equal_element(e, kept[-1]):
                kept[-1].repcount += e.repcount
            else:
                kept.append(e)
        seg.element = kept

    def _period_fits(self, rep: list[Arg], n: int, m: int, extra: int) -> bool:
        """Whether the first ``n`` loop elements have period ``m`` (0.21 may look past them)."""
        for i in range(n - m):
            self.undefined(i + m < len(rep))
            repcount = rep[i].repcount + (extra if i == 0 else 0)
            if repcount != rep[i + m].repcount or not self.equal_element(rep[i], rep[i + m]):
                return False
        return True

    def _reduce_period(self, seg: Segment, n: int, m: int) -> None:
        rep = seg.element
        self.undefined(n <= len(rep))
        seg.element = rep[:m] + rep[n : n + 1] if n < len(rep) else rep[:m]
        seg.length //= n // m

    def _shorten_loop(self, seg: Segment) -> None:
        """Step 2 of normalize_outermost_list: reduce the loop's period."""
        rep = seg.element
        n = len(rep)
        extra = 0
        if n > 1 and self.equal_element(rep[0], rep[n - 1]):
            extra = rep[n - 1].repcount
            n -= 1
        self.spend(n)
        if self.fixed:
            for m in range(2, n // 2 + 1):
                if n % m == 0 and self._period_fits(rep, n, m, extra):
                    self._reduce_period(seg, n, m)
                    break
            if len(seg.element) == 1:
                seg.element[0].repcount = 1
                seg.length = 1
            return
        # 0.21 increments n, not m: only m = 2 is tried, at the first even n, and when that
        # fails every later even n fails at the same place until n wraps around 2**32.
        if n >= 4:
            n += n % 2
            if self._period_fits(rep, n, 2, extra):
                self._reduce_period(seg, n, 2)
            else:
                self.slow = True

    def _roll_into_loop(self, lst: ArgList) -> None:
        """Step 3 of normalize_outermost_list: roll the initial segment's tail into the loop."""
        ini, rep = lst.initial, lst.repeated
        if len(rep.element) == 1:
            if ini.element and self.equal_element(ini.element[-1], rep.element[0]):
                ini.length -= ini.element[-1].repcount
                ini.element.pop()
            return
        while ini.element and self.equal_element(ini.element[-1], rep.element[-1]):
            self.spend(1)
            last = ini.element[-1]
            moved = min(last.repcount, rep.element[-1].repcount)
            if self.equal_element(rep.element[0], rep.element[-1]):
                rep.element[0].repcount += moved
            else:
                self.ensure_alloc(rep, len(rep.element) + 1)
                rep.element.insert(0, self.copy_element(rep.element[-1]))
                rep.element[0].repcount = moved
            rep.element[-1].repcount -= moved
            if rep.element[-1].repcount == 0:
                rep.element.pop()
            last.repcount -= moved
            if last.repcount == 0:
                ini.element.pop()
            ini.length -= moved

    def normalize_outermost_list(self, lst: ArgList) -> None:
        self._combine_adjacent(lst.initial)
        self._combine_adjacent(lst.repeated)
        lst.required = 0
        if lst.repeated.element:
            self._shorten_loop(lst.repeated)
            self._roll_into_loop(lst)

    def normalize_list(self, lst: ArgList) -> None:
        self.verify_list(lst)
        for e in lst.initial.element + lst.repeated.element:
            if e.type == LIST:
                self.normalize_list(_sub(e))
        self.normalize_outermost_list(lst)
        self.verify_list(lst)

    # ----------------------------------------------------------------- surgery

    def unfold_loop(self, lst: ArgList, m: int) -> None:
        rep = lst.repeated
        if m > 1:
            count = len(rep.element)
            self.spend(count * m)
            self.ensure_alloc(rep, count * m)
            first = rep.element[:count]
            for _ in range(1, m):
                rep.element.extend(self.copy_element(e) for e in first)
            rep.length *= m

    def _rotate_many(self, lst: ArgList, m: int) -> None:
        """rotate_loop when the loop has several elements."""
        ini, rep = lst.initial, lst.repeated
        n = rep.length
        q, r = divmod(m - ini.length, n)
        s, t = 0, r
        while s < len(rep.element) and t >= rep.element[s].repcount:
            t -= rep.element[s].repcount
            s += 1
        self.undefined(s < len(rep.element))
        count = len(rep.element)
        added = q * count + s + (1 if t > 0 else 0)
        self.spend(added)
        self.ensure_alloc(ini, len(ini.element) + added)
        for _ in range(q):
            ini.element.extend(self.copy_element(e) for e in rep.element)
        ini.element.extend(self.copy_element(e) for e in rep.element[:s])
        if t > 0:
            piece = self.copy_element(rep.element[s])
            piece.repcount = t
            ini.element.append(piece)
        ini.length = m
        if r > 0:
            rotated = rep.element[s:] + rep.element[:s]
            if t > 0:
                rotated.append(self.copy_element(rotated[0]))
                rotated[0].repcount -= t
                rotated[count].repcount = t
            if self.fixed:
                rep.element = rotated
                rep.allocated = rep.capacity = max(rep.allocated, len(rotated))
            else:
                # 0.21 does not store the new count: the split-off piece is lost, and the
                # array may be smaller than the 'allocated' field says.
                rep.element = rotated[:count]
                rep.capacity = len(rotated)
                if t > 0:
                    self.tainted = True

    def rotate_loop(self, lst: ArgList, m: int) -> None:
        """Make the initial segment ``m`` long, unrolling the loop into it."""
        ini = lst.initial
        if m == ini.length:
            return
        self.undefined(m > ini.length)  # only 0.21's ~!-at-an-unknown-position goes back
        if len(lst.repeated.element) == 1:
            self.grow_alloc(ini)
            e = self.copy_element(lst.repeated.element[0])
            e.repcount = m - ini.length
            ini.element.append(e)
            ini.length = m
        else:
            self._rotate_many(lst, m)

    def _locate(self, seg: Segment, n: int) -> tuple[int, int]:
        """The element holding index ``n`` and the offset in it; (count, n - length) past the
        end.  Walks from the nearer end: the C code walks from the start, same answer while
        the counts add up (and they do unless ``tainted``)."""
        elements = seg.element
        if self.tainted or n < seg.length // 2:
            s, t = 0, n
            while s < len(elements) and t >= elements[s].repcount:
                t -= elements[s].repcount
                s += 1
            self.spend(s)
            return s, t
        s, start = len(elements), seg.length
        while start > n:
            s -= 1
            start -= elements[s].repcount
        self.spend(len(elements) - s)
        return s, n - start

    def initial_splitelement(self, lst: ArgList, n: int) -> int:
        """Split the initial segment at index ``n``: the index of the element starting there."""
        self.verify_list(lst)
        ini = lst.initial
        if n > ini.length:
            self.undefined(len(lst.repeated.element) > 0)
            self.rotate_loop(lst, n)
            self.undefined(n <= ini.length)
        s, t = self._locate(ini, n)
        if t == 0:
            return s
        self.undefined(s < len(ini.element))
        old = ini.element[s].repcount
        self.ensure_alloc(ini, len(ini.element) + 1)
        ini.element.insert(s + 1, self.copy_element(ini.element[s]))
        ini.element[s].repcount = t
        ini.element[s + 1].repcount = old - t
        self.verify_list(lst)
        return s + 1

    def initial_unshare(self, lst: ArgList, n: int) -> int:
        """Give index ``n`` of the initial segment an element of its own: its index."""
        self.verify_list(lst)
        ini = lst.initial
        if n >= ini.length:
            self.undefined(len(lst.repeated.element) > 0)
            self.rotate_loop(lst, n + 1)
            self.undefined(n < ini.length)
        s, t = self._locate(ini, n)
        self.undefined(s < len(ini.element))
        old = ini.element[s].repcount
        if old > 1:
            edge = t in (0, old - 1)
            self.ensure_alloc(ini, len(ini.element) + (1 if edge else 2))
            if edge:
                ini.element.insert(s + 1, self.copy_element(ini.element[s]))
                ini.element[s].repcount = 1 if t == 0 else old - 1
                ini.element[s + 1].repcount = old - 1 if t == 0 else 1
            else:
                copies = [self.copy_element(ini.element[s]), self.copy_element(ini.element[s])]
                ini.element[s + 1 : s + 1] = copies
                ini.element[s].repcount = t
                ini.element[s + 1].repcount = 1
                ini.element[s + 2].repcount = old - 1 - t
            if t > 0:
                s += 1
        self.undefined(ini.element[s].repcount == 1)
        self.verify_list(lst)
        return s

    def shift_list(self, lst: ArgList, n: int) -> None:
        """Put ``n`` unconstrained required arguments in front."""
        self.verify_list(lst)
        if n > 0:
            self.grow_alloc(lst.initial)
            lst.initial.element.insert(0, Arg(n, REQUIRED, OBJECT))
            lst.initial.length += n
            self.normalize_outermost_list(lst)
        self.verify_list(lst)

    # ----------------------------------------------------------------- intersection

    # Complexity: one branch per rule of gettext's type lattice, in gettext's order.
    def make_intersected_element(self, re: Arg, e1: Arg, e2: Arg) -> bool:
        """Fill ``re`` with the constraint of both; False on a contradiction (``re.presence``
        is set even then: the caller reads it)."""
        re.presence = REQUIRED if REQUIRED in (e1.presence, e2.presence) else OPTIONAL
        t1, t2 = e1.type, e2.type
        if OBJECT in (t1, t2):
            other = e2 if t1 == OBJECT else e1
            re.type = other.type
            if re.type == LIST:
                re.list = self.copy_list(_sub(other))
        elif (t1 == LIST and t2 in _NULLS) or (t2 == LIST and t1 in _NULLS):
            listed = e1 if t1 == LIST else e2
            re.type = LIST
            re.list = self.make_intersection_with_empty_list(_sub(listed))
            if re.list is None:
                return False
        elif (t1, t2) in _WIDER_NARROWER:
            re.type = t2
        elif (t2, t1) in _WIDER_NARROWER:
            re.type = t1
        elif t1 == t2:
            re.type = t1
            if t1 == LIST:
                re.list = self.make_intersected_list(
                    self.copy_list(_sub(e1)), self.copy_list(_sub(e2))
                )
                if re.list is None:
                    return False
        else:
            return False
        return True

    def append_repeated_to_initial(self, lst: ArgList) -> None:
        ini, rep = lst.initial, lst.repeated
        if rep.element:
            self.ensure_alloc(ini, len(ini.element) + len(rep.element))
            ini.element.extend(rep.element)
            ini.length += rep.length
            lst.repeated = Segment()

    def backtrack_in_initial(self, lst: ArgList) -> ArgList | None:
        """Cut the list after its last OPTIONAL argument; None when there is none."""
        self.undefined(not lst.repeated.element)
        ini = lst.initial
        while ini.element:
            self.spend(1)
            last = ini.element[-1]
            if last.presence == REQUIRED:
                ini.length -= last.repcount
                ini.element.pop()
            else:
                ini.length -= 1
                if last.repcount > 1:
                    last.repcount -= 1
                else:
                    ini.element.pop()
                lst.required = min(lst.required, len(ini.element))
                self.verify_list(lst)
                return lst
        return None

    def _align(self, list1: ArgList, list2: ArgList) -> None:
        """Steps 1 and 2 of make_intersected_list: same loop length, same initial length."""
        n1, n2 = list1.repeated.length, list2.repeated.length
        if n1 > 0 and n2 > 0:
            g = gcd(n1, n2)
            self.unfold_loop(list1, n2 // g)
            self.unfold_loop(list2, n1 // g)
        if n1 > 0 or n2 > 0:
            m = max(list1.initial.length, list2.initial.length)
            if list1.repeated.length > 0:
                self.rotate_loop(list1, m)
            if list2.repeated.length > 0:
                self.rotate_loop(list2, m)
        if list1.repeated.length > 0 and list2.repeated.length > 0:
            self.undefined(list1.initial.length == list2.initial.length)
            self.undefined(list1.repeated.length == list2.repeated.length)

    def make_intersected_list(self, list1: ArgList, list2: ArgList) -> ArgList | None:
        """The constraint of both lists; None on a contradiction.  Consumes both."""
        self.verify_list(list1)
        self.verify_list(list2)
        self._align(list1, list2)
        result = self._intersect_initials(list1, list2)
        if result is not None:
            self.normalize_outermost_list(result)  # undo the unfolding and rotating
            self.verify_list(result)
        return result

    def _intersect_initials(self, list1: ArgList, list2: ArgList) -> ArgList | None:
        """Step 4 of make_intersected_list, and its endings when a list is finite."""
        result = _empty()
        walk1, walk2, failed = self._in_step(
            result.initial, list1.initial, list2.initial, self.make_intersected_element
        )
        if failed is not None:
            # A contradiction: the list ends here if it may, else before.
            return self.backtrack_in_initial(result) if failed.presence == REQUIRED else result
        finite1 = not list1.repeated.element
        finite2 = not list2.repeated.element
        if finite1 or finite2:
            # The shorter list ends: the other must be able to end there too.
            presence = OPTIONAL
            if finite1 and finite2:
                rest = walk1 if walk1.more() else walk2 if walk2.more() else None
                if rest is not None:
                    presence = rest.current().presence
            else:
                self.undefined(not (walk1 if finite1 else walk2).more())
                longer, infinite = (walk2, list2) if finite1 else (walk1, list1)
                presence = (
                    longer.current().presence
                    if longer.more()
                    else infinite.repeated.element[0].presence
                )
            return self.backtrack_in_initial(result) if presence == REQUIRED else result
        self.undefined(not walk1.more() and not walk2.more())
        return self._intersect_loops(result, list1, list2)

    def _intersect_loops(self, result: ArgList, list1: ArgList, list2: ArgList) -> ArgList | None:
        """Step 5 of make_intersected_list: elementwise intersection of the loops."""
        walk1, walk2, failed = self._in_step(
            result.repeated, list1.repeated, list2.repeated, self.make_intersected_element
        )
        if failed is not None:
            self.append_repeated_to_initial(result)
            if failed.presence == REQUIRED:
                return self.backtrack_in_initial(result)
            return result
        self.undefined(not walk1.more() and not walk2.more())
        return result

    def _in_step(
        self, into: Segment, seg1: Segment, seg2: Segment, combine: Callable[[Arg, Arg, Arg], bool]
    ) -> tuple[_Walk, _Walk, Arg | None]:
        """Steps 4 and 5 of the C list algebra: both segments walked in runs of equal repcount,
        ``combine`` making each run's element, appended to ``into``.  Stops at the first run
        it cannot combine, returned with the walks where they stopped (None: all combined).
        """
        walk1 = _Walk(seg1.element)
        walk2 = _Walk(seg2.element)
        self.spend(len(walk1.elements) + len(walk2.elements))
        while walk1.more() and walk2.more():
            self.grow_alloc(into)
            re = Arg(min(walk1.left, walk2.left), OPTIONAL, OBJECT)
            if not combine(re, walk1.current(), walk2.current()):
                return walk1, walk2, re
            into.element.append(re)
            into.length += re.repcount
            walk1.take(re.repcount)
            walk2.take(re.repcount)
        return walk1, walk2, None

    def make_intersection_with_empty_list(self, lst: ArgList) -> ArgList | None:
        first = lst.initial.element or lst.repeated.element
        if first and first[0].presence == REQUIRED:
            return None
        return _empty()

    # ----------------------------------------------------------------- union

    # Complexity: one branch per rule of gettext's type lattice, in gettext's order.
    def _united_element(self, re: Arg, e1: Arg, e2: Arg) -> bool:
        self.make_union_element(re, e1, e2)
        return True  # a union always exists

    def make_union_element(self, re: Arg, e1: Arg, e2: Arg) -> None:
        re.presence = REQUIRED if e1.presence == e2.presence == REQUIRED else OPTIONAL
        t1, t2 = e1.type, e2.type
        if t1 == t2:
            re.type = t1
            if t1 == LIST:
                re.list = self.make_union_list(self.copy_list(_sub(e1)), self.copy_list(_sub(e2)))
        elif (t1, t2) in _WIDER_NARROWER:
            re.type = t1
        elif (t2, t1) in _WIDER_NARROWER:
            re.type = t2
        elif (t1 == LIST and _is_empty(e1.list)) or (t2 == LIST and _is_empty(e2.list)):
            other = t2 if t1 == LIST and _is_empty(e1.list) else t1
            if other in _NULLS:
                re.type = other
            elif other == CHARACTER:
                re.type = CHARACTER_NULL
            elif other == INTEGER:
                re.type = INTEGER_NULL
            else:
                re.type = OBJECT
        elif (t1 in (CHARACTER, CHARACTER_NULL) and t2 in (INTEGER, INTEGER_NULL)) or (
            t2 in (CHARACTER, CHARACTER_NULL) and t1 in (INTEGER, INTEGER_NULL)
        ):
            re.type = CHARACTER_INTEGER_NULL
        else:
            re.type = OBJECT

    def _align_for_union(self, list1: ArgList, list2: ArgList) -> None:
        """Steps 1 and 2 of make_union_list."""
        if list1.repeated.length > 0 and list2.repeated.length > 0:
            n1, n2 = list1.repeated.length, list2.repeated.length
            g = gcd(n1, n2)
            self.unfold_loop(list1, n2 // g)
            self.unfold_loop(list2, n1 // g)
            m = max(list1.initial.length, list2.initial.length)
            self.rotate_loop(list1, m)
            self.rotate_loop(list2, m)
            self.undefined(list1.initial.length == list2.initial.length)
            self.undefined(list1.repeated.length == list2.repeated.length)
            return
        for infinite, finite in ((list1, list2), (list2, list1)):
            if infinite.repeated.length > 0:
                if finite.initial.length >= infinite.initial.length:
                    self.rotate_loop(infinite, finite.initial.length)
                    if infinite.repeated.element[0].presence == REQUIRED:
                        self.rotate_loop(infinite, infinite.initial.length + 1)
                return

    def make_union_list(self, list1: ArgList, list2: ArgList) -> ArgList:
        """The constraint of either list.  Consumes both."""
        self.verify_list(list1)
        self.verify_list(list2)
        self._align_for_union(list1, list2)
        result = _empty()
        walk1, walk2, _ = self._in_step(
            result.initial, list1.initial, list2.initial, self._united_element
        )
        for walk, other in ((walk1, list2), (walk2, list1)):
            if walk.more():
                self.undefined(not other.repeated.element)
                self._append_rest_optional(result, walk)
                break
        self._union_loops(result, list1, list2)
        self.normalize_outermost_list(result)
        self.verify_list(result)
        return result

    def _append_rest_optional(self, result: ArgList, walk: _Walk) -> None:
        """The longer list's remaining initial elements, the first one made OPTIONAL."""
        ini = result.initial
        if walk.current().presence == REQUIRED:
            self.grow_alloc(ini)
            re = self.copy_element(walk.current())
            re.presence = OPTIONAL
            re.repcount = 1
            ini.element.append(re)
            ini.length += 1
            walk.take(1)
        self.ensure_alloc(ini, len(ini.element) + walk.remaining())
        while walk.more():
            re = self.copy_element(walk.current())
            re.repcount = walk.left
            ini.element.append(re)
            ini.length += re.repcount
            walk.take(walk.left)

    def _union_loops(self, result: ArgList, list1: ArgList, list2: ArgList) -> None:
        """Step 5 of make_union_list."""
        if list1.repeated.length > 0 and list2.repeated.length > 0:
            walk1, walk2, _ = self._in_step(
                result.repeated, list1.repeated, list2.repeated, self._united_element
            )
            self.undefined(not walk1.more() and not walk2.more())
            return
        for lst in (list1, list2):
            if lst.repeated.length > 0:
                self.spend(len(lst.repeated.element))
                copied = [self.copy_element(e) for e in lst.repeated.element]
                result.repeated = Segment(copied, lst.repeated.length)
                return

    def make_union_with_empty_list(self, lst: ArgList) -> ArgList:
        self.verify_list(lst)
        first = lst.initial.element or lst.repeated.element
        if first and first[0].presence == REQUIRED:
            self.initial_splitelement(lst, 1)
            ini = lst.initial.element
            self.undefined(bool(ini) and ini[0].repcount == 1 and ini[0].presence == REQUIRED)
            ini[0].presence = OPTIONAL
            lst.required = 0
            self.normalize_outermost_list(lst)
        self.verify_list(lst)
        return lst

    def union(self, list1: ArgList | None, list2: ArgList | None) -> ArgList | None:
        if list1 is not None and list2 is not None:
            return self.make_union_list(list1, list2)
        return list1 if list1 is not None else list2

    # ----------------------------------------------------------------- constraints

    def is_required(self, lst: ArgList, n: int) -> bool:
        """Whether arguments 0..n are all REQUIRED."""
        ini = lst.initial
        if n < ini.length:
            s, _ = self._locate(ini, n)
            return self._all_required(lst, s + 1)
        if not self._all_required(lst, len(ini.element)):
            return False
        if not lst.repeated.element:
            return False
        t = n + 1 - ini.length
        self.spend(len(lst.repeated.element))
        for e in lst.repeated.element:
            if t < e.repcount:
                return t == 0 or e.presence == REQUIRED
            if e.presence != REQUIRED:
                return False
            t -= e.repcount
        return True

    def _all_required(self, lst: ArgList, count: int) -> bool:
        """Whether the first ``count`` initial elements are REQUIRED (and remember it)."""
        elements = lst.initial.element
        while lst.required < count:
            self.spend(1)
            if elements[lst.required].presence != REQUIRED:
                return False
            lst.required += 1
        return True

    def add_required_constraint(self, lst: ArgList | None, n: int) -> ArgList | None:
        """Arguments 0..n are present; None on a contradiction."""
        if lst is None:
            return None
        self.verify_list(lst)
        if not lst.repeated.element and lst.initial.length <= n:
            return None
        s = self.initial_splitelement(lst, n + 1)
        elements = lst.initial.element
        self.spend(max(0, s - lst.required))
        for i in range(lst.required, s):
            elements[i].presence = REQUIRED
        lst.required = max(lst.required, s)
        self.verify_list(lst)
        return lst

    def add_end_constraint(self, lst: ArgList | None, n: int) -> ArgList | None:
        """Argument n is absent: the list ends before it."""
        if lst is None:
            return None
        self.verify_list(lst)
        ini = lst.initial
        if not lst.repeated.element and ini.length <= n:
            return lst
        s = self.initial_splitelement(lst, n)
        if s < len(ini.element):
            presence = ini.element[s].presence
        else:
            self.undefined(bool(lst.repeated.element))
            presence = lst.repeated.element[0].presence
        for e in ini.element[s:]:
            ini.length -= e.repcount
        del ini.element[s:]
        lst.required = min(lst.required, s)
        lst.repeated = Segment()
        if presence == REQUIRED:
            return self.backtrack_in_initial(lst)
        return lst

    def add_type_constraint(
        self, lst: ArgList | None, n: int, type_: int, sub: ArgList | None = None
    ) -> ArgList | None:
        """add_type_constraint, or add_listtype_constraint with ``sub``."""
        if lst is None:
            return None
        s = self.initial_unshare(lst, n)
        target = lst.initial.element[s]
        tmp = Arg(1, OPTIONAL, OBJECT)
        if not self.make_intersected_element(tmp, target, Arg(1, OPTIONAL, type_, sub)):
            return self.add_end_constraint(lst, n)
        target.type = tmp.type
        target.list = tmp.list
        self.verify_list(lst)
        return lst

    def add_req_type_constraint(
        self, lst: ArgList | None, position: int, type_: int, sub: ArgList | None = None
    ) -> ArgList | None:
        lst = self.add_required_constraint(lst, position)
        return self.add_type_constraint(lst, position, type_, sub)

    # ----------------------------------------------------------------- loops

    def make_repeated_list_of_lists(self, sublist: ArgList | None) -> ArgList:
        if sublist is None:
            return _empty()
        lst = ArgList(Segment(), Segment([Arg(1, OPTIONAL, LIST, sublist)], 1))
        self.verify_list(lst)
        return lst

    def _loop_source(self, sublist: ArgList, period: int) -> tuple[list[Arg], int, int]:
        """make_repeated_list's srcseg for an endless list: (elements, length, p)."""
        lp = sublist.repeated.length
        m = period // gcd(period, lp)
        self.unfold_loop(sublist, m)
        ini, rep = sublist.initial, sublist.repeated
        if self.fixed:
            tail = rep.element
        else:
            # 0.21 copies the initial segment's elements where the loop's belong.
            self.undefined(len(rep.element) <= len(ini.element))
            tail = ini.element[: len(rep.element)]
        return [e.moved() for e in ini.element + tail], ini.length + rep.length, m * lp

    def _loop_once(self, lst: ArgList, src: _Walk, p: int) -> None:
        """make_repeated_list: the first ``p`` arguments, the first one OPTIONAL."""
        i = 0
        while i < p:
            self.spend(1)
            self.undefined(src.more())
            k = min(src.left, p - i)
            self.grow_alloc(lst.initial)
            e = self.copy_element(src.current())
            e.repcount = k
            lst.initial.element.append(e)
            lst.initial.length += k
            i += k
            src.take(k)
        self.undefined(bool(lst.initial.element))
        if lst.initial.element[0].presence == REQUIRED:
            self.initial_splitelement(lst, 1)
            first = lst.initial.element[0]
            self.undefined(first.presence == REQUIRED and first.repcount == 1)
            first.presence = OPTIONAL

    def _loop_again(self, lst: ArgList, src: _Walk, i: int, n: int) -> bool | None:
        """make_repeated_list: intersect the rest with the list shifted by one period.

        True when the list ended (an OPTIONAL contradiction), False when all is in, None after
        a REQUIRED contradiction (the list was cut back)."""
        ini = lst.initial
        j = _Walk(ini.element)
        while i < n:
            self.spend(1)
            self.undefined(src.more())
            k = min(src.left, j.left)
            self.grow_alloc(ini)
            re = Arg(k, OPTIONAL, OBJECT)
            if not self.make_intersected_element(re, src.current(), j.current()):
                return None if re.presence == REQUIRED else True
            re.repcount = k
            ini.element.append(re)
            ini.length += k
            i += k
            src.take(k)
            j.take(k)
        return False

    def make_repeated_list(self, sublist: ArgList, period: int) -> ArgList:
        """The union of 0, 1, 2... copies of ``sublist``, each shifted by ``period``."""
        self.verify_list(sublist)
        self.undefined(period > 0)
        if not sublist.repeated.element:
            if sublist.initial.length < period:
                return self.make_union_with_empty_list(sublist)
            elements, n, p = sublist.initial.element, sublist.initial.length, period
        else:
            elements, n, p = self._loop_source(sublist, period)
        lst = _empty()
        src = _Walk(elements)
        self._loop_once(lst, src, p)
        ended = self._loop_again(lst, src, p, n)
        if ended is None:
            cut = self.backtrack_in_initial(lst)
            if cut is None:  # at least the empty list is valid
                raise _Undefined
            return cut
        if not ended:
            self.undefined(lst.initial.length == n)
        # Optional exit points at 0, period, 2*period...
        i = 0
        while i < lst.initial.length:
            self.spend(1)
            s = self.initial_unshare(lst, i)
            lst.initial.element[s].presence = OPTIONAL
            i += period
        lst.required = 0
        if not ended:
            self._split_off_loop(lst, n, p)
        self.verify_list(lst)
        return lst

    def _split_off_loop(self, lst: ArgList, n: int, p: int) -> None:
        ini = lst.initial
        split = self.initial_splitelement(lst, n - p)
        newcount = len(ini.element) - split
        # 0.21 copies while the element index is below n, a length: past the elements, and
        # past the new array, whenever an element stands for several arguments.
        self.undefined(self.fixed or n - split <= newcount)
        lst.repeated = Segment(ini.element[split:], p)
        del ini.element[split:]
        ini.length = n - p


def _sub(e: Arg) -> ArgList:
    """A LIST element's constraint on the list's elements."""
    if e.list is None:
        raise TypeError("a list argument without a constraint on its elements")
    return e.list


def _is_empty(lst: ArgList | None) -> bool:
    return lst is not None and not lst.initial.element and not lst.repeated.element


class _Walk:
    """A cursor over a segment's elements, as the C loops' (e, c) pairs with e->repcount
    decremented in place: ``left`` is what remains of the current element."""

    __slots__ = ("elements", "index", "left")

    def __init__(self, elements: list[Arg]) -> None:
        self.elements = elements
        self.index = 0
        self.left = elements[0].repcount if elements else 0

    def more(self) -> bool:
        return self.index < len(self.elements)

    def current(self) -> Arg:
        return self.elements[self.index]

    def remaining(self) -> int:
        return len(self.elements) - self.index

    def take(self, k: int) -> None:
        self.left -= k
        if self.left == 0:
            self.index += 1
            if self.index < len(self.elements):
                self.left = self.elements[self.index].repcount


# ======================================================================= the parser

# Possible signatures of format directives: the types of their parameters.
I = (INTEGER_NULL,)  # noqa: E741 - gettext's names for the signatures
II = (INTEGER_NULL, INTEGER_NULL)
IIC = (INTEGER_NULL, INTEGER_NULL, CHARACTER_NULL)
ICCI = (INTEGER_NULL, CHARACTER_NULL, CHARACTER_NULL, INTEGER_NULL)
IIIC = (INTEGER_NULL, INTEGER_NULL, INTEGER_NULL, CHARACTER_NULL)
IICCI = (INTEGER_NULL, INTEGER_NULL, CHARACTER_NULL, CHARACTER_NULL, INTEGER_NULL)
IIICC = (INTEGER_NULL, INTEGER_NULL, INTEGER_NULL, CHARACTER_NULL, CHARACTER_NULL)
IIIICCC = (INTEGER_NULL,) * 4 + (CHARACTER_NULL,) * 3
THREE = (CHARACTER_INTEGER_NULL,) * 3
NONE: tuple[int, ...] = ()

# What a terminating directive hands back to the directive that opened it:
# (position, list, escape, separator), separator 2 after "~:;", 1 after "~;", else 0.
_Result = tuple[int, Optional[ArgList], Optional[ArgList], int]


@dataclasses.dataclass
class Directive:
    """One directive being read: its modifiers and parameters."""

    start: int
    colon: bool = False
    atsign: bool = False
    params: list[tuple[int, int]] = dataclasses.field(default_factory=list)  # (type, value)

    def first_param(self) -> int:
        return self.params[0][0]


@dataclasses.dataclass
class _Frame:
    """The locals of one parse_upto call."""

    i: int  # format: the index of the next character
    position: int  # the next argument's index, or -1 when unknown
    lst: ArgList | None  # None: a contradiction
    escape: ArgList | None  # the union of the lists at the pending ~^, None if none
    spec: Spec
    terminator: str  # "" at the top
    separator: bool  # whether ~; may end this part
    top: bool  # only the outermost call marks directives (gettext passes fdi=NULL inside)


_Handler = Callable[["Parser", _Frame, Directive], Optional[_Result]]


@dataclasses.dataclass(frozen=True)
class Dialect:
    """What differs between Lisp and Scheme: the directives and their signatures."""

    language: str
    # directive character -> (signature, type of the argument it takes or None)
    simple: dict[str, tuple[tuple[int, ...], int | None]]
    # directive character -> the Parser method handling it
    special: dict[str, _Handler]


def _inc(position: int) -> int:
    return _int32(position + 1)


class Parser:
    """format_parse and parse_upto of format-lisp.c / format-scheme.c."""

    def __init__(self, text: str, marks: Marks, ops: Ops, dialect: Dialect) -> None:
        self.text = text
        self.marks = marks
        self.ops = ops
        self.dialect = dialect
        self.cursor = 0  # *formatp: every level of parse_upto shares the one variable
        self.depth = 0

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else ""

    def mark(self, f: _Frame, index: int, bit: int) -> None:
        if f.top:
            self.marks.set(index, bit)

    def fail(self, f: _Frame, index: int, reason: str) -> Invalid:
        self.mark(f, index, ERROR)
        return Invalid(reason)

    def parse(self) -> Spec:
        """format_parse."""
        spec = Spec(0, _unconstrained())
        frame = _Frame(0, 0, spec.list, None, spec, "", False, True)
        _, lst, escape, _ = self.parse_upto(frame)
        lst = self.ops.union(lst, escape)  # catch ~^ here
        if lst is None:
            raise Invalid(INCOMPATIBLE)
        self.ops.normalize_list(lst)
        return Spec(spec.directives, lst)

    def parse_upto(self, f: _Frame) -> _Result:
        """Read directives until ``f.terminator``; what the terminating directive hands back."""
        text = self.text
        while True:
            tilde = text.find("~", f.i)
            if tilde < 0:
                break
            f.i = tilde + 1
            result = self.directive(f)
            if result is not None:
                return result
        f.i = len(text)
        self.cursor = f.i
        if f.terminator:
            opener = chr(ord(f.terminator) - 1)  # sic: '~|' for '~}', '~\' for '~]'
            raise Invalid(f"Found '~{opener}' without matching '~{f.terminator}'.")
        return f.position, f.lst, f.escape, 0

    def nested(self, f: _Frame, sub: _Frame) -> _Result:
        """A recursive parse_upto; on failure the top level marks where the cursor stopped."""
        self.depth += 1
        try:
            return self.deeper(sub)
        except Invalid:
            if f.top:
                at = self.cursor - 1 if self.at(self.cursor) == "" else self.cursor
                self.marks.set(at, ERROR)
            raise
        finally:
            self.depth -= 1

    def deeper(self, sub: _Frame) -> _Result:
        if self.depth > MAX_DEPTH:
            raise Invalid(TOO_DEEP)  # the C code recurses as deep as the string nests
        return self.parse_upto(sub)

    def sub_frame(
        self,
        f: _Frame,
        terminator: str,
        separator: bool,
        lst: ArgList | None,
        escape: ArgList | None,
    ) -> _Frame:
        """The locals of a recursive parse_upto starting at the cursor."""
        return _Frame(self.cursor, f.position, lst, escape, f.spec, terminator, separator, False)

    def directive(self, f: _Frame) -> _Result | None:
        """The directive whose '~' was just read; a _Result when it ends this level."""
        d = Directive(f.i - 1)
        self.mark(f, d.start, START)
        f.spec.directives += 1
        self.read_params(f, d)
        while self.at(f.i) in (":", "@"):
            if self.text[f.i] == ":":
                d.colon = True
            else:
                d.atsign = True
            f.i += 1
        char = self.at(f.i)
        f.i += 1
        simple = self.dialect.simple.get(char)
        if simple is not None:
            signature, arg_type = simple
            self.check_params(f, d, signature)
            if arg_type is not None:
                self.consume(f, arg_type)
            result = None
        else:
            handler = self.dialect.special.get(char)
            if handler is None:
                f.i -= 1
                if char == "":
                    raise self.fail(f, f.i - 1, UNTERMINATED)
                raise self.fail(f, f.i, bad_conversion(f.spec.directives, char))
            result = handler(self, f, d)
        if result is None:
            self.mark(f, f.i - 1, END)
        return result

    def read_number(self, f: _Frame) -> int:
        """Digits as the C int accumulates them."""
        value = 0
        while digit(self.at(f.i)):
            value = (10 * value + ord(self.text[f.i]) - 48) % _UINT
            f.i += 1
        return value

    def read_params(self, f: _Frame, d: Directive) -> None:
        while True:
            kind, value = PT_NIL, 0
            c = self.at(f.i)
            if digit(c):
                kind, value = PT_INTEGER, _int32(self.read_number(f))
            elif c in ("+", "-"):
                kind = PT_INTEGER
                f.i += 1
                if not digit(self.at(f.i)):
                    if self.at(f.i) == "":
                        raise self.fail(f, f.i - 1, UNTERMINATED)
                    raise self.fail(
                        f,
                        f.i,
                        f"In the directive number {f.spec.directives}, '{c}' is not followed "
                        "by a digit.",
                    )
                value = self.read_number(f)
                value = _int32(-value if c == "-" else value)
            elif c == "'":
                kind = PT_CHARACTER
                f.i += 1
                if self.at(f.i) == "":
                    raise self.fail(f, f.i - 1, UNTERMINATED)
                f.i += 1
            elif c in ("V", "v"):
                kind, value = PT_V, f.position
                f.i += 1
                if f.position >= 0:
                    f.position = _inc(f.position)
            elif c == "#":
                kind = PT_ARGCOUNT
                f.i += 1
            d.params.append((kind, value))
            if self.at(f.i) != ",":
                return
            f.i += 1

    def check_params(self, f: _Frame, d: Directive, signature: tuple[int, ...]) -> None:
        """check_params: the parameters' types; ~V parameters take arguments."""
        ops = self.ops
        number = f.spec.directives
        for index, (kind, value) in enumerate(d.params):
            if index < len(signature):
                wanted = signature[index]
                wrong = None
                if wanted == CHARACTER_NULL and kind in (PT_INTEGER, PT_ARGCOUNT):
                    wrong = ("integer", "character")
                elif wanted == INTEGER_NULL and kind == PT_CHARACTER:
                    wrong = ("character", "integer")
                if wrong is not None:
                    raise self.fail(
                        f,
                        f.i - 1,
                        f"In the directive number {number}, parameter {index + 1} is of type "
                        f"'{wrong[0]}' but a parameter of type '{wrong[1]}' is expected.",
                    )
                if kind == PT_V and value >= 0:
                    f.lst = ops.add_req_type_constraint(f.lst, value, wanted)
            elif kind in (PT_CHARACTER, PT_INTEGER, PT_ARGCOUNT):
                count = len(signature)
                noun = "parameter" if count == 1 else "parameters"
                raise self.fail(
                    f,
                    f.i - 1,
                    f"In the directive number {number}, too many parameters are given; "
                    f"expected at most {count} {noun}.",
                )
            elif kind == PT_V and value >= 0:
                # The argument must be NIL.
                f.lst = ops.add_req_type_constraint(f.lst, value, LIST, _empty())

    def consume(self, f: _Frame, arg_type: int, sub: ArgList | None = None) -> None:
        """add_req_type_constraint (&list, position++, arg_type) when the position is known."""
        if f.position >= 0:
            f.lst = self.ops.add_req_type_constraint(f.lst, f.position, arg_type, sub)
            f.position = _inc(f.position)

    # ------------------------------------------------------------ the other directives

    def plural(self, f: _Frame, d: Directive) -> None:
        """~P; ~:P goes back by one argument first."""
        self.check_params(f, d, NONE)
        if d.colon and f.position > 0:
            f.position -= 1
        self.consume(f, OBJECT)

    def scheme_character(self, f: _Frame, d: Directive) -> None:
        """Scheme's ~C takes a character unless it has a parameter."""
        self.check_params(f, d, I)
        if len(d.params) == 1 and d.first_param() == PT_NIL:
            self.consume(f, CHARACTER)

    def goto(self, f: _Frame, d: Directive) -> None:
        """~*: forward, ~:* backward, ~@* absolute."""
        self.check_params(f, d, I)
        kind, value = d.params[0]
        if kind == PT_NIL:
            n = 0 if d.atsign else 1
        elif kind == PT_INTEGER:
            n = value
        else:
            f.position = -1  # an unknown argument: an unknown position
            return
        if n < 0:
            raise self.fail(
                f,
                f.i - 1,
                f"In the directive number {f.spec.directives}, the argument {n} is negative.",
            )
        if d.atsign:
            f.position = n
        elif d.colon:
            if n > 0:
                f.position = (f.position - n if f.position >= n else 0) if f.position >= 0 else -1
        elif f.position >= 0:
            f.position = _int32(f.position + n)

    def indirection(self, f: _Frame, d: Directive) -> None:
        """~?: a format string, then its arguments as a list (~@? takes them all)."""
        self.check_params(f, d, NONE)
        self.consume(f, FORMATSTRING)
        if d.atsign:
            f.position = -1
        else:
            self.consume(f, LIST, _unconstrained())

    def call_function(self, f: _Frame, d: Directive) -> None:
        """Lisp's ~/name/."""
        self.check_params(f, d, NONE)
        self.consume(f, OBJECT)
        end = self.text.find("/", f.i)
        if end < 0:
            f.i = len(self.text)
            raise self.fail(f, f.i - 1, "The string ends in the middle of a ~/.../ directive.")
        f.i = end + 1

    def clisp_call(self, f: _Frame, d: Directive) -> None:
        """Lisp's ~! (a CLISP extension): a function and its argument; no parameter check."""
        ops = self.ops
        for kind, value in d.params:
            if kind != PT_V:
                continue
            if value >= 0:
                f.lst = ops.add_req_type_constraint(f.lst, value, CHARACTER_INTEGER_NULL)
            elif not ops.fixed:
                # 0.21 passes the unknown position -1 on, as the unsigned argument 2**32-1:
                # a finite list cannot reach it, an endless one fails an assertion.
                ops.undefined(f.lst is None or not f.lst.repeated.element)
                f.lst = None
        self.consume(f, FUNCTION)
        self.consume(f, OBJECT)

    def case_conversion(self, f: _Frame, d: Directive) -> None:
        """~( ... ~)."""
        self.check_params(f, d, NONE)
        self.cursor = f.i
        f.position, f.lst, f.escape, _ = self.nested(
            f, self.sub_frame(f, ")", False, f.lst, f.escape)
        )
        f.i = self.cursor

    def closing(self, f: _Frame, d: Directive) -> _Result:
        """~) ~] ~} ~>: the end of the level that expects it."""
        char = self.text[f.i - 1]
        if f.terminator != char:
            opener = {")": "(", "]": "[", "}": "{", ">": "<"}[char]
            raise self.fail(f, f.i - 1, f"Found '~{char}' without matching '~{opener}'.")
        self.check_params(f, d, NONE)
        self.cursor = f.i
        return f.position, f.lst, f.escape, 0

    def separator(self, f: _Frame, d: Directive) -> _Result:
        """~; between clauses."""
        if not f.separator:
            raise self.fail(
                f,
                f.i - 1,
                f"In the directive number {f.spec.directives}, '~;' is used in an invalid "
                "position.",
            )
        self.check_params(f, d, I if f.terminator == ">" else NONE)
        self.cursor = f.i
        return f.position, f.lst, f.escape, 2 if d.colon else 1

    def up_and_out(self, f: _Frame, d: Directive) -> None:
        """~^: the list may end here."""
        ops = self.ops
        self.check_params(f, d, THREE)
        if f.position >= 0 and f.lst is not None and ops.is_required(f.lst, f.position):
            return  # this ~^ can never be executed
        if f.lst is not None:
            this_escape: ArgList | None = ops.copy_list(f.lst)
            if f.position >= 0:
                this_escape = ops.add_end_constraint(this_escape, f.position)
            f.escape = ops.union(f.escape, this_escape)
        if f.position >= 0:
            f.lst = ops.add_required_constraint(f.lst, f.position)

    def justification(self, f: _Frame, d: Directive) -> None:
        """Lisp's ~< ... ~; ... ~>: the clauses run one after the other."""
        self.check_params(f, d, IIIC)
        self.cursor = f.i
        sub_escape: ArgList | None = None
        while True:
            sub = self.sub_frame(f, ">", True, f.lst, sub_escape)
            f.position, f.lst, sub_escape, separated = self.nested(f, sub)
            if not separated:
                break
        f.i = self.cursor
        if sub_escape is not None:
            f.position = -1  # ~< catches ~^
        f.lst = self.ops.union(f.lst, sub_escape)

    def _copy(self, lst: ArgList | None) -> ArgList | None:
        return self.ops.copy_list(lst) if lst is not None else None

    def conditional(self, f: _Frame, d: Directive) -> None:
        """~[ ... ~]: ~@[ if the argument is true, ~:[ false/true, ~[ by number."""
        if d.atsign and d.colon:
            raise self.fail(
                f,
                f.i - 1,
                f"In the directive number {f.spec.directives}, both the @ and the : modifiers "
                "are given.",
            )
        if d.atsign:
            self.conditional_if(f, d)
        elif d.colon:
            self.conditional_boolean(f, d)
        else:
            self.conditional_numbered(f, d)

    def conditional_if(self, f: _Frame, d: Directive) -> None:
        ops = self.ops
        self.check_params(f, d, NONE)
        self.cursor = f.i
        # First alternative: the argument is NIL.
        nil_list = self._copy(f.lst)
        if f.position >= 0:
            nil_list = ops.add_req_type_constraint(nil_list, f.position, LIST, _empty())
        # Second alternative: the sub-format runs.
        sub = self.sub_frame(f, "]", False, self._copy(f.lst), f.escape)
        sub_position, sub_list, f.escape, _ = self.nested(f, sub)
        if f.position >= 0:
            if sub_list is None or sub_position == f.position + 1:
                f.position = _inc(f.position)
            else:
                f.position = -1  # the new position depends on the branch
        f.lst = ops.union(nil_list, sub_list)
        f.i = self.cursor

    def conditional_boolean(self, f: _Frame, d: Directive) -> None:
        ops = self.ops
        self.check_params(f, d, NONE)
        self.consume(f, OBJECT)
        self.cursor = f.i
        union_position = -2
        union_list: ArgList | None = None
        # First alternative: the argument is NIL.
        first = self._copy(f.lst)
        if f.position >= 0:
            first = ops.add_req_type_constraint(first, f.position - 1, LIST, _empty())
        sub_position, sub_list, f.escape, separated = self.nested(
            f, self.sub_frame(f, "]", True, first, f.escape)
        )
        if not separated:
            at = self.cursor - 1 if self.at(self.cursor) == "" else self.cursor
            raise self.fail(
                f,
                at,
                f"In the directive number {f.spec.directives}, '~:[' is not followed by two "
                "clauses, separated by '~;'.",
            )
        if sub_list is not None:
            union_position = sub_position
        union_list = ops.union(union_list, sub_list)
        # Second alternative.
        sub_position, sub_list, f.escape, _ = self.nested(
            f, self.sub_frame(f, "]", False, self._copy(f.lst), f.escape)
        )
        if sub_list is not None:
            if union_position == -2:
                union_position = sub_position
            elif sub_position < 0 or sub_position != union_position:
                union_position = -1
        union_list = ops.union(union_list, sub_list)
        f.i = self.cursor
        if union_position != -2:
            f.position = union_position
        f.lst = union_list

    def conditional_numbered(self, f: _Frame, d: Directive) -> None:
        ops = self.ops
        self.check_params(f, d, I)
        # Without a parameter, an argument chooses the clause.
        arg_position = -1
        if d.first_param() == PT_NIL and f.position >= 0:
            arg_position = f.position
            self.consume(f, OBJECT)
        self.cursor = f.i
        union_position = -2
        union_list: ArgList | None = None
        last_alternative = False
        while True:
            sub = self.sub_frame(f, "]", not last_alternative, self._copy(f.lst), f.escape)
            sub_position, sub_list, f.escape, separated = self.nested(f, sub)
            # If this clause is chosen, the argument is its index: an integer.
            if not last_alternative and arg_position >= 0:
                sub_list = ops.add_req_type_constraint(sub_list, arg_position, INTEGER)
            if sub_list is not None:
                if union_position == -2:
                    union_position = sub_position
                elif sub_position < 0 or sub_position != union_position:
                    union_position = -1
            union_list = ops.union(union_list, sub_list)
            if separated == 2:
                last_alternative = True
            if not separated:
                break
        if not last_alternative:
            # The implicit default clause.
            if union_position == -2:
                union_position = f.position
            elif f.position < 0 or f.position != union_position:
                union_position = -1
            if f.lst is not None:
                union_list = ops.union(union_list, ops.copy_list(f.lst))
        f.i = self.cursor
        if union_position != -2:
            f.position = union_position
        f.lst = union_list

    def iteration(self, f: _Frame, d: Directive) -> None:
        """~{ ... ~}: ~:{ over sublists, ~@{ over the remaining arguments."""
        ops = self.ops
        self.check_params(f, d, I)
        self.cursor = body = f.i
        sub_spec = Spec(0, _unconstrained())
        sub = _Frame(body, 0, sub_spec.list, None, sub_spec, "}", False, False)
        sub_position, sub_list, sub_escape, _ = self.nested(f, sub)
        f.spec.directives += sub_spec.directives
        # An empty body (only the closing ~}) takes the format string as an argument.
        if self.at(body) == "~" and sub_spec.directives == 1:
            self.consume(f, FORMATSTRING)
        sub_list = ops.union(sub_list, sub_escape)  # ~{ catches ~^
        if d.colon:
            loop = ops.make_repeated_list_of_lists(sub_list)
        elif sub_list is None:
            loop = _empty()
        elif sub_position <= 0:
            # Too hard to follow two or more iterations: those of 0 or 1 only.
            loop = ops.make_union_with_empty_list(sub_list)
        else:
            loop = ops.make_repeated_list(sub_list, sub_position)
        if d.atsign:
            # All remaining arguments are used.
            if f.lst is not None and f.position >= 0:
                ops.shift_list(loop, f.position)
                f.lst = ops.make_intersected_list(f.lst, loop)
            f.position = -1
        else:
            self.consume(f, LIST, loop)
        f.i = self.cursor


def make_dialect(
    language: str,
    simple: dict[str, tuple[tuple[int, ...], int | None]],
    special: dict[str, _Handler],
) -> Dialect:
    """A Dialect whose upper-case directive letters stand for both cases."""
    both_simple = {k.lower(): v for k, v in simple.items()} | simple
    both_special = {k.lower(): v for k, v in special.items()} | special
    return Dialect(language, both_simple, both_special)


COMMON_SPECIAL: dict[str, _Handler] = {
    "P": Parser.plural,
    "*": Parser.goto,
    "?": Parser.indirection,
    "(": Parser.case_conversion,
    ")": Parser.closing,
    "[": Parser.conditional,
    "]": Parser.closing,
    "{": Parser.iteration,
    "}": Parser.closing,
    "^": Parser.up_and_out,
    ";": Parser.separator,
}


# ======================================================================= the interface


def _budget(size: int) -> int:
    return _BUDGET_BASE + _BUDGET_PER_CHAR * size


def _prepare(text: str, marks: Marks) -> str:
    # The checks pass the real string; msgfmt reads its UTF-8 bytes (a character after ~'
    # is one byte to it).  The wrapper passes the bytes already, one character each.
    if marks is NO_MARKS:
        text = text.encode("utf-8", "surrogatepass").decode("latin-1")
    return text.split("\0", 1)[0]  # C strings end there


def scan(text: str, marks: Marks, dialect: Dialect) -> Spec:
    """format_parse; raises Invalid with gettext's reason."""
    text = _prepare(text, marks)
    try:
        try:
            return Parser(text, marks, Ops(False, _budget(len(text))), dialect).parse()
        except _Undefined:
            return Parser(text, marks, Ops(True, _budget(len(text))), dialect).parse()
    except _TooComplex:
        raise Invalid(TOO_COMPLEX) from None


def _size(lst: ArgList) -> int:
    total = 0
    stack = [lst]
    while stack:
        current = stack.pop()
        for e in current.initial.element + current.repeated.element:
            total += 1
            if e.list is not None:
                stack.append(e.list)
    return total


def _check(ops: Ops, ref: Spec, got: Spec, where: Where) -> str | None:
    if where.strict:
        return None if ops.equal_list(ref.list, got.list) else _check_message(where)
    intersection = ops.make_intersected_list(ops.copy_list(ref.list), ops.copy_list(got.list))
    if intersection is not None:
        ops.normalize_list(intersection)
        if ops.equal_list(intersection, got.list):  # sic: 0.21 compares with msgstr's
            return None
    return _check_message(where)


def check(ref: Spec, got: Spec, where: Where) -> str | None:
    """format_check: its complaint, or None."""
    budget = _budget(_size(ref.list) + _size(got.list))
    try:
        try:
            return _check(Ops(False, budget), ref, got, where)
        except _Undefined:
            return _check(Ops(True, budget), ref, got, where)
    except _TooComplex:
        # Too costly to decide: refuse, as the strict reading would.
        return _check_message(where)


def _check_message(where: Where) -> str:
    if where.strict:
        return f"format specifications in '{where.pid}' and '{where.pstr}' are not equivalent"
    return f"format specifications in '{where.pstr}' are not a subset of those in '{where.pid}'"


def hazards(dialect: Dialect, reference: str, translations: Sequence[str]) -> set[str]:
    """Why msgfmt 0.21 would crash ("undefined") or spin for seconds ("slow") on an entry, or
    why minipo gives up ("complex"): the tests cannot ask msgfmt about such entries."""
    found: set[str] = set()

    def parse(text: str) -> Spec | None:
        text = _prepare(text, NO_MARKS)
        ops = Ops(False, _budget(len(text)))
        spec = None
        try:
            spec = Parser(text, NO_MARKS, ops, dialect).parse()
        except Invalid:
            pass
        except _Undefined:
            found.add("undefined")
        except _TooComplex:
            found.add("complex")
        if ops.slow:
            found.add("slow")
        return spec

    ref = parse(reference)
    for text in translations:
        got = parse(text)
        if ref is None or got is None:
            continue
        for strict in (True, False):
            ops = Ops(False, _budget(_size(ref.list) + _size(got.list)))
            try:
                _check(ops, ref, got, Where("msgid", "msgstr", strict))
            except _Undefined:
                found.add("undefined")
            except _TooComplex:
                found.add("complex")
            if ops.slow:
                found.add("slow")
    return found


_TYPE_NAMES = {
    OBJECT: "*",
    CHARACTER_INTEGER_NULL: "ci()",
    CHARACTER_NULL: "c()",
    CHARACTER: "c",
    INTEGER_NULL: "i()",
    INTEGER: "i",
    REAL: "r",
    COMPLEX: "C",
    FORMATSTRING: "~",
    FUNCTION: "f",
}


def describe(lst: ArgList) -> str:
    """The list as the C files' test program prints it: "(i * | . *)" is an integer and an
    object, then any number of optional objects; a list argument prints as a list."""

    def element(e: Arg) -> str:
        head = ". " if e.presence == OPTIONAL else ""
        if e.type == LIST:
            return head + describe(_sub(e))
        return head + _TYPE_NAMES[e.type]

    words = [element(e) for e in lst.initial.element for _ in range(min(e.repcount, 64))]
    text = "(" + " ".join(words)
    if lst.repeated.element:
        text += " |" + "".join(
            " " + element(e) for e in lst.repeated.element for _ in range(min(e.repcount, 64))
        )
    return text + ")"
