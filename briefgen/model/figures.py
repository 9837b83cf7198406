"""`key_figures`: the numbers a reader should remember."""

from __future__ import annotations

from typing import Annotated

from briefgen.model.fields import (
    Date,
    Id,
    Item,
    Markdown,
    Number,
    Ref,
    RequiredText,
    Text,
    Verbatim,
)


class KeyFigure(Item):
    id: Id
    label: RequiredText
    display: RequiredText
    value: Number | None = None
    value_min: Number | None = None
    value_max: Number | None = None
    out_of: Number | None = None
    qualifier: Text | None = None
    unit: Text | None = None
    date: Date | None = None
    hxl: Text | None = None
    source: Ref("source") | None = None
    locator: Text | None = None
    excerpt: Annotated[Text, Verbatim("source")] | None = None
    note: Markdown | None = None
