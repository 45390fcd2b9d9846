"""What the project takes from Babel: string extraction from Python sources (``minipo extract``).

The only module importing babel, and only inside functions.  Babel is an extra
(``hatch-minipo[extract]``): the build hook never needs it, and no output byte of compile,
minimize or expand depends on it (language data is the project's own, see ``languages``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

# The one command that brings Babel in, quoted for a shell.
INSTALL_HINT = "pip install 'hatch-minipo[extract]'"


class BabelMissingError(RuntimeError):
    """Babel, which extraction needs, is not installed."""

    def __init__(self) -> None:
        super().__init__(f"extraction needs Babel, which is not installed: {INSTALL_HINT}")


def require_babel() -> None:
    """Raise BabelMissingError unless Babel's extractors import (checked before any work)."""
    try:
        import babel.messages.extract  # noqa: F401
    except ImportError:
        raise BabelMissingError from None


# (line, msgid or (msgid, plural), extracted comments, context) for one string found.
ExtractedString = tuple[int, tuple[str, ...], list[str], "str | None"]


class ExtractionError(ValueError):
    """Babel could not read a source file; ``lineno`` is 0 when no line is known."""

    def __init__(self, message: str, lineno: int = 0) -> None:
        super().__init__(message)
        self.lineno = lineno


def extract_python(
    data: bytes, path: str, keywords: Mapping[str, Any], comment_tags: tuple[str, ...]
) -> list[ExtractedString]:
    """The translatable strings of one Python source, as Babel's Python extractor finds them.

    ``path`` only names the file in Babel's warnings.  Raises ExtractionError when the source
    cannot be tokenized or decoded.
    """
    import io
    import tokenize

    try:
        from babel.messages.extract import extract
    except ImportError:
        raise BabelMissingError from None

    class _Named(io.BytesIO):
        name = path

    try:
        found = list(extract("python", _Named(data), keywords=keywords, comment_tags=comment_tags))
    except tokenize.TokenError as exc:
        where = exc.args[1] if len(exc.args) > 1 else None
        lineno = where[0] if isinstance(where, tuple) and where else 0
        raise ExtractionError(f"cannot read Python source: {exc.args[0]}", lineno) from None
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise ExtractionError(f"cannot read Python source: {exc}") from None
    out: list[ExtractedString] = []
    for lineno, message, comments, context in found:
        strings = (message,) if isinstance(message, str) else tuple(message)
        out.append((lineno, strings, list(comments), context))
    return out
