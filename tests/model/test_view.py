"""The view: everything a template shows, derived once from the brief and never changed."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import CONTRACT, SEED

from briefgen.model import derive
from briefgen.model.view import View, build_view
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import validate


@pytest.fixture(scope="module")
def view() -> View:
    return build_view(validate(load_brief(CONTRACT / "full" / "full-format.yaml")))


def test_numbered_items_are_labelled_in_the_brief_s_order(view: View) -> None:
    brief = view.brief
    assert [view.labels[r.id].text for r in brief.risks] == \
        [f"R{n}" for n in range(1, len(brief.risks) + 1)]
    assert [view.labels[q.id].text for q in brief.quotes] == \
        [f"Q{n}" for n in range(1, len(brief.quotes) + 1)]
    assert all(view.labels[p.id].text == p.name for p in brief.parties)


def test_the_matrix_holds_each_risk_in_its_cell_with_the_cell_s_level(view: View) -> None:
    assert [row[0].impact for row in view.matrix] == [5, 4, 3, 2, 1]
    assert all([cell.likelihood for cell in row] == [1, 2, 3, 4, 5] for row in view.matrix)
    placed = {item.risk.id: cell for row in view.matrix for cell in row for item in cell.risks}
    assert set(placed) == {r.id for r in view.brief.risks}
    for item in view.risks:
        cell = placed[item.risk.id]
        assert (cell.likelihood, cell.impact) == (derive.likelihood_points(item.risk.likelihood),
                                                  derive.impact_points(item.risk.impact))
        assert cell.level == item.level == derive.risk_level(cell.score)
    assert view.level_bands == {"low": "1–6", "medium": "8–12", "high": "15–25"}


def test_a_quote_is_at_home_where_it_is_printed_first() -> None:
    brief = validate(load_brief(SEED))
    view = build_view(brief)
    seen: set[str] = set()
    for placed in view.placed_positions:
        assert [use.quote.id for use in placed.quotes] == placed.position.quotes
        for use in placed.quotes:
            assert use.home == (use.quote.id not in seen)
            seen.add(use.quote.id)
    for use in view.humanitarian_quotes:
        assert use.home == (use.quote.id not in seen)
        seen.add(use.quote.id)
    assert {q.id for q in view.loose_quotes} == {q.id for q in brief.quotes} - seen


def test_the_view_is_frozen_and_the_contents_decision_makes_a_new_one(view: View) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.contents = True  # type: ignore[misc]
    decided = view.with_contents(not view.has_contents)
    assert decided is not view and decided.has_contents != view.has_contents
    assert view.contents is None


def test_top_risks_are_the_three_highest_by_score_ties_in_the_brief_s_order(view: View) -> None:
    scores = [item.score for item in view.risks_by_level]
    assert scores == sorted(scores, reverse=True)
    assert view.top_risks == view.risks_by_level[:3]


def test_events_are_numbered_in_date_order_whatever_the_yaml_order(view: View) -> None:
    """T1 is the earliest event, as the timeline lists and draws them, even when the YAML
    lists the events in another order."""
    brief = view.brief
    shuffled = brief.model_copy(update={"timeline": list(reversed(brief.timeline))})
    for source in (brief, shuffled):
        labelled = build_view(source)
        assert [labelled.labels[e.id].text for e in labelled.timeline] == \
            [f"T{n}" for n in range(1, len(brief.timeline) + 1)]
    assert derive.date_key(brief.timeline[0].date) != derive.date_key(brief.timeline[-1].date)


@pytest.mark.parametrize(("locator", "kept"), [
    ("para. 21", "para.\u00a021"), ("p. 4, line 3", "p.\u00a04, line\u00a03"),
    ("paragraph 21", "paragraph\u00a021"), ("Annex 2", "Annex\u00a02"),
    ("the third paragraph after the table", "the third paragraph after the table"),
])
def test_a_locator_keeps_its_number_with_its_word(locator: str, kept: str) -> None:
    from briefgen.model.view import unbroken_locator

    assert unbroken_locator(locator) == kept


def test_a_locator_written_into_prose_keeps_its_number() -> None:
    from briefgen.model.view import unbroken_prose_locators

    assert unbroken_prose_locators("Hakura's reference (para. 25), p. 4; para. x") == \
        "Hakura's reference (para.\u00a025), p.\u00a04; para. x"
