"""The whole brief: the root of the `briefgen/1` format."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from briefgen.model.actions import OpenQuestion, Recommendation
from briefgen.model.actors import Party, Person, Position, Relation
from briefgen.model.fields import Model, choice
from briefgen.model.figures import KeyFigure
from briefgen.model.humanitarian import Humanitarian
from briefgen.model.meta import Meta
from briefgen.model.quotes import Quote
from briefgen.model.risks import Risk
from briefgen.model.sources import Source
from briefgen.model.summary import Summary
from briefgen.model.timeline import Event
from briefgen.model.values import ID_SECTIONS, SCHEMA

__all__ = ["ID_SECTIONS", "SCHEMA", "Brief"]


class Brief(Model):
    schema_: Annotated[Literal["briefgen/1"], BeforeValidator(choice(SCHEMA))] = Field(
        alias="schema")
    meta: Meta
    sources: list[Source] = Field(min_length=1)
    summary: Summary
    key_figures: list[KeyFigure] = []
    parties: list[Party] = []
    people: list[Person] = []
    relations: list[Relation] = []
    positions: list[Position] = []
    quotes: list[Quote] = []
    risks: list[Risk] = []
    humanitarian: Humanitarian | None = None
    timeline: list[Event] = []
    recommendations: list[Recommendation] = []
    open_questions: list[OpenQuestion] = []
