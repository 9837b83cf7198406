"""Jinja filters: small, pure helpers that turn brief values into words or markup.

Every word a filter adds comes from the render context's translator `_`
(briefgen/i18n.py), so that it follows `meta.language`; without one, English.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
from markupsafe import Markup, escape

from briefgen import changes, charts, derive, diff, markdown
from briefgen.i18n import Translator, is_rtl, of_context, text_direction, translator
from briefgen.model.figures import KeyFigure
from briefgen.templating import MdSafe
from briefgen.view import View

ENGLISH = translator("en")
_tr = of_context


def likelihood_words(term: str, tr: Translator = ENGLISH) -> str:
    """`very-likely` -> `very likely (80–95 %)`."""
    low, high, _points = derive.LIKELIHOODS[term]
    return f"{tr.term('likelihood', term)} ({tr.percent_range(low, high)})"


def number(value: float | None, tr: Translator = ENGLISH) -> str:
    """3600000 -> 3,600,000; 12.5 stays 12.5; a whole float prints without '.0'."""
    return tr.number(value)


def figure_amount(figure: KeyFigure, tr: Translator = ENGLISH) -> str:
    """The structured value of a key figure in words: `about 3,600,000 people out of 5`."""
    parts: list[str] = []
    if figure.qualifier:
        parts.append(figure.qualifier)
    if figure.value is not None:
        parts.append(tr.number(figure.value))
    if figure.value_min is not None or figure.value_max is not None:
        low = tr.number(figure.value_min) if figure.value_min is not None else "…"
        high = tr.number(figure.value_max) if figure.value_max is not None else "…"
        parts.append(tr.gettext("range %(low)s–%(high)s", low=low, high=high)
                     if figure.value is not None else f"{low}–{high}")
    if parts and figure.unit:
        parts.append(figure.unit)
    if figure.out_of is not None:
        parts.append(tr.gettext("out of %(total)s", total=tr.number(figure.out_of)))
    return " ".join(parts)


@jinja2.pass_context
def context_likelihood(context: jinja2.runtime.Context, term: str) -> str:
    return likelihood_words(term, _tr(context))


@jinja2.pass_context
def context_date(context: jinja2.runtime.Context, text: str) -> str:
    """An ISO date in words, at its precision, in the brief's language."""
    return _tr(context).date(text)


@jinja2.pass_context
def context_number(context: jinja2.runtime.Context, value: float | None) -> str:
    return _tr(context).number(value)


@jinja2.pass_context
def context_figure_amount(context: jinja2.runtime.Context, figure: KeyFigure) -> str:
    return figure_amount(figure, _tr(context))


@jinja2.pass_context
def term(context: jinja2.runtime.Context, value: str | None, name: str) -> str:
    """`{{ risk.impact | term("impact") }}`: a term of the format in the brief's words."""
    return "" if value is None else _tr(context).term(name, value)


@jinja2.pass_context
def colon(context: jinja2.runtime.Context, label: str) -> str:
    """`Evidence` -> `Evidence:`, and `Éléments :` in French, whose colon takes a space."""
    text = _tr(context).gettext("%(label)s:", label=label)
    return MdSafe(text) if isinstance(label, MdSafe) else text


@jinja2.pass_context
def pgettext(context: jinja2.runtime.Context, message_context: str, message: str,
             **params: Any) -> str:
    """A message whose English is ambiguous: `pgettext("audience", "For")`."""
    return _tr(context).pgettext(message_context, message, **params)


@jinja2.pass_context
def likelihood_scale(context: jinja2.runtime.Context) -> list[tuple[str, str, str]]:
    """The yardstick: (term, words, range of probabilities) from least to most likely."""
    tr = _tr(context)
    return [(key, tr.term("likelihood", key), tr.percent_range(low, high))
            for key, (low, high, _points) in derive.LIKELIHOODS.items()]


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


def _crossing(context: jinja2.runtime.Context, text: str) -> str | None:
    """The direction of `text` where it differs from the page's, else None."""
    view = context.get("view")
    page = "rtl" if isinstance(view, View) and view.rtl else "ltr"
    found = text_direction(text)
    return found if found and found != page else None


@jinja2.pass_context
def html_ref(context: jinja2.runtime.Context, ident: str) -> Markup:
    view: View = context["view"]
    label = view.labels[ident]
    crossing = _crossing(context, label.text)
    if crossing:
        return Markup('<a class="ref ref-{}" href="#{}" dir="{}">{}</a>').format(
            label.kind, ident, crossing, label.text)
    return Markup('<a class="ref ref-{}" href="#{}">{}</a>').format(label.kind, ident, label.text)


@jinja2.pass_context
def html_bdi(context: jinja2.runtime.Context, text: Any) -> Markup:
    """Text whose direction differs from the page's, isolated: in an Arabic brief an English
    title keeps its full stop at its end, and the words around it stay in their places."""
    text = "" if text is None else str(text)
    crossing = _crossing(context, text)
    if crossing:
        return Markup('<bdi dir="{}">{}</bdi>').format(crossing, text)
    return escape(text)


@jinja2.pass_context
def html_dir(context: jinja2.runtime.Context, text: Any) -> Markup:
    """` dir="ltr"` for an element holding text whose direction differs from the page's."""
    crossing = _crossing(context, "" if text is None else str(text))
    return Markup(' dir="{}"').format(crossing) if crossing else Markup("")


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


@jinja2.pass_context
def risk_matrix(context: jinja2.runtime.Context, view: View) -> Markup:
    return Markup(charts.risk_matrix(view.risks, view.matrix, tr=_tr(context)))


@jinja2.pass_context
def relations_diagram(context: jinja2.runtime.Context, view: View) -> Markup:
    names = {party.id: party.name for party in view.brief.parties}
    return Markup(charts.relations_diagram(names, view.edges, tr=_tr(context)))


@jinja2.pass_context
def timeline_strip(context: jinja2.runtime.Context, view: View) -> Markup:
    events = [(view.labels[e.id].text, e.event, e.date, e.kind or "event") for e in view.timeline]
    return Markup(charts.timeline_strip(events, tr=_tr(context)))


def install(env: jinja2.Environment, fmt: str) -> None:
    env.filters.update({
        "date": context_date,
        "likelihood": context_likelihood,
        "words": words,
        "number": context_number,
        "term": term,
        "colon": colon,
    })
    env.globals["pgettext"] = pgettext
    env.globals["figure_amount"] = context_figure_amount
    env.globals.update({"describe_change": changes.describe_change, "elide": diff.elide,
                        "likelihood_scale": likelihood_scale})
    env.tests["safe_url"] = markdown.link_allowed
    env.globals["yardstick"] = [(key, (ENGLISH.term("likelihood", key),
                                       ENGLISH.percent_range(low, high)))
                                for key, (low, high, _p) in derive.LIKELIHOODS.items()]
    if fmt == "html":
        env.filters.update({"md": html_markdown, "ref": html_ref, "lang": html_lang,
                            "bdi": html_bdi, "dir": html_dir})
        env.globals.update({"risk_matrix": risk_matrix, "relations_diagram": relations_diagram,
                            "timeline_strip": timeline_strip})
    else:
        env.filters.update({"md": md_markdown, "ref": md_ref, "inline": md_inline,
                            "mdindent": md_indent, "code": md_code, "raw": MdSafe})
        env.globals.update({"mermaid_relations": mermaid_relations, "risk_grid": risk_grid,
                            "likelihood_axis": likelihood_axis, "level_mark": LEVEL_MARK})
