"""Values computed from a brief, never typed in: risk levels, date order, the relation graph.

Templates only lay these out; everything here is tested in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.model.values import DATE, ID_SECTIONS

if TYPE_CHECKING:  # derive reads what `check` validates without pydantic, too
    from briefgen.model.actors import Relation
    from briefgen.model.brief import Brief
    from briefgen.model.timeline import Event

# ICD 203: each term, the range of probabilities it stands for in per cent, and its points on
# the risk matrix. Its words, in each language, are in briefgen/rendering/terms.py.
LIKELIHOODS: dict[str, tuple[int, int, int]] = {
    "almost-no-chance": (1, 5, 1),
    "very-unlikely": (5, 20, 1),
    "unlikely": (20, 45, 2),
    "roughly-even-chance": (45, 55, 3),
    "likely": (55, 80, 4),
    "very-likely": (80, 95, 5),
    "almost-certain": (95, 99, 5),
}
IMPACTS: dict[str, int] = {"negligible": 1, "minor": 2, "moderate": 3, "major": 4, "severe": 5}
# The derived level of a risk by its score (likelihood points × impact points): the lowest and
# highest score each level stands for. 7, 11, 13 and 14 cannot occur.
LEVELS: dict[str, tuple[int, int]] = {"low": (1, 6), "medium": (8, 12), "high": (15, 25)}
DIRECTED = {"backer", "member-of"}
RELATION_VERBS = {"backer": "backs", "member-of": "is a member of", "ally": "ally",
                  "partner": "partner", "adversary": "adversary", "rival": "rival",
                  "mediator": "mediator"}
def likelihood_points(likelihood: str) -> int:
    return LIKELIHOODS[likelihood][2]


def impact_points(impact: str) -> int:
    return IMPACTS[impact]


def risk_score(likelihood: str, impact: str) -> int:
    """Likelihood points times impact points, 1 to 25."""
    return likelihood_points(likelihood) * impact_points(impact)


def risk_level(score: int) -> str:
    """The level whose band holds `score`: low, medium or high."""
    return next(level for level, (_low, high) in LEVELS.items() if score <= high)


def level_band(level: str) -> str:
    """The scores a level stands for, as the brief prints them: `low` -> `1–6`."""
    low, high = LEVELS[level]
    return f"{low}\u2013{high}"


def date_key(text: str) -> tuple[int, ...]:
    """A sort key for an ISO date of any precision; a missing part sorts first.

    A time with an offset is compared in UTC; a time without one is taken as UTC.
    """
    match = DATE.match(text)
    if match is None:  # validated dates always match; keep sorting total anyway
        return (9999,)
    parts = [int(match[k]) if match[k] else 0 for k in ("y", "m", "d", "H", "M", "S")]
    tz = match["tz"]
    if tz and tz != "Z" and match["d"]:
        sign = 1 if tz[0] == "+" else -1
        moment = dt.datetime(*parts) - sign * dt.timedelta(hours=int(tz[1:3]),
                                                           minutes=int(tz[4:6]))
        parts = [moment.year, moment.month, moment.day, moment.hour, moment.minute,
                 moment.second]
    return tuple(parts)


def moment(text: str) -> dt.datetime:
    """The first instant a date of any precision names, in UTC: `2020-02` -> 1 Feb 2020 00:00."""
    year, month, day, hour, minute, second = (list(date_key(text)) + [0] * 6)[:6]
    return dt.datetime(year, month or 1, day or 1, hour, minute, second, tzinfo=dt.UTC)


def timeline_order(events: list[Event]) -> list[Event]:
    """Events in date order; Python's sort is stable, so ties keep the brief's order."""
    return sorted(events, key=lambda event: date_key(event.date))


@dataclass(frozen=True)
class Edge:
    """One relation in the merged graph; `directed` edges point from `source` to `target`."""

    source: str
    target: str
    type: str
    trend: str | None = None
    relation: Relation | None = None

    @property
    def directed(self) -> bool:
        return self.type in DIRECTED

    @property
    def verb(self) -> str:
        """How the relation reads between its two parties: `A backs B`, `A ally B`."""
        return RELATION_VERBS[self.type]

    def key(self) -> tuple[str, str, str]:
        ends = (self.source, self.target) if self.directed else tuple(sorted((self.source,
                                                                              self.target)))
        return (*ends, self.type)


def relation_graph(brief: Brief) -> list[Edge]:
    """Explicit relations, then the `backed_by` and `allies` shorthand, without repeats."""
    edges: dict[tuple[str, str, str], Edge] = {}
    for relation in brief.relations:
        edge = Edge(relation.from_, relation.to, relation.type, relation.trend, relation)
        edges.setdefault(edge.key(), edge)
    for party in brief.parties:
        for backer in party.backed_by:
            edge = Edge(backer, party.id, "backer")
            edges.setdefault(edge.key(), edge)
        for ally in party.allies:
            edge = Edge(party.id, ally, "ally")
            edges.setdefault(edge.key(), edge)
    return list(edges.values())


# Short labels for numbered items, so that a printed reference can be followed on paper.
LABEL_PREFIX = {"source": "S", "key_figure": "F", "quote": "Q", "risk": "R", "event": "T",
                "recommendation": "REC", "open_question": "OQ"}

@dataclass(frozen=True)
class Label:
    """How an item is named where another item refers to it."""

    id: str
    kind: str
    text: str


def item_labels(brief: Brief) -> dict[str, Label]:
    """Every item's printed label, by id: a numbered one ("R2"), or a party's or person's
    name. Events are numbered in date order, as the timeline prints them, so that T1 is the
    earliest and the numbers read in order along the strip and the list."""
    labels = {}
    for section, kind in ID_SECTIONS.items():
        items = getattr(brief, section)
        if kind == "event":
            items = timeline_order(items)
        for number, item in enumerate(items, start=1):
            text = item.name if kind in ("party", "person") else f"{LABEL_PREFIX[kind]}{number}"
            labels[item.id] = Label(item.id, kind, text)
    return labels
