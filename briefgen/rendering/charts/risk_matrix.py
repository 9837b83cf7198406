"""The risk matrix: a 5×5 likelihood × impact grid coloured by derived level."""

from __future__ import annotations

from briefgen.model import derive
from briefgen.model.language import N_, NP_
from briefgen.model.view import Cell, RiskView
from briefgen.rendering.charts.svg import Frame, el, root, text_of
from briefgen.rendering.i18n import Translator, translator

ENGLISH = translator("en")

LEVEL_COLOURS = {"low": "#cfe8d5", "medium": "#ffe08a", "high": "#f4a09a"}
LEVEL_TEXT = {"low": N_("Low (score %(band)s)"), "medium": N_("Medium (%(band)s)"),
              "high": N_("High (%(band)s)")}
LIKELIHOOD_AXIS = (NP_("likelihood-axis", "Very unlikely or less"),
                   NP_("likelihood-axis", "Unlikely"), NP_("likelihood-axis", "Even chance"),
                   NP_("likelihood-axis", "Likely"), NP_("likelihood-axis", "Very likely or more"))
IMPACT_AXIS = ("Negligible", "Minor", "Moderate", "Major", "Severe")
IMPACTS = ("negligible", "minor", "moderate", "major", "severe")


def likelihood_axis(tr: Translator = ENGLISH) -> tuple[str, ...]:
    """The five columns of the matrix, least likely first, in the brief's language."""
    return tuple(tr.pgettext("likelihood-axis", name) for name in LIKELIHOOD_AXIS)


def impact_axis(tr: Translator = ENGLISH) -> tuple[str, ...]:
    """The five rows of the matrix, least severe first: the impact words, capitalised."""
    return tuple(capitalised(tr.term("impact", name)) for name in IMPACTS)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def risk_matrix(risks: list[RiskView], matrix: tuple[tuple[Cell, ...], ...],
                chart_id: str = "risk-matrix", tr: Translator = ENGLISH) -> str:
    """A 5×5 likelihood × impact grid coloured by derived level, every risk placed.

    In a right-to-left brief the grid is mirrored: likelihood grows leftwards and the
    impact names stand on the right.
    """
    cell, left, top = 76, 112, 16
    width, height = left + 5 * cell + 16, top + 5 * cell + 92
    frame = Frame(width, tr.rtl)
    placed = "; ".join(tr.gettext("%(label)s %(title)s: %(likelihood)s, %(impact)s, "
                                  "%(level)s (%(score)s)", label=v.label, title=v.risk.title,
                                  likelihood=tr.term("likelihood", v.risk.likelihood),
                                  impact=tr.term("impact", v.risk.impact),
                                  level=tr.term("level", v.level), score=tr.number(v.score))
                       for v in risks)
    svg = root("risk-matrix", width, height, chart_id,
               tr.gettext("Risk matrix: likelihood against impact"),
               tr.gettext("Each risk is placed by its likelihood (across) and impact (up). "
                          "%(risks)s", risks=placed))
    squares = sorted((square for row in matrix for square in row),
                     key=lambda square: (square.likelihood, square.impact))
    for square in squares:
        x, y = left + (square.likelihood - 1) * cell, top + (5 - square.impact) * cell
        el(svg, "rect", x=frame.left(x, cell), y=y, width=cell, height=cell,
           fill=LEVEL_COLOURS[square.level], stroke="#ffffff", stroke_width=2)
    for square in squares:
        views = square.risks
        if not views:
            continue
        x0, y0 = left + (square.likelihood - 1) * cell, top + (5 - square.impact) * cell
        per_row = 2 if len(views) <= 4 else 3
        size = 30 if per_row == 2 else 22
        for n, view in enumerate(views):
            col, row = n % per_row, n // per_row
            cx = frame.x(x0 + (col + 0.5) * cell / per_row)
            cy = y0 + 6 + size / 2 + row * (size + 4)
            group = el(svg, "g", class_="marker")
            el(group, "circle", cx=f"{cx:.1f}", cy=f"{cy:.1f}", r=f"{size / 2:.1f}",
               fill="#1f2a44")
            el(group, "text", view.label, x=f"{cx:.1f}", y=f"{cy + 4:.1f}",
               text_anchor="middle", font_size=11 if size > 24 else 9, fill="#ffffff",
               font_weight="bold")
    for i, name in enumerate(impact_axis(tr), start=1):
        el(svg, "text", name, x=_n(frame.x(left - 8)),
           y=f"{top + (5 - i) * cell + cell / 2 + 4:.1f}", text_anchor=frame.anchor("end"),
           font_size=11, fill="#333333")
    for i, name in enumerate(likelihood_axis(tr), start=1):
        words = name.split(" ")
        half = (len(words) + 1) // 2
        for line, chunk in enumerate((" ".join(words[:half]), " ".join(words[half:]))):
            if chunk:
                el(svg, "text", chunk, x=f"{frame.x(left + (i - 1) * cell + cell / 2):.1f}",
                   y=top + 5 * cell + 16 + line * 13, text_anchor="middle", font_size=10.5,
                   fill="#333333")
    el(svg, "text", frame.arrow(tr.gettext("Likelihood")),
       x=f"{frame.x(left + 2.5 * cell):.1f}", y=top + 5 * cell + 48, text_anchor="middle",
       font_size=12, font_weight="bold", fill="#1f2a44")
    turn = f"rotate({90 if frame.rtl else -90} {_n(frame.x(14))} {top + 2.5 * cell:.1f})"
    el(svg, "text", frame.arrow(tr.gettext("Impact")), x=_n(frame.x(14)),
       y=f"{top + 2.5 * cell:.1f}", text_anchor="middle", font_size=12, font_weight="bold",
       fill="#1f2a44", transform=turn)
    legend_y = top + 5 * cell + 64
    for n, level in enumerate(("low", "medium", "high")):
        x = left + n * 128
        el(svg, "rect", x=_n(frame.left(x, 14)), y=legend_y, width=14, height=14,
           fill=LEVEL_COLOURS[level], stroke="#888888", stroke_width=0.5)
        el(svg, "text", tr.gettext(LEVEL_TEXT[level], band=derive.level_band(level)),
           x=_n(frame.x(x + 20)), y=legend_y + 11, font_size=11, fill="#333333",
           **({"text_anchor": "end"} if frame.rtl else {}))
    return text_of(svg)


def _n(value: float) -> str:
    """A coordinate as the SVG prints it: `104` for a whole number, else one decimal."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
