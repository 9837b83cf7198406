"""What each audience sees of a brief, counted before anything is released.

`briefgen audiences` prints this as a table, so that an analyst can see,
before sending a PDF, how many items of each section a reader at each TLP
level gets, and which items and texts are withheld from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefgen.model.shape import Loc, value_at
from briefgen.model.values import TLP_LEVELS
from briefgen.reading.loader import Loaded, dotted
from briefgen.release.levels import rank
from briefgen.release.redact import release

# The counted parts of a brief, in the order every output shows them: (label, place).
COUNTED: tuple[tuple[str, Loc], ...] = (
    ("summary points", ("summary", "points")),
    ("key figures", ("key_figures",)),
    ("risks", ("risks",)),
    ("parties", ("parties",)),
    ("people", ("people",)),
    ("relations", ("relations",)),
    ("positions", ("positions",)),
    ("quotes", ("quotes",)),
    ("humanitarian needs", ("humanitarian", "needs")),
    ("timeline", ("timeline",)),
    ("recommendations", ("recommendations",)),
    ("open questions", ("open_questions",)),
    ("sources", ("sources",)),
)


@dataclass
class Seen:
    """What the reader at one level sees: a count per counted part, and what is left out."""

    level: str
    counts: dict[str, int] = field(default_factory=dict)
    withheld: list[str] = field(default_factory=list)  # each named by id, or by its place


@dataclass
class Audit:
    brief_level: str
    total: dict[str, int]
    levels: list[Seen]


def audit(loaded: Loaded, brief_level: str) -> Audit:
    """Every level from `clear` up to the brief's own, and what each one sees."""
    data = loaded.data
    full = release(data, None, brief_level).data
    levels = []
    for level in TLP_LEVELS[:rank(brief_level) + 1]:
        version = release(data, level, brief_level)
        seen = Seen(level, {label: _count(version.data, loc) for label, loc in COUNTED})
        seen.withheld = _grouped(data, version.withheld + version.unseen)
        levels.append(seen)
    return Audit(brief_level, {label: _count(full, loc) for label, loc in COUNTED}, levels)


def _count(data: Any, loc: Loc) -> int:
    for part in loc:
        data = data.get(part) if isinstance(data, dict) else None
    return len(data) if isinstance(data, list) else 0


def _grouped(data: Any, places: list[Loc]) -> list[str]:
    """One line per list, naming its withheld elements by id (else by number), and one per
    other place: `risks: r-ankara-offensive, r-refugee-surge`, `meta.subtitle`."""
    lists: dict[Loc, list[str]] = {}
    lines: list[str] = []
    for loc in places:
        if loc and isinstance(loc[-1], int):
            parent = loc[:-1]
            if parent not in lists:
                lists[parent] = []
                lines.append(dotted(parent))
            ident = value_at(data, (*loc, "id"))
            lists[parent].append(ident if isinstance(ident, str) else f"[{loc[-1]}]")
        else:
            lines.append(dotted(loc))
    for parent, names in lists.items():
        at = lines.index(dotted(parent))
        lines[at] = f"{dotted(parent)}: {', '.join(names)}"
    return lines
