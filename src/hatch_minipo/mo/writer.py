"""Write a catalog as a GNU ``.mo`` file, byte for byte what ``msgfmt`` 0.21 writes by default.

Layout (revision 0, little-endian): the 28-byte header, the table of original strings, the
table of translations, msgfmt's hash table, then every original string and every translation,
each NUL-terminated, with no padding.  Entries are sorted by the bytes of their key
(``context "\\x04" msgid``), as msgfmt's ``strcmp`` sorts them.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import struct
import sys
from array import array
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from hatch_minipo.po.catalog import Message

MAGIC = 0x950412DE
# The typecode of an unsigned 32-bit array: "I" everywhere CPython runs today.
_U32 = "I" if array("I").itemsize == 4 else "L"
_HEADER_SIZE = 28
_SLICE = 4096


def select(messages: Iterable[Message]) -> list[Message]:
    """The entries msgfmt compiles: translated, not fuzzy (except the header), not obsolete.

    msgfmt ignores the fuzziness of the header entry, and judges a plural entry by its first
    form only; both are kept as they are so the bytes match.
    """
    return [
        m
        for m in messages
        if m.msgstr[0] != "" and not m.obsolete and ("fuzzy" not in m.flags or m.is_header)
    ]


def header_for_mo(header: str) -> str:
    """The header as msgfmt stores it: without its POT-Creation-Date line.

    msgfmt drops that field so that rebuilding a catalog from an unchanged translation gives
    the same bytes (message_list_delete_header_field in gettext's msgl-header.c).  It reads
    the header as a C string: a header with plural forms ("form\\0form") is searched in its
    first form, and when the field is dropped, only that form is kept.
    """
    field = "POT-Creation-Date:"
    text = header.split("\0", 1)[0]
    start = 0 if text.startswith(field) else text.find("\n" + field) + 1
    if start == 0 and not text.startswith(field):
        return header
    end = text.find("\n", start)
    return text[:start] + ("" if end < 0 else text[end + 1 :])


def hash_string(key: bytes) -> int:
    """gettext's hash_string (hash-string.c): PJW-style, over the bytes up to the first NUL.

    msgfmt keeps the low 32 bits (an nls_uint32); the shift can carry past them, so they are
    kept at each step: the value stays right, and a long msgid stays linear to hash.
    """
    hval = 0
    for byte in key.split(b"\0", 1)[0]:
        hval = (hval << 4) + byte
        if hval > 0x0FFFFFFF:
            # C folds bits 28-31 into bits 4-7 and clears them; anything that carried past
            # bit 31 is lost to the 32-bit result, so after this the value is below 2**28.
            hval = (hval & 0x0FFFFFFF) ^ ((hval & 0xF0000000) >> 24)
    return hval


# Every language of a project has the same msgids: hashing each once per process, not once
# per catalog, removes most of the hashing from a build.  Bounded: a build of a few very
# large catalogs starts afresh rather than keeping every msgid it has seen, and long keys
# are not kept (the cache outlives the catalog, and should not hold its text).
_KNOWN_HASHES: dict[bytes, int] = {}
_KNOWN_LIMIT = 1 << 16
_KNOWN_KEY_BYTES = 1000


def hash_strings(keys: list[bytes]) -> Iterable[int]:
    """hash_string of every key; those not seen before are hashed together (_hash_together)."""
    if len(keys) > _KNOWN_LIMIT:
        return _hashed_in_slices(keys)
    known = _KNOWN_HASHES
    # The cache is read once, into a list: another thread may clear it at any moment.
    found = [known.get(key) for key in keys]
    if None not in found:
        return cast("list[int]", found)
    computed = _hash_together([key for key, value in zip(keys, found) if value is None])
    if len(known) + len(computed) > _KNOWN_LIMIT:
        known.clear()
    known.update((key, value) for key, value in computed.items() if len(key) <= _KNOWN_KEY_BYTES)
    return [computed[key] if value is None else value for key, value in zip(keys, found)]


def _hashed_in_slices(keys: list[bytes]) -> Iterator[int]:
    # A very large catalog: hashed a slice at a time, to bound the memory, and not kept.
    size = max(_KNOWN_LIMIT, 1)
    for start in range(0, len(keys), size):
        part = keys[start : start + size]
        yield from map(_hash_together(part).__getitem__, part)


_LANES = 256
# Below this many keys of about the same length, the fixed cost of a step is not repaid.
_FEW_LANES = 8
_LOW_28 = int.from_bytes(b"\xff\xff\xff\x0f\0\0\0\0" * _LANES, "little")
_BITS_28_TO_31 = int.from_bytes(b"\xf0\0\0\0\0\0\0\0" * _LANES, "little")


def _hash_together(keys: list[bytes]) -> dict[bytes, int]:
    """hash_string of many keys at once, five to six times faster than one at a time.

    The byte loop of hash_string costs ~110 ns a byte in Python.  Here the states of up to
    256 keys are the 64-bit lanes of one integer, and each step of the loop (shift, add the
    next byte of every key, fold bits 28-31) is a few operations on that integer.  No lane
    spills into the next: a state is below 2**28 before the shift and below 2**33 after
    it.  Keys are right-aligned with NUL bytes, which leave a zero state as it is; they are
    grouped by length, so few steps are spent on padding, and a key with too few others of
    about its length is hashed on its own.
    """
    # A plural entry's key is hashed up to its NUL, as hash_string does.
    prefixes = {key: key.split(b"\0", 1)[0] if b"\0" in key else key for key in keys}
    ordered = sorted(set(prefixes.values()), key=len)
    lengths = [len(prefix) for prefix in ordered]
    hashes: dict[bytes, int] = {}
    start = 0
    while start < len(ordered):
        end = bisect.bisect_right(
            lengths, lengths[start] * 2 + 32, start, min(len(ordered), start + _LANES)
        )
        group = ordered[start:end]
        start = end
        if len(group) < _FEW_LANES:
            hashes.update((prefix, hash_string(prefix)) for prefix in group)
        else:
            hashes.update(zip(group, _lanes_hashed(group)))
    return {key: hashes[prefix] for key, prefix in prefixes.items()}


def _lanes_hashed(group: list[bytes]) -> array[int]:
    count = len(group)
    low, high = _LOW_28, _BITS_28_TO_31
    if count < _LANES:
        low &= (1 << (64 * count)) - 1
        high &= (1 << (64 * count)) - 1
    width = len(group[-1])
    padded = b"".join([prefix.rjust(width, b"\0") for prefix in group])
    lanes = bytearray(8 * count)
    state = 0
    for position in range(width):
        lanes[0::8] = padded[position::width]  # that byte of every key, one per lane
        state = (state << 4) + int.from_bytes(lanes, "little")
        state = (state & low) ^ ((state >> 24) & high)
    values = array("Q", state.to_bytes(8 * count, "little"))
    if sys.byteorder != "little":
        values.byteswap()
    return values


def _is_prime(candidate: int) -> bool:
    # gettext's own test (only ever called with odd numbers): note it calls 1 prime and 3 not.
    divisor = 3
    square = divisor * divisor
    while square < candidate and candidate % divisor != 0:
        divisor += 1
        square += 4 * divisor
        divisor += 1
    return candidate % divisor != 0


def hash_table_size(count: int) -> int:
    """msgfmt's table size for ``count`` entries: next_prime(4n/3), at least 3."""
    seed = ((count * 4) // 3) | 1
    while not _is_prime(seed):
        seed += 2
    return max(seed, 3)


def write_mo(entries: list[tuple[bytes, bytes]]) -> bytes:
    """The .mo bytes for ``(key, value)`` pairs, already encoded; they are sorted here.

    A key is ``msgid`` or ``msgctxt + b"\\x04" + msgid``, plus ``b"\\0" + msgid_plural`` for a
    plural entry; a value joins the forms with NUL bytes.  Memory beyond the entries is twice
    the output and a few bytes per entry: the tables are arrays of 32-bit numbers (as lists
    of ints they cost 36 bytes a number), and no string is copied on its own.
    """
    # msgfmt sorts with strcmp, which stops at the NUL before a msgid_plural; comparing whole
    # keys gives the same order, since NUL sorts first and no two keys share a msgid part.
    entries = sorted(entries, key=operator.itemgetter(0))  # keys are unique
    count = len(entries)
    size = hash_table_size(count)
    originals_table = _HEADER_SIZE
    translations_table = originals_table + 8 * count
    hash_offset = translations_table + 8 * count
    data_offset = hash_offset + 4 * size

    # (length, offset) for every original, then every translation, each string followed by NUL.
    lengths = array(_U32, [len(key) for key, _ in entries])
    lengths.extend([len(value) for _, value in entries])
    offsets = array(
        _U32, itertools.accumulate([length + 1 for length in lengths], initial=data_offset)
    )
    offsets.pop()  # where the strings end
    table = array(_U32, bytes(8 * len(lengths)))
    table[0::2] = lengths
    table[1::2] = offsets

    slots = array(_U32, [0]) * size
    for number, hval in enumerate(hash_strings([key for key, _ in entries]), start=1):
        index = hval % size
        if slots[index]:
            step = 1 + hval % (size - 2)
            while slots[index]:
                index = index - (size - step) if index >= size - step else index + step
        slots[index] = number
    if sys.byteorder != "little":
        table.byteswap()
        slots.byteswap()

    out = bytearray(
        struct.pack("<7I", MAGIC, 0, count, originals_table, translations_table, size, hash_offset)
    )
    out += table
    out += slots
    # The strings are joined a slice at a time: joining a million at once would hold an
    # 80-byte buffer descriptor for each while it copies them.
    for column in (0, 1):
        for start in range(0, count, _SLICE):
            out += b"\0".join([entry[column] for entry in entries[start : start + _SLICE]])
            out += b"\0"
    return bytes(out)
