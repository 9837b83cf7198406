"""The bound on work per input: a text past its length, or holding a word past its length,
is refused with its place, its path, its length and the limit; at the limit it passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.reading.loader import load_brief
from briefgen.validation.limits import MAX_TEXT, MAX_WORD, check_limits

BASE = (Path(__file__).resolve().parent.parent / "corpus" / "base.yaml").read_text("utf-8")


def _problems(tmp_path: Path, old: str, new: str) -> list[str]:
    assert BASE.count(old) == 1, old
    path = tmp_path / "brief.yaml"
    path.write_text(BASE.replace(old, new), encoding="utf-8")
    return [str(p).replace(str(path), "brief.yaml") for p in check_limits(load_brief(path))]


def test_a_text_at_the_limits_passes(tmp_path: Path) -> None:
    word = "f" * MAX_WORD
    text = (f"{word} " * (MAX_TEXT // (MAX_WORD + 1) + 1))[:MAX_TEXT]
    assert _problems(tmp_path, "bluf: The bottom line.", f'bluf: "{text}"') == []


def test_a_text_past_its_length_is_refused_in_any_variant(tmp_path: Path) -> None:
    long = "word " * (MAX_TEXT // 5) + "x"
    found = _problems(tmp_path, 'text: "The talks were not satisfactory"',
                      f'text: {{amber: "{long}", clear: "The talks"}}')
    assert found == [f"brief.yaml:36:19: quotes[q-talks].text.amber: is {MAX_TEXT + 1:,} "
                     f"characters long; a text may be at most {MAX_TEXT:,} characters, so that "
                     "laying it out takes bounded time: shorten or split it"]


@pytest.mark.parametrize("field", ["title: A new offensive", "name: Turkey"])
def test_a_word_past_its_length_is_refused_in_any_field(tmp_path: Path, field: str) -> None:
    key = field.split(":")[0]
    found = _problems(tmp_path, field, f"{key}: See {'a1' * (MAX_WORD // 2)}b")
    assert len(found) == 1
    assert f": holds a word of {MAX_WORD + 1:,} characters without a space ('a1a1a1a1a1" \
           f"a1a1a1a1a1…'); a word may be at most {MAX_WORD:,} characters" in found[0]
    assert found[0].split(": ")[1] in ("risks[r-offensive].title", "parties[turkey].name")
