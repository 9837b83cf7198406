"""The Atom feed: read by feedparser without errors, dated from the briefs, never the clock."""

from __future__ import annotations

from typing import Any

import feedparser  # the parser subscribers' readers are built on

from briefgen.index.feed import render_feed
from briefgen.index.listing import Entry, file_names

HOSTILE = 'Talks <stall> & "resume" \u2014 \u0645\u062d\u0627\u062f\u062b\u0627\u062a ]]>'


def summary(ident: str, date: str, changelog: list[dict[str, Any]], **more: Any) -> dict:
    return {"id": ident, "stem": ident, "title": f"{HOSTILE} {ident}", "date": date,
            "language": "en", "authors": ["A. Analyst"], "tags": ["crossings", "a&b"],
            "classification": "internal", "tlp": "amber", "bluf": "The <b>bottom</b> line.",
            "changelog": changelog} | more


ENTRIES = [
    Entry(summary("first", "2026-11-02", [{"version": "1.0", "date": "2026-11-02",
                                           "note": None}]), ("first.html",)),
    Entry(summary("second", "2026-11-01", [
        {"version": "1.0", "date": "2026-11-01", "note": None},
        {"version": "1.1", "date": "2026-11-05", "note": "Casualty figures updated."}]),
        ("second.html", "second.md")),
    Entry(summary("third", "2026-10", []), ("third.md",)),
]


def test_a_feed_parser_reads_it_without_errors() -> None:
    data = render_feed(ENTRIES, None, file_names(None), "Crisis desk")
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.title == "Crisis desk: Desk index"
    assert feed.feed.updated == "2026-11-05T00:00:00Z"
    titles = [e.title for e in feed.entries]
    assert titles == [f"{HOSTILE} second", f"{HOSTILE} first", f"{HOSTILE} third"]
    second = feed.entries[0]
    assert second.published == "2026-11-01T00:00:00Z" and second.updated.startswith("2026-11-05")
    assert second.summary.startswith("Revised 2026-11-05 (version 1.1): Casualty figures")
    assert feed.entries[1].summary.startswith("New. The <b>bottom</b> line.")
    assert second.link == "second.html" and feed.entries[2].link == "third.md"
    assert [t.term for t in second.tags] == ["crossings", "a&b"]
    assert second.rights == "INTERNAL · TLP:AMBER"
    assert len({e.id for e in feed.entries}) == 3


def test_the_same_briefs_give_the_same_bytes_and_ids_survive_a_revision() -> None:
    one = render_feed(ENTRIES, None, file_names(None))
    assert one == render_feed(list(ENTRIES), None, file_names(None))
    revised = [ENTRIES[0], Entry(ENTRIES[1].summary | {"title": "Renamed"}, ("second.html",))]
    ids = [e.id for e in feedparser.parse(one).entries]
    assert [e.id for e in feedparser.parse(render_feed(revised, None, file_names(None)))
            .entries] == ids[:2]
    clear = feedparser.parse(render_feed(ENTRIES, "clear", file_names("clear")))
    assert not {e.id for e in clear.entries} & set(ids)  # each audience's feed is its own


def test_an_empty_desk_still_gives_a_valid_feed() -> None:
    feed = feedparser.parse(render_feed([], "green", file_names("green")))
    assert feed.bozo == 0 and feed.entries == []
