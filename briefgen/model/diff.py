"""A semantic diff of two versions of a brief: what a reader needs to know changed.

Not a line diff: a risk whose likelihood rose is reported with its derived
level before and after, a position whose stance flipped is named, items
are matched by id, and the BLUF is compared word by word.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from briefgen.model import Brief, derive

# Sections whose items carry ids, with the field that names an item for a reader.
NAMED = {"key_figures": "label", "parties": "name", "people": "name", "quotes": "text",
         "risks": "title", "timeline": "event", "recommendations": "text",
         "open_questions": "question", "sources": "title"}
# Fields compared for items present in both versions (the rest are detail).
COMPARED = {
    "key_figures": ("display", "value", "date"),
    "parties": ("name", "type"),
    "people": ("name", "role", "party"),
    "quotes": ("text", "speaker", "translation"),
    "risks": ("title", "likelihood", "impact", "trend", "confidence"),
    "timeline": ("date", "event", "kind"),
    "recommendations": ("text", "priority", "confidence"),
    "open_questions": ("question",),
    "sources": ("title", "reliability"),
}
# Fields whose values are terms of the format, written for a reader with spaces: `very likely`.
WORDED = {"likelihood", "impact", "trend", "confidence", "priority", "stance", "reliability",
          "status", "classification", "type", "kind"}
STANCE_FLIPPED = "stance flipped"
META = ("title", "subtitle", "date", "version", "status", "classification", "tlp")


@dataclass
class Change:
    """One thing a reader should know changed."""

    section: str
    kind: str  # "added", "removed" or "changed"
    item: str  # an id, or a readable key
    name: str  # how a reader knows the item
    field: str | None = None
    old: Any = None
    new: Any = None
    note: str | None = None  # e.g. the derived risk level before and after, in English
    levels: tuple[str, int, str, int] | None = None  # a risk's level and score, before, after
    label: str | None = None  # the item's printed label ("R2"), where it has a numbered one


@dataclass
class Entry:
    """A changelog entry (`meta.changelog`) that the newer version adds."""

    version: str | None
    date: str | None
    note: str | None


@dataclass
class Diff:
    old_version: str | None
    new_version: str | None
    changes: list[Change] = field(default_factory=list)
    bluf: list[tuple[str, str]] = field(default_factory=list)  # ("=", "+", "-"), words
    changelog: list[Entry] = field(default_factory=list)  # entries the newer version adds

    @property
    def empty(self) -> bool:
        return not self.changes and not any(op != "=" for op, _ in self.bluf)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of `new` against `old`: kept ("="), inserted ("+") and deleted ("-")."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(("-", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("+", " ".join(b[j1:j2])))
    return out


def shorten(text: Any, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _risk_levels(old: Any, new: Any) -> tuple[str, int, str, int]:
    before = derive.risk_score(old.likelihood, old.impact)
    after = derive.risk_score(new.likelihood, new.impact)
    return derive.risk_level(before), before, derive.risk_level(after), after


def _level_note(levels: tuple[str, int, str, int]) -> str:
    return f"level {levels[0]} ({levels[1]}) → {levels[2]} ({levels[3]})"


def printed_labels(brief: Brief) -> dict[str, str]:
    """The numbered label ("R2", "F1") each item is printed with, by id: the names a reader
    of the PDF knows items by. Parties and people are known by their names."""
    return {ident: label.text for ident, label in derive.item_labels(brief).items()
            if label.kind not in ("party", "person")}


def semantic_diff(old: Brief, new: Brief) -> Diff:
    """Everything a reader should know changed between two versions of a brief."""
    diff = Diff(old.meta.version, new.meta.version)
    for name in META:
        before, after = getattr(old.meta, name), getattr(new.meta, name)
        if before != after:
            diff.changes.append(Change("meta", "changed", name, name, name, before, after))
    diff.bluf = word_diff(old.summary.bluf, new.summary.bluf)
    known = {(e.version, e.date, e.note) for e in old.meta.changelog}
    diff.changelog = [Entry(e.version, e.date, e.note) for e in new.meta.changelog
                      if (e.version, e.date, e.note) not in known]
    old_labels, new_labels = printed_labels(old), printed_labels(new)
    for section, label in NAMED.items():
        before = {item.id: item for item in getattr(old, section)}
        after = {item.id: item for item in getattr(new, section)}
        for ident, item in after.items():
            if ident not in before:
                diff.changes.append(Change(section, "added", ident,
                                           shorten(getattr(item, label)),
                                           label=new_labels.get(ident)))
        for ident, item in before.items():
            if ident not in after:
                diff.changes.append(Change(section, "removed", ident,
                                           shorten(getattr(item, label)),
                                           label=old_labels.get(ident)))
        for ident in before.keys() & after.keys():
            a, b = before[ident], after[ident]
            changed = [f for f in COMPARED[section] if getattr(a, f) != getattr(b, f)]
            for name in changed:
                levels = _risk_levels(a, b) if section == "risks" and name in (
                    "likelihood", "impact") else None
                diff.changes.append(Change(section, "changed", ident, shorten(getattr(b, label)),
                                           name, getattr(a, name), getattr(b, name),
                                           _level_note(levels) if levels else None, levels,
                                           new_labels.get(ident)))
    _positions(old, new, diff)
    _relations(old, new, diff)
    order = {s: n for n, s in enumerate(["meta", *NAMED, "positions", "relations"])}
    diff.changes.sort(key=lambda c: (order[c.section], c.kind != "changed", c.item))
    return diff


def _positions(old: Brief, new: Brief, diff: Diff) -> None:
    """Positions are matched by party and topic; a changed stance is a flip."""
    before = {(p.party, p.topic): p for p in old.positions}
    after = {(p.party, p.topic): p for p in new.positions}
    for key in after.keys() - before.keys():
        diff.changes.append(Change("positions", "added", f"{key[0]}: {key[1]}",
                                   f"{key[0]}: {key[1]}", "stance", None, after[key].stance))
    for key in before.keys() - after.keys():
        diff.changes.append(Change("positions", "removed", f"{key[0]}: {key[1]}",
                                   f"{key[0]}: {key[1]}"))
    for key in before.keys() & after.keys():
        if before[key].stance != after[key].stance:
            diff.changes.append(Change("positions", "changed", f"{key[0]}: {key[1]}",
                                       f"{key[0]}: {key[1]}", "stance", before[key].stance,
                                       after[key].stance, STANCE_FLIPPED))


def _relations(old: Brief, new: Brief, diff: Diff) -> None:
    before = {e.key(): e for e in derive.relation_graph(old)}
    after = {e.key(): e for e in derive.relation_graph(new)}
    for key, edge in after.items():
        name = f"{edge.source} {edge.verb} {edge.target}"
        if key not in before:
            diff.changes.append(Change("relations", "added", name, name))
        elif before[key].trend != edge.trend:
            diff.changes.append(Change("relations", "changed", name, name, "trend",
                                       before[key].trend, edge.trend))
    for key, edge in before.items():
        if key not in after:
            name = f"{edge.source} {edge.verb} {edge.target}"
            diff.changes.append(Change("relations", "removed", name, name))


@dataclass
class Since:
    """The "What changed" box of a brief built with `--since`: the version it is compared
    with, and the changes, or None for a brief that did not exist then."""

    against: str  # the revision or file compared with
    diff: Diff | None
    version: str | None = None  # the earlier meta.version, when it differs from this one

    @property
    def bluf_changed(self) -> bool:
        return self.diff is not None and any(op != "=" for op, _ in self.diff.bluf)


def since(old: Brief | None, new: Brief, name: str) -> Since:
    """Compare a brief with its earlier version; `name` says which when versions do not."""
    if old is None:
        return Since(name, None)
    version = old.meta.version if old.meta.version != new.meta.version else None
    return Since(name, semantic_diff(old, new), version)
