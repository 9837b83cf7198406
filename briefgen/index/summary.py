"""What the desk index keeps of each version of a brief: a small, JSON-able summary.

A worker makes it from the validated brief it has just rendered, the full
one or one released to an audience, so an audience's summary holds only what
that audience may see. The write stage keeps it beside the build's record
(`briefgen.writing.cache`), and the index is made from the kept summaries
alone: a no-op rebuild never loads a brief to index it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from briefgen.model.staleness import last_day
from briefgen.model.view import build_view
from briefgen.rendering.markdown import parser

if TYPE_CHECKING:
    from briefgen.model import Brief

FORMAT = 2  # bumped when a summary's shape changes, so that old ones are rebuilt
TOP = 3  # risks shown under each brief; the register shows them all


def summarise(brief: Brief, stem: str) -> dict[str, Any]:
    """One version of a brief as the index shows it; `stem` names its output files."""
    meta = brief.meta
    view = build_view(brief)
    coverage = meta.coverage
    return {
        "id": meta.id,
        "stem": stem,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "date": meta.date,
        "version": meta.version,
        "status": meta.status,
        "classification": meta.classification,
        "tlp": meta.tlp,
        "fictional": meta.fictional,
        "language": meta.language,
        "authors": [author.name for author in meta.authors],
        "tags": list(meta.tags),
        "countries": list(coverage.countries) if coverage else [],
        "bluf": plain(brief.summary.bluf),
        "changelog": [{"version": e.version, "date": e.date,
                       "note": plain(e.note) if e.note else None} for e in meta.changelog],
        "risks": [{"id": r.risk.id, "label": r.label, "title": r.risk.title, "level": r.level,
                   "score": r.score, "likelihood": r.risk.likelihood, "impact": r.risk.impact,
                   "trend": r.risk.trend, "confidence": r.risk.confidence,
                   "horizon": r.risk.horizon, "horizon_date": r.risk.horizon_date,
                   "horizon_passes_on": _passes_on(r.risk.horizon_date)}
                  for r in view.risks_by_level],
        # the deadlines as written, and the first day each counts as passed, so that the
        # index judges them on its own day without loading the brief (`listing.stale_marks`)
        "review_by": meta.review_by,
        "review_passes_on": _passes_on(meta.review_by),
    }


def _passes_on(date: str | None) -> str | None:
    """The first day a deadline written as `date` has passed, as YYYY-MM-DD."""
    return (last_day(date) + dt.timedelta(days=1)).isoformat() if date else None


def plain(markdown: str) -> str:
    """A Markdown field as plain text, for a one-line listing and a feed's summary."""
    words: list[str] = []
    for block in parser().parse(markdown):
        if block.type in ("paragraph_close", "heading_close", "list_item_close"):
            words.append(" ")
        for token in block.children or []:
            if token.type in ("text", "code_inline"):
                words.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                words.append(" ")
            elif token.type == "image":
                words.append(token.content)
    return " ".join("".join(words).split())
