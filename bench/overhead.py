"""(a) PDF overhead: briefgen's PDF build against WeasyPrint alone on the same HTML.

Both run in this process, warmed up first, and alternate so that any drift
in the machine's speed hits both alike. The baseline gets everything a
well-set-up WeasyPrint user would have: tagged output (as every briefgen
PDF is tagged), one FontConfiguration built the
way briefgen builds its own (only the shipped faces), and briefgen's PDF
stylesheets parsed once. What briefgen adds on top (reading, validating,
checking quotes, rendering the HTML, a second layout when the table-of-
contents guess is wrong, attachments, the cache record, the atomic write)
is the overhead.
"""

from __future__ import annotations

import gc
import resource
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bench.report import Figure, ratio, seconds
from bench.timing import BenchError, clock, median

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

TARGET = 1.10
# Tagged, as every briefgen PDF is: the repair of the tags is briefgen's overhead, and
# bench/tagging.py measures tagging itself.
BASELINE = ("weasyprint.HTML(string=final_html).write_pdf(stylesheets=[pdf-fonts.css, pdf.css], "
            "font_config=shared, pdf_tags=True), stylesheets parsed once")


def measure(brief: Path, work: Path, runs: int, key: str, label: str,
            warm_up: bool = True) -> Figure:
    """Median briefgen time over median WeasyPrint time, for one brief."""
    briefgen_pdf = _briefgen(brief, work / "out")
    weasyprint_pdf = _weasyprint(brief, final_html(brief, work / "html"))
    if warm_up:  # imports, fonts, caches: paid once per process, not per brief
        briefgen_pdf()
        weasyprint_pdf()
    ours: list[Sample] = []
    theirs: list[Sample] = []
    for _ in range(runs):
        ours.append(sample(briefgen_pdf))
        theirs.append(sample(weasyprint_pdf))
    value = median([s.wall for s in ours]) / median([s.wall for s in theirs])
    pages = _pages(work / "out")
    return Figure(key, f"{label} ({pages} pages)", round(value, 3), "x",
                  f"\u2264 {TARGET:.2f}\u00d7", value <= TARGET,
                  shown=f"{ratio(value)} (briefgen {seconds(median([s.wall for s in ours]))}, "
                        f"WeasyPrint {seconds(median([s.wall for s in theirs]))})",
                  detail={"briefgen": _summary(ours), "weasyprint": _summary(theirs),
                          "cpu_ratio": round(median([s.cpu for s in ours])
                                             / median([s.cpu for s in theirs]), 3),
                          "pages": pages, "runs": runs, "warm_up": warm_up,
                          "brief": brief.name, "baseline": BASELINE})


@dataclass(frozen=True)
class Sample:
    """One timed render: wall time, CPU time (user + system) and minor page faults."""

    wall: float
    cpu: float
    faults: int


def sample(action: Callable[[], None]) -> Sample:
    """Time one call after a full collection, so neither side pays for the other's garbage."""
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF)
    wall = clock(action)
    after = resource.getrusage(resource.RUSAGE_SELF)
    return Sample(wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
                  after.ru_minflt - before.ru_minflt)


def _summary(samples: list[Sample]) -> dict[str, object]:
    return {"wall_s": [s.wall for s in samples], "cpu_s": [s.cpu for s in samples],
            "minor_faults": [s.faults for s in samples]}


def _briefgen(brief: Path, out: Path) -> Callable[[], None]:
    """briefgen's library entry point, PDF only, forced, exactly as the issue names it."""
    from briefgen.build import build

    def action() -> None:
        report = build([brief], out, formats=("pdf",), force=True)
        if not report.ok:
            raise BenchError(f"briefgen refused {brief.name}: {report.results[0]}")
    return action


def final_html(brief: Path, out: Path) -> str:
    """The HTML briefgen lays out last, table of contents decided, from `render_outputs`."""
    from briefgen.reading.loader import load_brief
    from briefgen.rendering.outputs import render_outputs
    from briefgen.stages import Options
    from briefgen.validation.validate import validate

    loaded = load_brief(brief)
    outputs = render_outputs(validate(loaded), loaded, out, Options(formats=("html", "pdf")))
    return next(data for path, data in outputs.files.items()
                if path.suffix == ".html").decode("utf-8")


def _weasyprint(brief: Path, html: str) -> Callable[[], None]:
    """WeasyPrint alone: the same HTML, fonts and PDF stylesheets, nothing else."""
    from weasyprint import HTML

    fonts = font_config()
    styles = stylesheets(brief, fonts)
    base = brief.resolve().parent.as_uri() + "/"

    def action() -> None:
        HTML(string=html, base_url=base).write_pdf(stylesheets=styles, font_config=fonts,
                                                   pdf_tags=True)
    return action


def font_config() -> FontConfiguration:
    """The one FontConfiguration briefgen's own renders in this process use, so that the
    baseline and briefgen share it, as the figure asks."""
    from briefgen.rendering.pdf import shared_font_config

    return shared_font_config()


def stylesheets(brief: Path, fonts: FontConfiguration) -> list[CSS]:
    """briefgen's PDF stylesheets for this brief, found the way briefgen finds them."""
    from weasyprint import CSS

    from briefgen.project.paths import find_style, project_root
    from briefgen.rendering.pdf import PDF_STYLESHEETS

    project = project_root(brief)
    return [CSS(filename=str(find_style(name, project)), font_config=fonts)
            for name in PDF_STYLESHEETS]


def _pages(out: Path) -> int:
    from pypdf import PdfReader

    pdf = next(out.glob("*.pdf"))
    return len(PdfReader(pdf).pages)

