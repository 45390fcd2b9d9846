"""KDE format strings (``kde-format``): i18n("text %1 %2", a, b).

gettext 0.21's format-kde.c: a directive is '%' and a number from 1 up; the numbers used must be
1..n, or 1..n with one left out (a plural form may omit the number it is chosen by).
"""

from __future__ import annotations

from hatch_minipo.formats.base import (
    END,
    NO_MARKS,
    START,
    UINT_MASK,
    Invalid,
    Marks,
    Where,
    digit,
)

LANGUAGE = "KDE"


def _order(number: int) -> int:
    # gettext sorts by number - 1, so that 0 (reached only by wrapping) sorts last.
    return (number - 1) & UINT_MASK


# The driver's interface; gettext's parser ignores `translated` for this language.
def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> tuple[int, ...]:  # noqa: ARG001
    """The distinct argument numbers, in gettext's order; raises Invalid on a gap of two."""
    numbers: list[int] = []
    i = text.find("%")
    end = len(text)
    while i >= 0:
        start = i
        i += 1
        if i < end and "1" <= text[i] <= "9":
            marks.set(start, START)
            number = ord(text[i]) - ord("0")
            while i + 1 < end and digit(text[i + 1]):
                number = (10 * number + ord(text[i + 1]) - ord("0")) & UINT_MASK
                i += 1
            numbers.append(number)
            marks.set(i, END)
            i += 1
        i = text.find("%", i)
    ordered = sorted(set(numbers), key=_order)
    _check_gaps(ordered)
    return tuple(ordered)


def _check_gaps(numbers: list[int]) -> None:
    """gettext's test that the numbers are {1,...,n} or {1,...,n} minus {m}."""
    for i, number in enumerate(numbers):
        if number > i + 1:
            first_gap = i + 1
            for k in range(i, len(numbers)):
                if numbers[k] > k + 2:
                    raise Invalid(
                        f"The string refers to argument number {numbers[k]} but ignores the "
                        f"arguments {first_gap} and {k + 2}."
                    )
            return


def check(ref: tuple[int, ...], got: tuple[int, ...], where: Where) -> str | None:
    """format-kde.c's format_check: a lenient form may leave out one argument."""
    i = j = 0
    missing = 0
    while i < len(ref) or j < len(got):
        if i >= len(ref):
            cmp = 1
        elif j >= len(got):
            cmp = -1
        else:
            cmp = (ref[i] > got[j]) - (ref[i] < got[j])
        if cmp > 0:
            return (
                f"a format specification for argument {got[j]}, as in '{where.pstr}', doesn't "
                f"exist in '{where.pid}'"
            )
        if cmp < 0:
            if where.strict:
                return (
                    f"a format specification for argument {ref[i]} doesn't exist in '{where.pstr}'"
                )
            if missing:
                return (
                    f"a format specification for arguments {missing} and {ref[i]} doesn't exist "
                    f"in '{where.pstr}', only one argument may be ignored"
                )
            missing = ref[i]
            i += 1
        else:
            i += 1
            j += 1
    return None
