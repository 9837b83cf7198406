"""Between discovery and rendering: each project's setup, each brief's cache key, and which
briefs are already current and need no work.

The plan never parses a brief: a brief is current when the bytes of its
YAML, of everything it read, and the build's fingerprint all match the
record of its last good build (`briefgen.writing.cache`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.project.branding import branding
from briefgen.project.config import load_project
from briefgen.project.paths import project_root
from briefgen.project.themes import DEFAULT_THEME, check_theme
from briefgen.reading.revisions import Older, RevisionError, older_version
from briefgen.stages import DEFAULT_FORMATS, BriefResult, Options, Setup, Task
from briefgen.writing import cache
from briefgen.writing.outputs import Claims


@dataclass
class Plan:
    """What a build has to do: the briefs to render, in order, and the results already
    known (current briefs, and those whose earlier version could not be read)."""

    tasks: list[Task] = field(default_factory=list)
    known: dict[int, BriefResult] = field(default_factory=dict)
    claims: Claims = field(default_factory=Claims)


def plan(briefs: list[Path], out_dir: Path, options: Options) -> Plan:
    """Decide, for every brief, whether it is current or must be rendered, and with what."""
    found = Plan()
    setups: dict[Path | None, Setup] = {}
    for index, path in enumerate(briefs):
        root = project_root(path)
        if root not in setups:
            setups[root] = project_setup(root, options)
        setup = setups[root]
        try:
            older = older_version(path, options.since) if options.since is not None else None
        except RevisionError as exc:
            found.known[index] = BriefResult(path, "failed", error=str(exc))
            continue
        task = Task(index, path, out_dir, options, setup, older,
                    key=_key(setup.fingerprint, options.since, older),
                    record=record_name(setup.theme, options.formats))
        skipped = None if options.force else _current(task, found.claims)
        if skipped is not None:
            found.known[index] = skipped
        else:
            found.tasks.append(task)
    return found


def project_setup(root: Path | None, options: Options) -> Setup:
    """A project's setup for this build, from its briefgen.toml and the options; a mistake
    in the file refuses the build before any brief is rendered."""
    project = load_project(root)
    theme = options.theme or project.config.build.theme or DEFAULT_THEME
    check_theme(theme, root)
    house = branding(project)
    env = cache.fingerprint(root, options.formats, options.pdf_variant, options.audiences)
    house_files = cache.digest((house.logo or "").encode() + (house.docx_reference or b""))
    return Setup(theme, project.config.defaults, house,
                 cache.digest(f"{env}\n{theme}\n{cache.digest(project.source)}\n{house_files}".encode()))


def record_name(theme: str, formats: tuple[str, ...]) -> str:
    """Which cache record a build keeps: one per theme and set of formats, so that the
    preview's quick HTML-only pass and the full build never undo each other's record."""
    return theme if set(formats) == set(DEFAULT_FORMATS) else f"{theme}@{','.join(sorted(formats))}"


def _key(fingerprint: str, since: str | None, older: Older | None) -> str:
    """A "What changed" box depends on the earlier version too."""
    if since is None:
        return fingerprint
    compared = cache.digest(older.data) if older is not None else "new"
    return cache.digest(f"{fingerprint}\n{since}\n{compared}".encode())


def _current(task: Task, claims: Claims) -> BriefResult | None:
    """The result for a brief whose outputs are already current, or None to build it."""
    try:
        data = task.path.read_bytes()
    except OSError:
        return None  # the loader says what is wrong
    record = cache.current(task.out_dir, task.path, data, task.key, task.record)
    if record is None or claims.claim(record.meta_id, task.path) != task.path:
        return None
    if not cache.summary_path(task.out_dir, task.path).is_file():
        return None  # built before the desk index existed: its summary is needed
    return BriefResult(task.path, "current", outputs=[Path(p) for p in record.outputs],
                       warnings=cache.replay(record))
