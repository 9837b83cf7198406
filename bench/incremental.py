"""(c) parallel build, (d) no-op rebuild and (e) one-edit rebuild of a folder of briefs, and
the desk index of that folder made again from its kept summaries.

All three run the real command line in fresh processes, as a user would.
Each rebuild also records which outputs were rewritten (by their
modification times), so a no-op that quietly rebuilt something, or an
edit that rebuilt everything, shows up in the JSON rather than as a fast time.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bench.report import Figure, ratio, seconds, unavailable
from bench.timing import BenchError, briefgen_command, median, run, timed_run

SPEEDUP_TARGET = 1.7
NOOP_TARGET_S = 1.0
EDIT_TARGET = 1.25  # "about one brief's build time": within a quarter of it
OUTPUT_SUFFIXES = (".md", ".html", ".pdf")
DESK = ("index.html", "index.md", "feed.xml")  # a build of a folder writes the desk index
DESK_TARGET_S = 1.0
STATUS = re.compile(r"^  status: (final|review)$", re.MULTILINE)


def has_jobs() -> bool:
    """Whether this briefgen's `build` takes `--jobs` (it is being added as this is written)."""
    return "--jobs" in run([*briefgen_command(), "build", "--help"]).stdout


def build(target: Path, out: Path, *extra: str) -> float:
    """Wall time of one `briefgen build TARGET --out OUT -q …` in a fresh process."""
    return timed_run([*briefgen_command(), "build", str(target), "--out", str(out), "-q", *extra])


def parallel(briefs: Path, work: Path, count: int) -> tuple[Figure, Path]:
    """A forced build from scratch with one worker, then with two; and the output folder."""
    label = f"Parallel build, {count} briefs: `--jobs 1` vs `--jobs 2`"
    target = f"\u2265 {SPEEDUP_TARGET:.1f}\u00d7"
    if not has_jobs():
        serial = build(briefs, work / "out", "--force")
        figure = unavailable("parallel_speedup", "`briefgen build` has no --jobs option yet")
        figure.detail = {"serial_s": serial}
        return figure, work / "out"
    one = build(briefs, _fresh(work / "out-j1"), "--force", "--jobs", "1")
    two = build(briefs, _fresh(work / "out-j2"), "--force", "--jobs", "2")
    value = one / two
    return Figure("parallel_speedup", label, round(value, 3), "x", target,
                  value >= SPEEDUP_TARGET,
                  shown=f"{ratio(value)} (`--jobs 1` {seconds(one)}, `--jobs 2` {seconds(two)})",
                  detail={"jobs1_s": one, "jobs2_s": two, "briefs": count}), work / "out-j2"


def noop(briefs: Path, out: Path, runs: int, count: int) -> Figure:
    """Rebuild with nothing changed: every brief should be found current and skipped.

    Every file under OUT counts, the cache's records too: a rebuilt brief
    rewrites its record even where its outputs come out the same.
    """
    times, rewritten = [], []
    for _ in range(runs):
        before = files(out)
        times.append(build(briefs, out))
        rewritten.append(len(_changed(before, files(out))))
    value = median(times)
    shown = seconds(value) + " (the desk index and feed included)"
    missing = [name for name in DESK if not (out / name).is_file()]
    if missing:
        shown += f" (no {', '.join(missing)}: the desk index was not written)"
    if any(rewritten):
        first = next(i for i, n in enumerate(rewritten) if n)
        shown += (f" (run {first + 1} of {runs} was no no-op: {rewritten[first]} files "
                  f"rewritten in {seconds(times[first])})")
    return Figure("noop_rebuild", f"No-op rebuild, {count} briefs", round(value, 3), "s",
                  f"< {NOOP_TARGET_S:.0f} s",
                  value < NOOP_TARGET_S and not any(rewritten) and not missing,
                  shown=shown, detail={"runs_s": times, "files_rewritten": rewritten,
                                       "desk_index_missing": missing},
                  note="a run rewrote files: not a no-op" if any(rewritten) else "")


def desk_index(briefs: Path, out: Path, runs: int, count: int) -> Figure:
    """`briefgen index OUT`: the desk index of a built folder made again from the summaries
    its builds kept (in the briefs' project cache, named with `--cache`, as a gather job
    would), as after gathering the folders of shards; it must list every brief."""
    from briefgen.writing.cache import cache_dir

    kept = cache_dir(next(briefs.glob("*.yaml")))
    times = [timed_run([*briefgen_command(), "index", str(out), "--cache", str(kept)])
             for _ in range(runs)]
    listed = (out / "index.html").read_text(encoding="utf-8").count('<li class="brief ')
    value = median(times)
    return Figure("desk_index", f"Desk index and feed of {count} briefs, from kept summaries",
                  round(value, 3), "s", f"< {DESK_TARGET_S:.0f} s",
                  value < DESK_TARGET_S and listed == count,
                  shown=f"{seconds(value)} ({listed} of {count} briefs listed)",
                  detail={"runs_s": times, "listed": listed},
                  note="" if listed == count else "the index does not list every brief")


def one_edit(briefs: Path, out: Path, work: Path, runs: int, count: int) -> Figure:
    """Edit one brief's YAML, rebuild the folder; compare with building that brief alone."""
    brief = sorted(briefs.glob("*.yaml"))[count // 2]
    edits, rewritten = [], []
    for _ in range(runs):
        _toggle_status(brief)
        before = outputs(out)
        edits.append(build(briefs, out))
        rewritten.append(len(_changed(before, outputs(out))))
    alone = [build(brief, _fresh(work / "alone"), "--force") for _ in range(runs)]
    value = median(edits) / median(alone)
    return Figure("one_edit_rebuild", f"One edit, {count} briefs: rebuild vs that brief alone",
                  round(value, 3), "x", f"\u2264 {EDIT_TARGET:.2f}\u00d7 one brief",
                  value <= EDIT_TARGET and set(rewritten) == {len(OUTPUT_SUFFIXES)},
                  shown=f"{ratio(value)} ({seconds(median(edits))} vs one brief alone "
                        f"{seconds(median(alone))})",
                  detail={"edit_s": edits, "alone_s": alone, "outputs_rewritten": rewritten,
                          "brief": brief.name})


def _toggle_status(brief: Path) -> None:
    """A real edit: meta.status flips between final and review, so the YAML's hash changes."""
    text = brief.read_text(encoding="utf-8")
    match = STATUS.search(text)
    if match is None:
        raise BenchError(f"{brief.name} has no `status:` line to edit")
    new = "review" if match.group(1) == "final" else "final"
    brief.write_text(text[:match.start(1)] + new + text[match.end(1):], encoding="utf-8")


def outputs(out: Path) -> dict[Path, int]:
    """Every brief's output file (.md, .html, .pdf; not the desk index, which an edit rewrites
    too) and its modification time, in nanoseconds."""
    return {p: p.stat().st_mtime_ns for p in out.iterdir()
            if p.suffix in OUTPUT_SUFFIXES and p.name not in DESK}


def files(out: Path) -> dict[Path, int]:
    """Every file under `out`, the build cache's records included, and its mtime."""
    return {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def _changed(before: dict[Path, int], after: dict[Path, int]) -> list[Path]:
    return [p for p, mtime in after.items() if before.get(p) != mtime]


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder
