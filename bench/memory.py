"""(f) Memory: peak resident memory of one worker, and whether it grows over many renders.

A fresh process (`python -m bench.memory BRIEFS OUT`) renders every brief
one after another through briefgen's library entry point, as one worker
does, and reads its own VmRSS after each render and VmHWM (the peak) at the
end. Growth compares the mean RSS over the last tenth of the renders with
the second tenth (renders 91-100 against 11-20 for 100 briefs): the first
tenth is left out because caches (fonts, templates) fill during it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.report import Figure
from bench.timing import ROOT, run

PEAK_TARGET_MIB = 150.0
GROWTH_TARGET_MIB = 2.0  # "no growth": 10-render means wobble by about 1 MiB


def measure(briefs: Path, out: Path, count: int) -> list[Figure]:
    done = run([sys.executable, "-m", "bench.memory", str(briefs), str(out)], ROOT)
    samples = json.loads(done.stdout)
    rss, peak = samples["rss_mib"], samples["hwm_mib"]
    early, late = windows(len(rss))
    growth = _mean(rss[late]) - _mean(rss[early])
    span = f"renders {_span(early)} \u2192 {_span(late)}"
    detail = {"rss_mib": rss, "hwm_mib": peak, "renders": len(rss)}
    return [Figure("memory_peak", f"Peak memory per worker ({count} renders)", round(peak, 1),
                   "MiB", f"\u2264 {PEAK_TARGET_MIB:.0f} MiB", peak <= PEAK_TARGET_MIB,
                   shown=f"{peak:.0f} MiB (VmHWM)", detail=detail),
            Figure("memory_growth", f"Memory growth in one worker ({span})", round(growth, 1),
                   "MiB", f"\u2264 {GROWTH_TARGET_MIB:.0f} MiB (none)",
                   growth <= GROWTH_TARGET_MIB,
                   shown=f"{growth:+.1f} MiB (mean RSS {_mean(rss[early]):.0f} \u2192 "
                         f"{_mean(rss[late]):.0f} MiB)",
                   detail={"early": [early.start, early.stop], "late": [late.start, late.stop]})]


def windows(renders: int) -> tuple[slice, slice]:
    """The second tenth and the last tenth of the renders (at least one render each)."""
    width = max(1, renders // 10)
    early = slice(min(width, renders - 1), min(2 * width, renders))
    return early, slice(renders - width, renders)


def _span(window: slice) -> str:
    """Renders counted from 1: `11\u201320`, or `6` for a window of one."""
    first, last = window.start + 1, window.stop
    return f"{first}" if first == last else f"{first}\u2013{last}"


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def status_mib(field: str) -> float:
    """A memory figure of this process from /proc/self/status (`VmRSS`, `VmHWM`), in MiB."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def worker(briefs: Path, out: Path) -> dict[str, object]:
    """Render every brief in `briefs` in this process; RSS after each, the peak at the end."""
    from briefgen.build import build

    rss = []
    for brief in sorted(briefs.glob("*.yaml")):
        report = build([brief], out, force=True)
        if not report.ok:
            raise SystemExit(f"briefgen did not build {brief.name}: {report.results[0]}")
        rss.append(round(status_mib("VmRSS"), 2))
    return {"rss_mib": rss, "hwm_mib": round(status_mib("VmHWM"), 2)}


if __name__ == "__main__":
    print(json.dumps(worker(Path(sys.argv[1]), Path(sys.argv[2]))))
