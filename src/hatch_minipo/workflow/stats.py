"""How far each catalog's translation is: counts, percentages, a table and a JSON form.

A message counts as translated when its first translation is not empty and it is not fuzzy
(what msgfmt compiles).  The percentage needs to know how many messages there are:

* with a template, the total is the template's messages (header and obsolete entries left
  out), and only translations of messages the template still has count;
* without one, a full ``.po`` lists every message of its template (msgmerge keeps the
  untranslated ones), so its own live entries are the total;
* a ``.mini.po`` without a template has no total: it holds only translations, so it is shown
  with its count and no percentage.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from hatch_minipo.po.catalog import Catalog, Message

__all__ = ["BAR_WIDTH", "CatalogStats", "count", "render_table", "sort_stats", "to_json"]

BAR_WIDTH = 20


@dataclasses.dataclass(frozen=True)
class CatalogStats:
    """The figures of one catalog."""

    path: str
    language: str
    translated: int
    fuzzy: int
    # Messages to translate; None when unknown (a .mini.po without a template).
    total: int | None
    # The language's English name, when known.
    name: str | None = None
    # The template the total comes from, if any.
    template: str | None = None

    @property
    def untranslated(self) -> int | None:
        if self.total is None:
            return None
        return self.total - self.translated - self.fuzzy

    @property
    def percent(self) -> float | None:
        """Translated messages in percent of the total; None without a (non-zero) total."""
        if not self.total:
            return None
        return 100.0 * self.translated / self.total


def _live(messages: Iterable[Message]) -> list[Message]:
    return [m for m in messages if not m.obsolete and not m.is_header]


def count(
    catalog: Catalog,
    language: str,
    *,
    template: Catalog | None = None,
    complete: bool = False,
    name: str | None = None,
) -> CatalogStats:
    """The figures of ``catalog``; ``complete`` says it is a full catalog (its own total)."""
    live = _live(catalog.messages)
    if template is not None:
        wanted = {m.key for m in _live(template.messages)}
        live = [m for m in live if m.key in wanted]
        total: int | None = len(wanted)
    else:
        total = len(live) if complete else None
    translated = sum(1 for m in live if m.translated and not m.fuzzy)
    fuzzy = sum(1 for m in live if m.translated and m.fuzzy)
    source = None if template is None else template.path
    return CatalogStats(catalog.path, language, translated, fuzzy, total, name, source)


def sort_stats(rows: Iterable[CatalogStats]) -> list[CatalogStats]:
    """Most translated first (by percentage, or by count where there is none), then by name."""

    def key(row: CatalogStats) -> tuple[int, float, int, str, str]:
        percent = row.percent
        return (
            0 if percent is not None else 1,
            -(percent or 0.0),
            -row.translated,
            row.language,
            row.path,
        )

    return sorted(rows, key=key)


def _shown_percent(percent: float) -> str:
    # Rounded down, so that 100.0% always means "nothing left to translate".
    return f"{math.floor(percent * 10) / 10:.1f}%"


def _bar(percent: float) -> str:
    filled = min(BAR_WIDTH, math.floor(percent * BAR_WIDTH / 100))
    return "#" * filled + "-" * (BAR_WIDTH - filled)


def render_table(rows: Sequence[CatalogStats]) -> str:
    """An aligned table, one row per catalog in the given order, with a bar where known.

    The catalog's path is shown only when a language appears more than once (several
    domains), where the language alone would not say which catalog a row is.
    """
    if not rows:
        return ""
    languages = [row.language for row in rows]
    with_path = len(set(languages)) != len(languages)
    cells = []
    for row in rows:
        counted = str(row.translated) if row.total is None else f"{row.translated}/{row.total}"
        percent = row.percent
        untranslated = row.untranslated
        cells.append(
            [
                row.language,
                row.name or "",
                counted,
                str(row.fuzzy),
                "" if untranslated is None else str(untranslated),
                "" if percent is None else _shown_percent(percent),
                "" if percent is None else _bar(percent),
                row.path if with_path else "",
            ]
        )
    head = ["language", "name", "translated", "fuzzy", "untranslated", "%", ""]
    head.append("catalog" if with_path else "")
    widths = [max(len(line[i]) for line in [head, *cells]) for i in range(len(head))]
    right = {2, 3, 4, 5}
    lines = []
    for line in [head, *cells]:
        parts = [
            text.rjust(widths[i]) if i in right else text.ljust(widths[i])
            for i, text in enumerate(line)
            if widths[i]
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def to_json(rows: Sequence[CatalogStats]) -> list[dict[str, Any]]:
    """The figures as JSON-ready mappings, rows in the given order."""
    return [
        {
            "path": row.path,
            "language": row.language,
            "name": row.name,
            "translated": row.translated,
            "fuzzy": row.fuzzy,
            "untranslated": row.untranslated,
            "total": row.total,
            "percent": None if row.percent is None else round(row.percent, 2),
            "template": row.template,
        }
        for row in rows
    ]
