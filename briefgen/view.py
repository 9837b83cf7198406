"""What the templates see: the validated brief plus everything derived from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen import derive
from briefgen.diff import Since
from briefgen.i18n import N_, is_rtl
from briefgen.model import ID_SECTIONS, Brief
from briefgen.model.actions import Recommendation
from briefgen.model.actors import Party, Person, Position
from briefgen.model.figures import KeyFigure
from briefgen.model.quotes import Quote
from briefgen.model.risks import Risk
from briefgen.model.sources import Source
from briefgen.model.timeline import Event

# Short labels for numbered items, so that a printed reference can be followed on paper.
LABEL_PREFIX = {"source": "S", "key_figure": "F", "quote": "Q", "risk": "R", "event": "T",
                "recommendation": "REC", "open_question": "OQ"}

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


def heading_slug(title: str) -> str:
    """The anchor GitHub gives a heading: `Parties and positions` -> `parties-and-positions`."""
    kept = "".join(c for c in title.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def section_anchors(ids: set[str]) -> dict[str, str]:
    """Each section's HTML anchor: GitHub's heading slug, unless an item already uses it."""
    return {key: (slug if slug not in ids else f"sec-{slug}")
            for key, slug in ((k, heading_slug(t)) for k, t in SECTION_TITLES.items())}


@dataclass(frozen=True)
class Label:
    """How an item is named where another item refers to it."""

    id: str
    kind: str
    text: str


@dataclass(frozen=True)
class RiskView:
    risk: Risk
    label: str
    score: int
    level: str


@dataclass
class View:
    brief: Brief
    labels: dict[str, Label] = field(default_factory=dict)
    risks: list[RiskView] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    edges: list[derive.Edge] = field(default_factory=list)
    parties: dict[str, Party] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    quotes: dict[str, Quote] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    figures: dict[str, KeyFigure] = field(default_factory=dict)
    positions: dict[str, list[Position]] = field(default_factory=dict)
    sections: list[tuple[str, str]] = field(default_factory=list)
    anchors: dict[str, str] = field(default_factory=dict)
    quote_homes: dict[str, str] = field(default_factory=dict)
    contents: bool | None = None  # decided from the PDF's page count, once it is laid out
    loose_quotes: list[Quote] = field(default_factory=list)
    uses_likelihood: bool = False
    since: Since | None = None  # the "What changed" box, when built with --since

    @property
    def rtl(self) -> bool:
        return is_rtl(self.brief.meta.language)

    def is_home(self, quote_id: str, place: str) -> bool:
        """True where a quote is printed first, so that it carries the anchor others link to."""
        return self.quote_homes.get(quote_id) == place

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

    def has(self, section: str) -> bool:
        return any(key == section for key, _ in self.sections)

    def title(self, section: str) -> str:
        return SECTION_TITLES[section]


def build_view(brief: Brief) -> View:
    """Derive, once, everything the templates need beyond the brief itself."""
    view = View(brief=brief)
    for section, kind in ID_SECTIONS.items():
        for number, item in enumerate(getattr(brief, section), start=1):
            text = item.name if kind in ("party", "person") else f"{LABEL_PREFIX[kind]}{number}"
            view.labels[item.id] = Label(item.id, kind, text)
    view.anchors = section_anchors(set(view.labels))
    view.parties = {p.id: p for p in brief.parties}
    view.people = {p.id: p for p in brief.people}
    view.quotes = {q.id: q for q in brief.quotes}
    view.sources = {s.id: s for s in brief.sources}
    view.figures = {f.id: f for f in brief.key_figures}
    for position in brief.positions:
        view.positions.setdefault(position.party, []).append(position)
    for risk in brief.risks:
        score = derive.risk_score(risk.likelihood, risk.impact)
        view.risks.append(RiskView(risk, view.labels[risk.id].text, score,
                                   derive.risk_level(score)))
    places = [(f"position-{n}", p.quotes) for n, p in enumerate(brief.positions)]
    places.append(("humanitarian", brief.humanitarian.quotes if brief.humanitarian else []))
    for place, ids in places:
        for ident in ids:
            view.quote_homes.setdefault(ident, place)
    view.loose_quotes = [q for q in brief.quotes if q.id not in view.quote_homes]
    for quote in view.loose_quotes:
        view.quote_homes[quote.id] = "quotes"
    view.timeline = derive.timeline_order(brief.timeline)
    view.edges = derive.relation_graph(brief)
    outlook = brief.humanitarian.outlook if brief.humanitarian else None
    view.uses_likelihood = bool(brief.risks) or any(p.likelihood for p in brief.summary.points) \
        or bool(outlook and outlook.likelihood)
    filled = {
        "summary": True,
        "key_figures": bool(brief.key_figures),
        "risks": bool(brief.risks),
        "parties": bool(brief.parties or brief.people or brief.positions or view.edges
                        or view.loose_quotes),
        "humanitarian": bool(brief.humanitarian and not brief.humanitarian.is_empty()),
        "timeline": bool(brief.timeline),
        "recommendations": bool(brief.recommendations),
        "open_questions": bool(brief.open_questions),
        "sources": True,
        "annexes": view.uses_likelihood or bool(brief.meta.changelog),
    }
    view.sections = [(key, title) for key, title in SECTION_TITLES.items() if filled[key]]
    return view
