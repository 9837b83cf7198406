"""`summary`: the bottom line up front and the points that carry it."""

from __future__ import annotations

from briefgen.model.fields import (
    Confidence,
    Item,
    Kind,
    Likelihood,
    Markdown,
    Model,
    Ref,
    RequiredMarkdown,
)


class Point(Item):
    text: RequiredMarkdown
    kind: Kind | None = None
    likelihood: Likelihood | None = None
    confidence: Confidence | None = None
    basis: Markdown | None = None
    evidence: list[Ref()] = []


class Summary(Model):
    bluf: RequiredMarkdown
    points: list[Point] = []
