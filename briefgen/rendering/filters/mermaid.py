"""The relation graph as a Mermaid flowchart, for the Markdown brief (GitHub draws it)."""

from __future__ import annotations

import jinja2

from briefgen.model.view import View
from briefgen.rendering import charts
from briefgen.rendering.i18n import of_context as _tr
from briefgen.rendering.markdown import MdSafe


def mermaid_text(text: str) -> str:
    """Text for inside a Mermaid label: entity-coded so that it cannot break out."""
    table = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;",
             "&": "#amp;", "|": "#124;", "\n": " ", "\r": " "}
    return "".join(table.get(char, char) for char in text)


MERMAID_LINKS = {"backer": "==>", "member-of": "-->", "ally": "---", "partner": "---",
                 "adversary": "===", "rival": "-.-", "mediator": "-.-"}


@jinja2.pass_context
def mermaid_relations(context: jinja2.runtime.Context, view: View) -> MdSafe:
    """The relation graph as a Mermaid flowchart, which GitHub draws (right to left for a
    right-to-left brief)."""
    tr = _tr(context)
    order = {party.id: n for n, party in enumerate(view.brief.parties, start=1)}
    lines = ["flowchart RL" if view.rtl else "flowchart LR"]
    lines += [f'  p{n}["{mermaid_text(view.parties[ident].name)}"]' for ident, n in order.items()]
    for edge in view.edges:
        label = tr.term("relation", edge.type) + (
            f", {tr.term('relation-trend', edge.trend)}" if edge.trend else "")
        link = MERMAID_LINKS[edge.type]
        lines.append(f'  p{order[edge.source]} {link}|"{mermaid_text(label)}"| '
                     f'p{order[edge.target]}')
    for n, edge in enumerate(view.edges):
        colour = charts.EDGE_STYLES[edge.type]["stroke"]
        lines.append(f"  linkStyle {n} stroke:{colour}")
    return MdSafe("\n".join(lines))
