# ruff: noqa: INP001
"""Generate src/hatch_minipo/po/_linebreak_data.py from the installed libunistring.

GNU gettext 0.21 wraps PO strings with libunistring's ``ulc_width_linebreaks``; Debian 12
links it against libunistring 1.0 (Unicode 14.0.0).  Rather than re-deriving the line-break
classes from LineBreak.txt (libunistring adjusts several of them and splits others, such as
OP and CP by East Asian width), this script reads the tables that library itself uses:

* the per-code-point line-break class table (``unilbrkprop``, a three-level table whose
  layout is the one of libunistring 1.0's ``lbrkprop1.h``),
* the pair table of UAX #14 (``unilbrk_table``, 33 x 33 in libunistring 1.0),
* the column width of every code point, through the public ``uc_width``.

Run it with the interpreter of the project on a machine that has libunistring 1.0:

    python scripts/gen_linebreak_data.py [--check]

``--check`` compares the committed module with a fresh extraction instead of writing it.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "hatch_minipo" / "po" / "_linebreak_data.py"

EXPECTED_VERSION = 0x010000  # libunistring 1.0, the one Debian 12's gettext 0.21 uses
UNICODE_VERSION = "14.0.0"
MAX_CODE_POINT = 0x10FFFF

# Layout of libunistring 1.0's unilbrkprop table (lbrkprop1.h).
HEADER_0, HEADER_1, HEADER_2, HEADER_3, HEADER_4 = 16, 15, 7, 511, 127
LEVEL2_BLOCKS = 4
LBP_XX = 42
PAIR_CLASSES = 33

# A few code points whose class in libunistring 1.0 is known, to check the layout guess.
KNOWN_CLASSES = {
    0x0A: 35,  # LF
    0x20: 38,  # SP
    0x28: 12,  # OP1 '('
    0x61: 20,  # AL 'a'
    0x0300: 36,  # CM
    0x05D0: 28,  # HL
    0x200D: 30,  # ZWJ
    0x4E00: 23,  # ID1
    0xFF08: 13,  # OP2
    0x1F1E6: 29,  # RI
}

HEX_PER_LINE = 88


def load_library() -> ctypes.CDLL:
    name = ctypes.util.find_library("unistring") or "libunistring.so.2"
    lib = ctypes.CDLL(name)
    version = ctypes.c_int.in_dll(lib, "_libunistring_version").value
    if version != EXPECTED_VERSION:
        sys.exit(
            f"libunistring {version >> 16}.{(version >> 8) & 0xFF} found; "
            "the tables must come from libunistring 1.0"
        )
    return lib


def read_linebreak_classes(lib: ctypes.CDLL) -> list[int]:
    base = ctypes.addressof(ctypes.c_ubyte.in_dll(lib, "libunistring_unilbrkprop"))
    level1: list[int] = list((ctypes.c_int * HEADER_1).from_address(base))
    level2_offset = HEADER_1 * ctypes.sizeof(ctypes.c_int)
    level2_size = LEVEL2_BLOCKS << 9
    level2: list[int] = list((ctypes.c_int * level2_size).from_address(base + level2_offset))
    level3_offset = level2_offset + level2_size * ctypes.sizeof(ctypes.c_int)
    level3 = bytes(
        (ctypes.c_ubyte * (max(level2) + HEADER_4 + 1)).from_address(base + level3_offset)
    )

    def lookup(uc: int) -> int:
        index1 = uc >> HEADER_0
        if index1 < HEADER_1:
            lookup1 = level1[index1]
            if lookup1 >= 0:
                lookup2 = level2[lookup1 + ((uc >> HEADER_2) & HEADER_3)]
                if lookup2 >= 0:
                    return level3[lookup2 + (uc & HEADER_4)]
        return LBP_XX

    classes = [lookup(uc) for uc in range(MAX_CODE_POINT + 1)]
    for uc, expected in KNOWN_CLASSES.items():
        if classes[uc] != expected:
            sys.exit(f"unexpected class {classes[uc]} for U+{uc:04X}: table layout changed")
    if max(classes) > LBP_XX:
        sys.exit("class out of range: table layout changed")
    return classes


def read_pair_table(lib: ctypes.CDLL) -> bytes:
    base = ctypes.addressof(ctypes.c_ubyte.in_dll(lib, "libunistring_unilbrk_table"))
    table = bytes((ctypes.c_ubyte * (PAIR_CLASSES * PAIR_CLASSES)).from_address(base))
    if not set(table) <= {1, 2, 3}:
        sys.exit("pair table holds values other than D/I/P: layout changed")
    return table


def read_widths(lib: ctypes.CDLL) -> list[int]:
    uc_width = lib.uc_width
    uc_width.restype = ctypes.c_int
    uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    return [uc_width(uc, b"UTF-8") for uc in range(MAX_CODE_POINT + 1)]


def runs(values: list[int]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for uc, value in enumerate(values):
        if not result or result[-1][1] != value:
            result.append((uc, value))
    return result


def hex_lines(data: bytes) -> str:
    text = data.hex()
    return "\n".join(
        f'    "{text[i : i + HEX_PER_LINE]}"' for i in range(0, len(text), HEX_PER_LINE)
    )


def encode_runs(pairs: list[tuple[int, int]]) -> bytes:
    return b"".join(start.to_bytes(3, "big") + bytes([value]) for start, value in pairs)


def render(classes: list[int], table: bytes, widths: list[int]) -> str:
    class_runs = runs(classes)
    # uc_width yields -1 (control), 0, 1 or 2; stored shifted by one to fit a byte.
    width_runs = [(start, width + 1) for start, width in runs(widths)]
    return f'''"""Line-break classes, UAX #14 pair table and column widths of libunistring 1.0.

Generated by scripts/gen_linebreak_data.py from the library GNU gettext 0.21 uses
(Unicode {UNICODE_VERSION}); do not edit.  Runs are 4 bytes each: the first code point
(3 bytes, big-endian) and the value that holds up to the next run.
"""

from __future__ import annotations

UNICODE_VERSION = "{UNICODE_VERSION}"

_LINEBREAK_RUNS = (
{hex_lines(encode_runs(class_runs))}
)

# Width plus one: 0 for control characters, 1 for zero width, 2 and 3 for one and two columns.
_WIDTH_RUNS = (
{hex_lines(encode_runs(width_runs))}
)

# unilbrk_table[before][after]: 1 direct break, 2 break only after spaces, 3 prohibited.
PAIR_TABLE = bytes.fromhex(
{hex_lines(table)}
)
PAIR_CLASSES = {PAIR_CLASSES}


def _decode(hex_runs: str) -> tuple[list[int], bytes]:
    raw = bytes.fromhex(hex_runs)
    starts = [int.from_bytes(raw[i : i + 3], "big") for i in range(0, len(raw), 4)]
    return starts, raw[3::4]


LINEBREAK_STARTS, LINEBREAK_CLASSES = _decode("".join(_LINEBREAK_RUNS))
WIDTH_STARTS, WIDTH_VALUES = _decode("".join(_WIDTH_RUNS))
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    lib = load_library()
    text = render(read_linebreak_classes(lib), read_pair_table(lib), read_widths(lib))
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT.name} differs from the installed libunistring", file=sys.stderr)
            return 1
        print(f"{OUTPUT.name} matches the installed libunistring")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
