"""The desk index of an output folder: which briefs it lists, for whom, and writing its files.

The full index (`index.html`, `index.md`, `feed.xml`) lists the full version
of every brief; the index for an audience (`index.tlp-clear.html`, …) lists
only the versions released to it, made from their own summaries, so it can
hold nothing that audience may not see. A brief is listed when its summary
is kept and its outputs for that version are in the folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.index.summary import FORMAT
from briefgen.model.derive import date_key
from briefgen.writing import cache
from briefgen.writing.atomic import remove_stale_temps, write_atomic

LINKED = ("html", "pdf", "md")  # the outputs an entry links to, in this order


@dataclass(frozen=True)
class Entry:
    """One brief as an index lists it: one version's summary, and what is known of it."""

    summary: dict[str, Any]
    files: tuple[str, ...]  # its outputs in the folder, by name
    refused: bool = False  # its YAML was refused by this build: the outputs are older

    def link(self, prefer: str) -> str:
        """The output to link to: `prefer`'s format if it was written, else the first."""
        wanted = f"{self.summary['stem']}.{prefer}"
        return wanted if wanted in self.files else self.files[0]


def file_names(audience: str | None) -> dict[str, str]:
    """`{"html": "index.html", "md": "index.md", "feed": "feed.xml"}`, per audience."""
    tag = "" if audience is None else f".tlp-{audience}"
    return {"html": f"index{tag}.html", "md": f"index{tag}.md", "feed": f"feed{tag}.xml"}


def entries(records: list[dict[str, Any]], out_dir: Path, audience: str | None,
            refused: frozenset[str] = frozenset()) -> list[Entry]:
    """The briefs the index for `audience` lists, newest first; `refused` holds the paths
    (resolved, as text) of briefs this build refused."""
    found: dict[str, Entry] = {}
    for record in records:
        version = record.get("versions", {}).get(audience or "") \
            if record.get("format") == FORMAT else None
        if not isinstance(version, dict) or version["id"] in found:
            continue  # not released to this audience, or an id another brief holds
        files = tuple(name for ext in LINKED
                      if (out_dir / (name := f"{version['stem']}.{ext}")).is_file())
        if files:
            found[version["id"]] = Entry(version, files, record.get("path") in refused)
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
    if entry.refused:
        marks.append("its YAML was refused at the last build: these outputs are from an "
                     "earlier version")
    if entry.summary.get("status") == "superseded":
        marks.append("superseded")
    return marks


def write_index(out_dir: Path, records: list[dict[str, Any]], audiences: tuple[str, ...],
                refused: frozenset[str] = frozenset()) -> list[Path]:
    """Write the full index and one per audience; files that would not change are left
    untouched, so a no-op build writes nothing. Returns every index file, written or not."""
    from briefgen.index.feed import render_feed
    from briefgen.index.page import render_html, render_markdown

    done: list[Path] = []
    for audience in (None, *audiences):
        listed = entries(records, out_dir, audience, refused)
        names = file_names(audience)
        made = {"html": render_html(listed, audience, names),
                "md": render_markdown(listed, audience, names),
                "feed": render_feed(listed, audience, names, out_dir.resolve().name)}
        for kind, data in made.items():
            target = out_dir / names[kind]
            remove_stale_temps(out_dir, target.name)
            if not _holds(target, data):
                write_atomic(target, data)
            done.append(target)
    return done


def index_folder(out_dir: Path, briefs: list[Path] | None, audiences: tuple[str, ...],
                 refused: frozenset[str] = frozenset()) -> list[Path]:
    """The index of `out_dir` from the summaries kept there: of `briefs` (a build of a
    folder), or of every brief kept (merging the output folders of shards)."""
    if briefs is None:
        records = cache.summaries(out_dir)
    else:
        found = (cache.read_summary(cache.summary_path(out_dir, p)) for p in briefs)
        records = [r for r in found if r is not None]
    if not records and not (out_dir / file_names(None)["html"]).is_file():
        return []  # nothing was ever built here: a refused build writes nothing
    return write_index(out_dir, records, audiences, refused)


def kept_audiences(out_dir: Path) -> tuple[str, ...]:
    """Every audience some kept summary has a version for, in TLP order."""
    from briefgen.model.fields import TLP_LEVELS

    seen = {a for r in cache.summaries(out_dir) for a in r.get("versions", {}) if a}
    return tuple(level for level in TLP_LEVELS if level in seen)


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
