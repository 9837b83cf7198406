"""The cost of tagging: the large brief's final HTML laid out and written by WeasyPrint
untagged, against the same with tags and briefgen's repair of them, which is what every
briefgen PDF now pays (README, "Is the default PDF tagged?").

Both sides run in this process on the same HTML, fonts and stylesheets, alternating, after
one untimed run of each; the repair's own time is reported beside the ratio.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.overhead import final_html, font_config, sample, stylesheets
from bench.report import Figure, ratio, seconds
from bench.timing import median

TARGET = 1.25


def measure(brief: Path, work: Path, runs: int, warm_up: bool = True) -> Figure:
    """Median tagged-and-repaired time over median untagged time."""
    from weasyprint import HTML

    from briefgen.rendering.tagging import install, repair

    html = final_html(brief, work / "html")
    fonts = font_config()
    styles = stylesheets(brief, fonts)
    base = brief.resolve().parent.as_uri() + "/"
    install()
    repairs: list[float] = []

    def plain() -> None:
        HTML(string=html, base_url=base).write_pdf(stylesheets=styles, font_config=fonts)

    def tagged() -> None:
        data = HTML(string=html, base_url=base).write_pdf(stylesheets=styles, font_config=fonts,
                                                           pdf_tags=True)
        started = time.perf_counter()
        repair(data)
        repairs.append(time.perf_counter() - started)

    if warm_up:
        plain()
        tagged()
    repairs.clear()
    untagged_s, tagged_s = [], []
    for _ in range(runs):
        untagged_s.append(sample(plain).wall)
        tagged_s.append(sample(tagged).wall)
    value = median(tagged_s) / median(untagged_s)
    return Figure("pdf_tagging", f"Tagged and repaired PDF vs untagged, {brief.stem}",
                  round(value, 3), "x", f"\u2264 {TARGET:.2f}\u00d7", value <= TARGET,
                  shown=f"{ratio(value)} (untagged {seconds(median(untagged_s))}, tagged "
                        f"{seconds(median(tagged_s))}, of which the repair "
                        f"{seconds(median(repairs))})",
                  detail={"untagged_s": untagged_s, "tagged_s": tagged_s, "repair_s": repairs,
                          "runs": runs, "brief": brief.name, "warm_up": warm_up})
