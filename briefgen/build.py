"""The one library entry point, read top to bottom as the plan of a build:

discover → plan → load → validate → render → write.

`build()` returns a report and never prints or exits; the CLI, the tests,
the benchmarks and the watch loop all call it. Each stage hands the next
what it found and never reads an earlier stage's input again.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefError, BriefRefused, UsageError
from briefgen.project.themes import with_defaults
from briefgen.reading.discover import find_briefs, select_shard
from briefgen.reading.loader import Loaded, load_brief
from briefgen.stages import (
    DEFAULT_FORMATS,
    BriefResult,
    BuildReport,
    Options,
    Progress,
    Rendered,
    Task,
)
from briefgen.validation.notices import in_force, notices
from briefgen.validation.validate import Checked, check_brief, validate

if TYPE_CHECKING:
    from briefgen.model import Brief
    from briefgen.model.diff import Since
    from briefgen.rendering.outputs import Outputs


def build(paths: Iterable[Path], out_dir: Path, formats: tuple[str, ...] = DEFAULT_FORMATS,
          pdf_variant: str | None = None, *, force: bool = False, since: str | None = None,
          theme: str | None = None, jobs: int = 1, shard: tuple[int, int] | None = None,
          progress: Progress | None = None, audiences: tuple[str, ...] = (),
          today: dt.date | None = None) -> BuildReport:
    """Build every brief under `paths` into `out_dir`; one refused brief never stops the rest.

    A brief whose outputs already reflect its YAML, sources, images, the
    templates, styles, fonts, briefgen itself and the options is skipped,
    unless `force` is set. The others are rendered by `jobs` worker
    processes; this process alone claims ids and writes, in the order the
    briefs were found, so the outputs never depend on which worker was faster.
    `shard=(k, n)` builds the k-th of n deterministic shares of the briefs.
    Each brief's project configuration (briefgen.toml) gives its house style;
    a mistake in it refuses the build before anything is rendered.
    For each of `audiences` (TLP levels), every brief also gets the version
    released to that audience, made from a released brief (`briefgen.release`).
    Warnings about deadlines (a review date, a risk's horizon) are those passed by
    `today` (default: the machine's date); the outputs never depend on it.
    """
    from briefgen import workers
    from briefgen.reading.revisions import since_is_file
    from briefgen.schedule import plan
    from briefgen.writing.outputs import write_rendered

    options = Options(formats, pdf_variant, force, since, theme, tuple(audiences))
    paths = list(paths)
    found = find_briefs(paths)
    briefs = select_shard(found, shard)
    if since is not None and since_is_file(since) and len(briefs) > 1:
        raise UsageError(f"--since {since} is one file, so it can stand for an earlier version "
                         f"of one brief, not of {len(briefs)}; give one brief, or a git "
                         "revision")
    work = plan(briefs, out_dir, options)
    results = Results(len(briefs), progress, today or dt.date.today())
    for index in sorted(work.known):
        results.add(index, work.known[index])
    rendered = workers.render(render_task, work.tasks, jobs, pdf="pdf" in formats, died=_died)
    for task, outcome in zip(work.tasks, rendered, strict=True):
        if isinstance(outcome, Rendered):
            outcome = write_rendered(outcome, task, work.claims)
        results.add(task.index, outcome)
    report = results.report()
    if shard is None and any(path.is_dir() for path in paths):
        _index(report, found, out_dir, options, results.today)
    return report


def _index(report: BuildReport, briefs: list[Path], out_dir: Path, options: Options,
           today: dt.date) -> None:
    """A build of a folder also writes the desk index, from every brief's kept summary. A
    shard writes none: the shards' folders, merged, are indexed by `briefgen index`."""
    from briefgen.index.desk import DeskClash, index_folder

    try:
        report.index = index_folder(out_dir, briefs, options.audiences, today)
    except DeskClash as exc:
        report.index_error = str(exc)
    except OSError as exc:
        report.index_error = f"cannot write the desk index in {out_dir}: {exc.strerror}"


def check(paths: Iterable[Path], audiences: tuple[str, ...] = (),
          today: dt.date | None = None) -> BuildReport:
    """Validate every brief and its verbatim quotes, and its version for each of
    `audiences`; write nothing. Deadlines are judged on `today` (default: the machine's
    date)."""
    from briefgen.project.config import load_project
    from briefgen.project.paths import project_root

    report = BuildReport()
    for path in find_briefs(paths):
        try:
            loaded = load_brief(path)
            default = load_project(project_root(path)).config.defaults.tlp
            checked = check_brief(loaded, audiences, default, light=True)  # no pydantic
            warnings = in_force(notices(checked.brief, checked.loaded or loaded),
                                today or dt.date.today())
            report.results.append(BriefResult(path, "checked", warnings=warnings))
        except BriefRefused as exc:
            report.results.append(BriefResult(path, "refused", problems=exc.problems))
    return report


def render_task(task: Task) -> Rendered | BriefResult:
    """Load, validate and render one brief in memory; this is what a worker runs."""
    outcome = _render(task)
    outcome.worker = os.getpid()
    return outcome


def _render(task: Task) -> Rendered | BriefResult:
    from briefgen.writing.outputs import earlier_outputs

    loaded: Loaded | None = None
    options = task.options
    try:
        loaded = load_brief(task.path)
        checked = check_brief(loaded, options.audiences, task.setup.defaults.tlp)
        warnings = notices(checked.brief, checked.loaded or loaded)
        files: dict[Path, bytes] = {}
        images: list[Path] = []
        versions: dict[str, dict[str, object]] = {}
        for version in (checked, *checked.releases.values()):
            outputs = _render_version(task, loaded, version)
            files.update(outputs.files)
            images += outputs.images
            warnings += [n for n in outputs.notices if n not in warnings]
            versions[version.audience or ""] = _summary(task, version)
    except BriefRefused as exc:
        return BriefResult(task.path, "refused", problems=exc.problems,
                           stale=earlier_outputs(loaded.data if loaded else None, task.out_dir,
                                                 options.formats, task.setup.theme,
                                                 options.audiences))
    except BriefError as exc:
        return BriefResult(task.path, "failed", error=str(exc))
    except Exception:  # a bug: keep building the other briefs, and show the traceback
        import traceback

        return BriefResult(task.path, "failed", error="internal error (a bug in briefgen):\n"
                                                      + traceback.format_exc())
    line, col = loaded.where(("meta", "id"))
    read = [path for path, _data in checked.sources.values()] + list(dict.fromkeys(images))
    from briefgen.index.summary import FORMAT

    summary = {"format": FORMAT, "path": str(task.path.resolve()), "id": checked.brief.meta.id,
               "desk": task.setup.house.organisation, "versions": versions}
    return Rendered(task.path, checked.brief.meta.id, (loaded.file, line, col), loaded.source,
                    files, read, warnings, summary=summary)


def _summary(task: Task, version: Checked) -> dict[str, object]:
    """What the desk index shows of one version, made from that version's brief alone."""
    from briefgen.index.summary import summarise
    from briefgen.project.themes import output_stem

    brief = with_defaults(version.brief, task.setup.defaults)
    return summarise(brief, output_stem(brief.meta.id, task.setup.theme, version.audience))


def _render_version(task: Task, loaded: Loaded, version: Checked) -> Outputs:
    """One version of a brief, the full one or one released to an audience, rendered from
    its own validated brief alone. A released PDF carries the released YAML, written from
    the released model, and only the sources that version cites."""
    from briefgen.release.document import released_name, released_yaml
    from briefgen.rendering.outputs import render_outputs
    from briefgen.writing.attachments import embedded_files

    brief = with_defaults(version.brief, task.setup.defaults)
    since = _since(task, brief, version.audience)
    if version.audience is None:
        yaml_name, yaml_bytes = loaded.path.name, loaded.source
    else:
        yaml_name = released_name(brief.meta.id, version.audience)
        yaml_bytes = released_yaml(brief, version.raised)
    embedded = embedded_files(brief, yaml_bytes, yaml_name, version.sources)
    return render_outputs(brief, version.loaded or loaded, task.out_dir, task.options, since,
                          task.setup.house, task.setup.theme, embedded, version.audience)


def _since(task: Task, brief: Brief, audience: str | None) -> Since | None:
    """The "What changed" box, when the build compares with an earlier version. A released
    version is compared with the earlier version released to the same audience; an
    earlier version that could not be released to it counts as none."""
    if task.options.since is None:
        return None
    from briefgen.model.diff import since

    old = None
    if task.older is not None:
        older = load_brief(task.path, task.older.data, task.older.name)
        default = task.setup.defaults.tlp
        if audience is None:
            old = validate(older, default)
        else:
            try:
                old = check_brief(older, (audience,), default).releases[audience].brief
            except BriefRefused:
                old = None
    name = task.older.rev or task.older.name if task.older is not None else task.options.since
    return since(old, brief, name)


def _died(task: Task, why: str) -> BriefResult:
    return BriefResult(task.path, "failed", error=f"the worker process rendering it stopped "
                                                  f"unexpectedly, so nothing was written ({why})")


class Results:
    """The results of a build in the order the briefs were found, told to `progress` as
    each one arrives, with the warnings in force on `today`."""

    def __init__(self, total: int, progress: Progress | None, today: dt.date) -> None:
        self.total, self.progress, self.today = total, progress, today
        self.found: dict[int, BriefResult] = {}

    def add(self, index: int, result: BriefResult) -> None:
        result.warnings = in_force(result.warnings, self.today)  # the cache keeps them all
        self.found[index] = result
        if self.progress is not None:
            self.progress(result, len(self.found), self.total)

    def report(self) -> BuildReport:
        return BuildReport([self.found[index] for index in sorted(self.found)])
