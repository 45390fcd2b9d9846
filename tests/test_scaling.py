"""The time tests' helper: it fails quadratic work and passes linear work."""

from __future__ import annotations

import pytest

from scaling import assert_linear


def _linear(text: str) -> int:
    count = 0
    for char in text:
        count += char == "a"
    return count


def _quadratic(text: str) -> int:
    # The rest of the text searched again from every 8th position, as an accidental
    # quadratic scan does it: each search is fast C code, and yet their sum is quadratic.
    count = 0
    for start in range(0, len(text), 8):
        count += text.count("b", start)
    return count


def _refusing(text: str) -> int:
    _linear(text)
    raise ValueError(text[:10])


def test_linear_work_passes():
    """One pass over the text, a character at a time, passes."""
    assert_linear(_linear, lambda n: "ab" * n, n=10000)


def test_quadratic_work_fails():
    """Searching the rest of the text again at each step fails, measured twice."""
    with pytest.raises(AssertionError, match="in each of 3 measurements"):
        assert_linear(_quadratic, lambda n: "ab" * n, n=2000)


def test_expected_exceptions_are_timed_and_others_raised():
    """An exception named in ``raises`` ends a call; any other one ends the test."""
    assert_linear(_refusing, lambda n: "ab" * n, n=10000, raises=ValueError)
    with pytest.raises(ValueError, match="abababab"):
        assert_linear(_refusing, lambda n: "ab" * n, n=10000)
