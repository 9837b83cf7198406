"""What a project's configuration adds to every brief it builds: name, logo, colours, paper."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Branding:
    """The house style a template shows; empty when a project configures none."""

    organisation: str | None = None
    logo: str | None = None  # a data: URI, so that the HTML stays self-contained
    css: str = ""  # custom properties and the page size, after the built-in styles
