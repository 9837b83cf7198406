"""Filters for the Markdown brief: GFM text that a finalize step will not escape twice."""

from __future__ import annotations

import re
from typing import Any

import jinja2

from briefgen.model.view import View
from briefgen.rendering import charts, markdown
from briefgen.rendering.i18n import of_context as _tr
from briefgen.rendering.markdown import MdSafe


@jinja2.pass_context
def md_markdown(context: jinja2.runtime.Context, text: str | None) -> MdSafe:
    if not text:
        return MdSafe("")
    return MdSafe(markdown.to_gfm(text, context.get("md_image_src")))


@jinja2.pass_context
def md_ref(context: jinja2.runtime.Context, ident: str) -> MdSafe:
    view: View = context["view"]
    return MdSafe(f"[{markdown.escape(view.labels[ident].text, False)}](#{ident})")


def md_indent(text: str, width: int) -> MdSafe:
    """Indent every line after the first, to continue a list item; keeps MdSafe text safe."""
    safe = text if isinstance(text, MdSafe) else markdown.escape(str(text))
    pad = " " * width
    return MdSafe("\n".join(line if i == 0 or not line else pad + line
                             for i, line in enumerate(safe.split("\n"))))


@jinja2.pass_context
def risk_grid(context: jinja2.runtime.Context, view: View) -> list[tuple[str, list[str]]]:
    """The risk matrix as rows of cells, most severe impact first, for a Markdown table."""
    impacts = charts.impact_axis(_tr(context))
    return [(impacts[row[0].impact - 1],
             [f"{LEVEL_MARK[cell.level]} {' '.join(v.label for v in cell.risks)}".strip()
              for cell in row])
            for row in view.matrix]


LEVEL_MARK = {"low": "·", "medium": "▲", "high": "■"}


def md_code(text: Any) -> MdSafe:
    """An inline code span that holds any text, backticks included."""
    body = " ".join(str(text).split())
    ticks = "`" * (max((len(run) for run in re.findall("`+", body)), default=0) + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return MdSafe(f"{ticks}{pad}{body}{pad}{ticks}")


def md_inline(text: Any) -> MdSafe:
    """Plain text for the middle of a line or a table cell: escaped, on one line."""
    return MdSafe(markdown.escape(" ".join(str(text).split()), False))


@jinja2.pass_context
def likelihood_axis(context: jinja2.runtime.Context) -> tuple[str, ...]:
    return charts.likelihood_axis(_tr(context))
