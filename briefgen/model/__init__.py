"""Typed models of the `briefgen/1` format, one section per module."""

from briefgen.model.brief import ID_SECTIONS, SCHEMA, Brief

__all__ = ["ID_SECTIONS", "SCHEMA", "Brief"]
