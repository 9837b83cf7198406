"""TLP levels, and the level of each part of a brief as written.

The audience `L` sees what is marked `L` or lower. An item takes `meta.tlp`
unless it carries its own `tlp`; an item inside another (a humanitarian need
inside the outlook) is never seen by an audience that cannot see its
container. Plain text outside any item (`meta`, `summary.bluf`) counts at
`meta.tlp`: a lower audience sees only the variants written for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefgen.model.shape import Loc, is_item, shapes
from briefgen.model.values import TLP_LEVELS

LOWEST, HIGHEST = TLP_LEVELS[0], TLP_LEVELS[-1]


def rank(level: str) -> int:
    return TLP_LEVELS.index(level)


def is_level(value: Any) -> bool:
    return isinstance(value, str) and value in TLP_LEVELS


def higher(a: str, b: str) -> str:
    return a if rank(a) >= rank(b) else b


def sees(audience: str, level: str) -> bool:
    """Whether the audience `audience` may see what is marked `level`."""
    return rank(level) <= rank(audience)


def banner(level: str) -> str:
    return f"TLP:{level.upper()}"


def ceiling(data: Any, default: str | None) -> str | None:
    """The brief's own level: `meta.tlp`, else the project's default, else None."""
    meta = data.get("meta") if isinstance(data, dict) else None
    written = meta.get("tlp") if isinstance(meta, dict) else None
    if written is not None:
        return written if is_level(written) else HIGHEST  # refused anyway: assume the worst
    return default


def own_level(item: dict[str, Any], brief_level: str) -> str:
    """An item's own marking, or the brief's; a marking that is not a level counts as the
    highest, so that a typo can never release what it was meant to withhold."""
    marked = item.get("tlp")
    if marked is None:
        return brief_level
    return marked if is_level(marked) else HIGHEST


def marked_parts(data: Any, brief_level: str) -> Iterator[tuple[Loc, dict[str, Any], str]]:
    """Every item and humanitarian part of the brief, with its place and effective level
    (its own, raised to its container's)."""
    yield from _parts("Brief", data, (), LOWEST, brief_level)


def _parts(model: str, data: Any, loc: Loc, bound: str,
           brief_level: str) -> Iterator[tuple[Loc, dict[str, Any], str]]:
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        shape = shapes(model).get(key)
        if shape is None or shape.model is None:
            continue
        elements = list(enumerate(value)) if shape.is_list and isinstance(value, list) \
            else [(None, value)]
        for index, element in elements:
            if not isinstance(element, dict):
                continue
            here = (*loc, key) if index is None else (*loc, key, index)
            inner = bound
            if is_item(shape.model):
                inner = higher(own_level(element, brief_level), bound)
                yield here, element, inner
            yield from _parts(shape.model, element, here, inner, brief_level)
