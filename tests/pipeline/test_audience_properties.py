"""Random markings on the seed brief: `check` refuses at the right lines, or every released
version builds, carries nothing above its level, and embeds a brief that `check` accepts.

Hypothesis marks the seed's items and humanitarian parts with random levels
(or none), picks `meta.tlp`, and gives the title and the BLUF random lower
variants, all as an analyst would write them into the file. An oracle
written here, apart from briefgen's own code, works out from the plain data
which lines must be refused:

- a marking above `meta.tlp`, at its `tlp:` line;
- a reference from a part to a part of a higher effective level (its own
  marking or `meta.tlp`, raised to its container's), at the reference's line;
- for each audience below `meta.tlp`, the title or BLUF with no variant it
  may see, at its key's line, and a version left with no source.

`check` with every audience below `meta.tlp` must refuse exactly those lines,
or, when there are none, accept; and then each version must build.
Profiles as in test_properties.py: `ci` (derandomised) by default, `deep`
with HYPOTHESIS_PROFILE=deep.
"""

from __future__ import annotations

import os
import re
import shutil
from typing import Any

import pytest
from conftest import SEED, SEED_SOURCE
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from marking import loaded_text, mark, vary

from briefgen.build import build, check
from briefgen.model.values import TLP_LEVELS
from briefgen.reading.loader import load_brief
from briefgen.release.document import released_yaml
from briefgen.validation.validate import check_brief

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
CHECKS = {"ci": 40, "deep": 1500}[PROFILE]
BUILDS = {"ci": 4, "deep": 60}[PROFILE]
COMMON = {"deadline": None, "database": None, "derandomize": PROFILE == "ci",
          "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                    HealthCheck.function_scoped_fixture]}
pytestmark = pytest.mark.xdist_group("audience-properties")

ITEM_SECTIONS = ("sources", "key_figures", "parties", "people", "relations", "positions",
                 "quotes", "risks", "timeline", "recommendations", "open_questions")
REF_KEYS = {"evidence", "related", "quotes", "speaker", "source", "figures", "parties",
            "affected", "representatives", "backed_by", "allies", "party", "from", "to"}
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_DATA = loaded_text(SEED_TEXT).data


def rank(level: str) -> int:
    return TLP_LEVELS.index(level)


def parts(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], tuple[Any, ...] | None]]:
    """Every markable part, with its container's place (humanitarian for its needs)."""
    found: list[tuple[tuple[Any, ...], tuple[Any, ...] | None]] = []
    for section in ITEM_SECTIONS:
        found += [((section, i), None) for i in range(len(data.get(section) or []))]
    found += [(("summary", "points", i), None) for i in range(len(data["summary"]["points"]))]
    humanitarian = data.get("humanitarian") or {}
    if humanitarian:
        found.append((("humanitarian",), None))
        found += [(("humanitarian", "needs", i), ("humanitarian",))
                  for i in range(len(humanitarian.get("needs") or []))]
        if humanitarian.get("outlook"):
            found.append((("humanitarian", "outlook"), ("humanitarian",)))
    return found


PARTS = parts(SEED_DATA)


@st.composite
def markings(draw: st.DrawFn, closed: bool = False) -> tuple[str, str]:
    """A marked copy of the seed's text, and its `meta.tlp`. A `closed` marking raises
    every part to the level of what it cites and releases a source and the title and BLUF
    to everyone, so that `check` accepts it; otherwise anything goes."""
    top = draw(st.sampled_from(TLP_LEVELS[1:]))
    above = [] if closed else TLP_LEVELS[rank(top):]
    level = st.sampled_from([None, *TLP_LEVELS[:rank(top)], *[top] * 3, *above])
    marks = {loc: chosen for loc, _ in PARTS if (chosen := draw(level)) is not None}
    if closed:
        marks[("sources", 0)] = "clear"
        marks = _closed(marks, top)
    text = SEED_TEXT.replace("\n  tlp: clear\n", f"\n  tlp: {top}\n")
    text = mark(text, marks)
    for loc in (("meta", "title"), ("summary", "bluf")):
        lower = draw(st.sets(st.sampled_from(TLP_LEVELS[:rank(top)]), max_size=2))
        if closed:
            lower.add("clear")
        if lower:
            plain = _at(loaded_text(text).data, loc)
            text = vary(text, loc, {top: plain, **{lv: f"Released text for {lv}" for lv in lower}})
    return text, top


def _closed(marks: dict[tuple[Any, ...], str], top: str) -> dict[tuple[Any, ...], str]:
    """`marks` raised until no part cites a part of a higher level."""
    ids = {item["id"]: loc for loc, _ in PARTS
           if isinstance((item := _at(SEED_DATA, loc)).get("id"), str)}
    cites = {loc: {ids[v] for _w, v in _refs(_at(SEED_DATA, loc), loc) if v in ids}
             for loc, _ in PARTS}
    marks = dict(marks)
    while True:
        level = {}
        for loc, container in PARTS:
            own = marks.get(loc, top)
            level[loc] = max(own, level[container], key=rank) if container else own
        raised = {loc: max(level[c] for c in cited) for loc, cited in cites.items()
                  if cited and rank(max((level[c] for c in cited), key=rank)) > rank(level[loc])}
        if not raised:
            return marks
        for loc, _cited in raised.items():
            marks[loc] = max((level[c] for c in cites[loc]), key=rank)


def _at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        data = data[part]
    return data


def expected_lines(text: str, top: str) -> set[int]:
    """The oracle: the lines `check` must refuse, with every audience below `top`."""
    loaded = loaded_text(text)
    data = loaded.data
    own = {loc: _at(data, loc).get("tlp") for loc, _ in PARTS}
    level: dict[tuple[Any, ...], str] = {}
    for loc, container in PARTS:
        marked = own[loc] or top
        level[loc] = max(marked, level[container], key=rank) if container else marked
    lines = {loaded.marks[(*loc, "tlp")][0] for loc, _ in PARTS
             if own[loc] and rank(own[loc]) > rank(top)}
    ids = {_at(data, loc)["id"]: loc for loc, _ in PARTS if "id" in _at(data, loc)}
    for loc, _ in PARTS:
        for where, value in _refs(_at(data, loc), loc):
            cited = ids.get(value)
            if cited is not None and rank(level[cited]) > rank(level[loc]):
                lines.add(loaded.marks[where][0])
    for audience in TLP_LEVELS[:rank(top)]:
        for loc in (("meta", "title"), ("summary", "bluf")):
            value = _at(data, loc)
            if not (isinstance(value, dict) and any(rank(k) <= rank(audience) for k in value)):
                lines.add(loaded.key_marks[loc][0])
        if not any(rank(level[("sources", i)]) <= rank(audience)
                   for i in range(len(data["sources"]))):
            lines.add(loaded.marks[("sources",)][0])
    return lines


def _refs(value: Any, loc: tuple[Any, ...], key: str | None = None):
    """Every reference inside one part, not counting parts nested in it."""
    if isinstance(value, dict):
        for k, v in value.items():
            if (*loc, k) not in {p for p, _ in PARTS} and not (
                    isinstance(v, list) and v and (*loc, k, 0) in {p for p, _ in PARTS}):
                yield from _refs(v, (*loc, k), k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _refs(v, (*loc, i), key)
    elif key in REF_KEYS and isinstance(value, str):
        yield loc, value


@settings(max_examples=CHECKS, **COMMON)
@given(marked=st.one_of(markings(), markings(closed=True)))
def test_check_refuses_exactly_the_lines_the_oracle_names(marked: tuple[str, str],
                                                          tmp_path_factory) -> None:
    text, top = marked
    folder = tmp_path_factory.mktemp("marked")
    shutil.copy(SEED_SOURCE, folder)
    brief = folder / "brief.yaml"
    brief.write_text(text, encoding="utf-8")
    audiences = TLP_LEVELS[:rank(top)]
    report = check([brief], audiences)
    lines = {p.line for p in report.results[0].problems}
    expected = expected_lines(text, top)
    note(f"meta.tlp {top}; refused at {sorted(lines)}; expected {sorted(expected)}")
    note("\n".join(str(p) for p in report.results[0].problems))
    event("accepted" if not expected else "refused")
    assert lines == expected
    assert (report.results[0].status == "checked") == (not expected)


@settings(max_examples=BUILDS, **COMMON)
@given(marked=markings(closed=True))
def test_an_accepted_brief_releases_every_version_clean(marked: tuple[str, str],
                                                        tmp_path_factory) -> None:
    text, top = marked
    assert not expected_lines(text, top)
    folder = tmp_path_factory.mktemp("released")
    shutil.copy(SEED_SOURCE, folder)
    brief = folder / "brief.yaml"
    brief.write_text(text, encoding="utf-8")
    audiences = TLP_LEVELS[:rank(top)]
    report = build([brief], folder / "out", ("md", "html"), audiences=audiences)
    assert report.ok, report.results
    checked = check_brief(load_brief(brief), audiences)
    ids = {item["id"]: loc for loc, _ in PARTS
           if isinstance((item := _at(SEED_DATA, loc)).get("id"), str)}
    data = loaded_text(text).data
    for audience in audiences:
        released = checked.releases[audience].brief
        html = (folder / "out" / f"idlib-talks-2020-02-20.tlp-{audience}.html").read_text()
        assert f"TLP:{audience.upper()}" in html
        kept = _ids(released)
        for ident, loc in ids.items():
            marked = _at(data, loc).get("tlp") or top
            if rank(marked) > rank(audience):
                assert ident not in kept
                assert not re.search(rf'(id|href)="#?{re.escape(ident)}"', html), ident
        again = folder / f"again-{audience}.yaml"
        again.write_bytes(released_yaml(released, checked.releases[audience].raised))
        assert check([again]).ok


def _ids(brief: Any) -> set[str]:
    return {item.id for section in ITEM_SECTIONS for item in getattr(brief, section)
            if getattr(item, "id", None)}


def test_the_oracle_is_not_empty_handed() -> None:
    """A brief marked amber with nothing lower is refused for a TLP:CLEAR audience at its
    title, its BLUF and its sources, as the oracle says."""
    text = SEED_TEXT.replace("\n  tlp: clear\n", "\n  tlp: amber\n")
    loaded = loaded_text(text)
    assert expected_lines(text, "amber") == {loaded.key_marks[("meta", "title")][0],
                                             loaded.key_marks[("summary", "bluf")][0],
                                             loaded.marks[("sources",)][0]}
