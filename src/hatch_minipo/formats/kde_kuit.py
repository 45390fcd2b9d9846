"""KDE KUIT format strings (``kde-kuit-format``): xi18n("<filename>%1</filename>", path).

gettext 0.21's format-kde-kuit.c: the string, with each '&' that does not start a character
reference escaped (a '&' may mark a Qt accelerator), must be well-formed XML inside a
``<gt:kuit>`` element; Debian's msgfmt asks libxml2 (see ``_libxml2``), and prints libxml2's
last error as the reason.  The string is then read as a KDE format string (``kde``), and
compared like one.

The checks hand this module the real text.  The wrapper hands it the catalog's bytes, one
character per byte: gettext's writer gives libxml2 those bytes, so they are read as UTF-8 here
too (a catalog in another charset with non-ASCII text is then refused, as libxml2 refuses it,
and its directives are not protected).
"""

from __future__ import annotations

from hatch_minipo.formats import kde
from hatch_minipo.formats._libxml2 import last_error
from hatch_minipo.formats.base import NO_MARKS, Invalid, Marks, Where

LANGUAGE = "KDE KUIT"

_OPEN = '<gt:kuit xmlns:gt="https://www.gnu.org/s/gettext/kde">'
_CLOSE = "</gt:kuit>"
_HEX = frozenset("0123456789ABCDEFabcdef")
_DIGITS = frozenset("0123456789")


def _is_reference(text: str, amp: int) -> bool:
    """format-kde-kuit.c's is_reference for the '&' at ``amp``: a complete character reference.

    gettext's test of entity names cannot succeed (the ';' that must end one is not a name
    character), so "&amp;" is escaped as any '&' is, and only "&#...;" reaches libxml2.
    """
    i = amp + 1
    if text[i : i + 1] != "#":
        return False
    i += 1
    if text[i : i + 1] == "x":
        allowed = _HEX
        i += 1
    elif text[i : i + 1] and text[i] in _DIGITS:
        allowed = _DIGITS
    else:
        return False
    while i < len(text) and text[i] in allowed:
        i += 1
    return text[i : i + 1] == ";"


def document(text: str) -> str:
    """The XML document gettext builds around ``text``."""
    parts = [_OPEN]
    start = 0
    amp = text.find("&")
    while amp >= 0:
        parts.append(text[start:amp])
        parts.append("&" if _is_reference(text, amp) else "&amp;")
        start = amp + 1
        amp = text.find("&", start)
    parts.append(text[start:])
    parts.append(_CLOSE)
    return "".join(parts)


def _xml_reason(text: str, marks: Marks) -> str | None:
    """Why libxml2 refuses the string, or None."""
    if marks is not NO_MARKS:
        # The wrapper's text is the catalog's bytes: libxml2 reads them as UTF-8.
        try:
            text = text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return "Input is not proper UTF-8, indicate encoding !"
    return last_error(document(text))


def scan(text: str, translated: bool = False, marks: Marks = NO_MARKS) -> tuple[int, ...]:
    """The KDE argument numbers, once the markup is known to be well formed."""
    reason = _xml_reason(text, marks)
    if reason is not None:
        raise Invalid(f"error while parsing: {reason}")
    return kde.scan(text, translated, marks)


def check(ref: tuple[int, ...], got: tuple[int, ...], where: Where) -> str | None:
    """format-kde-kuit.c's format_check is KDE's."""
    return kde.check(ref, got, where)
