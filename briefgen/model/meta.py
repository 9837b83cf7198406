"""`meta`: what the brief is, who wrote it, and how it may be shared."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

from briefgen.model.fields import (
    Bool,
    Choice,
    Date,
    Id,
    Lang,
    Markdown,
    Model,
    RequiredText,
    Text,
    Tlp,
)
from briefgen.model.values import as_country


class Author(Model):
    name: RequiredText
    role: Text | None = None
    org: Text | None = None
    name_native: Text | None = None
    lang: Lang | None = None


class Coverage(Model):
    countries: list[Annotated[str, BeforeValidator(as_country)]] = []
    adm1: list[Text] = []  # extension: first-level administrative divisions, by name
    areas: list[Text] = []


class ChangelogEntry(Model):
    version: Text | None = None
    date: Date | None = None
    note: Markdown | None = None


Classification = Choice(Literal["public", "internal", "confidential", "restricted"])


class Meta(Model):
    id: Id
    title: RequiredText
    subtitle: Text | None = None
    date: Date
    review_by: Date | None = None  # extension: when the brief is due for review
    language: Lang
    version: Text | None = None
    status: Choice(Literal["draft", "review", "final", "superseded"]) | None = None
    authors: list[Author] = []
    classification: Classification | None = None
    tlp: Tlp | None = None
    coverage: Coverage | None = None
    tags: list[Text] = []
    sourcing_note: Markdown | None = None
    fictional: Bool = False
    disclaimer: Markdown | None = None
    changelog: list[ChangelogEntry] = []
