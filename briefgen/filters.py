"""Jinja filters: small, pure helpers that turn brief values into words or markup."""

from __future__ import annotations

import re
from typing import Any

import jinja2
from markupsafe import Markup

from briefgen import charts, derive, diff, markdown
from briefgen.model.figures import KeyFigure
from briefgen.templating import MdSafe
from briefgen.view import View, is_rtl


def likelihood_words(term: str) -> str:
    """`very-likely` -> `very likely (80–95 %)`."""
    words, span, _points = derive.LIKELIHOODS[term]
    return f"{words} ({span})"


def number(value: float | None) -> str:
    """3600000 -> 3,600,000; 12.5 stays 12.5; a whole float prints without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def figure_amount(figure: KeyFigure) -> str:
    """The structured value of a key figure in words: `about 3,600,000 people out of 5`."""
    parts: list[str] = []
    if figure.qualifier:
        parts.append(figure.qualifier)
    if figure.value is not None:
        parts.append(number(figure.value))
    if figure.value_min is not None or figure.value_max is not None:
        low = number(figure.value_min) if figure.value_min is not None else "…"
        high = number(figure.value_max) if figure.value_max is not None else "…"
        parts.append(("range " if figure.value is not None else "") + f"{low}–{high}")
    if parts and figure.unit:
        parts.append(figure.unit)
    if figure.out_of is not None:
        parts.append(f"out of {number(figure.out_of)}")
    return " ".join(parts)


def words(term: str | None) -> str:
    """An enumeration value as words: `amber+strict` -> `amber+strict`, `non-state-armed-group`
    -> `non-state armed group`."""
    if term is None:
        return ""
    head, hyphen, rest = term.partition("non-state-")
    if hyphen and not head:
        return "non-state " + rest.replace("-", " ")
    return term.replace("-", " ")


@jinja2.pass_context
def html_markdown(context: jinja2.runtime.Context, text: str | None) -> Markup:
    if not text:
        return Markup("")
    return Markup(markdown.to_html(text, context.get("images")))


@jinja2.pass_context
def html_ref(context: jinja2.runtime.Context, ident: str) -> Markup:
    view: View = context["view"]
    label = view.labels[ident]
    return Markup('<a class="ref ref-{}" href="#{}">{}</a>').format(label.kind, ident, label.text)


def html_lang(lang: str | None) -> Markup:
    """` lang="ar" dir="rtl"` for an element holding text in `lang`."""
    if not lang:
        return Markup("")
    direction = "rtl" if is_rtl(lang) else "ltr"
    return Markup(' lang="{}" dir="{}"').format(lang, direction)


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


def mermaid_text(text: str) -> str:
    """Text for inside a Mermaid label: entity-coded so that it cannot break out."""
    table = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;",
             "&": "#amp;", "|": "#124;", "\n": " ", "\r": " "}
    return "".join(table.get(char, char) for char in text)


MERMAID_LINKS = {"backer": "==>", "member-of": "-->", "ally": "---", "partner": "---",
                 "adversary": "===", "rival": "-.-", "mediator": "-.-"}


def mermaid_relations(view: View) -> MdSafe:
    """The relation graph as a Mermaid flowchart, which GitHub draws."""
    order = {party.id: n for n, party in enumerate(view.brief.parties, start=1)}
    lines = ["flowchart LR"]
    lines += [f'  p{n}["{mermaid_text(view.parties[ident].name)}"]' for ident, n in order.items()]
    for edge in view.edges:
        label = edge.type.replace("-", " ") + (f", {edge.trend}" if edge.trend else "")
        link = MERMAID_LINKS[edge.type]
        lines.append(f'  p{order[edge.source]} {link}|"{mermaid_text(label)}"| '
                     f'p{order[edge.target]}')
    for n, edge in enumerate(view.edges):
        colour = charts.EDGE_STYLES[edge.type]["stroke"]
        lines.append(f"  linkStyle {n} stroke:{colour}")
    return MdSafe("\n".join(lines))


def risk_grid(view: View) -> list[tuple[str, list[str]]]:
    """The risk matrix as rows of cells, most severe impact first, for a Markdown table."""
    cells = charts.matrix_cells(view.risks)
    rows = []
    for impact in range(5, 0, -1):
        row = []
        for likelihood in range(1, 6):
            level = derive.risk_level(likelihood * impact)
            here = " ".join(v.label for v in cells.get((likelihood, impact), []))
            row.append(f"{LEVEL_MARK[level]} {here}".strip())
        rows.append((charts.IMPACT_AXIS[impact - 1], row))
    return rows


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


def risk_matrix(risks: list[Any]) -> Markup:
    return Markup(charts.risk_matrix(risks))


def relations_diagram(view: View) -> Markup:
    names = {party.id: party.name for party in view.brief.parties}
    return Markup(charts.relations_diagram(names, view.edges))


def timeline_strip(view: View) -> Markup:
    events = [(view.labels[e.id].text, e.event, e.date, e.kind or "event") for e in view.timeline]
    return Markup(charts.timeline_strip(events))


def install(env: jinja2.Environment, fmt: str) -> None:
    env.filters.update({
        "date": derive.format_date,
        "likelihood": likelihood_words,
        "words": words,
        "number": number,
    })
    env.globals["figure_amount"] = figure_amount
    env.globals.update({"describe_change": diff.describe, "change_section": diff.SECTION_WORDS,
                        "elide": diff.elide})
    env.tests["safe_url"] = markdown.link_allowed
    env.globals["yardstick"] = [(term, (words_, span)) for term, (words_, span, _p)
                                in derive.LIKELIHOODS.items()]
    if fmt == "html":
        env.filters.update({"md": html_markdown, "ref": html_ref, "lang": html_lang})
        env.globals.update({"risk_matrix": risk_matrix, "relations_diagram": relations_diagram,
                            "timeline_strip": timeline_strip})
    else:
        env.filters.update({"md": md_markdown, "ref": md_ref, "inline": md_inline,
                            "mdindent": md_indent, "code": md_code, "raw": MdSafe})
        env.globals.update({"mermaid_relations": mermaid_relations, "risk_grid": risk_grid,
                            "likelihood_axis": charts.LIKELIHOOD_AXIS, "level_mark": LEVEL_MARK})
