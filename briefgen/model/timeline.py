"""`timeline`: dated events, rendered in date order."""

from __future__ import annotations

from typing import Annotated, Literal

from briefgen.model.fields import Choice, Date, Id, Item, Ref, RequiredText, Text, Verbatim

EventKind = Choice(Literal["event", "agreement", "statement", "deadline", "scheduled"])


class Event(Item):
    id: Id
    date: Date
    date_note: Text | None = None
    kind: EventKind | None = None
    event: RequiredText
    parties: list[Ref("party")] = []
    source: Ref("source") | None = None
    excerpt: Annotated[Text, Verbatim("source")] | None = None
