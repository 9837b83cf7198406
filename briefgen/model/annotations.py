"""What each field of a model is, read from its annotation: its `Shape`.

The tables are read from the models once per version of the code, when their
light validator is made (`compiled.light`), and kept with it; `shape` reads
them from there, without pydantic. Models are named by their class's name.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

from briefgen.model.values import IsMarkdown, IsText, RefTo, Verbatim

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(frozen=True)
class Shape:
    """The parts of a field's annotation that the checks care about."""

    ref: RefTo | None = None
    verbatim: Verbatim | None = None
    model: str | None = None  # the name of the model that validates the value: "Quote"
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
    if is_model(annotation):
        return Shape(model=annotation.__name__, is_list=is_list)
    return Shape(is_list=is_list)


def is_model(thing: Any) -> bool:
    """Whether `thing` is a model class. Asked only while tables and light schemas are made,
    which import pydantic anyway."""
    from pydantic import BaseModel

    return isinstance(thing, type) and issubclass(thing, BaseModel)


def tables(root: type[BaseModel]) -> tuple[dict[str, dict[str, Shape]], frozenset[str]]:
    """The fields of `root` and of every model within it, by model name, and the names of
    those that may be marked for an audience (`fields.Item`): what `compiled.light`
    keeps."""
    from briefgen.model.fields import Item

    found: dict[str, dict[str, Shape]] = {}
    classes: dict[str, type[BaseModel]] = {}
    items: set[str] = set()
    todo = [root]
    while todo:
        model = todo.pop()
        if model.__name__ in found:
            if classes[model.__name__] is not model:  # the tables name models by name
                raise TypeError(f"two models are called {model.__name__}: "
                                f"{classes[model.__name__].__module__} and {model.__module__}")
            continue
        classes[model.__name__] = model
        found[model.__name__] = {
            (f.alias or name): replace(_describe(f.annotation if not f.metadata else
                                                 Annotated[(f.annotation, *f.metadata)]),
                                       required=f.is_required())
            for name, f in model.model_fields.items()}
        if issubclass(model, Item):
            items.add(model.__name__)
        todo += [inner for f in model.model_fields.values()
                 if (inner := _model_of(f.annotation)) is not None]
    return found, frozenset(items)


def _model_of(annotation: Any) -> Any:
    if is_model(annotation):
        return annotation
    for arg in get_args(annotation):
        if (model := _model_of(arg)) is not None:
            return model
    return None
