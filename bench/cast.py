"""Who and where one synthetic brief is about: its parties, people and places.

A brief draws a handful of countries, regions and towns from the lexicon and
keeps to them, so that its sections read as one story rather than as a
random sample of the whole invented world.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from bench import lexicon as lx

# The order in which party types join a brief as the `parties` knob grows.
PARTY_KINDS = ("state", "state", "non-state-armed-group", "ngo", "intergovernmental",
               "population-group", "state", "civil-society", "non-state-armed-group", "ngo",
               "state", "alliance", "population-group", "non-state-armed-group")
VOICES = {"state": "belligerent", "non-state-armed-group": "belligerent", "ngo": "humanitarian",
          "civil-society": "humanitarian", "population-group": "humanitarian",
          "intergovernmental": "observer", "alliance": "observer"}


def slug(text: str, limit: int = 48) -> str:
    """An id-shaped version of `text`: briefgen ids are `^[a-z0-9][a-z0-9-]*$`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].rstrip("-")


@dataclass
class Ids:
    """Every id in a brief shares one namespace; hand out each only once."""

    used: set[str] = field(default_factory=set)

    def new(self, base: str) -> str:
        ident, n = base, 2
        while ident in self.used:
            ident, n = f"{base}-{n}", n + 1
        self.used.add(ident)
        return ident


@dataclass
class Cast:
    """The invented actors and places of one brief, and a template filler that uses them."""

    rng: random.Random
    countries: list[lx.Country]
    regions: list[str]
    towns: list[str]
    bloc: str
    ids: Ids = field(default_factory=Ids)
    parties: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)

    def actors(self) -> list[dict[str, Any]]:
        """Parties that act and speak (population groups do neither)."""
        return [p for p in self.parties if p["type"] != "population-group"] or self.parties

    def belligerents(self) -> list[dict[str, Any]]:
        """The states and armed groups: the only parties that fight, threaten or negotiate."""
        return [p for p in self.parties if VOICES[p["type"]] == "belligerent"]

    def voice(self, person: dict[str, Any]) -> str:
        """How a person speaks: for a belligerent, a humanitarian, or as an observer."""
        party = next((p for p in self.parties if p["id"] == person.get("party")), None)
        return VOICES[party["type"]] if party else "observer"

    def fill(self, template: str, party: dict[str, Any] | None = None, **extra: object) -> str:
        """`template` with its slots filled from this brief's cast.

        `{party}` is `party`, or a belligerent; `{other}` is always another belligerent,
        so that no relief agency ever launches an offensive.
        """
        fighters = self.belligerents()
        party = party or self.rng.choice(fighters)
        others = [p for p in fighters if p is not party] or fighters
        country = self.rng.choice(self.countries)
        return template.format(
            party=party["name"], other=self.rng.choice(others)["name"],
            region=self.rng.choice(self.regions), town=self.rng.choice(self.towns),
            country=country.name, capital=country.capital, adjective=country.adjective,
            bloc=self.bloc, **extra)


def make_cast(rng: random.Random, n_parties: int, native_share: float) -> Cast:
    """Draw the places, then the parties, then one representative per acting party."""
    cast = Cast(rng, rng.sample(lx.COUNTRIES, 4), rng.sample(lx.REGIONS, 2),
                rng.sample(lx.TOWNS, 3), rng.choice(lx.BLOCS))
    pools = _pools(cast)
    for i in range(max(2, n_parties)):
        kind = PARTY_KINDS[i % len(PARTY_KINDS)]
        cast.parties.append(_party(cast, kind, pools))
    for party in cast.parties:  # once every party exists, so that `{other}` has someone
        party["description"] = cast.fill(rng.choice(lx.DESCRIPTIONS[party["type"]]), party)
    names = _person_names(rng, native_share)
    for party in cast.actors():
        cast.people.append(_representative(cast, party, next(names)))
    for _ in range(max(1, n_parties // 4)):
        cast.people.append(_analyst(cast, next(names)))
    return cast


def _pools(cast: Cast) -> dict[str, list[str]]:
    """Names still free for each party type, in a seeded order."""
    rng = cast.rng
    country = cast.countries
    states = [c.name for c in country] + [c.name for c in lx.COUNTRIES if c not in country]
    populations = [f"Displaced people in {cast.regions[0]}",
                   f"{country[0].adjective} refugees in {country[1].name}",
                   f"Residents of {cast.towns[0]}"]
    return {"state": states,
            "non-state-armed-group": rng.sample(lx.ARMED_GROUPS, len(lx.ARMED_GROUPS)),
            "ngo": rng.sample(lx.NGOS, len(lx.NGOS)),
            "intergovernmental": [cast.bloc, *[b for b in lx.BLOCS if b != cast.bloc]],
            "alliance": rng.sample(lx.BLOCS, len(lx.BLOCS)),
            "civil-society": rng.sample(lx.CIVIC, len(lx.CIVIC)),
            "population-group": populations}


def _party(cast: Cast, kind: str, pools: dict[str, list[str]]) -> dict[str, Any]:
    pool = pools[kind]
    taken = {p["name"] for p in cast.parties}
    name = next((n for n in pool if n not in taken), f"{pool[0]} ({len(cast.parties) + 1})")
    party: dict[str, Any] = {"id": cast.ids.new(slug(name)), "name": name, "type": kind}
    country = next((c for c in lx.COUNTRIES if c.name == name), None)
    if country is not None:
        party["aliases"] = [country.capital]
    return party


def _person_names(rng: random.Random, native_share: float) -> Any:
    """An endless stream of distinct (name, native name or None) pairs."""
    seen: set[str] = set()
    while True:
        if rng.random() < native_share:
            given, family = rng.choice(lx.GIVEN_AR), rng.choice(lx.FAMILY_AR)
            name, native = f"{given[0]} {family[0]}", f"{given[1]} {family[1]}"
        else:
            name, native = f"{rng.choice(lx.GIVEN)} {rng.choice(lx.FAMILY)}", None
        if name not in seen:
            seen.add(name)
            yield name, native


def _person(cast: Cast, named: tuple[str, str | None], role: str) -> dict[str, Any]:
    name, native = named
    person: dict[str, Any] = {"id": cast.ids.new(slug(name)), "name": name, "role": role}
    if native is not None:
        person.update(name_native=native, lang="ar")
    return person


def _representative(cast: Cast, party: dict[str, Any],
                    named: tuple[str, str | None]) -> dict[str, Any]:
    country = next((c for c in lx.COUNTRIES if c.name == party["name"]), cast.countries[0])
    role = cast.rng.choice(lx.ROLES[party["type"]]).format(
        country=country.name, adjective=country.adjective, party=party["name"])
    person = _person(cast, named, role)
    person["party"] = party["id"]
    party["representatives"] = [person["id"]]
    return person


def _analyst(cast: Cast, named: tuple[str, str | None]) -> dict[str, Any]:
    person = _person(cast, named, cast.rng.choice(lx.ANALYST_ROLES))
    person["affiliation"] = cast.rng.choice(lx.INSTITUTES)
    person["note"] = "Spoke to the publisher of the source article."
    return person
