"""The analytic sections of a synthetic brief: judgements built on the evidence sections.

Risks, positions, the summary, the humanitarian outlook, recommendations
and open questions all point back at ids the evidence sections made, so
every reference resolves and the relation graph, risk matrix and evidence
links are exercised as in a real brief.
"""

from __future__ import annotations

import random
from typing import Any

from bench import lexicon as lx
from bench.cast import Cast, slug
from bench.sections import fill_pair

LIKELIHOODS = ("unlikely", "roughly-even-chance", "likely", "very-likely")
CONFIDENCES = ("low", "moderate", "high")
IMPACTS = ("minor", "moderate", "major", "severe")


def risks(cast: Cast, n: int, evidence: list[str]) -> list[dict[str, Any]]:
    """Risks with the full estimative set, placed on the matrix by likelihood and impact."""
    rng = cast.rng
    found = []
    templates = rng.sample(lx.RISKS, len(lx.RISKS))
    for i in range(n):
        title, reason = fill_pair(cast, *templates[i % len(templates)],
                                  rng.choice(cast.belligerents()))
        item: dict[str, Any] = {
            "id": cast.ids.new(f"risk-{slug(title, 40)}"), "title": title,
            "description": f"{reason} {cast.fill(rng.choice(lx.BACKGROUND))}",
            "likelihood": rng.choice(LIKELIHOODS), "impact": rng.choice(IMPACTS),
            "trend": rng.choice(("rising", "stable", "falling")),
            "confidence": rng.choice(CONFIDENCES),
            "horizon": rng.choice(("Coming weeks", "Next three months", "Before the winter")),
            "indicators": [cast.fill(t) for t in rng.sample(lx.INDICATORS, rng.randint(2, 4))],
            "affected": [p["id"] for p in rng.sample(cast.parties, min(2, len(cast.parties)))]}
        if evidence:
            item["evidence"] = rng.sample(evidence, min(len(evidence), rng.randint(1, 3)))
        found.append(item)
    return found


def relations(cast: Cast, n: int) -> list[dict[str, Any]]:
    """Distinct relations among the belligerents, and observers that mediate between them."""
    rng = cast.rng
    fighters = cast.belligerents()
    mediators = [p for p in cast.parties if p["type"] in ("intergovernmental", "alliance")]
    seen: set[frozenset[str]] = set()
    found: list[dict[str, Any]] = []
    for _ in range(n * 6):
        if len(found) == n:
            break
        a, b = rng.sample(fighters, 2)
        if mediators and rng.random() < 0.25:
            a = rng.choice(mediators)
        if frozenset((a["id"], b["id"])) in seen:
            continue
        seen.add(frozenset((a["id"], b["id"])))
        found.append({"from": a["id"], "to": b["id"], "type": _relation(a, b, rng),
                      "trend": rng.choice(("improving", "stable", "deteriorating")),
                      "note": cast.fill(rng.choice(lx.BACKGROUND))})
    return found


def _relation(a: dict[str, Any], b: dict[str, Any], rng: random.Random) -> str:
    if a["type"] in ("intergovernmental", "alliance"):
        return "mediator"
    if a["type"] == "state" and b["type"] == "non-state-armed-group":
        return rng.choice(("backer", "adversary"))
    return rng.choice(("ally", "partner", "adversary", "rival"))


STANCES = {"supports": "supports", "opposes": "opposes", "conditional": "would accept, on "
           "conditions,", "ambiguous": "has given mixed signals on"}


def positions(cast: Cast, n: int, said: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where the acting parties stand; a stated position cites its speaker's quotes."""
    rng = cast.rng
    found = []
    for i in range(n):
        party = cast.actors()[i % len(cast.actors())]
        reps = set(party.get("representatives", []))
        own = [q["id"] for q in said if q["speaker"] in reps]
        basis = "stated" if own else rng.choice(("reported", "inferred"))
        voice = cast.voice({"party": party["id"]})
        topic = cast.fill(rng.choice(lx.TOPICS[voice]), party)
        stance = rng.choice(sorted(STANCES))
        summary = f"{party['name']} {STANCES[stance]} {topic[0].lower()}{topic[1:]}."
        item: dict[str, Any] = {"party": party["id"], "topic": topic, "stance": stance,
                                "basis": basis, "summary": summary}
        if own:
            item["quotes"] = own[:2]
        if basis == "inferred":
            item["confidence"] = rng.choice(CONFIDENCES)
        found.append(item)
    return found


def summary(cast: Cast, n: int, events: list[dict[str, Any]], found: list[dict[str, Any]],
            source: str) -> dict[str, Any]:
    """The BLUF, then points that alternate reported facts and the risks' judgements."""
    rng = cast.rng
    a, b = cast.belligerents()[:2]
    bluf = (f"{a['name']} and {b['name']} remain far apart, and the risk of wider fighting "
            f"in {cast.regions[0]} is rising. " + " ".join(
                cast.fill(t) for t in rng.sample(lx.BACKGROUND, 3)))
    points: list[dict[str, Any]] = []
    facts, judgements = iter(events), iter(found)
    for i in range(n):
        risk = next(judgements, None) if i % 2 else None
        if risk is not None:
            points.append({"kind": "judgement", "text": f"{risk['title']}.",
                           "likelihood": risk["likelihood"], "confidence": risk["confidence"],
                           "basis": risk["description"], "evidence": [risk["id"]]})
            continue
        event = next(facts, None)
        text = event["event"] if event else cast.fill(rng.choice(lx.BACKGROUND))
        points.append({"kind": "fact", "text": text,
                       "evidence": [event["id"] if event else source]})
    return {"bluf": bluf, "points": points}


def humanitarian(cast: Cast, figures: list[dict[str, Any]],
                 said: list[dict[str, Any]]) -> dict[str, Any]:
    """The humanitarian outlook, citing the key figures and a few quotes."""
    rng = cast.rng
    section: dict[str, Any] = {
        "summary": " ".join(cast.fill(t) for t in rng.sample(lx.BACKGROUND, 2)),
        "figures": [f["id"] for f in figures],
        "displacement": cast.fill(lx.BACKGROUND[0]) + " " + cast.fill(lx.BACKGROUND[4]),
        "access": cast.fill(lx.BACKGROUND[7]) + " " + cast.fill(lx.BACKGROUND[10]),
        "needs": [{"sector": sector, "text": cast.fill(rng.choice(lx.BACKGROUND))}
                  for sector in rng.sample(lx.SECTORS, 3)],
        "outlook": {"kind": "judgement",
                    "text": f"Conditions in {cast.regions[0]} will worsen in the coming weeks.",
                    "likelihood": rng.choice(LIKELIHOODS), "confidence": "moderate"}}
    if said:
        section["quotes"] = [q["id"] for q in said[:2]]
    return section


def recommendations(cast: Cast, n: int, related: list[str]) -> list[dict[str, Any]]:
    """Recommendations with audience, priority and rationale; some weigh pros and cons."""
    rng = cast.rng
    found = []
    for i in range(n):
        text, audience = lx.RECOMMENDATIONS[i % len(lx.RECOMMENDATIONS)]
        text = cast.fill(text)
        item: dict[str, Any] = {
            "id": cast.ids.new(f"rec-{slug(text, 36)}"), "text": text,
            "audience": cast.fill(audience), "priority": ("high", "medium", "low")[i % 3],
            "confidence": rng.choice(CONFIDENCES),
            "rationale": " ".join(cast.fill(t) for t in rng.sample(lx.BACKGROUND, 2))}
        if related:
            item["related"] = rng.sample(related, min(2, len(related)))
        if i % 2 == 0:
            item["pros"] = [cast.fill(t) for t in rng.sample(lx.INDICATORS, 2)]
            item["cons"] = [cast.fill(rng.choice(lx.BACKGROUND))]
        found.append(item)
    return found


def open_questions(cast: Cast, n: int, related: list[str]) -> list[dict[str, Any]]:
    """Questions the source leaves open, and why each matters."""
    rng = cast.rng
    found = []
    for i in range(n):
        question = cast.fill(lx.QUESTIONS[i % len(lx.QUESTIONS)])
        item: dict[str, Any] = {"id": cast.ids.new(f"oq-{slug(question, 36)}"),
                                "question": question,
                                "why_it_matters": cast.fill(rng.choice(lx.BACKGROUND))}
        if related:
            item["related"] = rng.sample(related, 1)
        found.append(item)
    return found
