"""Print a greeting and some counted files in the language named on the command line."""

from __future__ import annotations

import gettext
import sys

from share_demo.locales import locale_dir

DOMAIN = "share_demo"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    language = args[0] if args else "de"
    translation = gettext.translation(DOMAIN, locale_dir(DOMAIN), languages=[language])
    print(translation.gettext("Hello, world!"))
    for count in (0, 1, 2, 5):
        print(translation.ngettext("{n} file", "{n} files", count).format(n=count))
    return 0


if __name__ == "__main__":
    sys.exit(main())
