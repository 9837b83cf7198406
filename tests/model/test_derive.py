"""Derived values: risk levels, date order and the relation graph, computed in Python."""

from __future__ import annotations

import pytest

from briefgen.model import derive
from briefgen.model.timeline import Event
from briefgen.rendering.i18n import format_date


@pytest.mark.parametrize(("likelihood", "impact", "score", "level"), [
    ("almost-no-chance", "negligible", 1, "low"),
    ("very-unlikely", "severe", 5, "low"),
    ("unlikely", "moderate", 6, "low"),
    ("unlikely", "major", 8, "medium"),
    ("roughly-even-chance", "moderate", 9, "medium"),
    ("likely", "moderate", 12, "medium"),
    ("roughly-even-chance", "severe", 15, "high"),
    ("likely", "major", 16, "high"),
    ("very-likely", "major", 20, "high"),
    ("almost-certain", "severe", 25, "high"),
])
def test_risk_level(likelihood: str, impact: str, score: int, level: str) -> None:
    assert derive.risk_score(likelihood, impact) == score
    assert derive.risk_level(score) == level


def test_every_score_has_a_level_matching_the_format() -> None:
    for likelihood in derive.LIKELIHOODS:
        for impact in derive.IMPACTS:
            score = derive.risk_score(likelihood, impact)
            expected = "low" if score <= 6 else "medium" if score <= 12 else "high"
            assert derive.risk_level(score) == expected
            assert score not in (7, 11, 13, 14)


def _event(ident: str, date: str) -> Event:
    return Event(id=ident, date=date, event=ident)


def test_timeline_sorts_by_date_and_is_stable_for_ties_and_partial_dates() -> None:
    events = [_event("c", "2020-02-19"), _event("a", "2019"), _event("d", "2020-02"),
              _event("b", "2019-12"), _event("e", "2020-02-19"), _event("f", "2018-08-01")]
    assert [e.id for e in derive.timeline_order(events)] == ["f", "a", "b", "d", "c", "e"]


def test_timeline_compares_offsets_in_utc() -> None:
    events = [_event("later", "2020-02-20T10:00:00+02:00"), _event("earlier", "2020-02-20T07:30Z")]
    # 10:00+02:00 is 08:00 UTC, after 07:30 UTC
    assert [e.id for e in derive.timeline_order(events)] == ["earlier", "later"]


@pytest.mark.parametrize(("text", "shown"), [
    ("2018", "2018"), ("2019-12", "December 2019"), ("2020-02-19", "19 February 2020"),
    ("2020-02-20T00:28", "20 February 2020, 00:28"),
    ("2020-02-20T10:15:30+02:00", "20 February 2020, 10:15:30 UTC+02:00"),
    ("2020-02-21T12:00:00Z", "21 February 2020, 12:00:00 UTC"),
])
def test_dates_print_at_their_precision(text: str, shown: str) -> None:
    assert format_date(text) == shown


def test_relation_graph_merges_shorthand_without_repeats() -> None:
    from briefgen.model import Brief

    brief = Brief.model_validate({
        "schema": "briefgen/1",
        "meta": {"id": "x", "title": "T", "date": "2020", "language": "en"},
        "sources": [{"id": "s", "title": "S"}],
        "summary": {"bluf": "b"},
        "parties": [
            {"id": "a", "name": "A", "type": "state", "backed_by": ["b"], "allies": ["c"]},
            {"id": "b", "name": "B", "type": "state"},
            {"id": "c", "name": "C", "type": "state", "allies": ["a"]},
        ],
        "relations": [{"from": "b", "to": "a", "type": "backer", "trend": "stable"}],
    })
    edges = derive.relation_graph(brief)
    assert [(e.source, e.target, e.type, e.trend) for e in edges] == [
        ("b", "a", "backer", "stable"),  # the explicit relation wins over backed_by
        ("a", "c", "ally", None),  # allies on both sides: one symmetric edge
    ]
    assert edges[0].directed and not edges[1].directed


def test_risk_table_runs_from_the_highest_score_keeping_ties_in_order() -> None:
    from conftest import CONTRACT

    from briefgen.model.view import build_view
    from briefgen.reading.loader import load_brief
    from briefgen.validation.validate import validate

    view = build_view(validate(load_brief(CONTRACT / "full" / "full-format.yaml")))
    ordered = view.risks_by_level
    assert [r.score for r in ordered] == sorted((r.score for r in view.risks), reverse=True)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.score == b.score:
            assert view.risks.index(a) < view.risks.index(b)
