"""What the desk index keeps of a brief: its summary, made from the validated brief."""

from __future__ import annotations

import json

from conftest import SEED

from briefgen.index.summary import plain, summarise
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import validate


def test_the_seed_s_summary_holds_what_the_index_shows() -> None:
    brief = validate(load_brief(SEED))
    summary = summarise(brief, "idlib-talks-2020-02-20")
    assert json.loads(json.dumps(summary)) == summary  # kept as JSON, read back the same
    assert summary["title"] == brief.meta.title and summary["date"] == "2020-02-20"
    assert summary["countries"][:2] == ["SYR", "TUR"] and "Idlib" in summary["tags"]
    assert summary["bluf"].startswith("Russia and Turkey have failed")
    scores = [r["score"] for r in summary["risks"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == len(brief.risks)
    top = summary["risks"][0]
    assert (top["label"], top["level"], top["score"]) == ("R3", "high", 25)


def test_plain_text_drops_markup_but_keeps_every_word() -> None:
    assert plain("**Bold** and [a link](#r-1) and `code`\nnext line") == \
        "Bold and a link and code next line"
    assert plain("- one\n- two\n\nPara *two*.") == "one two Para two."
    assert plain("<script>alert(1)</script>") == "<script>alert(1)</script>"  # text, escaped later


def test_the_summary_keeps_the_deadlines_and_the_day_each_passes() -> None:
    """2020 is a leap year: a horizon to 28 February has passed on the 29th."""
    from conftest import CONTRACT

    brief = validate(load_brief(CONTRACT / "full" / "full-format.yaml"))
    summary = summarise(brief, "full-format")
    assert (summary["review_by"], summary["review_passes_on"]) == ("2020-03-09", "2020-03-10")
    dated = [r for r in summary["risks"] if r["horizon_date"]]
    assert [(r["id"], r["horizon_date"], r["horizon_passes_on"]) for r in dated] == [
        ("risk-ceasefire-collapse", "2020-02-28", "2020-02-29")]
    undated = summarise(validate(load_brief(SEED)), "seed")
    assert undated["review_by"] is None and undated["review_passes_on"] is None
