"""Rebuild briefs as they are saved, in one warm worker process.

The worker is started once and imports WeasyPrint and lays out a first page
before the first save, so that a save pays only for its own build. Builds go
through the library's `build()`, which skips briefs whose outputs are
current: a save rebuilds only what it changed. A worker that dies is
replaced, and the build it was doing is tried once more in the new one.

Nothing here prints: every report goes to the caller's callback.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path

from briefgen.build import build
from briefgen.errors import BriefError
from briefgen.project.paths import builtin_dir, project_root
from briefgen.reading.discover import find_briefs
from briefgen.stages import DEFAULT_FORMATS, BuildReport
from briefgen.writing import cache

_CONTEXT = multiprocessing.get_context("spawn")  # never fork a process that runs threads


class WorkerError(Exception):
    """A build could not be done: the worker died twice, or briefgen has a bug (a traceback)."""


@dataclass(frozen=True)
class LiveBuild:
    """One call to `build()`, as the worker receives it."""

    paths: tuple[Path, ...]
    out_dir: Path
    formats: tuple[str, ...] = DEFAULT_FORMATS
    pdf_variant: str | None = None
    audiences: tuple[str, ...] = ()  # TLP levels to release a version for
    html_first: bool = False  # serve: show the new HTML before the slower PDF is laid out

    def passes(self) -> list[LiveBuild]:
        """The builds one change sets off: the whole job, or with `html_first` a quick pass
        without the PDF first, so that the page in the browser changes about a second after
        a save, and then the whole job."""
        quick = tuple(f for f in self.formats if f != "pdf")
        if not self.html_first or "html" not in quick or quick == self.formats:
            return [self]
        return [replace(self, formats=quick, html_first=False), replace(self, html_first=False)]


def _warm_up(formats: tuple[str, ...]) -> None:
    """Import WeasyPrint and lay out one page, so that the first real build is not the slow one."""
    if "pdf" not in formats:
        return
    from weasyprint import HTML

    from briefgen.rendering.pdf import shared_font_config

    HTML(string="<p>briefgen</p>").render(font_config=shared_font_config())


def _work(conn: Connection, formats: tuple[str, ...]) -> None:
    """The worker's loop: one job in, one report (or an error) out, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _warm_up(formats)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(("report", build(job.paths, job.out_dir, job.formats, job.pdf_variant,
                                       audiences=job.audiences)))
        except BriefError as exc:
            conn.send(("error", exc))
        except Exception:  # a bug in briefgen: send its traceback rather than die silently
            conn.send(("bug", traceback.format_exc()))


class Worker:
    """One warm build process, started on demand, replaced when it dies, and retired after
    `RETIRE_AFTER` builds: WeasyPrint's memory creeps up by a few MiB per hundred
    renders (bench/ figure f), and a long editing session must not grow without bound."""

    RETIRE_AFTER = 200

    def __init__(self, formats: tuple[str, ...] = DEFAULT_FORMATS) -> None:
        self.formats = formats
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None
        self.restarts = 0
        self.builds = 0

    def start(self) -> None:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=_work, args=(child, self.formats), daemon=True,
                                   name="briefgen-worker")
        process.start()
        child.close()
        self.process, self.conn = process, parent

    def build(self, job: LiveBuild) -> BuildReport:
        """Run `job` in the worker; a dead worker is replaced and the job tried once more."""
        if self.builds >= self.RETIRE_AFTER:
            self.stop()
            self.builds = 0
        self.builds += 1
        for attempt in range(2):
            if self.process is None or not self.process.is_alive():
                if self.process is not None:
                    self.restarts += 1
                self.stop()
                self.start()
            try:
                self.conn.send(job)
                kind, payload = self.conn.recv()
            except (EOFError, OSError):
                if attempt:
                    raise WorkerError("the build worker stopped twice in a row (exit code "
                                      f"{self.process.exitcode})") from None
                continue
            if kind == "report":
                return payload
            if kind == "error":
                raise payload
            raise WorkerError(f"internal error (a bug in briefgen):\n{payload}")
        raise AssertionError("unreachable")

    def stop(self) -> None:
        """End the worker, politely first."""
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.conn.close()
        if self.process is not None:
            self.process.join(timeout=2)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
        self.process, self.conn = None, None


def watched_folders(paths: Iterable[Path], out_dir: Path) -> list[Path]:
    """Every folder whose files can change a build: the briefs' own folders and every folder
    holding a local source or image they read, the projects' templates, styles and fonts, and
    the built-in ones. Folders, not files, since editors save by replacing the file."""
    folders: set[Path] = set()
    for path in paths:
        folders.add(path.resolve() if path.is_dir() else path.resolve().parent)
    try:
        briefs = find_briefs(paths)
    except BriefError:
        briefs = []
    for brief in briefs:
        project = project_root(brief)
        if project is not None:
            folders.update(project / name for name in ("templates", "styles", "fonts"))
        folders.update(p.parent for p in cache.recorded_inputs(out_dir, brief))
    folders.update(builtin_dir(name) for name in ("templates", "styles", "fonts"))
    return sorted(f for f in folders if f.is_dir())


def _relevant(out_dir: Path) -> Callable[[object, str], bool]:
    """A watchfiles filter: its default (no editor swap files, no .git) minus our own outputs
    and build records."""
    from watchfiles import DefaultFilter

    default = DefaultFilter()
    out = out_dir.resolve()

    def keep(change: object, path: str) -> bool:
        return (default(change, path) and not Path(path).resolve().is_relative_to(out)
                and cache.CACHE_DIR not in Path(path).parts)  # our own records

    return keep


def watch(job: LiveBuild, on_report: Callable[[BuildReport], None], on_error: Callable[[str], None],
          stop: threading.Event | None = None,
          on_ready: Callable[[list[Path]], None] | None = None) -> None:
    """Build once, then again after every change, until `stop` is set (or Ctrl-C).

    `on_report` gets every build's report, `on_error` a build that could not
    run at all (a missing path, a dead worker), `on_ready` the folders watched
    each time the watching (re)starts. The set of watched folders is worked
    out again after each build, so that a newly cited source is watched too.
    The one worker is started here and ended on the way out, however that is.
    """
    from watchfiles import watch as changes

    worker = Worker(job.formats)
    keep = _relevant(job.out_dir)
    seen: dict[str, tuple[int, int]] = {}

    def run() -> None:
        nonlocal seen
        seen = _snapshot(watched_folders(job.paths, job.out_dir), keep)
        try:
            todo = job.passes()
            while todo:
                report = worker.build(todo.pop(0))
                on_report(report)
                good = tuple(r.path for r in report.results if r.status in ("built", "current"))
                todo = [replace(rest, paths=good) for rest in todo if good]  # no refusal twice
        except (BriefError, WorkerError) as exc:
            on_error(str(exc))

    try:
        run()
        while stop is None or not stop.is_set():
            folders = watched_folders(job.paths, job.out_dir)
            started = False
            for batch in changes(*folders, watch_filter=keep, stop_event=stop, step=50,
                                 rust_timeout=250, yield_on_timeout=True):
                if not started:
                    # Now that changes are seen, catch any saved while the watcher started.
                    started = True
                    if batch or _snapshot(folders, keep) != seen:
                        run()
                    if on_ready is not None:
                        on_ready(folders)
                elif batch:
                    run()
                if watched_folders(job.paths, job.out_dir) != folders:
                    break  # watch the new set of folders
    finally:
        worker.stop()


def _snapshot(folders: list[Path], keep: Callable[[object, str], bool]
              ) -> dict[str, tuple[int, int]]:
    """The size and modification time of every watched file, to notice a save between two
    watchers."""
    found = {}
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file() and keep(None, str(path)):
                found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found
