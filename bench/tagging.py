"""The cost of a tagged PDF: the large brief built as a plain PDF, as PDF/UA-1 and as
PDF/A-3a + PDF/UA-1, in this process, alternating, after one untimed build of each.

It decides whether the default PDF is tagged (README, "What the PDF is"): tagging is
WeasyPrint's structure tree plus briefgen's repair of it (`rendering/tagging.py`), so the
figure is the whole cost a user would pay, and the repair's share is reported beside it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from bench.overhead import sample
from bench.report import Figure, ratio, seconds
from bench.timing import BenchError, median

TARGET = 1.25
VARIANTS = (None, "pdf/ua-1", "pdf/a-3a+ua-1")


def measure(brief: Path, work: Path, runs: int, warm_up: bool = True) -> Figure:
    """Median tagged (pdf/ua-1) build time over median untagged build time."""
    from briefgen.rendering import tagging

    repairs: list[float] = []
    original = tagging.repair

    def timed_repair(data: bytes, *, ua: bool = False) -> bytes:
        started = time.perf_counter()
        try:
            return original(data, ua=ua)
        finally:
            repairs.append(time.perf_counter() - started)

    tagging.repair = timed_repair
    try:
        actions = {variant: _build(brief, work / (variant or "plain").replace("/", "-"), variant)
                   for variant in VARIANTS}
        if warm_up:
            for action in actions.values():
                action()
        walls: dict[str | None, list[float]] = {variant: [] for variant in VARIANTS}
        repairs.clear()
        for _ in range(runs):
            for variant, action in actions.items():
                walls[variant].append(sample(action).wall)
    finally:
        tagging.repair = original
    plain, tagged, both = (median(walls[v]) for v in VARIANTS)
    value = tagged / plain
    repair = median(repairs) if repairs else 0.0
    return Figure("pdf_tagging", "Tagged PDF (pdf/ua-1) vs untagged, large brief",
                  round(value, 3), "x", f"\u2264 {TARGET:.2f}\u00d7", value <= TARGET,
                  shown=f"{ratio(value)} (untagged {seconds(plain)}, pdf/ua-1 {seconds(tagged)}, "
                        f"pdf/a-3a+ua-1 {seconds(both)}; repair {seconds(repair)})",
                  detail={"wall_s": {str(v): walls[v] for v in VARIANTS},
                          "repair_s": repairs, "runs": runs, "brief": brief.name,
                          "warm_up": warm_up})


def _build(brief: Path, out: Path, variant: str | None) -> Callable[[], None]:
    from briefgen.build import build

    def action() -> None:
        report = build([brief], out, ("pdf",), variant, force=True)
        if not report.ok:
            raise BenchError(f"briefgen refused {brief.name}: {report.results[0]}")
    return action
