"""Typed models of the `briefgen/1` format, one section per module.

`Brief` is imported on first use, not with the package: `check` validates
without pydantic (`compiled.light`), and the package's other modules are
read by stages that never build a model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefgen.model.values import ID_SECTIONS, SCHEMA

if TYPE_CHECKING:
    from briefgen.model.brief import Brief

__all__ = ["ID_SECTIONS", "SCHEMA", "Brief"]


def __getattr__(name: str) -> Any:
    if name == "Brief":
        from briefgen.model.brief import Brief

        return Brief
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
