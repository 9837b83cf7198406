"""Filters that turn a brief's values into words in its language: terms, numbers, dates.

Every word comes from the render context's translator `_`
(briefgen/rendering/i18n.py), so that it follows `meta.language`; without
one, English.
"""

from __future__ import annotations

from typing import Any

import jinja2

from briefgen.model import derive
from briefgen.model.figures import KeyFigure
from briefgen.rendering.i18n import Translator, of_context, translator
from briefgen.rendering.markdown import MdSafe

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
