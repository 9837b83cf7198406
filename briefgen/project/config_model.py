"""The models of `briefgen.toml`, read by `config` through their light validator.

`config` never imports this module itself: it validates the file with
`model.compiled.light`, which reads these models' schema from a cache and
needs pydantic only when the cache is made.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

from briefgen.model.fields import Choice, Model, Text, choice
from briefgen.model.meta import Classification, Tlp
from briefgen.model.values import as_colour
from briefgen.project.paths import PAPER

Colour = Annotated[str, BeforeValidator(as_colour)]
Format = Choice(Literal["md", "html", "pdf", "docx", "json", "csv"])


class Organisation(Model):
    name: Text | None = None
    logo: Text | None = None  # a PNG, JPEG or SVG file inside the project


class Style(Model):
    accent: Colour | None = None
    accent_soft: Colour | None = None
    paper: Annotated[str, BeforeValidator(choice(*PAPER))] | None = None


class Defaults(Model):
    """What a brief that says nothing gets: its markings."""

    classification: Classification | None = None
    tlp: Tlp | None = None


class BuildDefaults(Model):
    briefs: list[Text] | None = None  # folders or files, relative to the project
    out: Text | None = None
    formats: list[Format] | None = None
    theme: Text | None = None
    audiences: list[Tlp] | None = None  # TLP levels to release a version for, every build
    docx_reference: Text | None = None  # a house .docx whose styles the Word brief takes


class Config(Model):
    # Defaults made without validating (every field of each is optional), so that no
    # validator is built at import; `config` validates with Config's light validator.
    organisation: Organisation = Organisation.model_construct()
    style: Style = Style.model_construct()
    defaults: Defaults = Defaults.model_construct()
    build: BuildDefaults = BuildDefaults.model_construct()
