"""Which briefs an index lists, for whom, in what order, and what it says of each.

The full index lists the full version of every brief; the index for an
audience lists only the versions released to it, from their own summaries,
so it can hold nothing that audience may not see. A brief is listed when its
summary is kept and its outputs for that version are in the folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.index.summary import FORMAT
from briefgen.model.derive import date_key

LINKED = ("html", "pdf", "md")  # the outputs an entry links to, in this order


@dataclass(frozen=True)
class Entry:
    """One brief as an index lists it: one version's summary, and what is known of it."""

    summary: dict[str, Any]
    files: tuple[str, ...]  # its outputs in the folder, by name

    def link(self, prefer: str) -> str:
        """The output to link to: `prefer`'s format if it was written, else the first."""
        wanted = f"{self.summary['stem']}.{prefer}"
        return wanted if wanted in self.files else self.files[0]


def file_names(audience: str | None) -> dict[str, str]:
    """`{"html": "index.html", "md": "index.md", "feed": "feed.xml"}`, per audience."""
    tag = "" if audience is None else f".tlp-{audience}"
    return {"html": f"index{tag}.html", "md": f"index{tag}.md", "feed": f"feed{tag}.xml"}


def entries(records: list[dict[str, Any]], out_dir: Path, audience: str | None) -> list[Entry]:
    """The briefs the index for `audience` lists, newest first. Two summaries with one id
    (a brief moved, say) list the first, as the build's claims do."""
    found: dict[str, Entry] = {}
    for record in records:
        version = record.get("versions", {}).get(audience or "") \
            if record.get("format") == FORMAT else None
        if not isinstance(version, dict) or version["id"] in found:
            continue  # not released to this audience, or an id another brief holds
        files = tuple(name for ext in LINKED
                      if (out_dir / (name := f"{version['stem']}.{ext}")).is_file())
        if files:
            found[version["id"]] = Entry(version, files)
    return sorted(found.values(), key=lambda e: (_newest_first(e.summary), e.summary["id"]))


def _newest_first(summary: dict[str, Any]) -> tuple[int, ...]:
    return tuple(-part for part in date_key(summary["date"]))


def stale_marks(entry: Entry) -> list[str]:
    """Why a listed brief may be out of date, from what the format holds today.

    The seam for issue 13's staleness: once `meta.review_by` and dated risk
    horizons are in the format and in the summary, a brief past its review
    date, or holding a risk whose horizon has passed (against `--today`), is
    marked here too.
    """
    marks = []
    if entry.summary.get("status") == "superseded":
        marks.append("superseded")
    return marks
