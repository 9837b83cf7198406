"""`sources`: the documents a brief rests on."""

from __future__ import annotations

from typing import Literal

from briefgen.model.fields import Choice, Date, Id, Item, Lang, RequiredText, Text, Word

SourceType = Choice(Literal["article-newspaper", "report", "broadcast", "interview", "webpage",
                            "dataset", "document"])
Reliability = Choice(Literal["A", "B", "C", "D", "E", "F"])


class Source(Item):
    id: Id
    type: SourceType | None = None
    title: RequiredText
    title_native: Text | None = None
    standfirst: Text | None = None
    publisher: Text | None = None
    issued: Date | None = None
    updated: Date | None = None
    author: Text | None = None
    url: Text | None = None
    local_path: Word | None = None  # a path, never a variant
    language: Lang | None = None
    reliability: Reliability | None = None
    reliability_note: Text | None = None
    locator_scheme: Text | None = None
