"""What `check` refuses in a brief's markings, before any version is made from it.

- an item marked above `meta.tlp`, or a text variant for a level above it;
- a variant mapping that is empty, or keyed by a word that is not a TLP level;
- markings in a brief that has no TLP of its own to measure them against;
- an item that cites an item marked above itself (a reference, or a Markdown
  `#anchor` link to its id): its released version would point at something
  it does not carry, and an anchor would print the withheld item's id.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefgen.errors import Problem
from briefgen.model.shape import Loc, value_at, walk_fields
from briefgen.model.values import ID_SECTIONS, TLP_LEVELS
from briefgen.reading.loader import Loaded, dotted
from briefgen.release.levels import (
    HIGHEST,
    banner,
    ceiling,
    higher,
    is_level,
    marked_parts,
    rank,
)
from briefgen.rendering.markdown import anchor_links


@dataclass(frozen=True)
class Marked:
    """An item or part of the brief with its effective level."""

    loc: Loc
    level: str
    name: str  # how a message names it: its id, or its place


def check_markings(loaded: Loaded, default: str | None,
                   audiences: tuple[str, ...] = ()) -> list[Problem]:
    """Every problem with the brief's markings, at the analyst's lines."""
    data = loaded.data
    own = ceiling(data, default)
    level = own or HIGHEST
    parts = [Marked(loc, lvl, _name(loc, item)) for loc, item, lvl in marked_parts(data, level)]
    problems: list[Problem] = []
    if own is None:
        problems += _unmarked_brief(loaded, parts, audiences)
    else:
        for part in parts:
            marking = value_at(data, (*part.loc, "tlp"))
            if is_level(marking) and rank(marking) > rank(own):
                problems.append(loaded.problem(
                    (*part.loc, "tlp"), f"{part.name} is marked {banner(marking)}, above the "
                    f"brief's own {banner(own)} (meta.tlp); an item may not be marked above "
                    "the brief"))
    problems += _variant_problems(loaded, own)
    problems += _citations(loaded, parts, level)
    return problems


def _unmarked_brief(loaded: Loaded, parts: list[Marked],
                    audiences: tuple[str, ...]) -> list[Problem]:
    why = ("the brief has no TLP of its own to measure it against; set meta.tlp (or "
           "[defaults] tlp in briefgen.toml)")
    found = [loaded.problem((*p.loc, "tlp"), f"this item is marked, but {why}")
             for p in parts if _marked(loaded.data, p.loc)]
    found += [loaded.problem(loc, f"this text has variants by TLP level, but {why}")
              for loc, _value in _variants(loaded.data)]
    if audiences:
        found.append(loaded.problem(("meta",), f"cannot make the {banner(audiences[0])} "
                                    f"version: {why}", key=True))
    return found


def _variant_problems(loaded: Loaded, own: str | None) -> Iterator[Problem]:
    for loc, value in _variants(loaded.data):
        if not value or not any(is_level(key) for key in value):
            found = "an empty mapping" if not value else "a mapping"
            yield loaded.problem(loc, f"expected text, found {found}; a text may also be "
                                      "one text per TLP level, such as {amber: \"…\", "
                                      "clear: \"…\"}")
            continue
        for key, text in value.items():
            here = (*loc, key)
            if not is_level(key):
                close = difflib.get_close_matches(str(key).lower(), TLP_LEVELS, n=1, cutoff=0.5)
                hint = f"did you mean '{close[0]}'? " if close else ""
                yield loaded.problem(here, f"'{key}' is not a TLP level; {hint}a text's "
                                           f"variants are keyed by {', '.join(TLP_LEVELS)}",
                                     key=True)
            elif own is not None and rank(key) > rank(own):
                yield loaded.problem(here, f"a {banner(key)} variant in a {banner(own)} brief; "
                                           "no variant may be marked above meta.tlp", key=True)
            if text is not None and not isinstance(text, str):
                written = loaded.raw.get(here, str(text))
                yield loaded.problem(here, f"each variant is text, and '{written}' is not: put "
                                           f"it in quotes (\"{written}\")"
                                     if not isinstance(text, dict | list) else
                                     "each variant is text, not a list or mapping")


def _citations(loaded: Loaded, parts: list[Marked], brief_level: str) -> Iterator[Problem]:
    """References and `#anchor` links to items marked above the item that makes them."""
    data = loaded.data
    by_loc = {p.loc: p for p in parts}
    by_id = {value_at(data, (*p.loc, "id")): p for p in parts
             if p.loc[0] in ID_SECTIONS and len(p.loc) == 2}
    for loc, shape, value, _parent in walk_fields(data):
        holder = _holder(by_loc, loc)
        if shape.ref is not None and isinstance(value, str):
            yield from _cite(loaded, loc, holder, by_id.get(value), brief_level)
        elif shape.markdown:
            texts = value.items() if isinstance(value, dict) else [(None, value)]
            for key, text in texts:
                if not isinstance(text, str) or (key is not None and not is_level(key)):
                    continue
                for target in anchor_links(text):
                    yield from _cite(loaded, loc, holder, by_id.get(target), brief_level,
                                     variant=key, link=True)


def _cite(loaded: Loaded, loc: Loc, holder: Marked | None, cited: Marked | None,
          brief_level: str, variant: str | None = None, link: bool = False) -> Iterator[Problem]:
    if cited is None:
        return
    level = holder.level if holder is not None else brief_level
    if variant is not None:  # shown to the variant's readers who also see its holder
        level = variant if holder is None else higher(variant, holder.level)
    if rank(cited.level) <= rank(level):
        return
    who = holder.name if holder is not None else "this text"
    where = f"its {banner(variant)} variant" if variant is not None else who
    verb = "links to" if link else "cites"
    yield loaded.problem(loc, f"{who} ({banner(level)}) {verb} {cited.name}, which is marked "
                              f"{banner(cited.level)}; the {banner(level)} version of {where} "
                              f"would point at what it does not carry: mark {cited.name} "
                              f"{level} or lower, or mark {who} {cited.level}")


def _holder(by_loc: dict[Loc, Marked], loc: Loc) -> Marked | None:
    """The innermost item or part that holds `loc`."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in by_loc:
            return by_loc[loc[:end]]
    return None


def _variants(data: Any) -> Iterator[tuple[Loc, dict[Any, Any]]]:
    """Every prose field written as one text per level."""
    for loc, shape, value, _parent in walk_fields(data):
        if shape.text and isinstance(value, dict):
            yield loc, value


def _marked(data: Any, loc: Loc) -> bool:
    return value_at(data, (*loc, "tlp")) is not None


def _name(loc: Loc, item: dict[str, Any]) -> str:
    ident = item.get("id")
    return f"'{ident}'" if isinstance(ident, str) else dotted(loc)
