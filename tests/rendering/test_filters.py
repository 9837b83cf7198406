"""The filters, as a template uses them: words in the brief's language, and markup that a
value can never break out of."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import ROOT, SEED

from briefgen.model.view import build_view
from briefgen.reading.loader import load_brief
from briefgen.rendering.filters.md import md_code, md_indent
from briefgen.rendering.filters.mermaid import mermaid_text
from briefgen.rendering.filters.words import words
from briefgen.rendering.i18n import translator
from briefgen.rendering.markdown import MdSafe
from briefgen.rendering.templating import environment
from briefgen.validation.validate import validate

VIEW = build_view(validate(load_brief(SEED)))
ARABIC = ROOT / "tests" / "fixtures" / "lang" / "idlib-ar.yaml"


def _render(fmt: str, source: str, language: str = "en", **context: Any) -> str:
    template = environment(fmt, None).from_string(source)
    context.setdefault("view", VIEW)
    return template.render(_=translator(language), brief=context["view"].brief, **context)


@pytest.mark.parametrize(("language", "shown"), [("en", "3,600,000"), ("fr", "3\u202f600\u202f000"),
                                                 ("ar", "3,600,000")])
def test_numbers_follow_the_brief_s_language(language: str, shown: str) -> None:
    assert _render("html", "{{ 3600000 | number }}", language) == shown


def test_a_likelihood_reads_with_its_range_of_probabilities() -> None:
    assert _render("html", '{{ "very-likely" | likelihood }}') == "very likely (80–95\u00a0%)"
    assert _render("md", '{{ "roughly-even-chance" | likelihood }}') == \
        "roughly even chance (45–55\u00a0%)"


def test_a_colon_follows_the_language_s_typography() -> None:
    assert _render("html", '{{ "Evidence" | colon }}') == "Evidence:"
    assert _render("html", '{{ "Éléments" | colon }}', "fr") == "Éléments\u00a0:"


def test_enumeration_values_read_as_words() -> None:
    assert words("non-state-armed-group") == "non-state armed group"
    assert words("roughly-even-chance") == "roughly even chance"
    assert words(None) == ""


def test_a_code_span_holds_any_text_backticks_included() -> None:
    assert md_code("a `b` c") == "``a `b` c``"
    assert md_code("plain") == "`plain`"
    assert md_code("`edge") == "`` `edge ``"


def test_indented_continuation_escapes_text_and_keeps_markdown() -> None:
    assert md_indent("one\ntwo", 2) == "one\n  two"
    assert md_indent(MdSafe("**a**\n*b*"), 4) == "**a**\n    *b*"
    assert "\\*" in md_indent("*not emphasis*", 2)


def test_a_mermaid_label_cannot_close_its_quotes_or_open_a_tag() -> None:
    assert mermaid_text('a "b" <c> | d\ne') == "a #quot;b#quot; #lt;c#gt; #124; d e"


def test_a_reference_links_to_the_item_by_its_label() -> None:
    risk = VIEW.brief.risks[0]
    assert _render("html", "{{ ident | ref }}", ident=risk.id) == \
        f'<a class="ref ref-risk" href="#{risk.id}">R1</a>'
    assert _render("md", "{{ ident | ref }}", ident=risk.id) == f"[R1](#{risk.id})"


def test_the_markdown_risk_grid_marks_each_cell_with_its_level() -> None:
    rows = _render("md", "{% for name, row in risk_grid(view) %}{{ name }}|"
                   "{{ row | join('|') | raw }}\n{% endfor %}").splitlines()
    assert len(rows) == 5 and rows[0].startswith("Severe|")
    assert rows[-1].split("|")[1:] == ["·", "·", "·", "·", "·"]  # negligible impact: all low
    assert rows[0].split("|")[-1].startswith("■")  # severe and almost certain: high
    placed = " ".join(rows)
    assert all(item.label in placed for item in VIEW.risks)


def test_text_set_in_the_other_direction_is_isolated() -> None:
    arabic = build_view(validate(load_brief(ARABIC)))
    html = _render("html", "{{ text | bdi }}", "ar", text="Idlib", view=arabic)
    assert html == '<bdi dir="ltr">Idlib</bdi>'
    assert _render("html", "{{ text | bdi }}", "en", text="Idlib") == "Idlib"
    assert _render("html", "{{ text | bdi }}", "en", text="إدلب") == \
        '<bdi dir="rtl">إدلب</bdi>'
