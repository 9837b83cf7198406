"""How a message names a place in a brief: a dotted path, with each list item that has an
id named by it, as an analyst searches for it (`quotes[q-lavrov].text`)."""

from __future__ import annotations

import re
from typing import Any

Loc = tuple[str | int, ...]

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\Z")  # an id that can name an item


def dotted(loc: Loc, data: Any = None) -> str:
    """`('risks', 2, 'likelihood')` -> `risks[2].likelihood`; with the brief's `data`, an
    item whose id is unique in its list is named by it: `risks[r-offensive].likelihood`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            label: str | int = part
            if isinstance(data, list) and 0 <= part < len(data):
                label = _item_id(data, part) or part
                data = data[part]
            else:
                data = None
            out += f"[{label}]"
        else:
            data = data.get(part) if isinstance(data, dict) else None
            out += f".{part}" if out else str(part)
    return out


def _item_id(items: list[Any], index: int) -> str | None:
    """The id of `items[index]`, if it has a well-formed one that no other item shares."""
    item = items[index]
    ident = item.get("id") if isinstance(item, dict) else None
    if not isinstance(ident, str) or not _SLUG.match(ident):
        return None
    same = sum(1 for other in items if isinstance(other, dict) and other.get("id") == ident)
    return ident if same == 1 else None
