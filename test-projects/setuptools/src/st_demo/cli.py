"""Print a greeting, counted files and a status line in the language named on the command line."""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

LOCALE = Path(__file__).parent / "locale"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    language = args[0] if args else "de"
    messages = gettext.translation("st_demo", LOCALE, languages=[language])
    print(messages.gettext("Hello, world!"))
    for count in (0, 1, 2, 5):
        print(messages.ngettext("{n} file", "{n} files", count).format(n=count))
    status = gettext.translation("status", LOCALE, languages=[language])
    print(status.gettext("Nothing to do."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
