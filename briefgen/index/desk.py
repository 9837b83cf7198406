"""Writing the desk index of an output folder: the full one and one per audience.

Each index is made from the summaries that builds kept (`briefgen.index.summary`),
never from a brief's YAML, and a file that would not change is not written,
so a no-op build leaves every byte and every modification time as it was.
When what the indexes list, briefgen's code and the index's templates are
all as they were at the last writing, and its files are untouched, nothing
is rendered at all. That key is kept in the project's `.briefgen-cache/`
(`cache.index_record`), never in the output folder. What is listed includes
each brief's marks of staleness on the index's day (`listing.stale_marks`), so
a rebuild on the same day stays a no-op, and one on the day a review date
passes rewrites the index.
"""

from __future__ import annotations

import contextlib
import datetime as dt
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
LEGACY = "index.json"  # where an older briefgen kept the key: `<out>/.briefgen-cache/`


class DeskClash(BriefError):
    """A brief's own outputs hold a desk index's name: the index is not written over them."""


def write_index(out_dir: Path, records: list[dict[str, Any]], audiences: tuple[str, ...],
                today: dt.date | None = None, kept: Path | None = None) -> list[Path]:
    """Write the full index and one per audience, judging staleness on `today` (default: the
    machine's date); files that would not change are left untouched, so a no-op build
    writes nothing. The key of the writing is kept in the cache folder `kept` (default:
    `cache.folder_cache(out_dir)`). Returns every index file, written or not."""
    today = today or dt.date.today()
    record = cache.index_record(out_dir, kept if kept is not None else cache.folder_cache(out_dir))
    _forget_legacy(out_dir)
    taken = {f"{v['stem']}.{ext}" for r in records for v in r.get("versions", {}).values()
             for ext in ("html", "md")}
    names = [n for a in (None, *audiences) for n in file_names(a).values() if n in taken]
    if names:
        raise DeskClash(f"the desk index is not written: a brief's outputs are named "
                        f"{', '.join(names)} (its meta.id is 'index'); give it another id")
    listed = {audience: entries(records, out_dir, audience, today)
              for audience in (None, *audiences)}
    desk = _desk_name(records)
    done = [out_dir / name for audience in listed for name in file_names(audience).values()]
    key = _key(listed, desk)
    if _unchanged(record, key, done):
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
    remove_stale_temps(record.parent, record.name)
    write_atomic(record, json.dumps({"key": key, "outputs": {p.name: _stamp(p) for p in done}},
                                  indent=1).encode())
    return done


def _key(listed: dict[str | None, list[Entry]], desk: str | None) -> str:
    """Everything the index files are made of: what they list (with each brief's marks of
    staleness, not the day itself), briefgen's code and the index's templates and styles."""
    shown = [[audience, desk, [[e.summary, e.files, e.stale, e.ended] for e in entries]]
             for audience, entries in listed.items()]
    assets = [(builtin_dir(kind) / name).read_bytes() for kind, name in ASSETS]
    return cache.digest(json.dumps(shown, sort_keys=True).encode() + cache.code_digest().encode()
                        + b"\0".join(cache.digest(a).encode() for a in assets))


def _forget_legacy(out_dir: Path) -> None:
    """Remove the key an older briefgen kept in the output folder, and that folder once
    empty: a zipped output folder carries no cache."""
    legacy = out_dir / cache.CACHE_DIR
    with contextlib.suppress(OSError):
        (legacy / LEGACY).unlink()
    with contextlib.suppress(OSError):
        legacy.rmdir()


def _unchanged(record: Path, key: str, files: list[Path]) -> bool:
    """Whether the index files are exactly those the last writing made, from the same key."""
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
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


def index_folder(out_dir: Path, briefs: list[Path] | None, audiences: tuple[str, ...],
                 today: dt.date | None = None, kept: Path | None = None) -> list[Path]:
    """The index of `out_dir`, staleness judged on `today`: of `briefs` (a build of a
    folder), from their summaries wherever their projects keep them; or of every brief whose
    summary is in the cache folder `kept` (default: `cache.folder_cache(out_dir)`) and
    whose outputs are in `out_dir` (the output folders of shards, gathered)."""
    if briefs is None:
        kept = kept if kept is not None else cache.folder_cache(out_dir)
        records = cache.summaries(out_dir, kept)
    else:
        found = (cache.read_summary(cache.summary_path(out_dir, p)) for p in briefs)
        records = [r for r in found if r is not None]
        kept = cache.cache_dir(briefs[0]) if briefs else cache.folder_cache(out_dir)
    if not records and not (out_dir / file_names(None)["html"]).is_file():
        return []  # nothing was ever built here: a refused build writes nothing
    return write_index(out_dir, records, audiences, today, kept)


def kept_audiences(records: list[dict[str, Any]], out_dir: Path) -> tuple[str, ...]:
    """Every audience, in TLP order, that some brief in `out_dir` has a version for."""
    from briefgen.model.values import TLP_LEVELS

    seen = {a for r in records for a in r.get("versions", {}) if a}
    return tuple(level for level in TLP_LEVELS
                 if level in seen and entries(records, out_dir, level))


def _desk_name(records: list[dict[str, Any]]) -> str | None:
    """The organisation of the briefs' project (briefgen.toml), which names the feed."""
    return next((r["desk"] for r in records if r.get("desk")), None)


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
