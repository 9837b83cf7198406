"""Incremental builds: skip a brief whose outputs already reflect everything that shapes them.

Each built brief leaves a record in `.briefgen-cache/` at the root of its project (or,
for a brief in no project, beside it), never in the output folder, so that a shared
or zipped `output/` carries no record of what was read. The record holds the hash of
its YAML, of every file it read (local sources, images), of the build's
environment (templates, styles, fonts, briefgen's own code, WeasyPrint's
version, the options), and the size and modification time of each output.
A brief is skipped only when all of these still match, so an edited input,
a changed template, a new briefgen, or an output someone touched or deleted
always rebuilds. The check reads and hashes files but never parses YAML.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from briefgen.errors import Problem
from briefgen.project.paths import folder_root, project_root, search_path
from briefgen.writing.atomic import remove_stale_temps, write_atomic

CACHE_DIR = ".briefgen-cache"
_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass
class Record:
    """What one brief's last good build depended on, and what it wrote."""

    meta_id: str
    brief: str
    inputs: dict[str, str]
    environment: str
    outputs: dict[str, tuple[int, int]]
    warnings: list[dict[str, object]] = field(default_factory=list)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def _tree_digest(folders: list[Path]) -> str:
    """One hash over every file below `folders`: names and contents."""
    total = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            total.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return total.hexdigest()


@cache
def _code_digest() -> str:
    """briefgen's own code and built-in files: a new briefgen never reuses old outputs."""
    total = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        # built-in templates, styles and fonts are hashed with the environment's trees
        if path.is_file() and "__pycache__" not in path.parts and "_builtin" not in path.parts:
            total.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes())
    return total.hexdigest()


def code_digest() -> str:
    """briefgen's own code, hashed once per process (the desk index keys its files on it)."""
    return _code_digest()


def fingerprint(project: Path | None, formats: tuple[str, ...], variant: str | None,
                audiences: tuple[str, ...] = ()) -> str:
    """Everything outside the brief that shapes its outputs, as one hash.

    Computed afresh for every build (templates and styles may change between
    two builds in one process); briefgen's own code is hashed once per process,
    since a running process keeps the code it started with.
    """
    from briefgen.project.paths import builtin_dir

    parts = [
        _code_digest(),
        metadata.version("weasyprint"),
        ",".join(formats),
        variant or "",
        ",".join(audiences),
        _tree_digest(search_path("templates", project)),
        _tree_digest(search_path("styles", project)),
        _tree_digest([builtin_dir("fonts"), *([project / "fonts"] if project else [])]),
    ]
    return digest("\n".join(parts).encode())


def cache_dir(brief: Path) -> Path:
    """Where the records of `brief`'s builds live: `.briefgen-cache/` at its project's root,
    as `.pytest_cache/` and `.ruff_cache/` sit at theirs, or beside a brief in no project."""
    return (project_root(brief) or brief.resolve().parent) / CACHE_DIR


def _record_path(out_dir: Path, brief: Path, variant: str = "brief") -> Path:
    """One record per brief, output folder and variant (its theme and formats): a
    one-pager and the full brief, or builds into two folders, are cached apart."""
    key = digest(f"{brief.resolve()}\0{out_dir.resolve()}".encode())[:24]
    suffix = "" if variant == "brief" else "-" + digest(variant.encode())[:8]
    _migrate(out_dir, brief, cache_dir(brief), key)
    return cache_dir(brief) / f"{key}{suffix}.json"


def _migrate(out_dir: Path, brief: Path, folder: Path, key: str) -> None:
    """Move the records an older briefgen kept in `<out>/.briefgen-cache/` for `brief`
    to `folder`, so that its outputs stay current. A record is copied before the old one
    is removed, and one already in `folder` is never replaced; the old folder goes once
    it is empty. A record that cannot be moved stays where it is."""
    old_dir = out_dir / CACHE_DIR
    if old_dir.resolve() == folder.resolve() or not old_dir.is_dir():
        return
    old_key = digest(str(brief.resolve()).encode())[:24]
    for old in sorted(old_dir.glob(f"{old_key}*.json")):
        new = folder / f"{key}{old.name[len(old_key):]}"
        try:
            if not new.exists():
                write_atomic(new, old.read_bytes())
            old.unlink()
        except OSError:
            continue
    with contextlib.suppress(OSError):
        old_dir.rmdir()  # only once empty: another brief's old records stay


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def current(out_dir: Path, brief: Path, brief_bytes: bytes, env: str,
            variant: str = "brief") -> Record | None:
    """The record of `brief`'s last build, if its outputs are still exactly current."""
    try:
        raw = json.loads(_record_path(out_dir, brief, variant).read_text(encoding="utf-8"))
        record = Record(**raw)
    except (OSError, ValueError, TypeError):
        return None
    if record.environment != env or record.brief != digest(brief_bytes):
        return None
    if any(_file_digest(Path(path)) != known for path, known in record.inputs.items()):
        return None
    if any(_stamp(Path(path)) != tuple(stamp) for path, stamp in record.outputs.items()):
        return None
    return record


def recorded_inputs(out_dir: Path, brief: Path) -> list[Path]:
    """The files besides its YAML that the brief's last good builds read (sources, images),
    in any theme and set of formats."""
    found: list[Path] = []
    plain = _record_path(out_dir, brief)
    for record in plain.parent.glob(f"{plain.stem}*.json"):
        try:
            raw = json.loads(record.read_text(encoding="utf-8"))
            found += [Path(p) for p in raw["inputs"]]
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return list(dict.fromkeys(found))


def remember(out_dir: Path, brief: Path, meta_id: str, brief_bytes: bytes, inputs: list[Path],
             env: str, outputs: list[Path], warnings: list[Problem],
             variant: str = "brief") -> None:
    """Record a successful build, after its outputs are written."""
    record = Record(
        meta_id=meta_id,
        brief=digest(brief_bytes),
        inputs={str(p): _file_digest(p) or "" for p in sorted(set(inputs))},
        environment=env,
        outputs={str(p): _stamp(p) or (0, 0) for p in outputs},
        warnings=[asdict(w) for w in warnings],
    )
    path = _record_path(out_dir, brief, variant)
    remove_stale_temps(path.parent, path.name)
    write_atomic(path, json.dumps(asdict(record), indent=1).encode())


def summary_path(out_dir: Path, brief: Path) -> Path:
    """Where the brief's summary for the desk index lives: one per brief, whatever the theme."""
    return _record_path(out_dir, brief).with_suffix(".summary.json")


def remember_summary(out_dir: Path, brief: Path, summary: dict[str, Any]) -> None:
    """Keep what the desk index shows of a brief's last good build (`briefgen.index`)."""
    path = summary_path(out_dir, brief)
    remove_stale_temps(path.parent, path.name)
    data = json.dumps(summary, indent=1, sort_keys=True, ensure_ascii=False).encode()
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)


def read_summary(path: Path) -> dict[str, Any] | None:
    """A summary as `remember_summary` wrote it, or None if it is missing or unreadable."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def folder_cache(out_dir: Path, cwd: Path | None = None) -> Path:
    """The cache a gathered output folder's summaries are read from: `.briefgen-cache/` at
    the root of the project holding `out_dir`, else of the one holding the current folder,
    else in the current folder (where a gather job puts what its shard jobs kept)."""
    here = (cwd or Path.cwd()).resolve()
    return (folder_root(out_dir) or folder_root(here) or here) / CACHE_DIR


def summaries(out_dir: Path, kept: Path | None = None) -> list[dict[str, Any]]:
    """Every summary kept in the cache `kept` (default: `folder_cache(out_dir)`): what a
    merge of shards indexes. Builds into other folders keep theirs there too; the listing
    keeps only the versions whose outputs are in `out_dir`, and the first summary of an id
    wins, so those built into `out_dir` itself come first, then the most recently kept."""
    folder = kept if kept is not None else folder_cache(out_dir)
    out = out_dir.resolve()
    found = []
    for path in folder.glob("*.summary.json"):
        summary = read_summary(path)
        if summary is None:
            continue
        own = digest(f"{summary.get('path')}\0{out}".encode())[:24] == path.name[:24]
        try:
            when = path.stat().st_mtime_ns
        except OSError:
            continue
        found.append(((not own, -when, path.name), summary))
    return [summary for _, summary in sorted(found, key=lambda pair: pair[0])]


def index_record(out_dir: Path, kept: Path) -> Path:
    """Where the desk index of `out_dir` keeps the key of its last writing, in the cache
    `kept`: never in `out_dir`, which an analyst may zip and share."""
    return kept / f"index-{digest(str(out_dir.resolve()).encode())[:24]}.json"


def replay(record: Record) -> list[Problem]:
    """The warnings of the build a skipped brief reuses."""
    return [Problem(**w) for w in record.warnings]  # type: ignore[arg-type]
