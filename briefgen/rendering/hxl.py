"""`--format csv`: the key figures and the risks as data, each a CSV with an HXL hashtag row.

HXL (the Humanitarian Exchange Language, hxlstandard.org) is how
humanitarian figures travel between HDX, dashboards and spreadsheets: a
row of hashtags under the column headers says what each column holds.
Each file has one row per item, in the brief's order, with the brief's own
id, date and coverage repeated on every row so that the files of many
briefs can be stacked. An HXL query names a tag and some attributes and
takes the first column that has them, so each item's own columns come
first: `#meta+id` is the item's id, `#date` its date. A key figure's own
`hxl` tag (`#affected+idps+ind`) also heads a column of its own that holds
its value, so that an HXL tool filtering on `#affected` finds it. Lists are joined with "; ". Values
are written as the brief has them (Markdown stays Markdown); the bytes
depend only on the brief.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefgen.model import derive

if TYPE_CHECKING:
    from briefgen.model.figures import KeyFigure
    from briefgen.model.risks import Risk
    from briefgen.model.view import View

# A hashtag as HXL 1.1 and libhxl read one: `#tag+attribute+attribute`.
HASHTAG = re.compile(r"^#[A-Za-z][_0-9A-Za-z]*(\+[A-Za-z][_0-9A-Za-z]*)*\Z")
JOIN = "; "

Column = tuple[str, str, Callable[[Any], object]]  # header, hashtag, value of an item


def is_hashtag(text: str) -> bool:
    return bool(HASHTAG.match(text))


def _joined(values: list[str]) -> str:
    return JOIN.join(values)


def _brief_columns(view: View) -> list[Column]:
    meta = view.brief.meta
    coverage = meta.coverage
    return [
        ("brief", "#meta+brief+id", lambda _item: meta.id),
        ("brief_date", "#date+reported", lambda _item: meta.date),
        ("countries", "#country+code", lambda _item: _joined(coverage.countries if coverage
                                                             else [])),
        ("adm1", "#adm1+name", lambda _item: _joined(coverage.adm1 if coverage else [])),
        ("areas", "#loc+name", lambda _item: _joined(coverage.areas if coverage else [])),
    ]


def _source_columns(view: View) -> list[Column]:
    def source(item: Any) -> Any:
        return view.sources.get(item.source) if item.source else None

    return [
        ("source", "#meta+source+id", lambda item: item.source),
        ("source_title", "#meta+source+name", lambda item: source(item) and source(item).title),
        ("source_publisher", "#org+publisher",
         lambda item: source(item) and source(item).publisher),
        ("source_url", "#meta+source+url", lambda item: source(item) and source(item).url),
    ]


def _tlp(view: View) -> Column:
    return ("tlp", "#meta+tlp", lambda item: item.tlp or view.brief.meta.tlp)


def figure_columns(view: View) -> list[Column]:
    """The figures file's columns, ending with one per distinct well-formed figure tag."""
    fixed: list[Column] = [
        ("id", "#meta+id", lambda f: f.id),
        ("ref", "#meta+ref", lambda f: view.labels[f.id].text),
        ("label", "#indicator+name", lambda f: f.label),
        ("display", "#meta+display", lambda f: f.display),
        ("qualifier", "#meta+qualifier", lambda f: f.qualifier),
        ("value", "#indicator+value+num", lambda f: f.value),
        ("value_min", "#indicator+value+min+num", lambda f: f.value_min),
        ("value_max", "#indicator+value+max+num", lambda f: f.value_max),
        ("out_of", "#indicator+value+total+num", lambda f: f.out_of),
        ("unit", "#indicator+unit", lambda f: f.unit),
        ("date", "#date", lambda f: f.date),
        ("hxl", "#meta+hxl", lambda f: f.hxl),
        *_brief_columns(view),
        *_source_columns(view),
        ("locator", "#meta+source+locator", lambda f: f.locator),
        ("note", "#description+note", lambda f: f.note),
        _tlp(view),
    ]
    tags = dict.fromkeys(f.hxl.strip() for f in view.brief.key_figures
                         if f.hxl and is_hashtag(f.hxl.strip()))

    def valued(tag: str) -> Callable[[KeyFigure], object]:
        return lambda f: f.value if f.hxl and f.hxl.strip() == tag else None

    return fixed + [(tag[1:], tag, valued(tag)) for tag in tags]  # no "#" above the tags


def risk_columns(view: View) -> list[Column]:
    scored = {item.risk.id: item for item in view.risks}
    names = {**{p.id: p.name for p in view.brief.parties}}
    return [
        ("id", "#meta+id", lambda r: r.id),
        ("ref", "#meta+ref", lambda r: scored[r.id].label),
        ("title", "#description+title", lambda r: r.title),
        ("description", "#description", lambda r: r.description),
        ("likelihood", "#meta+likelihood", lambda r: r.likelihood),
        ("likelihood_percent", "#meta+likelihood+range", lambda r: _percent(r)),
        ("impact", "#meta+impact", lambda r: r.impact),
        ("score", "#severity+score+num", lambda r: scored[r.id].score),
        ("level", "#severity+level", lambda r: scored[r.id].level),
        ("trend", "#status+trend", lambda r: r.trend),
        ("confidence", "#meta+confidence", lambda r: r.confidence),
        ("condition", "#meta+condition", lambda r: r.condition),
        ("horizon", "#meta+horizon", lambda r: r.horizon),
        ("horizon_date", "#date+horizon", lambda r: r.horizon_date),
        ("indicators", "#indicator+name+list", lambda r: _joined(r.indicators)),
        ("affected", "#meta+affected+name", lambda r: _joined([names.get(a, a)
                                                               for a in r.affected])),
        ("affected_ids", "#meta+affected+id", lambda r: _joined(r.affected)),
        ("evidence", "#meta+evidence+id", lambda r: _joined(r.evidence)),
        *_brief_columns(view),
        ("review_by", "#date+review", lambda _r: view.brief.meta.review_by),
        _tlp(view),
    ]


def _percent(risk: Risk) -> str:
    low, high, _points = derive.LIKELIHOODS[risk.likelihood]
    return f"{low}-{high}"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def _table(columns: list[Column], items: list[Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow([header for header, _tag, _value in columns])
    writer.writerow([tag for _header, tag, _value in columns])
    for item in items:
        writer.writerow([_cell(value(item)) for _header, _tag, value in columns])
    return out.getvalue()


def render_csv(view: View) -> dict[str, str]:
    """`figures` and `risks`: each file's text, UTF-8 without a byte-order mark."""
    return {"figures": _table(figure_columns(view), view.brief.key_figures),
            "risks": _table(risk_columns(view), view.brief.risks)}
