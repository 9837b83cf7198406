"""The brief as one audience may see it, made from the analyst's data before validation.

`release(data, audience, brief_level)` returns new plain data: every item
the audience may not see is gone, every text that varies by level holds the
variant of the highest level the audience may see, and `meta.tlp` is the
audience's level. Validation and rendering then work on that data as on any
brief, so nothing withheld can reach an output: there is nothing to filter
afterwards. Each value keeps the place the analyst wrote it (`origin`), so
that a problem in a released version is reported at the analyst's own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefgen.model.shape import Loc, Shape, is_item, shapes
from briefgen.reading.loader import Loaded
from briefgen.release.levels import (
    HIGHEST,
    LOWEST,
    higher,
    is_level,
    own_level,
    rank,
    sees,
)


@dataclass
class Release:
    """One audience's version of a brief, as plain data."""

    audience: str | None  # None: the full version, at the brief's own level
    data: dict[str, Any] = field(default_factory=dict)
    origin: dict[Loc, Loc] = field(default_factory=dict)  # released place -> analyst's place
    unseen: list[Loc] = field(default_factory=list)  # required texts with no visible variant
    withheld: list[Loc] = field(default_factory=list)  # items and texts left out
    # Variants chosen above the level of the item that holds them: the released YAML keeps
    # these as `{level: text}`, so that it still says who may read them.
    raised: dict[Loc, str] = field(default_factory=dict)


def release(data: dict[str, Any], audience: str | None, brief_level: str | None) -> Release:
    """The version of `data` for `audience`, or with None the full version: every item kept,
    each text at the brief's own level."""
    level = brief_level or HIGHEST
    walker = _Walker(Release(audience), audience or level, full=audience is None,
                     brief_level=level)
    walker.release.data = walker.mapping("Brief", data, (), (), LOWEST, level)
    meta = walker.release.data.get("meta")
    if audience is not None and isinstance(meta, dict):
        meta["tlp"] = audience  # the version's own marking: what its banners print
        original = ("meta", "tlp") if isinstance(data["meta"].get("tlp"), str) else ("meta",)
        walker.release.origin[("meta", "tlp")] = original
    return walker.release


def variant(value: dict[Any, Any], audience: str) -> Any | None:
    """The key of the variant for the highest level `audience` may see, or None."""
    seen = [key for key in value if is_level(key) and sees(audience, key)]
    return max(seen, key=rank) if seen else None


class _Walker:
    def __init__(self, found: Release, audience: str, *, full: bool, brief_level: str) -> None:
        self.release, self.audience, self.full = found, audience, full
        self.brief_level = brief_level
        self.shown = 0  # texts kept so far

    def mapping(self, model: str, data: dict[str, Any], loc: Loc, new: Loc, bound: str,
                level: str) -> dict[str, Any]:
        """`data`, validated later by `model`; `level` is what its plain text counts at, and
        `bound` the level of the item holding it (items inside are never seen below it)."""
        self.release.origin[new] = loc
        out: dict[str, Any] = {}
        table = shapes(model)
        for key, value in data.items():
            here, there = (*loc, key), (*new, key)
            shape = table.get(key) if isinstance(key, str) else None
            if shape is None:  # not the format's: the schema refuses it, at its place
                out[key] = self.copy(value, here, there)
            elif shape.text:
                self.text_field(out, key, shape, value, here, there, level)
            elif shape.model is not None and shape.is_list and isinstance(value, list):
                out[key] = self.elements(shape.model, value, here, there, bound, level)
            elif shape.model is not None and isinstance(value, dict):
                kept = self.part(shape.model, value, here, there, bound, level)
                if kept is not None:
                    out[key] = kept
            else:
                out[key] = self.copy(value, here, there)
        return out

    def part(self, model: str, value: dict[str, Any], loc: Loc, new: Loc, bound: str,
             level: str) -> dict[str, Any] | None:
        """A nested mapping: an item the audience may not see is withheld whole."""
        if not is_item(model):
            return self.mapping(model, value, loc, new, bound, level)
        own = higher(own_level(value, self.brief_level), bound)
        if not self.full and not sees(self.audience, own):
            self.release.withheld.append(loc)
            return None
        return self.mapping(model, value, loc, new, own, own)

    def elements(self, model: str, values: list[Any], loc: Loc, new: Loc, bound: str,
                 level: str) -> list[Any]:
        self.release.origin[new] = loc
        out: list[Any] = []
        for i, value in enumerate(values):
            here, there = (*loc, i), (*new, len(out))
            if not isinstance(value, dict):
                out.append(self.copy(value, here, there))
                continue
            unseen, shown, left = (len(self.release.unseen), self.shown,
                                   len(self.release.withheld))
            kept = self.part(model, value, here, there, bound, level)
            if kept is None:
                continue
            lost = len(self.release.unseen) > unseen or (
                self.shown == shown and len(self.release.withheld) > left)
            if not is_item(model) and lost:
                # An author or a changelog entry written at the brief's level goes with its
                # text, rather than stand in the released version without it.
                del self.release.unseen[unseen:]
                del self.release.withheld[left:]
                self.release.withheld.append(here)
                self._forget(there)
                continue
            out.append(kept)
        return out

    def text_field(self, out: dict[str, Any], key: str, shape: Shape, value: Any, loc: Loc,
                   new: Loc, level: str) -> None:
        if shape.is_list and isinstance(value, list):
            self.release.origin[new] = loc
            kept: list[Any] = []
            for i, element in enumerate(value):
                chosen = self.text(element, (*loc, i), (*new, len(kept)), level)
                if chosen is None:
                    self.release.withheld.append((*loc, i))
                else:
                    kept.append(chosen[0])
            out[key] = kept
            return
        chosen = self.text(value, loc, new, level)
        if chosen is not None:
            out[key] = chosen[0]
        elif shape.required:
            self.release.unseen.append(loc)
        else:
            self.release.withheld.append(loc)

    def text(self, value: Any, loc: Loc, new: Loc, level: str) -> tuple[Any] | None:
        """The text this version shows, in a 1-tuple (it may be None), or None to leave it
        out: a variant mapping gives the variant for the highest level the audience may
        see, and plain text is shown where its level allows."""
        if isinstance(value, dict):
            key = variant(value, self.audience)
            if key is None:
                return None
            self.release.origin[new] = (*loc, key)
            if rank(key) > rank(level):
                self.release.raised[new] = key
            self.shown += 1
            return (value[key],)
        if not self.full and not sees(self.audience, level):
            return None
        self.shown += 1
        return (self.copy(value, loc, new),)

    def copy(self, value: Any, loc: Loc, new: Loc) -> Any:
        """A value carried as written, each nested place remembered."""
        self.release.origin[new] = loc
        if isinstance(value, dict):
            return {k: self.copy(v, (*loc, k), (*new, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.copy(v, (*loc, i), (*new, i)) for i, v in enumerate(value)]
        return value

    def _forget(self, new: Loc) -> None:
        """Drop the places recorded below an element that was left out after all."""
        size = len(new)
        for place in [p for p in self.release.origin if p[:size] == new]:
            del self.release.origin[place]
        for place in [p for p in self.release.raised if p[:size] == new]:
            del self.release.raised[place]


def as_loaded(loaded: Loaded, found: Release) -> Loaded:
    """A released version as if the loader had read it: its own data, and for each of its
    places the analyst's line and column, and the analyst's path in messages."""

    def moved(table: dict[Loc, Any]) -> dict[Loc, Any]:
        return {new: table[old] for new, old in found.origin.items() if old in table}

    return Loaded(file=loaded.file, path=loaded.path, data=found.data, source=loaded.source,
                  marks=moved(loaded.marks), key_marks=moved(loaded.key_marks),
                  raw=moved(loaded.raw),
                  reported={new for new, old in found.origin.items() if old in loaded.reported},
                  origin=dict(found.origin),
                  analyst=loaded.data if loaded.analyst is None else loaded.analyst)
