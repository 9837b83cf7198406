"""Field types shared by every part of the brief model.

Each type is strict: YAML 1.1 turns `no` into a bool and `1.10` into a float,
and a text field must refuse those rather than guess. The checks themselves
live in `values`, which needs no pydantic, so that `check` can validate
with them from a compiled schema (`compiled.light`) without importing it.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, WithJsonSchema, model_validator

from briefgen.model.values import (
    DATE,
    SLUG,
    TLP_LEVELS,
    EmptyIsAbsent,
    IsMarkdown,
    IsText,
    RefTo,
    Verbatim,
    as_bool,
    as_lang,
    as_number,
    as_required_text,
    as_slug,
    as_text,
    choice,
    month_number,
    normalise_date,
    suggest_dates,
)

# What other modules read here, though it lives in `values`, which needs no pydantic.
__all__ = ["DATE", "SLUG", "TLP_LEVELS", "IsMarkdown", "IsText", "RefTo", "Verbatim", "choice",
           "month_number", "normalise_date", "suggest_dates"]


class Model(BaseModel):
    """Base of every part of a brief: unknown keys are errors."""

    # defer_build: a model's validator is made when first used, not at import, so that
    # `check` builds only the one it validates with (from a cache: `model.compiled`).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: Any) -> Any:
        """`key:` with nothing after it means the same as leaving the key out."""
        return EmptyIsAbsent(required_keys(cls))(data)


@cache
def required_keys(model: type[BaseModel]) -> frozenset[str]:
    """The keys of `model` that a brief must write."""
    return frozenset(f.alias or name for name, f in model.model_fields.items()
                     if f.is_required())


def Choice(literal: Any) -> Any:  # noqa: N802 - reads as a type in the models
    """`Choice(Literal['a', 'b'])`: a Literal whose errors list the allowed words."""
    return Annotated[literal, BeforeValidator(choice(*get_args(literal)))]


def _variants(text: dict[str, Any]) -> WithJsonSchema:
    """A text, or one text per TLP level: what an editor's schema allows in a prose field."""
    return WithJsonSchema({"anyOf": [text, {
        "type": "object", "minProperties": 1, "additionalProperties": False,
        "description": "one text per TLP level; each released version shows the variant of "
                       "the highest level its audience may see",
        "properties": {level: text for level in TLP_LEVELS}}]})


# What an editor's schema says of each kind of text (JSON Schema patterns are ECMAScript).
_MARKDOWN = _variants({"type": "string", "description": "CommonMark text"})
_PLAIN = _variants({"type": "string"})
_SLUG_SCHEMA = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": 64}
_DATE_SCHEMA = {"type": ["string", "integer"], "description": "ISO 8601, at any precision",
                "pattern": r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
                           r"(Z|[+-]\d{2}:\d{2})?)?)?)?$"}

Text = Annotated[str, BeforeValidator(as_text), IsText(), _PLAIN]
RequiredText = Annotated[str, BeforeValidator(as_required_text), IsText(), _PLAIN]
Markdown = Annotated[str, BeforeValidator(as_text), IsText(), IsMarkdown(), _MARKDOWN]
RequiredMarkdown = Annotated[str, BeforeValidator(as_required_text), IsText(), IsMarkdown(),
                             _MARKDOWN]
Word = Annotated[str, BeforeValidator(as_text)]  # text that is not prose: a path, say; never varies
Id = Annotated[str, BeforeValidator(as_slug), WithJsonSchema(_SLUG_SCHEMA)]
Lang = Annotated[str, BeforeValidator(as_lang),
                 WithJsonSchema({"type": "string", "description": "a BCP 47 code: en, fr, ar",
                                 "pattern": "^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"})]
Date = Annotated[str, BeforeValidator(normalise_date), WithJsonSchema(_DATE_SCHEMA)]
Number = Annotated[int | float, BeforeValidator(as_number)]
Bool = Annotated[bool, BeforeValidator(as_bool)]


def Ref(kind: str | None = None) -> Any:  # noqa: N802 - reads as a type in the models
    """A field naming the id of another item, of `kind` if given."""
    return Annotated[str, BeforeValidator(as_text), RefTo(kind), WithJsonSchema(
        {"type": "string", "description": f"the id of a {kind or 'item'} in this brief"})]


Likelihood = Choice(Literal["almost-no-chance", "very-unlikely", "unlikely",
                            "roughly-even-chance", "likely", "very-likely", "almost-certain"])
Confidence = Choice(Literal["low", "moderate", "high"])
Impact = Choice(Literal["negligible", "minor", "moderate", "major", "severe"])
Kind = Choice(Literal["fact", "judgement"])
Tlp = Annotated[str, BeforeValidator(choice(*TLP_LEVELS)),
                WithJsonSchema({"type": "string", "enum": list(TLP_LEVELS)})]


class Item(Model):
    """A part of the brief that may be marked for an audience: a listed item, or a part of
    the humanitarian outlook. Without `tlp` it takes `meta.tlp`."""

    tlp: Tlp | None = None
