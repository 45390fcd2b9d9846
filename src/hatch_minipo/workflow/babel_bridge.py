"""What the project takes from Babel: string extraction (``minipo extract``), by its methods.

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


def extract_strings(
    data: bytes,
    path: str,
    method: str,
    keywords: Mapping[str, Any],
    comment_tags: tuple[str, ...],
) -> list[ExtractedString]:
    """The translatable strings of one file, as Babel's extraction ``method`` finds them.

    ``method`` is what a Babel mapping file names: ``python``, an entry point such as
    ``jinja2``, or ``module:function``.  ``path`` only names the file in Babel's warnings.
    Raises ExtractionError when the file cannot be read or the method does not exist.
    """
    import io

    try:
        from babel.messages.extract import extract
    except ImportError:
        raise BabelMissingError from None

    class _Named(io.BytesIO):
        name = path

    # Jinja2's extractor skips a template it cannot parse unless told not to: a template that
    # loses its strings without a word is what this tool exists to prevent.
    options = {"silent": "false"}
    try:
        found = list(
            extract(
                method,
                _Named(data),
                keywords=keywords,
                comment_tags=comment_tags,
                options=options,
            )
        )
    except Exception as exc:  # noqa: BLE001 - a plugin's own error: reported with its place
        raise _extraction_error(exc, method) from None
    out: list[ExtractedString] = []
    for lineno, message, comments, context in found:
        strings = (message,) if isinstance(message, str) else tuple(message)
        out.append((lineno, strings, list(comments), context))
    return out


def _extraction_error(exc: Exception, method: str) -> ExtractionError:
    """What went wrong reading a file, worded for its ``path:line:`` report."""
    import tokenize

    if isinstance(exc, tokenize.TokenError):
        where = exc.args[1] if len(exc.args) > 1 else None
        lineno = where[0] if isinstance(where, tuple) and where else 0
        return ExtractionError(f"cannot read Python source: {exc.args[0]}", lineno)
    if isinstance(exc, (SyntaxError, UnicodeDecodeError, LookupError)) and method == "python":
        return ExtractionError(f"cannot read Python source: {exc}")
    if isinstance(exc, ImportError):
        return ExtractionError(f"extraction method {method!r} cannot be imported: {exc}")
    if isinstance(exc, ValueError) and str(exc).startswith("Unknown extraction method"):
        hint = " (pip install Jinja2)" if method == "jinja2" else ""
        return ExtractionError(f"no Babel extraction method {method!r} is installed{hint}")
    lineno = getattr(exc, "lineno", 0)
    return ExtractionError(
        f"{method} cannot read this file: {exc}", lineno if isinstance(lineno, int) else 0
    )
