"""Which briefs an index lists, for whom, in what order, and what it says of each.

The full index lists the full version of every brief; the index for an
audience lists only the versions released to it, from their own summaries,
so it can hold nothing that audience may not see. A brief is listed when its
summary is kept and its outputs for that version are in the folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.index.summary import FORMAT
from briefgen.model.derive import date_key

# The outputs an entry links to, in this order: the page, the print, the Markdown, the
# Word file an analyst edits. JSON and CSV are data for tools, not for a reader of the index.
LINKED = ("html", "pdf", "md", "docx")


@dataclass(frozen=True)
class Entry:
    """One brief as an index lists it: one version's summary, and what is known of it."""

    summary: dict[str, Any]
    files: tuple[str, ...]  # its outputs in the folder, by name
    stale: tuple[str, ...] = ()  # why it may be out of date on the index's day (`stale_marks`)
    ended: tuple[str, ...] = ()  # ids of its risks whose horizon date has passed on that day

    def link(self, prefer: str) -> str:
        """The output to link to: `prefer`'s format if it was written, else the first."""
        wanted = f"{self.summary['stem']}.{prefer}"
        return wanted if wanted in self.files else self.files[0]


def file_names(audience: str | None) -> dict[str, str]:
    """`{"html": "index.html", "md": "index.md", "feed": "feed.xml"}`, per audience."""
    tag = "" if audience is None else f".tlp-{audience}"
    return {"html": f"index{tag}.html", "md": f"index{tag}.md", "feed": f"feed{tag}.xml"}


def entries(records: list[dict[str, Any]], out_dir: Path, audience: str | None,
            today: dt.date | None = None) -> list[Entry]:
    """The briefs the index for `audience` lists, newest first, each marked as `stale_marks`
    judges it on `today` (default: the machine's date). Two summaries with one id (a brief
    moved, say) list the first, as the build's claims do."""
    today = today or dt.date.today()
    found: dict[str, Entry] = {}
    for record in records:
        version = record.get("versions", {}).get(audience or "") \
            if record.get("format") == FORMAT else None
        if not isinstance(version, dict) or version["id"] in found:
            continue  # not released to this audience, or an id another brief holds
        files = tuple(name for ext in LINKED
                      if (out_dir / (name := f"{version['stem']}.{ext}")).is_file())
        if files:
            found[version["id"]] = Entry(version, files, tuple(stale_marks(version, today)),
                                         tuple(r["id"] for r in _ended(version, today)))
    return sorted(found.values(), key=lambda e: (_newest_first(e.summary), e.summary["id"]))


def _newest_first(summary: dict[str, Any]) -> tuple[int, ...]:
    return tuple(-part for part in date_key(summary["date"]))


def stale_marks(summary: dict[str, Any], today: dt.date) -> list[str]:
    """Why a listed brief may be out of date on `today`: superseded, past its review date
    (`meta.review_by`), or holding risks whose horizon date has passed. A date covers its
    whole span (`briefgen.model.staleness`): a review due by `2020-03` is past on 1 April."""
    marks = []
    if summary.get("status") == "superseded":
        marks.append("superseded")
    if summary.get("review_by") and _passed(summary.get("review_passes_on"), today):
        marks.append(f"past its review date {summary['review_by']}")
    marks += [f"the horizon of risk {r['label']}, {r['title']}, ended {r['horizon_date']}"
              for r in _ended(summary, today)]
    return marks


def _ended(summary: dict[str, Any], today: dt.date) -> list[dict[str, Any]]:
    """The risks whose horizon date has passed on `today`."""
    return [r for r in summary.get("risks", ())
            if r.get("horizon_date") and _passed(r.get("horizon_passes_on"), today)]


def _passed(passes_on: str | None, today: dt.date) -> bool:
    try:
        return passes_on is not None and today >= dt.date.fromisoformat(passes_on)
    except ValueError:
        return False
