"""msgfmt's hash of every key, computed many keys at a time, is the one-at-a-time hash."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from hatch_minipo.mo import writer as mo

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
    assert set(mo._KNOWN_HASHES) == set(few)  # 8 + 3 passed the limit: started afresh


def test_hashes_handed_out_survive_the_cache_being_cleared(monkeypatch):
    """A caller's hashes stay right when another compile clears the cache meanwhile (threads)."""
    monkeypatch.setattr(mo, "_KNOWN_HASHES", {})
    monkeypatch.setattr(mo, "_KNOWN_LIMIT", 10)
    keys = [b"key %d" % n for n in range(8)]
    mo.hash_strings(keys)
    first = mo.hash_strings(keys)  # all known
    mo.hash_strings([b"other %d" % n for n in range(5)])  # clears the cache
    assert list(first) == [mo.hash_string(key) for key in keys]


def test_long_keys_are_not_kept(monkeypatch):
    """The cache outlives the catalog: a long msgid's key is hashed, not remembered."""
    monkeypatch.setattr(mo, "_KNOWN_HASHES", {})
    keys = [b"short", b"x" * 5000]
    assert list(mo.hash_strings(keys)) == [mo.hash_string(key) for key in keys]
    assert set(mo._KNOWN_HASHES) == {b"short"}
