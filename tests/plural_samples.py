"""Plural rules whose meaning for each count is written independently of any C arithmetic."""

from typing import Callable

ULONG = 1 << 64


# Rules as the GNU gettext manual and GNU's plural table write them, with what each count means
# said independently (Python ints, no C arithmetic involved for these counts).
KNOWN_RULES: dict[str, tuple[str, Callable[[int], int]]] = {
    "ja": ("nplurals=1; plural=0;", lambda n: 0),
    "en": ("nplurals=2; plural=(n != 1);", lambda n: 0 if n == 1 else 1),
    "fr": ("nplurals=2; plural=(n > 1);", lambda n: 0 if n in (0, 1) else 1),
    "lv": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
        lambda n: 2 if n == 0 else 0 if str(n).endswith("1") and not str(n).endswith("11") else 1,
    ),
    "ga": ("nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;", lambda n: {1: 0, 2: 1}.get(n, 2)),
    "ro": (
        "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
        lambda n: 0 if n == 1 else 1 if n == 0 or 1 <= n % 100 <= 19 else 2,
    ),
    "lt": (
        (
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20)"
            " ? 1 : 2);"
        ),
        lambda n: (
            0
            if n % 10 == 1 and n % 100 != 11
            else 1
            if n % 10 >= 2 and not 10 <= n % 100 <= 19
            else 2
        ),
    ),
    "ru": (
        (
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 &&"
            " (n%100<10 || n%100>=20) ? 1 : 2);"
        ),
        lambda n: (
            0
            if n % 10 == 1 and n % 100 != 11
            else 1
            if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
            else 2
        ),
    ),
    "cs": (
        "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
        lambda n: 0 if n == 1 else 1 if n in (2, 3, 4) else 2,
    ),
    "pl": (
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        lambda n: 0 if n == 1 else 1 if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else 2,
    ),
    "sl": (
        "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
        lambda n: {1: 0, 2: 1, 3: 2, 4: 2}.get(n % 100, 3),
    ),
    "ar": (
        (
            "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3"
            " : n%100>=11 ? 4 : 5);"
        ),
        lambda n: n if n <= 2 else 3 if 3 <= n % 100 <= 10 else 4 if n % 100 >= 11 else 5,
    ),
}
