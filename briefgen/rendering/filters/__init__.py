"""Jinja filters and globals, by the output they serve.

`words` turns values into the brief's words (both outputs); `html`, `md`
and `mermaid` make the markup of one output; `charts` places the SVG
charts. `install` gives an environment the ones its format uses.
"""

from __future__ import annotations

import jinja2

from briefgen.model import derive
from briefgen.model.view import unbroken_locator
from briefgen.rendering import markdown, what_changed
from briefgen.rendering.filters import charts, html, md, mermaid, words
from briefgen.rendering.markdown import MdSafe

ENGLISH = words.ENGLISH


def install(env: jinja2.Environment, fmt: str) -> None:
    env.filters.update({
        "date": words.context_date,
        "likelihood": words.context_likelihood,
        "words": words.words,
        "number": words.context_number,
        "term": words.term,
        "colon": words.colon,
        "locator": unbroken_locator,
    })
    env.globals.update({"pgettext": words.pgettext, "figure_amount": words.context_figure_amount,
                        "describe_change": what_changed.describe_change,
                        "elide": what_changed.elide, "likelihood_scale": words.likelihood_scale})
    env.tests["safe_url"] = markdown.link_allowed
    env.globals["yardstick"] = [(key, (ENGLISH.term("likelihood", key),
                                       ENGLISH.percent_range(low, high)))
                                for key, (low, high, _p) in derive.LIKELIHOODS.items()]
    if fmt == "html":
        env.filters.update({"md": html.html_markdown, "ref": html.html_ref,
                            "lang": html.html_lang, "bdi": html.html_bdi, "dir": html.html_dir,
                            "css_string": html.css_string})
        env.globals.update({"risk_matrix": charts.risk_matrix,
                            "relations_diagram": charts.relations_diagram,
                            "timeline_strip": charts.timeline_strip})
    else:
        env.filters.update({"md": md.md_markdown, "ref": md.md_ref, "inline": md.md_inline,
                            "mdindent": md.md_indent, "code": md.md_code, "raw": MdSafe})
        env.globals.update({"mermaid_relations": mermaid.mermaid_relations,
                            "risk_grid": md.risk_grid, "likelihood_axis": md.likelihood_axis,
                            "level_mark": md.LEVEL_MARK})
