"""The one library entry point: find briefs, then load, validate, render and write each.

`build()` returns a report and never prints or exits; the CLI, the tests and
the benchmarks all call it.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from briefgen.branding import Branding
from briefgen.checks import walk_fields
from briefgen.config import Defaults, branding, load_project
from briefgen.derive import moment
from briefgen.diff import Since
from briefgen.diff import since as what_changed
from briefgen.errors import BriefError, BriefRefused, Problem, UsageError, display_path
from briefgen.loader import Loaded, load_brief
from briefgen.markdown import Images, image_sources
from briefgen.model import Brief
from briefgen.model.fields import SLUG
from briefgen.notices import notices
from briefgen.pdf_files import BRIEF_DESCRIPTION, SOURCE_DESCRIPTION, Embedded
from briefgen.project import BRIEF_SUFFIXES, local_source, project_root, readable_roots
from briefgen.themes import DEFAULT_THEME, check_budget, check_theme, output_stem, with_defaults
from briefgen.validate import validate
from briefgen.view import build_view

if TYPE_CHECKING:  # imported where used, so that `briefgen check` never pays for them
    from briefgen.pdf import LaidOut
    from briefgen.revisions import Older

FORMATS = ("md", "html", "pdf")
CONTENTS_MIN_PAGES = 2  # a PDF longer than this opens with a table of contents


@dataclass
class BriefResult:
    """What happened to one brief."""

    path: Path
    status: str  # "built", "current" (skipped, outputs up to date), "checked", "refused", "failed"
    outputs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)  # earlier outputs a refusal left in place
    error: str | None = None
    worker: int | None = None  # the process id that rendered it, when it was rendered


@dataclass
class BuildReport:
    results: list[BriefResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.status in ("built", "checked", "current") for r in self.results)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def find_briefs(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the briefs below them; refuse paths that do not exist."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            briefs = sorted(p for p in path.rglob("*") if p.suffix in BRIEF_SUFFIXES
                            and p.is_file() and not _hidden(p.relative_to(path)))
            if not briefs:
                raise UsageError(f"no *.yaml briefs in {display_path(path)}")
            found.extend(briefs)
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{display_path(path)}: no such file or folder")
    return list(dict.fromkeys(found))


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def parse_formats(text: str) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise UsageError(f"--format takes a comma-separated list of {', '.join(FORMATS)}; "
                         f"got '{text}'")
    return wanted


def check(paths: Iterable[Path]) -> BuildReport:
    """Validate every brief and its verbatim quotes; write nothing."""
    report = BuildReport()
    for path in find_briefs(paths):
        try:
            loaded = load_brief(path)
            brief = validate(loaded)
            report.results.append(BriefResult(path, "checked", warnings=notices(brief, loaded)))
        except BriefRefused as exc:
            report.results.append(BriefResult(path, "refused", problems=exc.problems))
    return report


@dataclass(frozen=True)
class Options:
    """What to build: the formats, the PDF variant if one is wanted, whether to rebuild
    briefs whose outputs are already current, and the earlier version (a file or a git
    revision) that a "What changed" box compares each brief with."""

    formats: tuple[str, ...] = FORMATS
    pdf_variant: str | None = None
    force: bool = False
    since: str | None = None
    theme: str | None = None  # None: the project's configured theme, else "brief"


@dataclass(frozen=True)
class Setup:
    """What a project gives each of its briefs in one build, worked out once: the theme,
    the default markings, the branding (its logo read and checked once, not per brief),
    and the hash of everything outside a brief that shapes its outputs."""

    theme: str = DEFAULT_THEME
    defaults: Defaults = Defaults()
    house: Branding = Branding()
    env: str = ""


@dataclass(frozen=True)
class Job:
    """One brief to render, as a worker process receives it."""

    path: Path
    out_dir: Path
    options: Options
    setup: Setup = Setup()
    older: Older | None = None


@dataclass
class Rendered:
    """A brief rendered in memory by a worker, for the parent to claim, write and record."""

    path: Path
    meta_id: str
    source: bytes
    outputs: dict[Path, bytes]
    inputs: list[Path]
    warnings: list[Problem]
    worker: int | None = None


Progress = Callable[[BriefResult, int, int], None]  # a result, how many are done, of how many


def build(paths: Iterable[Path], out_dir: Path, formats: tuple[str, ...] = FORMATS,
          pdf_variant: str | None = None, *, force: bool = False, since: str | None = None,
          theme: str | None = None, jobs: int = 1, shard: tuple[int, int] | None = None,
          progress: Progress | None = None) -> BuildReport:
    """Build every brief under `paths` into `out_dir`; one refused brief never stops the rest.

    A brief whose outputs already reflect its YAML, sources, images, the
    templates, styles, fonts, briefgen itself and the options is skipped,
    unless `force` is set. The others are rendered by `jobs` worker
    processes; this process alone claims ids and writes, in the order the
    briefs were found, so the outputs never depend on which worker was faster.
    `shard=(k, n)` builds the k-th of n deterministic shares of the briefs.
    Each brief's project configuration (briefgen.toml) gives its house style;
    a mistake in it refuses the build before anything is rendered.
    """
    from briefgen import workers
    from briefgen.revisions import RevisionError, older_version, since_is_file

    options = Options(formats, pdf_variant, force, since, theme)
    briefs = select_shard(find_briefs(paths), shard)
    if since is not None and since_is_file(since) and len(briefs) > 1:
        raise UsageError(f"--since {since} is one file, so it can stand for an earlier version "
                         f"of one brief, not of {len(briefs)}; give one brief, or a git "
                         "revision")
    report = BuildReport()
    claimed: dict[str, Path] = {}
    setups: dict[Path | None, Setup] = {}
    done: dict[int, BriefResult] = {}
    waiting: list[tuple[int, Job, str]] = []
    for index, path in enumerate(briefs):
        root = project_root(path)
        if root not in setups:
            setups[root] = _setup(root, options)
        setup = setups[root]
        try:
            older = older_version(path, since) if since is not None else None
        except RevisionError as exc:
            done[index] = BriefResult(path, "failed", error=str(exc))
            continue
        env = _with_older(setup.env, since, older)
        record = _record_name(setup.theme, formats)
        skipped = None if force else _current(path, out_dir, env, claimed, record)
        if skipped is not None:
            done[index] = skipped
        else:
            waiting.append((index, Job(path, out_dir, options, setup, older), env))
    count = 0

    def finish(index: int, result: BriefResult) -> None:
        nonlocal count
        done[index] = result
        count += 1
        if progress is not None:
            progress(result, count, len(briefs))

    for index in sorted(done):
        finish(index, done[index])
    rendered = workers.render(render_job, [job for _, job, _ in waiting], jobs,
                              pdf="pdf" in formats, died=_died)
    for (index, job, env), outcome in zip(waiting, rendered, strict=True):
        if isinstance(outcome, Rendered):
            outcome = _write(outcome, out_dir, claimed, env,
                             _record_name(job.setup.theme, job.options.formats))
        finish(index, outcome)
    report.results = [done[index] for index in range(len(briefs)) if index in done]
    return report


def _record_name(theme: str, formats: tuple[str, ...]) -> str:
    """Which cache record a build keeps: one per theme and set of formats, so that the
    preview's quick HTML-only pass and the full build never undo each other's record."""
    return theme if set(formats) == set(FORMATS) else f"{theme}@{','.join(sorted(formats))}"


def _setup(root: Path | None, options: Options) -> Setup:
    """A project's setup for this build, from its briefgen.toml and the options."""
    from briefgen import cache

    project = load_project(root)
    theme = options.theme or project.config.build.theme or DEFAULT_THEME
    check_theme(theme, root)
    house = branding(project)
    env = cache.environment(root, options.formats, options.pdf_variant)
    logo = cache.digest((house.logo or "").encode())
    return Setup(theme, project.config.defaults, house,
                 cache.digest(f"{env}\n{theme}\n{cache.digest(project.source)}\n{logo}".encode()))


def _died(job: Job, why: str) -> BriefResult:
    return BriefResult(job.path, "failed", error=f"the worker process rendering it stopped "
                                                 f"unexpectedly, so nothing was written ({why})")


def select_shard(briefs: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """The k-th of n shares: every n-th brief of the sorted list, starting at the k-th.

    The list is sorted by path, so every machine given the same checkout and
    the same arguments picks the same share, and the n shares together are
    exactly the briefs of a full build.
    """
    if shard is None:
        return briefs
    k, n = shard
    return [path for i, path in enumerate(sorted(briefs, key=lambda p: p.as_posix()))
            if i % n == k - 1]


def _with_older(env: str, since: str | None, older: Older | None) -> str:
    """A "What changed" box depends on the earlier version too."""
    from briefgen import cache

    if since is None:
        return env
    compared = cache.digest(older.data) if older is not None else "new"
    return cache.digest(f"{env}\n{since}\n{compared}".encode())


def render_job(job: Job) -> Rendered | BriefResult:
    """Load, validate and render one brief in memory; this is what a worker runs."""
    outcome = _render(job)
    outcome.worker = os.getpid()
    return outcome


def _render(job: Job) -> Rendered | BriefResult:
    loaded: Loaded | None = None
    try:
        loaded = load_brief(job.path)
        brief = validate(loaded)
        warnings = notices(brief, loaded)
        since = None
        if job.options.since is not None:
            from briefgen.revisions import load_older

            old = load_older(job.path, job.older) if job.older is not None else None
            since = what_changed(old, brief, job.older.rev or job.older.name
                                 if job.older is not None else job.options.since)
        brief = with_defaults(brief, job.setup.defaults)
        outputs = render_all(brief, loaded, job.out_dir, job.options, since, job.setup)
    except BriefRefused as exc:
        return BriefResult(job.path, "refused", problems=exc.problems,
                           stale=_earlier_outputs(loaded, job.out_dir, job.options.formats,
                                                  job.setup.theme))
    except BriefError as exc:
        return BriefResult(job.path, "failed", error=str(exc))
    except Exception:  # a bug: keep building the other briefs, and show the traceback
        return BriefResult(job.path, "failed", error="internal error (a bug in briefgen):\n"
                                                     + traceback.format_exc())
    return Rendered(job.path, brief.meta.id, loaded.source, outputs,
                    inputs_of(brief, loaded), warnings)


def _write(rendered: Rendered, out_dir: Path, claimed: dict[str, Path], env: str,
           record: str) -> BriefResult:
    """Claim the brief's id, write its outputs atomically, and record the build."""
    from briefgen import cache
    from briefgen.writer import remove_stale_temps, write_atomic

    path = rendered.path
    other = claimed.setdefault(rendered.meta_id, path)
    if other != path:
        problem = load_brief(path, rendered.source).problem(
            ("meta", "id"), f"'{rendered.meta_id}' is also the id of {display_path(other)}; "
                            "two briefs cannot write the same outputs")
        return BriefResult(path, "refused", problems=[problem],
                           stale=[p for p in rendered.outputs if p.is_file()])
    written: list[Path] = []
    target = out_dir
    try:
        for target, data in rendered.outputs.items():
            remove_stale_temps(target.parent, target.name)
            if not _holds(target, data):  # the same bytes stay untouched: no reload, no churn
                write_atomic(target, data)
            written.append(target)
    except OSError as exc:  # a full disk, a read-only folder: the user's to fix, not a bug
        done = f"; already written: {', '.join(display_path(p) for p in written)}" if written \
            else ""
        return BriefResult(path, "failed", outputs=written,
                           error=f"cannot write {display_path(target)} in "
                                 f"{display_path(out_dir)}: {exc.strerror}{done}")
    cache.remember(out_dir, path, rendered.meta_id, rendered.source, rendered.inputs, env,
                   written, rendered.warnings, record)
    return BriefResult(path, "built", outputs=written, warnings=rendered.warnings,
                       worker=rendered.worker)


def _holds(path: Path, data: bytes) -> bool:
    """Whether `path` already holds exactly `data`."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _current(path: Path, out_dir: Path, env: str, claimed: dict[str, Path],
             record_name: str) -> BriefResult | None:
    """The result for a brief whose outputs are already current, or None to build it."""
    from briefgen import cache

    try:
        data = path.read_bytes()
    except OSError:
        return None  # the loader says what is wrong
    record = cache.current(out_dir, path, data, env, record_name)
    if record is None or claimed.setdefault(record.meta_id, path) != path:
        return None
    return BriefResult(path, "current", outputs=[Path(p) for p in record.outputs],
                       warnings=cache.replay(record))


def inputs_of(brief: Brief, loaded: Loaded) -> list[Path]:
    """Every file besides the YAML that the build read: local sources and images."""
    found = [p for s in brief.sources if s.local_path
             for p in [local_source(loaded.path, s.local_path)] if p is not None]
    images = Images(base=loaded.path.resolve().parent,
                    roots=tuple(readable_roots(loaded.path)))
    for _loc, shape, value, _parent in walk_fields(loaded.data):
        if shape.markdown and isinstance(value, str):
            found += [p.resolve() for src in image_sources(value)
                      for p in [images.local_file(src)] if p is not None]
    return found


def _earlier_outputs(loaded: Loaded | None, out_dir: Path, formats: tuple[str, ...],
                     theme: str) -> list[Path]:
    """Outputs of an earlier build that a refused brief leaves in place, now out of date."""
    meta = loaded.data.get("meta") if loaded is not None else None
    ident = meta.get("id") if isinstance(meta, dict) else None
    if not isinstance(ident, str) or not SLUG.match(ident):
        return []
    stem = output_stem(ident, theme)
    return [p for p in (out_dir / f"{stem}.{fmt}" for fmt in formats) if p.is_file()]


def render_all(brief: Brief, loaded: Loaded, out_dir: Path, options: Options,
               since: Since | None = None, setup: Setup = Setup()) -> dict[Path, bytes]:
    """Every requested output, rendered in memory before anything is written.

    A PDF over two pages opens with a table of contents, and a shorter one
    does not; when the first layout proves the guess wrong, the HTML is
    rendered again the other way and laid out once more. The HTML written
    in the same build is that final HTML. A theme that declares a page
    budget refuses a brief whose PDF runs over it.
    """
    from briefgen.render import render_html, render_markdown

    path = loaded.path
    view = build_view(brief, since)
    house, theme = setup.house, setup.theme
    stem = output_stem(brief.meta.id, theme)

    def named(ext: str) -> Path:
        return out_dir / f"{stem}.{ext}"

    outputs: dict[Path, bytes] = {}
    if "md" in options.formats:
        outputs[named("md")] = render_markdown(view, path, out_dir, house,
                                                           theme).encode("utf-8")
    if "html" not in options.formats and "pdf" not in options.formats:
        return outputs

    def render_html_() -> str:
        return render_html(view, path, house, theme)

    html = render_html_()
    if "pdf" in options.formats:
        from briefgen.pdf import lay_out

        def pdf(html: str) -> LaidOut:
            return lay_out(html, path, stamp=moment(brief.meta.date),
                           embedded=embedded_files(brief, loaded), variant=options.pdf_variant)

        laid = pdf(html)
        if (laid.pages > CONTENTS_MIN_PAGES) != view.has_contents:
            view = view.with_contents(laid.pages > CONTENTS_MIN_PAGES)
            html = render_html_()
            laid = pdf(html)
        check_budget(html, laid, loaded, view, theme)
        outputs[named("pdf")] = laid.write()
    if "html" in options.formats:
        outputs[named("html")] = html.encode("utf-8")
    return outputs


def embedded_files(brief: Brief, loaded: Loaded) -> tuple[Embedded, ...]:
    """The brief's YAML exactly as read, and every local source text it cites."""
    files = [Embedded(loaded.path.name, loaded.source, BRIEF_DESCRIPTION, "Source")]
    for source in brief.sources:
        if source.local_path is None:
            continue
        found = local_source(loaded.path, source.local_path)
        if found is not None:  # validation has already refused a missing or outside file
            files.append(Embedded(PurePosixPath(source.local_path).as_posix(), found.read_bytes(),
                                  f"{SOURCE_DESCRIPTION}: {source.id}", "Data"))
    return tuple(dict((f.name, f) for f in files).values())
