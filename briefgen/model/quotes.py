"""`quotes`: the words of the people involved, copied verbatim."""

from __future__ import annotations

from typing import Annotated, Literal

from briefgen.model.fields import (
    Choice,
    Date,
    Id,
    Item,
    Lang,
    Ref,
    RequiredText,
    Text,
    Verbatim,
)


class Quote(Item):
    id: Id
    text: Annotated[RequiredText, Verbatim("source")]
    speaker: Ref("person")
    source: Ref("source")
    locator: Text | None = None
    date: Date | None = None
    lang: Lang | None = None
    translation: Text | None = None
    translated_by: Text | None = None
    attribution: Choice(Literal["explicit", "inferred"]) | None = None
    attribution_note: Text | None = None
    context: Text | None = None
    note: Text | None = None
