"""Plain classes that stand in for the models when `check` validates without pydantic.

A light schema (`compiled.light`) names a class of this module for each
model: `light.Quote` is a plain class called Quote, made on first use.
Validation fills an instance with exactly the fields, defaults included,
that the model's instance would hold, so code that only reads a brief's
fields (the rules, the warnings) reads one as it reads the model. Nothing
here may import pydantic.
"""

from __future__ import annotations

from typing import Any

_MADE: dict[str, type[Plain]] = {}


class Plain:
    """A model's fields, and nothing else of it."""

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("__"))
        return f"{type(self).__name__}({shown})"


def plain_class(name: str) -> type[Plain]:
    """The stand-in of the model called `name`, the same class each time."""
    made = _MADE.get(name)
    if made is None:
        made = _MADE[name] = type(name, (Plain,), {"__module__": __name__,
                                                   "__qualname__": name})
    return made


def __getattr__(name: str) -> Any:
    """`light.Quote`: how a pickled schema names a stand-in."""
    if name.startswith("_") or not name.isidentifier():
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return plain_class(name)
