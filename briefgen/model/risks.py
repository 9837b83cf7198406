"""`risks`: what could go wrong, how likely, and how badly."""

from __future__ import annotations

from typing import Literal

from briefgen.model.fields import (
    Choice,
    Confidence,
    Date,
    Id,
    Impact,
    Item,
    Likelihood,
    Markdown,
    Ref,
    RequiredText,
    Text,
)

RiskTrend = Choice(Literal["rising", "stable", "falling", "unknown"])


class Risk(Item):
    id: Id
    title: RequiredText
    description: Markdown | None = None
    likelihood: Likelihood
    impact: Impact
    trend: RiskTrend
    confidence: Confidence
    condition: Text | None = None
    horizon: Text | None = None
    horizon_date: Date | None = None  # extension: when the horizon has passed
    indicators: list[Text] = []
    affected: list[Ref("party")] = []
    evidence: list[Ref()] = []
