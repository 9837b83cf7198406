"""Filters for the HTML brief: Markdown as sanitised HTML, references, and text direction."""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup, escape

from briefgen.model.language import is_rtl
from briefgen.model.view import View, unbroken_prose_locators
from briefgen.rendering import markdown
from briefgen.rendering.i18n import text_direction


@jinja2.pass_context
def html_markdown(context: jinja2.runtime.Context, text: str | None) -> Markup:
    if not text:
        return Markup("")
    return Markup(markdown.to_html(unbroken_prose_locators(text), context.get("images")))


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


_CSS_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :.,-+")


def css_string(text: Any) -> Markup:
    """`text` as a quoted CSS string for a <style> element: every character that is not a
    plain letter, digit, space or simple punctuation is a six-digit CSS escape, so that no
    value can end the string, the rule or the element (`</style>`)."""
    text = "" if text is None else str(text)
    return Markup('"{}"'.format("".join(
        char if char in _CSS_PLAIN else f"\\{ord(char):06x}" for char in text)))
