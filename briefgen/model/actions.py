"""`recommendations` and `open_questions`: what to do, and what is still unknown."""

from __future__ import annotations

from typing import Literal

from briefgen.model.fields import (
    Choice,
    Confidence,
    Id,
    Item,
    Markdown,
    Ref,
    RequiredMarkdown,
    RequiredText,
    Text,
)


class Recommendation(Item):
    id: Id
    text: RequiredMarkdown
    audience: Text | None = None
    priority: Choice(Literal["high", "medium", "low"]) | None = None
    rationale: Markdown | None = None
    related: list[Ref()] = []
    confidence: Confidence | None = None
    pros: list[Text] = []
    cons: list[Text] = []


class OpenQuestion(Item):
    id: Id
    question: RequiredText
    why_it_matters: Markdown | None = None
    related: list[Ref()] = []
