"""Writing the desk index of an output folder: the full one and one per audience.

Each index is made from the summaries that builds kept (`briefgen.index.summary`),
never from a brief's YAML, and a file that would not change is not written,
so a no-op build leaves every byte and every modification time as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.errors import BriefError
from briefgen.index.feed import render_feed
from briefgen.index.listing import entries, file_names
from briefgen.index.page import render_html, render_markdown
from briefgen.writing import cache
from briefgen.writing.atomic import remove_stale_temps, write_atomic


class DeskClash(BriefError):
    """A brief's own outputs hold a desk index's name: the index is not written over them."""


def write_index(out_dir: Path, records: list[dict[str, Any]],
                audiences: tuple[str, ...]) -> list[Path]:
    """Write the full index and one per audience; files that would not change are left
    untouched, so a no-op build writes nothing. Returns every index file, written or not."""
    taken = {f"{v['stem']}.{ext}" for r in records for v in r.get("versions", {}).values()
             for ext in ("html", "md")}
    names = [n for a in (None, *audiences) for n in file_names(a).values() if n in taken]
    if names:
        raise DeskClash(f"the desk index is not written: a brief's outputs are named "
                        f"{', '.join(names)} (its meta.id is 'index'); give it another id")
    done: list[Path] = []
    for audience in (None, *audiences):
        listed = entries(records, out_dir, audience)
        names = file_names(audience)
        made = {"html": render_html(listed, audience, names),
                "md": render_markdown(listed, audience, names),
                "feed": render_feed(listed, audience, names, _desk_name(records))}
        for kind, data in made.items():
            target = out_dir / names[kind]
            remove_stale_temps(out_dir, target.name)
            if not _holds(target, data):
                write_atomic(target, data)
            done.append(target)
    return done


def index_folder(out_dir: Path, briefs: list[Path] | None,
                 audiences: tuple[str, ...]) -> list[Path]:
    """The index of `out_dir` from the summaries kept there: of `briefs` (a build of a
    folder), or of every brief kept (merging the output folders of shards)."""
    if briefs is None:
        records = cache.summaries(out_dir)
    else:
        found = (cache.read_summary(cache.summary_path(out_dir, p)) for p in briefs)
        records = [r for r in found if r is not None]
    if not records and not (out_dir / file_names(None)["html"]).is_file():
        return []  # nothing was ever built here: a refused build writes nothing
    return write_index(out_dir, records, audiences)


def kept_audiences(out_dir: Path) -> tuple[str, ...]:
    """Every audience some kept summary has a version for, in TLP order."""
    from briefgen.model.fields import TLP_LEVELS

    seen = {a for r in cache.summaries(out_dir) for a in r.get("versions", {}) if a}
    return tuple(level for level in TLP_LEVELS if level in seen)


def _desk_name(records: list[dict[str, Any]]) -> str | None:
    """The organisation of the briefs' project (briefgen.toml), which names the feed."""
    return next((r["desk"] for r in records if r.get("desk")), None)


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
