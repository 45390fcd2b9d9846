"""YCP sformat strings (``ycp-format``): sformat("text %1 %2", a, b).

gettext 0.21 defines formatstring_ycp in format-smalltalk.c with Smalltalk's parser and check:
only the language's name differs.
"""

from __future__ import annotations

from hatch_minipo.formats.smalltalk import check, scan

LANGUAGE = "YCP"

__all__ = ["LANGUAGE", "check", "scan"]
