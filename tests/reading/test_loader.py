"""The loader: plain data with a line and column for every value and key, and problems that
leave usable data kept for validation to report with the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED

from briefgen.errors import BriefRefused
from briefgen.reading import loader
from briefgen.reading.loader import dotted, load_brief


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_every_value_and_key_keeps_the_place_it_was_written() -> None:
    loaded = load_brief(SEED)
    text = SEED.read_text(encoding="utf-8")
    ident = loaded.data["meta"]["id"]
    line = _line_of(text, f"id: {ident}")
    assert loaded.where(("meta", "id")) == (line, text.splitlines()[line - 1].index(ident) + 1)
    assert loaded.where(("meta", "id"), key=True) == (line, text.splitlines()[line - 1]
                                                      .index("id:") + 1)
    first_risk = loaded.data["risks"][0]["id"]
    assert loaded.where(("risks", 0, "id"))[0] == _line_of(text, f"id: {first_risk}")


def test_a_place_that_was_never_written_falls_back_to_its_nearest_parent() -> None:
    loaded = load_brief(SEED)
    assert loaded.where(("meta", "no-such-key")) == loaded.where(("meta",))
    problem = loaded.problem(("risks", 0, "missing"), "a message")
    assert (problem.line, problem.col) == loaded.where(("risks", 0))
    assert problem.path == f"risks[{loaded.data['risks'][0]['id']}].missing"
    assert problem.file == loaded.file


def test_dotted_paths_read_as_an_analyst_writes_them() -> None:
    assert dotted(("risks", 2, "likelihood")) == "risks[2].likelihood"
    assert dotted(("summary", "points", 0)) == "summary.points[0]"
    assert dotted(()) == ""


def test_an_item_with_an_id_is_named_by_it() -> None:
    """An analyst with 40 quotes searches for `q-lavrov`, not for the 17th quote."""
    data = {"quotes": [{"id": "q-a"}, {"id": "q-b", "text": "x"}, {"text": "no id"}],
            "risks": [{"id": "same"}, {"id": "same"}, {"id": "Not A Slug"}]}
    assert dotted(("quotes", 1, "text"), data) == "quotes[q-b].text"
    assert dotted(("quotes", 2, "text"), data) == "quotes[2].text"
    assert dotted(("risks", 0, "id"), data) == "risks[0].id"  # shared: the id names neither
    assert dotted(("risks", 2), data) == "risks[2]"
    assert dotted(("quotes", 9, "text"), data) == "quotes[9].text"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_only_a_line_feed_ends_a_line(tmp_path: Path, separator: str) -> None:
    """PyYAML also breaks lines at NEL, U+2028 and U+2029; editors do not, and nor may we."""
    text = f'a: "one{separator}two"\nb: [1, 2\nc: 3\n'
    path = tmp_path / "brief.yaml"
    path.write_text(f'schema: "x{separator}y"\nmeta:\n  id: z\n', encoding="utf-8")
    loaded = load_brief(path)
    assert loaded.where(("meta", "id")) == (3, 7)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BriefRefused) as refused:
        load_brief(path)
    [problem] = refused.value.problems
    assert problem.line == 3, problem  # the unclosed '[' of line 2 is found on line 3


def test_a_merge_key_that_names_no_mapping_is_reported_where_it_names_it(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text("a: &s text\nb:\n  <<: *s\nc:\n  <<: [{x: 1}, *s]\n", encoding="utf-8")
    loaded = load_brief(path)
    assert [(p.line, p.col, p.path) for p in loaded.problems] == [(3, 7, "b"), (5, 16, "c")]


def test_a_duplicate_key_is_kept_as_a_problem_so_validation_reports_it_with_the_rest() -> None:
    loaded = load_brief(Path("x.yaml"), b"schema: briefgen/1\nmeta:\n  id: a\n  id: b\n",
                        "x.yaml")
    assert [(p.line, p.col) for p in loaded.problems] == [(4, 3)]
    assert "duplicate key 'id' (first given at line 3" in loaded.problems[0].message


def test_a_top_level_that_is_not_a_mapping_is_refused_at_once() -> None:
    with pytest.raises(BriefRefused) as refused:
        load_brief(Path("x.yaml"), b"- one\n- two\n", "x.yaml")
    [problem] = refused.value.problems
    assert problem.file == "x.yaml" and "the top level is a list" in problem.message


def test_bytes_standing_for_a_file_are_named_as_asked_and_kept_exactly() -> None:
    data = SEED.read_bytes()
    loaded = load_brief(SEED, data, "HEAD~1:seed.yaml")
    assert loaded.file == "HEAD~1:seed.yaml" and loaded.source == data


def test_libyaml_and_pure_python_give_the_same_data_and_marks(monkeypatch:
                                                             pytest.MonkeyPatch) -> None:
    fast = load_brief(SEED)
    monkeypatch.setattr(loader, "compose_fast", lambda text: None)
    pure = load_brief(SEED)
    assert (fast.data, fast.marks, fast.key_marks, fast.raw) == \
        (pure.data, pure.marks, pure.key_marks, pure.raw)
