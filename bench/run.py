"""Run the whole benchmark: generate briefs, measure every figure, print and save the table.

    python -m bench            # the full run: 100 briefs, about 7 minutes on 2 cores
    python -m bench --quick    # a smoke test: 4 briefs, one run of each timing, ~45 s
    python -m bench --quick --smoke   # the test suite's: the same steps on bare briefs, ~20 s

A figure that cannot be measured (a command failed, an option does not
exist yet) is reported as unavailable, with the reason, and the run goes on.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from bench import incremental, memory, overhead, report, startup, tagging
from bench.generate import BARE, DEFAULT_SEED, SIZES, Knobs, write_briefs
from bench.report import Figure, unavailable
from bench.timing import ROOT, BenchError, fingerprint, load, machine

RESULTS = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Settings:
    """How much to measure: the full run's defaults, or --quick's."""

    briefs: int = 100
    overhead_runs: int = 5
    startup_runs: int = 5
    noop_runs: int = 5
    edit_runs: int = 3
    warm_up: bool = True  # an untimed render on each side before the PDF overhead's runs
    tagging_brief: str = "large"  # the brief whose tagging is timed
    seed: int = DEFAULT_SEED
    bare: bool = False  # --smoke: every brief generated bare (generate.BARE), whatever its size

    def knobs(self, size: str) -> Knobs:
        """The knobs of the briefs that stand for `size` ("small" or "large")."""
        return BARE if self.bare else SIZES[size]


QUICK = Settings(briefs=4, overhead_runs=1, startup_runs=3, noop_runs=2, edit_runs=1,
                 warm_up=False, tagging_brief="small")  # a smoke test: the figure, not its size


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="a small run for smoke testing; results go to quick.json/.md")
    parser.add_argument("--smoke", action="store_true",
                        help="every brief bare (two parties, one point): proves that each "
                             "figure is measured and reported, in a fraction of the time; "
                             "for the test suite, whose figures mean nothing")
    parser.add_argument("--briefs", type=int, metavar="N",
                        help="briefs in the folder build, no-op, edit and memory figures")
    parser.add_argument("--runs", type=int, metavar="N",
                        help="timed runs behind each median (overhead, start-up, no-op)")
    parser.add_argument("--seed", type=int, help=f"generator seed (default {DEFAULT_SEED})")
    parser.add_argument("--results", type=Path, default=RESULTS, metavar="DIR",
                        help="where to write the JSON and Markdown (default: bench/results/)")
    parser.add_argument("--workdir", type=Path, metavar="DIR",
                        help="keep the generated briefs and outputs here (default: a "
                             "temporary folder, removed afterwards)")
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    chosen = QUICK if args.quick else Settings()
    if args.briefs is not None:
        chosen = replace(chosen, briefs=args.briefs)
    if args.runs is not None:
        chosen = replace(chosen, overhead_runs=args.runs, startup_runs=args.runs,
                         noop_runs=args.runs)
    if args.seed is not None:
        chosen = replace(chosen, seed=args.seed)
    if args.smoke:
        chosen = replace(chosen, bare=True)
    return chosen


def measure_all(settings: Settings, work: Path) -> list[Figure]:
    """Every figure, in table order; each step that fails is reported, not raised."""
    bare = " (bare, --smoke)" if settings.bare else ""
    say(f"generating {settings.briefs} small briefs and the two standard sizes{bare} in {work}")
    briefs = work / "briefs"
    for folder in (briefs, work / "standard"):  # a reused --workdir must not keep old briefs
        shutil.rmtree(folder, ignore_errors=True)
    write_briefs(briefs, settings.briefs, settings.knobs("small"), settings.seed, "bench-small")
    standard = {size: write_briefs(work / "standard" / size, 1, settings.knobs(size),
                                   settings.seed, f"bench-{size}")[0]
                for size in ("small", "large")}
    figures: list[Figure] = []
    for size, key in (("small", "pdf_overhead_4p"), ("large", "pdf_overhead_16p")):
        label = f"PDF overhead, {size} brief{bare}"
        figures += attempt(f"measuring the PDF overhead of the {size} brief",
                           lambda s=size, k=key, lb=label: [overhead.measure(
                               standard[s], work / "overhead" / s, settings.overhead_runs, k,
                               lb, settings.warm_up)], (key,))
    figures += attempt(f"measuring the cost of tagging the {settings.tagging_brief} brief",
                       lambda: [tagging.measure(standard[settings.tagging_brief], work / "tagging",
                                                settings.overhead_runs, settings.warm_up)],
                       ("pdf_tagging",))
    figures += attempt("measuring start-up", lambda: startup.measure(settings.startup_runs),
                       ("startup_help", "startup_check"))
    figures += _folder_figures(settings, briefs, work)
    figures += attempt(f"measuring memory over {settings.briefs} renders in one worker",
                       lambda: memory.measure(briefs, work / "out-memory", settings.briefs),
                       ("memory_peak", "memory_growth"))
    return figures


def _folder_figures(settings: Settings, briefs: Path, work: Path) -> list[Figure]:
    """(c), (d), the desk index and (e) share one output folder: all but (c) need a built one."""
    count = settings.briefs
    built: list[Path] = []

    def parallel() -> list[Figure]:
        figure, out = incremental.parallel(briefs, work, count)
        built.append(out)
        return [figure]

    figures = attempt(f"building {count} briefs with --jobs 1, then --jobs 2", parallel,
                      ("parallel_speedup",))
    if not built:
        return figures + [unavailable(key, "the first build failed")
                          for key in ("noop_rebuild", "desk_index", "one_edit_rebuild")]
    figures += attempt("rebuilding with nothing changed",
                       lambda: [incremental.noop(briefs, built[0], settings.noop_runs, count)],
                       ("noop_rebuild",))
    figures += attempt("indexing the built folder from its kept summaries",
                       lambda: [incremental.desk_index(briefs, built[0], settings.noop_runs,
                                                       count)],
                       ("desk_index",))
    figures += attempt("rebuilding after one edit",
                       lambda: [incremental.one_edit(briefs, built[0], work, settings.edit_runs,
                                                     count)], ("one_edit_rebuild",))
    return figures


def attempt(what: str, step: Callable[[], list[Figure]], keys: tuple[str, ...]) -> list[Figure]:
    """Run one measuring step; if a command fails, its figures are unavailable, with why."""
    say(what)
    started, before = time.perf_counter(), fingerprint()
    try:
        figures = step()
    except BenchError as exc:
        say(f"  unavailable: {exc}")
        return [unavailable(key, str(exc)) for key in keys]
    say(f"  done in {time.perf_counter() - started:.0f} s")
    if fingerprint() != before:
        say("  briefgen's code, templates, styles or fonts changed meanwhile: not valid")
        for figure in figures:
            figure.met = None
            figure.note = CHANGED
            figure.shown += " (invalid: briefgen changed during the measurement)"
    return figures


CHANGED = ("briefgen's code, templates, styles or fonts changed while this was measured "
           "(cached builds were invalidated, or two sides ran different code); run again")


def say(message: str) -> None:
    """Progress goes to stderr, so stdout carries only the table."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    settings = settings_from(args)
    about = machine()
    if about["load_before"] > 0.5:
        say(f"the machine is busy (load average {about['load_before']}); timings will be noisy")
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        figures = measure_all(settings, args.workdir.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as folder:
            figures = measure_all(settings, Path(folder))
    figures = report.ordered(figures)
    about["load_after"] = load()
    stem = "quick" if args.quick else "latest"
    shown = asdict(settings) | {"quick": args.quick}
    md, js = report.write(args.results, stem, figures, about, shown)
    print(report.markdown(figures, about, shown), end="")
    say(f"wrote {md} and {js}")
    return 0
