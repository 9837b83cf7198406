"""Staleness: the day a date of any precision ends, and which deadlines have passed."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SEED

from briefgen.model.staleness import last_day
from briefgen.model.view import build_view
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import validate


@pytest.mark.parametrize(("text", "day"), [
    ("2020", dt.date(2020, 12, 31)),
    ("2020-02", dt.date(2020, 2, 29)),
    ("2021-02", dt.date(2021, 2, 28)),
    ("2020-03-01", dt.date(2020, 3, 1)),
    ("2020-03-01T23:30", dt.date(2020, 3, 1)),
    ("2020-03-01T23:30-02:00", dt.date(2020, 3, 2)),  # a time counts as its day in UTC
])
def test_a_date_covers_its_whole_span(text: str, day: dt.date) -> None:
    assert last_day(text) == day


def _seed(review_by: str | None, horizon_date: str | None):  # noqa: ANN202 - a Brief
    brief = validate(load_brief(SEED))
    meta = brief.meta.model_copy(update={"review_by": review_by})
    risks = [brief.risks[0].model_copy(update={"horizon_date": horizon_date}),
             *brief.risks[1:]]
    return brief.model_copy(update={"meta": meta, "risks": risks})


def test_a_deadline_passes_the_day_after_the_span_it_names() -> None:
    view = build_view(_seed("2020-03", "2020-02-29"))
    first = view.brief.risks[0].id
    assert [(d.loc, d.passes_on) for d in view.deadlines] == [
        (("meta", "review_by"), dt.date(2020, 4, 1)),
        (("risks", 0, "horizon_date"), dt.date(2020, 3, 1))]
    assert not view.staleness(dt.date(2020, 2, 29)).stale
    on = view.staleness(dt.date(2020, 3, 1))
    assert (on.stale, on.review_overdue, on.passed_horizons) == (True, False, (first,))
    later = view.staleness(dt.date(2020, 4, 1))
    assert (later.review_overdue, later.passed_horizons) == (True, (first,))


def test_a_brief_without_deadlines_is_never_stale() -> None:
    view = build_view(_seed(None, None))
    assert view.deadlines == []
    assert not view.staleness(dt.date(2999, 1, 1)).stale
