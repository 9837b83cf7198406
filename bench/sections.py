"""The evidence sections of a synthetic brief: timeline, key figures and quotes.

Each function returns plain YAML-ready data. Quotes and excerpts are
written into an `Article` before they are cited, so that briefgen's
verbatim check always finds them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bench import lexicon as lx
from bench.article import Article, quote_paragraph
from bench.cast import Cast, slug


@dataclass
class Sources:
    """The brief's sources and the article each one stores; items are spread over them."""

    ids: list[str]
    articles: list[Article]

    def pick(self, i: int) -> tuple[str, Article]:
        return self.ids[i % len(self.ids)], self.articles[i % len(self.articles)]


def date_text(day: dt.date, precision: str) -> str:
    """A date as an article prints it: `3 March 2022`, or `March 2022`."""
    month = f"{lx.MONTHS[day.month - 1]} {day.year}"
    return month if precision == "month" else f"{day.day} {month}"


def timeline(cast: Cast, n: int, brief_date: dt.date, sources: Sources) -> list[dict[str, Any]]:
    """Past events in date order, each with its own sentence in an article as the excerpt."""
    rng = cast.rng
    days = sorted(rng.sample(range(3, 700), n), reverse=True)
    events = []
    for i, back in enumerate(days):
        day = brief_date - dt.timedelta(days=back)
        precision = "month" if rng.random() < 0.2 else "day"
        kind, event, clause = rng.choice(lx.EVENTS)
        party = rng.choice(cast.belligerents())
        event, clause = fill_pair(cast, event, clause, party)
        source, article = sources.pick(i)
        item: dict[str, Any] = {
            "id": cast.ids.new(f"tl-{day.isoformat()}-{slug(event, 30)}"),
            "date": day.isoformat()[: 7 if precision == "month" else 10]}
        if precision == "month":
            item["date_note"] = "The article gives only the month."
        item.update(kind=kind, event=event, parties=[party["id"]], source=source,
                    excerpt=clause)
        when = "In" if precision == "month" else "On"
        article.body.append(f"{when} {date_text(day, precision)}, {clause}. "
                            + cast.fill(rng.choice(lx.BACKGROUND)))
        events.append(item)
    return events


def fill_pair(cast: Cast, first: str, second: str, party: dict[str, Any],
              **extra: object) -> tuple[str, str]:
    """Fill two templates with the same choices, so that an event and its excerpt agree."""
    state = cast.rng.getstate()
    one = cast.fill(first, party, **extra)
    cast.rng.setstate(state)
    return one, cast.fill(second, party, **extra)


def key_figures(cast: Cast, n: int, brief_date: dt.date, sources: Sources) -> list[dict[str, Any]]:
    """Figures with a verbatim excerpt, a value where the figure is a plain number."""
    rng = cast.rng
    figures = []
    templates = rng.sample(lx.FIGURES, len(lx.FIGURES))
    for i in range(n):
        label, display, unit, hxl, clause = templates[i % len(templates)]
        numbers = {"n": rng.randrange(12, 480), "m": f"{rng.randrange(11, 59) / 10:.1f}",
                   "k": rng.randrange(14, 90), "h": rng.randrange(95, 140)}
        fill = fill_pair(cast, label, clause, cast.belligerents()[0], **numbers)
        source, article = sources.pick(i)
        shown = display.format(**numbers)
        item: dict[str, Any] = {"id": cast.ids.new(f"kf-{slug(fill[0], 40)}"), "label": fill[0],
                                "display": shown, "value": _value(shown), "unit": unit,
                                "date": brief_date.isoformat()}
        if hxl:
            item["hxl"] = hxl
        item["source"] = source
        article.cite(f"According to aid agencies, {fill[1]}.", item)
        item["excerpt"] = fill[1]
        figures.append(item)
    return figures


def _value(display: str) -> float | int | None:
    """The number a display such as `about 120,000` or `2.4 million` stands for."""
    words = display.replace(",", "").split()
    numbers = [w for w in words if w.replace(".", "").isdigit()]
    if len(numbers) != 1:
        return None
    value = float(numbers[0]) * (1_000_000 if "million" in words else 1)
    return int(value) if value.is_integer() else value


def quotes(cast: Cast, n: int, sources: Sources) -> list[dict[str, Any]]:
    """Quotes spread over the speakers, each in its speaker's voice and verbatim in an article."""
    rng = cast.rng
    pools = {voice: rng.sample(lines, len(lines)) for voice, lines in lx.QUOTES.items()}
    found = []
    for i in range(n):
        person = cast.people[i % len(cast.people)]
        party = next((p for p in cast.parties if p["id"] == person.get("party")), None)
        text = _say(cast, pools[cast.voice(person)], i // len(cast.people), party)
        source, article = sources.pick(i)
        item: dict[str, Any] = {"id": cast.ids.new(f"q-{slug(person['name'], 20)}-{i + 1}"),
                                "text": text, "speaker": person["id"], "source": source}
        article.cite(quote_paragraph(text, person["name"], person["role"], rng), item)
        item["attribution"] = "explicit"
        if rng.random() < 0.3:
            item["context"] = cast.fill(rng.choice(lx.BACKGROUND))
        found.append(item)
    return found


def _say(cast: Cast, lines: list[str], turn: int, party: dict[str, Any] | None) -> str:
    """A speaker's `turn`-th line; past the end of the pool, two lines joined into one."""
    text = cast.fill(lines[turn % len(lines)], party)
    if turn >= len(lines):
        text += ". " + cast.fill(lines[(turn * 7 + 3) % len(lines)], party)
    return text
