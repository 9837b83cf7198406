"""What the templates see: the validated brief plus everything derived from it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from briefgen.model import Brief, derive
from briefgen.model.actions import Recommendation
from briefgen.model.actors import Party, Person, Position
from briefgen.model.derive import Label, item_labels
from briefgen.model.diff import Since
from briefgen.model.figures import KeyFigure
from briefgen.model.language import N_, is_rtl
from briefgen.model.quotes import Quote
from briefgen.model.risks import Risk
from briefgen.model.sources import Source
from briefgen.model.staleness import Deadline, Staleness, deadlines, staleness
from briefgen.model.timeline import Event

# The brief's sections in the order the format gives, with their headings in English. The
# templates print `_(title)`; anchors stay English in every language, so that `#risks` links.
SECTION_TITLES = {
    "summary": N_("Summary"),
    "key_figures": N_("Key figures"),
    "risks": N_("Risks"),
    "parties": N_("Parties and positions"),
    "humanitarian": N_("Humanitarian outlook"),
    "timeline": N_("Timeline"),
    "recommendations": N_("Recommendations"),
    "open_questions": N_("Open questions"),
    "sources": N_("Sources and method"),
    "annexes": N_("Annexes"),
}


ANNEX_ANCHORS = ("annex-yardstick", "annex-changelog")

# From this many filled sections on, a brief runs past two printed pages (the risk matrix,
# the parties and the yardstick alone fill one), and a table of contents pays its way.
CONTENTS_MIN_SECTIONS = 5
TOP = 3  # risks and recommendations on a one-pager


# A space that follows an abbreviation's full stop ("para. 21", "p. 4") or comes before a
# number ("para 21", "Annex 2") joins two words a reader takes as one.
_LOCATOR_JOINS = re.compile(r"(?<=\.) +(?=\S)|(?<=\S) +(?=[\d(§#])")
NBSP = "\u00a0"


def unbroken_locator(text: str) -> str:
    """A locator whose parts never part at a line's end: `para. 21` -> `para.\u00a021`.
    Only the spaces after an abbreviation and before a number are joined, so that a long
    locator (`the third paragraph after the table`) still wraps."""
    return _LOCATOR_JOINS.sub(NBSP, text)


# A locator written into prose, "(para. 25)": the same join, only where an abbreviation
# that locators use is followed by a number.
_PROSE_LOCATOR = re.compile(r"\b(para|paras|p|pp|art|arts|no|nos|fig|figs|ch|sec|l|ll)\. +(?=\d)",
                            re.IGNORECASE)


def unbroken_prose_locators(text: str) -> str:
    """Text whose locators (`para. 25`, `p. 4`) never part at a line's end."""
    return _PROSE_LOCATOR.sub(lambda m: m[0].rstrip(" ") + NBSP, text)


def heading_slug(title: str) -> str:
    """The anchor GitHub gives a heading: `Parties and positions` -> `parties-and-positions`."""
    kept = "".join(c for c in title.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def section_anchors(ids: set[str]) -> dict[str, str]:
    """Each section's HTML anchor: GitHub's heading slug, unless an item already uses it."""
    return {key: (slug if slug not in ids else f"sec-{slug}")
            for key, slug in ((k, heading_slug(t)) for k, t in SECTION_TITLES.items())}


@dataclass(frozen=True)
class RiskView:
    risk: Risk
    label: str
    score: int
    level: str


@dataclass(frozen=True)
class Cell:
    """One square of the 5×5 risk matrix: its points, its derived level, the risks in it."""

    likelihood: int
    impact: int
    score: int
    level: str
    risks: tuple[RiskView, ...]


@dataclass(frozen=True)
class QuoteUse:
    """A quote where an item prints it; `home` where it is printed first and carries the
    anchor that references link to."""

    quote: Quote
    home: bool


@dataclass(frozen=True)
class PlacedPosition:
    """A position with the quotes printed under it."""

    position: Position
    quotes: tuple[QuoteUse, ...]


@dataclass(frozen=True)
class View:
    """Everything the templates lay out: the brief and what is derived from it, computed
    once by `build_view` and never changed afterwards."""

    brief: Brief
    labels: dict[str, Label] = field(default_factory=dict)
    risks: list[RiskView] = field(default_factory=list)
    matrix: tuple[tuple[Cell, ...], ...] = ()  # rows from severe impact down, likelihood across
    level_bands: dict[str, str] = field(default_factory=dict)  # "low" -> "1–6"
    timeline: list[Event] = field(default_factory=list)
    edges: list[derive.Edge] = field(default_factory=list)
    parties: dict[str, Party] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    quotes: dict[str, Quote] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    figures: dict[str, KeyFigure] = field(default_factory=dict)
    positions: dict[str, list[Position]] = field(default_factory=dict)
    placed_positions: tuple[PlacedPosition, ...] = ()
    humanitarian_quotes: tuple[QuoteUse, ...] = ()
    sections: list[tuple[str, str]] = field(default_factory=list)
    anchors: dict[str, str] = field(default_factory=dict)
    contents: bool | None = None  # decided from the PDF's page count, once it is laid out
    # Where the PDF's layout placed the relations diagram: at most this tall (mm), to fit the
    # foot of a page; after the relations table, whose rows fill the page before it.
    diagram_height: float | None = None
    diagram_after_table: bool = False
    loose_quotes: list[Quote] = field(default_factory=list)
    uses_likelihood: bool = False
    since: Since | None = None  # the "What changed" box, when built with --since

    @property
    def rtl(self) -> bool:
        return is_rtl(self.brief.meta.language)

    @property
    def has_contents(self) -> bool:
        """Whether the brief opens with a table of contents: when its PDF runs past two
        pages, or, before the pages are known, when it fills enough sections to."""
        if self.contents is not None:
            return self.contents
        return len(self.sections) >= CONTENTS_MIN_SECTIONS

    @property
    def risks_by_level(self) -> list[RiskView]:
        """The risks, highest score first; equal scores keep the brief's order."""
        return sorted(self.risks, key=lambda item: -item.score)

    @property
    def top_risks(self) -> list[RiskView]:
        """The three highest risks by derived level, for the one-pager."""
        return self.risks_by_level[:TOP]

    @property
    def top_recommendations(self) -> list[Recommendation]:
        """The first three recommendations by priority (high, medium, low, unset); equal
        priorities keep the brief's order."""
        rank = {"high": 0, "medium": 1, "low": 2}
        return sorted(self.brief.recommendations,
                      key=lambda r: rank.get(r.priority or "", 3))[:TOP]

    def source_short(self, ident: str) -> str:
        """How a figure or a quote names its source: the publisher, short, where one is
        given; the label (S1) alone otherwise. The full headline is printed once, under
        Sources."""
        source = self.sources[ident]
        return source.publisher or ""

    @property
    def cutoff(self) -> str:
        """The brief's information cut-off, `meta.date`: nothing is placed after it."""
        return self.brief.meta.date

    def has(self, section: str) -> bool:
        return any(key == section for key, _ in self.sections)

    def title(self, section: str) -> str:
        return SECTION_TITLES[section]

    @property
    def deadlines(self) -> list[Deadline]:
        """The brief's review date and its risks' horizon dates, each with the day it
        passes (`Deadline.passes_on`): what a desk index keeps to judge staleness later."""
        return deadlines(self.brief)

    def staleness(self, today: dt.date) -> Staleness:
        """What has gone stale by `today`: `.stale`, `.review_overdue`, `.passed_horizons`.
        The view never reads the clock, so its outputs stay the same on every day."""
        return staleness(self.brief, today)

    def with_diagram(self, height: float | None = None, after_table: bool = False) -> View:
        """This view, drawing the relations diagram at most `height` mm tall, or after the
        relations table."""
        return replace(self, diagram_height=height, diagram_after_table=after_table)

    def with_contents(self, contents: bool) -> View:
        """This view, deciding the table of contents from the laid-out page count."""
        return replace(self, contents=contents)


def _matrix(risks: list[RiskView]) -> tuple[tuple[Cell, ...], ...]:
    """The 5×5 grid, most severe impact first, each risk in its cell in the brief's order."""
    placed: dict[tuple[int, int], list[RiskView]] = {}
    for item in risks:
        key = (derive.likelihood_points(item.risk.likelihood),
               derive.impact_points(item.risk.impact))
        placed.setdefault(key, []).append(item)
    return tuple(tuple(Cell(li, im, li * im, derive.risk_level(li * im),
                            tuple(placed.get((li, im), [])))
                       for li in range(1, 6))
                 for im in range(5, 0, -1))


def _quote_homes(brief: Brief) -> tuple[tuple[PlacedPosition, ...], tuple[QuoteUse, ...],
                                        list[Quote]]:
    """Where each quote is printed first: under its first position, then the humanitarian
    outlook; the quotes no item prints stand on their own."""
    quotes = {q.id: q for q in brief.quotes}
    homes: set[str] = set()

    def uses(ids: list[str]) -> tuple[QuoteUse, ...]:
        found = []
        for ident in ids:
            found.append(QuoteUse(quotes[ident], ident not in homes))
            homes.add(ident)
        return tuple(found)

    placed = tuple(PlacedPosition(p, uses(p.quotes)) for p in brief.positions)
    humanitarian = uses(brief.humanitarian.quotes if brief.humanitarian else [])
    return placed, humanitarian, [q for q in brief.quotes if q.id not in homes]


def build_view(brief: Brief, since: Since | None = None) -> View:
    """Derive, once, everything the templates need beyond the brief itself."""
    labels = item_labels(brief)
    risks = []
    for risk in brief.risks:
        score = derive.risk_score(risk.likelihood, risk.impact)
        risks.append(RiskView(risk, labels[risk.id].text, score, derive.risk_level(score)))
    positions: dict[str, list[Position]] = {}
    for position in brief.positions:
        positions.setdefault(position.party, []).append(position)
    placed, humanitarian_quotes, loose_quotes = _quote_homes(brief)
    edges = derive.relation_graph(brief)
    outlook = brief.humanitarian.outlook if brief.humanitarian else None
    uses_likelihood = bool(brief.risks) or any(p.likelihood for p in brief.summary.points) \
        or bool(outlook and outlook.likelihood)
    filled = {
        "summary": True,
        "key_figures": bool(brief.key_figures),
        "risks": bool(brief.risks),
        "parties": bool(brief.parties or brief.people or brief.positions or edges
                        or loose_quotes),
        "humanitarian": bool(brief.humanitarian and not brief.humanitarian.is_empty()),
        "timeline": bool(brief.timeline),
        "recommendations": bool(brief.recommendations),
        "open_questions": bool(brief.open_questions),
        "sources": True,
        "annexes": uses_likelihood or bool(brief.meta.changelog),
    }
    return View(
        brief=brief, labels=labels, risks=risks, matrix=_matrix(risks),
        level_bands={level: derive.level_band(level) for level in derive.LEVELS},
        timeline=derive.timeline_order(brief.timeline), edges=edges,
        parties={p.id: p for p in brief.parties}, people={p.id: p for p in brief.people},
        quotes={q.id: q for q in brief.quotes}, sources={s.id: s for s in brief.sources},
        figures={f.id: f for f in brief.key_figures}, positions=positions,
        placed_positions=placed, humanitarian_quotes=humanitarian_quotes,
        sections=[(key, title) for key, title in SECTION_TITLES.items() if filled[key]],
        anchors=section_anchors(set(labels)), loose_quotes=loose_quotes,
        uses_likelihood=uses_likelihood, since=since)
