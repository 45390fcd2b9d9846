"""msgfmt's hash of every key, computed many keys at a time, is the one-at-a-time hash."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from hatch_minipo import mo

_keys = st.lists(
    st.binary(max_size=80) | st.binary(min_size=200, max_size=700), max_size=600, unique=True
)


@settings(max_examples=150, deadline=None)
@given(_keys)
def test_keys_hashed_together_hash_as_one_at_a_time(keys):
    """Any keys (NULs, empty, short and long mixed, over 256 of them) get hash_string's value."""
    assert mo._hash_together(keys) == {key: mo.hash_string(key) for key in keys}


def test_carry_past_32_bits_in_a_full_group_of_lanes():
    """The msgid whose hash carries past 32 bits keeps msgfmt's value among 300 others."""
    rng = random.Random(7)  # noqa: S311  # reproducible, not secret
    keys = [bytes(rng.randrange(1, 256) for _ in range(9)) for _ in range(300)]
    keys.append(b"xxxxybjzn")
    hashed = mo._hash_together(keys)
    assert hashed[b"xxxxybjzn"] == 0x20E
    assert hashed == {key: mo.hash_string(key) for key in keys}


def test_plural_keys_are_hashed_up_to_their_nul():
    """A plural entry's key (msgid NUL msgid_plural) hashes as its msgid alone."""
    hashed = mo._hash_together(
        [b"file\0files", b"ctx\x04file\0files"] + [b"k%d" % n for n in range(20)]
    )
    assert hashed[b"file\0files"] == mo.hash_string(b"file")
    assert hashed[b"ctx\x04file\0files"] == mo.hash_string(b"ctx\x04file")


def test_known_hashes_are_kept_up_to_a_limit(monkeypatch):
    """Keys seen before are not hashed again; a catalog of more keys than the limit is not kept."""
    monkeypatch.setattr(mo, "_KNOWN_HASHES", {})
    monkeypatch.setattr(mo, "_KNOWN_LIMIT", 10)
    keys = [b"key %d" % n for n in range(8)]
    assert list(mo.hash_strings(keys)) == [mo.hash_string(key) for key in keys]
    assert set(mo._KNOWN_HASHES) == set(keys)
    more = [b"other %d" % n for n in range(25)]  # three slices of at most ten
    assert list(mo.hash_strings(more)) == [mo.hash_string(key) for key in more]
    assert set(mo._KNOWN_HASHES) == set(keys)
    few = [b"few %d" % n for n in range(3)]
    assert list(mo.hash_strings(few + keys[:2])) == [mo.hash_string(k) for k in few + keys[:2]]
    assert set(mo._KNOWN_HASHES) == set(few + keys[:2])  # 8 + 3 passed the limit: afresh
