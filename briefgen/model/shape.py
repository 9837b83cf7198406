"""What each field of the model is, and the walk over a brief's raw data that uses it.

The cross-reference and verbatim checks run over the raw YAML data, so that
they report their problems in the same pass as the schema errors. They use
this table to know which keys hold references, verbatim text or nested parts.

The table (`annotations`) is read from the models once per version of the
code and kept with the model's light validator (`compiled.light`), so that
reading it needs no pydantic. Models are named in it by their class's name:
`Quote`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefgen.model.annotations import Shape
from briefgen.model.compiled import light

__all__ = ["BRIEF", "Loc", "Shape", "is_item", "model_at", "shapes", "value_at", "walk_fields"]

Loc = tuple[str | int, ...]  # where a value is in a brief: ('risks', 2, 'likelihood')
BRIEF = "briefgen.model.brief.Brief"  # the root of the format, as `compiled.light` names it


def shapes(model: str, root: str = BRIEF) -> dict[str, Shape]:
    """Map each YAML key of the model called `model` (within `root`) to its Shape."""
    return light(root).shapes[model]


def is_item(model: str) -> bool:
    """Whether the brief's model called `model` may be marked for an audience."""
    return model in light(BRIEF).items


def model_at(root: str, loc: tuple[str | int, ...]) -> str | None:
    """The name of the model that validates the mapping found at `loc` within `root`."""
    current: str | None = root
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None:
            return None
        shape = shapes(current).get(part)
        current = shape.model if shape else None
    return current


def value_at(data: Any, loc: Loc) -> Any:
    """What a brief's raw data holds at `loc`, or None where nothing is."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def walk_fields(data: Any) -> Iterator[tuple[Loc, Shape, Any, Any]]:
    """Every known field present in a brief's raw data: (loc, shape, value, parent mapping)."""
    return _walk("Brief", data, ())


def _walk(model: str, data: Any, loc: Loc) -> Iterator[tuple[Loc, Shape, Any, Any]]:
    if not isinstance(data, dict):
        return
    table = shapes(model)
    for key, value in data.items():
        shape = table.get(key)
        if shape is None:
            continue
        here = (*loc, key)
        if shape.model is not None:
            items = enumerate(value) if shape.is_list and isinstance(value, list) else None
            if items is None:
                yield from _walk(shape.model, value, here)
            else:
                for i, item in items:
                    yield from _walk(shape.model, item, (*here, i))
        elif shape.is_list and isinstance(value, list):
            for i, item in enumerate(value):
                yield (*here, i), shape, item, data
        else:
            yield here, shape, value, data
