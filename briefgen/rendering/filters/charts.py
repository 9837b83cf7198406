"""The charts as template globals: inline SVG for the HTML brief, in the brief's language."""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from briefgen.model.view import View
from briefgen.rendering import charts
from briefgen.rendering.i18n import of_context as _tr


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
    return Markup(charts.timeline_strip(events, tr=_tr(context), cutoff=view.cutoff))
