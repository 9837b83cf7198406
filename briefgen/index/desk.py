"""Writing the desk index of an output folder: the full one and one per audience.

Each index is made from the summaries that builds kept (`briefgen.index.summary`),
never from a brief's YAML, and a file that would not change is not written,
so a no-op build leaves every byte and every modification time as it was.
When what the indexes list, briefgen's code and the index's templates are
all as they were at the last writing, and its files are untouched, nothing
is rendered at all (`.briefgen-cache/index.json` keeps that key).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefgen.errors import BriefError
from briefgen.index.listing import Entry, entries, file_names
from briefgen.project.paths import builtin_dir
from briefgen.writing import cache
from briefgen.writing.atomic import remove_stale_temps, write_atomic

ASSETS = (("templates", "desk/index.html.j2"), ("templates", "desk/index.md.j2"),
          ("styles", "index.css"), ("styles", "index-sort.js"))
KEPT = "index.json"


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
    listed = {audience: entries(records, out_dir, audience) for audience in (None, *audiences)}
    desk = _desk_name(records)
    done = [out_dir / name for audience in listed for name in file_names(audience).values()]
    key = _key(listed, desk)
    if _unchanged(out_dir, key, done):
        return done
    from briefgen.index.feed import render_feed
    from briefgen.index.page import render_html, render_markdown

    for audience, shown in listed.items():
        names = file_names(audience)
        made = {"html": render_html(shown, audience, names),
                "md": render_markdown(shown, audience, names),
                "feed": render_feed(shown, audience, names, desk)}
        for kind, data in made.items():
            target = out_dir / names[kind]
            remove_stale_temps(out_dir, target.name)
            if not _holds(target, data):
                write_atomic(target, data)
    kept = out_dir / cache.CACHE_DIR / KEPT
    remove_stale_temps(kept.parent, kept.name)
    write_atomic(kept, json.dumps({"key": key, "outputs": {p.name: _stamp(p) for p in done}},
                                  indent=1).encode())
    return done


def _key(listed: dict[str | None, list[Entry]], desk: str | None) -> str:
    """Everything the index files are made of: what they list, briefgen's code and the
    index's own templates and styles."""
    shown = [[audience, desk, [[e.summary, e.files] for e in entries]]
             for audience, entries in listed.items()]
    assets = [(builtin_dir(kind) / name).read_bytes() for kind, name in ASSETS]
    return cache.digest(json.dumps(shown, sort_keys=True).encode() + cache.code_digest().encode()
                        + b"\0".join(cache.digest(a).encode() for a in assets))


def _unchanged(out_dir: Path, key: str, files: list[Path]) -> bool:
    """Whether the index files are exactly those the last writing made, from the same key."""
    try:
        kept = json.loads((out_dir / cache.CACHE_DIR / KEPT).read_text(encoding="utf-8"))
        return kept["key"] == key and all(kept["outputs"].get(p.name) == _stamp(p)
                                          for p in files)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


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
