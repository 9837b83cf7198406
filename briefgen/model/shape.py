"""What each field of the model is, read from its annotation.

The cross-reference and verbatim checks run over the raw YAML data, so that
they report their problems in the same pass as the schema errors. They use
this table to know which keys hold references, verbatim text or nested parts.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from briefgen.model.brief import Brief
from briefgen.model.fields import IsMarkdown, IsText, RefTo, Verbatim

Loc = tuple[str | int, ...]  # where a value is in a brief: ('risks', 2, 'likelihood')


@dataclass(frozen=True)
class Shape:
    """The parts of a field's annotation that the checks care about."""

    ref: RefTo | None = None
    verbatim: Verbatim | None = None
    model: type[BaseModel] | None = None
    is_list: bool = False
    markdown: bool = False
    text: bool = False  # prose, which may hold one variant per TLP level
    required: bool = False


def _describe(annotation: Any, is_list: bool = False) -> Shape:
    origin = get_origin(annotation)
    if origin is Annotated:
        inner = _describe(get_args(annotation)[0], is_list)
        for extra in annotation.__metadata__:
            if isinstance(extra, RefTo):
                inner = replace(inner, ref=extra)
            elif isinstance(extra, Verbatim):
                inner = replace(inner, verbatim=extra)
            elif isinstance(extra, IsMarkdown):
                inner = replace(inner, markdown=True)
            elif isinstance(extra, IsText):
                inner = replace(inner, text=True)
        return inner
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            if arg is not type(None):
                return _describe(arg, is_list)
    if origin is list:
        return _describe(get_args(annotation)[0], True)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape(model=annotation, is_list=is_list)
    return Shape(is_list=is_list)


@cache
def shapes(model: type[BaseModel]) -> dict[str, Shape]:
    """Map each YAML key of `model` to its Shape."""
    return {(f.alias or name): replace(_describe(f.annotation if not f.metadata else
                                                 Annotated[(f.annotation, *f.metadata)]),
                                       required=f.is_required())
            for name, f in model.model_fields.items()}


def model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping found at `loc`."""
    current: type[BaseModel] | None = root
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
    return _walk(Brief, data, ())


def _walk(model: type[BaseModel], data: Any, loc: Loc) -> Iterator[tuple[Loc, Shape, Any, Any]]:
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
