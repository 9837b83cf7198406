"""What the command line prints about briefs: each one's outcome as it happens, a progress
bar on a terminal, and a summary at the end. The library returns results; this says them."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from briefgen.errors import Problem, display_path

if TYPE_CHECKING:
    from briefgen.build import BriefResult, BuildReport


def print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def print_report(report: BuildReport, quiet: bool, wrote: bool) -> None:
    printer = Printer(quiet, wrote, bar=False)
    for result in report.results:
        printer.result(result)
    printer.summary(report)


class Printer:
    """Says what happened to each brief as it happens, under a progress bar on a terminal."""

    BAR_FROM = 4  # briefs: fewer build too fast for a bar to help

    def __init__(self, quiet: bool, wrote: bool, bar: bool | None = None) -> None:
        self.quiet, self.wrote = quiet, wrote
        self.bar = not quiet and sys.stderr.isatty() if bar is None else bar
        self.drawn = False

    def progress(self, result: BriefResult, done: int, total: int) -> None:
        self.clear()
        self.result(result)
        if self.bar and total >= self.BAR_FROM and done < total:
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                             f"{display_path(result.path)[-40:]}")
            sys.stderr.flush()
            self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.drawn = False

    close = clear

    def result(self, result: BriefResult) -> None:
        name = display_path(result.path)
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        if result.status == "refused":
            print_problems(result.problems)
            count = len(result.problems)
            print(f"{name}: refused ({count} problem{'s' if count != 1 else ''})"
                  + ("; nothing written" if self.wrote else ""), file=sys.stderr)
            if result.stale:
                stale = ", ".join(display_path(p) for p in result.stale)
                one = len(result.stale) == 1
                print(f"{name}: note: {stale} {'is' if one else 'are'} from an earlier build "
                      f"and {'does' if one else 'do'} not show this edit", file=sys.stderr)
        elif result.status == "failed":
            print(f"{name}: {result.error}", file=sys.stderr)
            print(f"{name}: failed" + ("; nothing written" if self.wrote else ""),
                  file=sys.stderr)
        elif not self.quiet:
            outputs = ", ".join(display_path(p) for p in result.outputs)
            said = {"checked": "ok", "built": f"built {outputs}",
                    "current": "current (nothing changed since the last build)"}
            print(f"{name}: {said[result.status]}", flush=True)

    def index(self, report: BuildReport) -> None:
        """The desk index's files, or why it could not be written."""
        if report.index_error is not None:
            print(f"briefgen: {report.index_error}", file=sys.stderr)
        elif report.index and not self.quiet:
            print("briefgen: desk index " + ", ".join(display_path(p) for p in report.index),
                  flush=True)

    def summary(self, report: BuildReport, seconds: float | None = None) -> None:
        """How many briefs were built, skipped as current, checked, refused or failed."""
        if self.quiet or len(report.results) <= 1:
            return
        parts = [f"{report.count(s)} {s}" for s in ("built", "current", "checked", "refused",
                                                     "failed") if report.count(s)]
        took = f" in {seconds:.1f} s" if seconds is not None else ""
        print("briefgen: " + ", ".join(parts) + took, file=sys.stderr)
