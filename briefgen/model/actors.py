"""`parties`, `people`, `relations` and `positions`: who is involved and where they stand."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from briefgen.model.fields import (
    Choice,
    Confidence,
    Id,
    Item,
    Kind,
    Lang,
    Markdown,
    Ref,
    RequiredText,
    Text,
)

PartyType = Choice(Literal["state", "non-state-armed-group", "alliance", "intergovernmental",
                           "ngo", "civil-society", "private-sector", "population-group", "other"])
RelationType = Choice(Literal["backer", "ally", "partner", "adversary", "rival", "mediator",
                              "member-of"])
RelationTrend = Choice(Literal["improving", "stable", "deteriorating", "unknown"])
Stance = Choice(Literal["supports", "opposes", "conditional", "neutral", "ambiguous", "unknown"])
Basis = Choice(Literal["stated", "reported", "inferred"])


class Party(Item):
    id: Id
    name: RequiredText
    type: PartyType
    aliases: list[Text] = []
    name_native: Text | None = None
    lang: Lang | None = None
    representatives: list[Ref("person")] = []
    backed_by: list[Ref("party")] = []
    allies: list[Ref("party")] = []
    description: Markdown | None = None


class Person(Item):
    id: Id
    name: RequiredText
    role: Text | None = None
    party: Ref("party") | None = None
    affiliation: Text | None = None
    name_native: Text | None = None
    lang: Lang | None = None
    note: Text | None = None


class Relation(Item):
    from_: Ref("party") = Field(alias="from")
    to: Ref("party")
    type: RelationType
    trend: RelationTrend | None = None
    note: Markdown | None = None
    evidence: list[Ref()] = []


class Position(Item):
    party: Ref("party")
    topic: RequiredText
    stance: Stance
    basis: Basis | None = None
    summary: Markdown | None = None
    quotes: list[Ref("quote")] = []
    kind: Kind | None = None
    confidence: Confidence | None = None
