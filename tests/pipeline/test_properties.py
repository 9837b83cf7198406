"""Properties that must hold for any input, checked with Hypothesis.

1. **Broken briefs are refused, never crash**, and libyaml (the fast path) and pure-Python
   PyYAML load every mutant alike. Valid briefs (the seed and the
   contract's minimal brief) are mutated as text: lines deleted, duplicated
   and swapped, indentation changed, YAML-significant characters, tabs, NUL
   and bytes that are not UTF-8 inserted, values replaced by YAML 1.1 traps
   (`no`, `1.10`, `~`, `2020-02-31`), the file cut short. `check()` must
   pass the mutant or refuse it with problems, never raise, and every
   problem must point at a line that exists (line and column >= 1, line <=
   lines in the file + 1). A mutant that passes must also build. A smaller
   sample goes through the real command line: exit code 0 or 1, never a
   traceback.
2. **Valid briefs always build.** A strategy writes briefs that follow the
   format (random valid ids, references that resolve, optional sections
   present or not, text in any printable script including Arabic and
   Markdown's own characters) with `yaml.safe_dump`. Each builds to Markdown
   and HTML, and, with fewer examples because WeasyPrint is slow, to PDF as
   well; plain text comes out as text in both.

Settings profiles
-----------------

``ci`` (the default) is derandomised, so that every CI run tries the same
examples, and sized to keep this module to about a minute on two cores.
``deep`` tries many more, freshly random each run (a failure prints a
``@reproduce_failure`` blob). Choose with the environment variable::

    HYPOTHESIS_PROFILE=deep python -m pytest tests/pipeline/test_properties.py

The profile is applied to this module's tests only, through their own
``@settings``, so that it changes nothing for other modules.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CONTRACT, SEED, SEED_SOURCE
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st
from markupsafe import escape

from briefgen.build import build, check

settings.register_profile(
    "ci", max_examples=300, deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile(
    "deep", max_examples=4000, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def scaled(fraction: float) -> settings:
    """The chosen profile with a fraction of its examples, for the slower properties."""
    return settings(PROFILE, max_examples=max(5, int(PROFILE.max_examples * fraction)))


DONE = ("built", "current")  # "current": the same text was built before, and is not rebuilt
MINIMAL = CONTRACT / "minimal" / "minimal.yaml"
SEEDS = {"seed": SEED.read_bytes(), "minimal": MINIMAL.read_bytes()}

# --- 1. Mutations of valid briefs ---------------------------------------------------

SIGNIFICANT = [":", ": ", "-", "- ", "#", " #", "'", '"', "[", "]", "{", "}", "&", "&a ", "*",
               "*a", "!", "!!str ", "|", ">", "%", "?", ",", "@", "`", "\t", "\x00", "\r", "\\",
               "<<: ", "---\n", "...\n", "\u2028", "\ufeff", "\x85", "\x7f", "\x1b"]
RAW_BYTES = [b"\xff", b"\xfe\xff", b"\xc3", b"\xc3(", b"\x80", b"\xe2\x80", b"\xed\xa0\x80",
             b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x00", b"\xef\xbb\xbf"]
TRAPS = ["no", "yes", "on", "off", "No", "1.10", "~", "null", "", "2020-02-31", "2020-02-20",
         "2020-02-20 12:00:00", "0x1F", "0o17", "1e3", ".inf", "-.nan", "12:30:00", "[]", "{}",
         "[a, b]", "{a: 1}", "'", '"', "*undefined", "&anchor", "!!binary aGk=",
         "!!python/object/apply:os.system ['true']", "!!set {a, b}", "|", ">-", "- x",
         "#not-a-comment", "'unclosed", '"unclosed', "a: b", "a #b", "=", "<<", "%TAG"]
_VALUE = re.compile(rb"^(\s*(?:- )?[A-Za-z_][\w-]*:[ \t]+)(\S.*?)(\r?\n)?$")


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


@st.composite
def mutants(draw: st.DrawFn, names: tuple[str, ...] = ("seed", "minimal")) -> tuple[str, bytes]:
    """One of the valid briefs, damaged in one to four ways."""
    name = draw(st.sampled_from(names))
    lines = _lines(SEEDS[name])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "tab",
                                   "insert", "bytes", "trap", "trap", "trap", "key",
                                   "truncate-line"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = b" " * draw(st.integers(1, 5)) + line
        elif op == "dedent":
            lines[i] = line[min(draw(st.integers(1, 4)), len(line) - len(line.lstrip(b" "))):]
        elif op == "tab":
            lines[i] = b"\t" + line.lstrip(b" ") if draw(st.booleans()) else line.replace(
                b": ", b":\t", 1)
        elif op == "insert":
            at = draw(st.integers(0, len(line)))
            text = draw(st.sampled_from(SIGNIFICANT)).encode("utf-8")
            lines[i] = line[:at] + text + line[at:]
        elif op == "bytes":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(RAW_BYTES)) + line[at:]
        elif op == "trap":
            candidates = [k for k, text in enumerate(lines) if _VALUE.match(text)]
            if candidates:
                k = draw(st.sampled_from(candidates))
                match = _VALUE.match(lines[k])
                assert match is not None
                trap = draw(st.sampled_from(TRAPS)).encode()
                lines[k] = match[1] + trap + (match[3] or b"")
        elif op == "key":  # a typo in a key: a letter dropped, doubled or swapped
            match = re.match(rb"^(\s*(?:- )?)([a-z_]{3,})(:.*)$", line, re.DOTALL)
            if match:
                key = bytearray(match[2])
                at = draw(st.integers(0, len(key) - 2))
                how = draw(st.sampled_from(["drop", "double", "swap", "case"]))
                if how == "drop":
                    del key[at]
                elif how == "double":
                    key.insert(at, key[at])
                elif how == "swap":
                    key[at], key[at + 1] = key[at + 1], key[at]
                else:
                    key = key.upper()
                lines[i] = match[1] + bytes(key) + match[3]
        elif op == "truncate-line":
            lines[i] = line[:draw(st.integers(0, len(line)))]
    data = b"".join(lines)
    if draw(st.integers(0, 9)) == 0:  # now and then, the file ends early
        data = data[:draw(st.integers(0, len(data)))]
    return name, data


def line_count(data: bytes) -> int:
    """Lines in the file, counting every line break YAML or an editor might count."""
    text = data.decode("utf-8", errors="replace")
    return max(data.count(b"\n"), len(text.splitlines()), text.count("\r")) + 1


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project holding the seed's article, where each mutant is written in turn."""
    project = tmp_path_factory.mktemp("mutants")
    (project / "seeds").mkdir()
    shutil.copy(SEED_SOURCE, project / "seeds")
    return project


def _write_mutant(workdir: Path, name: str, data: bytes) -> Path:
    path = workdir / "seeds" / f"{name}.yaml"
    path.write_bytes(data)
    return path


def assert_problems_point_into(data: bytes, problems: list[Any]) -> None:
    lines = line_count(data)
    for problem in problems:
        assert isinstance(problem.line, int) and isinstance(problem.col, int), problem
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.line <= lines + 1, f"line {problem.line} of a {lines}-line file: {problem}"
        assert problem.message.strip(), problem
        assert "\n" not in str(problem), repr(str(problem))


@scaled(1.0)
@given(mutant=mutants())
def test_a_mutated_brief_is_refused_with_located_problems_or_builds(workdir: Path,
                                                                    mutant: tuple[str, bytes]
                                                                    ) -> None:
    name, data = mutant
    note(f"mutant of {name}:\n{data.decode('utf-8', errors='backslashreplace')[:3000]}")
    path = _write_mutant(workdir, name, data)
    report = check([path])  # must not raise
    (result,) = report.results
    event(f"{name}: {result.status}")
    assert result.status in ("checked", "refused"), result
    if result.status == "refused":
        assert result.problems, "refused without a problem"
    assert_problems_point_into(data, result.problems + result.warnings)
    if result.status == "checked":
        built = build([path], workdir / "out", ("md", "html"))
        assert built.results[0].status in DONE, built.results[0].error


@scaled(0.05)
@given(mutant=mutants())
def test_the_command_line_never_shows_a_traceback(workdir: Path,
                                                  mutant: tuple[str, bytes]) -> None:
    name, data = mutant
    path = _write_mutant(workdir, name, data)
    result = subprocess.run([sys.executable, "-m", "briefgen", "build", str(path), "--out",
                             str(workdir / "cli-out"), "--format", "md,html"],
                            cwd=workdir, capture_output=True, text=True, timeout=120,
                            check=False)
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), output
    assert "Traceback" not in output and "internal error" not in output, output
    if result.returncode == 1:
        assert re.search(r":\d+:\d+: ", result.stderr), result.stderr


# --- 2. Generated valid briefs ------------------------------------------------------

SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,24}", fullmatch=True)
LANGS = ["en", "en-GB", "ar", "fr", "no", "fa", "he", "de-CH", "zh-Hant", "ur"]
MARKDOWN_SNIPPETS = ["*em*", "**strong**", "_under_", "`code`", "``a ` b``", "# Heading",
                     "## Sub", "- item", "* star", "+ plus", "1. one", "2) two", "> quoted",
                     "[link](https://example.org/a_(b))", "[mail](mailto:desk@example.org)",
                     "[anchor](#nowhere)", "<https://example.org>", "<b>raw</b>", "\\*", "&amp;",
                     "&#x3C;", "---", "***", "```\nfenced ``` code\n```", "    indented code",
                     "| a | b |\n|---|---|\n| 1 | 2 |", "![no image](missing.png)",
                     "~~strike~~", "line  \nbreak", "\n\n", "\n", "trailing\\", "1986\\. A year",
                     "<!-- comment -->", "[ref]\n\n[ref]: https://example.org", "Setext\n===",
                     "عربي **غامق** [رابط](https://example.org)", "‏RTL mark‏"]

_TEXT_CHARS = st.one_of(
    st.characters(categories=("L", "M", "N", "P", "S", "Zs")),
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF, categories=("L", "M", "N", "P")),
    st.sampled_from(list("*_`[]()#>!<&|~\\-+=.:'\"{}%@ \u00a0\u200f")),
)


def _nonblank(text: str) -> str:
    return text if text.strip() else f"x{text}"


PLAIN = st.text(_TEXT_CHARS, min_size=1, max_size=30).map(_nonblank)
PLAIN_LINES = st.one_of(PLAIN, st.lists(PLAIN, min_size=2, max_size=3).map("\n".join))
MARKDOWN = st.lists(st.one_of(PLAIN, st.sampled_from(MARKDOWN_SNIPPETS)), min_size=1,
                    max_size=6).flatmap(
    lambda parts: st.sampled_from([" ", "\n", "\n\n"]).map(lambda sep: sep.join(parts))
).map(_nonblank)
NUMBER = st.one_of(st.integers(-10**15, 10**15),
                   st.floats(allow_nan=False, allow_infinity=False, width=64))
LIKELIHOOD = st.sampled_from(["almost-no-chance", "very-unlikely", "unlikely",
                              "roughly-even-chance", "likely", "very-likely", "almost-certain"])
CONFIDENCE = st.sampled_from(["low", "moderate", "high"])


@st.composite
def dates(draw: st.DrawFn) -> str:
    day = draw(st.dates(dt.date(1000, 1, 1), dt.date(2999, 12, 31)))
    form = draw(st.sampled_from(["year", "month", "day", "minute", "second", "zone"]))
    if form == "year":
        return f"{day.year:04d}"
    if form == "month":
        return f"{day.year:04d}-{day.month:02d}"
    text = day.isoformat()
    if form == "day":
        return text
    hour, minute, second = (draw(st.integers(0, 23)), draw(st.integers(0, 59)),
                            draw(st.integers(0, 59)))
    text += f"T{hour:02d}:{minute:02d}"
    if form == "minute":
        return text
    text += f":{second:02d}"
    if form == "second":
        return text
    return text + draw(st.sampled_from(["Z", "+02:00", "-11:30", "+00:00"]))


class _Maker:
    """Adds optional keys to a mapping, each present or not as Hypothesis decides."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw

    def maybe(self, target: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
        if self.draw(st.booleans()):
            target[key] = self.draw(strategy)

    def some(self, pool: list[str], most: int = 3) -> st.SearchStrategy[list[str]]:
        if not pool:
            return st.just([])
        return st.lists(st.sampled_from(pool), max_size=most)


@st.composite
def valid_briefs(draw: st.DrawFn, most: int = 3) -> tuple[dict[str, Any], str | None]:
    """A brief that follows the format, and the text of its one local source (if any).

    `most` bounds the items in each section (the PDF property keeps briefs short).
    """
    m = _Maker(draw)
    sizes = {section: draw(st.integers(low, min(high, most))) for section, low, high in (
        ("sources", 1, 3), ("key_figures", 0, 3), ("parties", 0, 4), ("people", 0, 3),
        ("quotes", 0, 3), ("risks", 0, 3), ("timeline", 0, 3), ("recommendations", 0, 2),
        ("open_questions", 0, 2))}
    if not sizes["people"]:
        sizes["quotes"] = 0
    # Random slugs, made unique by a counter: unique=True on a regex strategy stalls.
    stems = draw(st.lists(SLUG, min_size=sum(sizes.values()), max_size=sum(sizes.values())))
    ids = iter(f"{stem[:50]}-{n}" for n, stem in enumerate(stems))
    pools = {section: [next(ids) for _ in range(n)] for section, n in sizes.items()}
    everything = [ident for pool in pools.values() for ident in pool]
    language = draw(st.sampled_from(LANGS))
    local = draw(st.booleans())
    verbatim: list[str] = []

    def cite(item: dict[str, Any], key: str) -> None:
        """Give `item` a source and, now and then, a verbatim passage from it."""
        if draw(st.booleans()):
            item["source"] = draw(st.sampled_from(pools["sources"]))
            if draw(st.booleans()):
                item[key] = draw(PLAIN)
                if local and item["source"] == pools["sources"][0]:
                    verbatim.append(item[key])

    meta: dict[str, Any] = {"id": draw(SLUG), "title": draw(PLAIN_LINES), "date": draw(dates()),
                            "language": language}
    m.maybe(meta, "subtitle", PLAIN_LINES)
    m.maybe(meta, "version", st.sampled_from(["1.0", "1.10", "2", "v3-beta"]))
    m.maybe(meta, "status", st.sampled_from(["draft", "review", "final", "superseded"]))
    m.maybe(meta, "authors", st.lists(st.fixed_dictionaries(
        {"name": PLAIN}, optional={"role": PLAIN, "org": PLAIN, "name_native": PLAIN,
                                   "lang": st.sampled_from(LANGS)}), max_size=3))
    m.maybe(meta, "classification", st.sampled_from(["public", "internal", "confidential",
                                                     "restricted"]))
    m.maybe(meta, "tlp", st.sampled_from(["clear", "green", "amber", "amber+strict", "red"]))
    m.maybe(meta, "coverage", st.fixed_dictionaries({}, optional={
        "countries": st.lists(st.from_regex(r"[A-Z]{3}", fullmatch=True), max_size=3),
        "areas": st.lists(PLAIN, max_size=3)}))
    m.maybe(meta, "tags", st.lists(PLAIN, max_size=4))
    m.maybe(meta, "sourcing_note", MARKDOWN)
    m.maybe(meta, "fictional", st.booleans())
    m.maybe(meta, "disclaimer", MARKDOWN)
    m.maybe(meta, "changelog", st.lists(st.fixed_dictionaries({}, optional={
        "version": PLAIN, "date": dates(), "note": MARKDOWN}), max_size=2))

    sources = []
    for n, ident in enumerate(pools["sources"]):
        source: dict[str, Any] = {"id": ident, "title": draw(PLAIN_LINES)}
        for key in ("title_native", "standfirst", "publisher", "author", "reliability_note",
                    "locator_scheme"):
            m.maybe(source, key, PLAIN)
        m.maybe(source, "type", st.sampled_from(["article-newspaper", "report", "broadcast",
                                                 "interview", "webpage", "dataset", "document"]))
        m.maybe(source, "issued", dates())
        m.maybe(source, "updated", dates())
        m.maybe(source, "url", st.one_of(st.just("https://example.org/a?b=c&d=<e>"), PLAIN))
        m.maybe(source, "language", st.sampled_from(LANGS))
        m.maybe(source, "reliability", st.sampled_from("ABCDEF"))
        if n == 0 and local:
            source["local_path"] = "source.txt"
        sources.append(source)

    def point() -> dict[str, Any]:
        item: dict[str, Any] = {"text": draw(MARKDOWN)}
        m.maybe(item, "kind", st.sampled_from(["fact", "judgement"]))
        m.maybe(item, "likelihood", LIKELIHOOD)
        if item.get("kind") == "judgement" or draw(st.booleans()):
            item["confidence"] = draw(CONFIDENCE)
        m.maybe(item, "basis", MARKDOWN)
        m.maybe(item, "evidence", m.some(everything))
        return item

    data: dict[str, Any] = {"schema": "briefgen/1", "meta": meta, "sources": sources,
                            "summary": {"bluf": draw(MARKDOWN)}}
    m.maybe(data["summary"], "points", st.lists(st.builds(point), max_size=3))

    figures = []
    for ident in pools["key_figures"]:
        figure: dict[str, Any] = {"id": ident, "label": draw(PLAIN), "display": draw(PLAIN)}
        for key in ("value", "value_min", "value_max", "out_of"):
            m.maybe(figure, key, st.one_of(st.none(), NUMBER) if key == "value" else NUMBER)
        for key in ("qualifier", "unit", "hxl", "locator"):
            m.maybe(figure, key, PLAIN)
        m.maybe(figure, "date", dates())
        m.maybe(figure, "note", MARKDOWN)
        cite(figure, "excerpt")
        figures.append(figure)

    parties = []
    for ident in pools["parties"]:
        party: dict[str, Any] = {"id": ident, "name": draw(PLAIN), "type": draw(st.sampled_from(
            ["state", "non-state-armed-group", "alliance", "intergovernmental", "ngo",
             "civil-society", "private-sector", "population-group", "other"]))}
        m.maybe(party, "aliases", st.lists(PLAIN, max_size=2))
        m.maybe(party, "name_native", PLAIN)
        m.maybe(party, "lang", st.sampled_from(LANGS))
        m.maybe(party, "representatives", m.some(pools["people"]))
        m.maybe(party, "backed_by", m.some(pools["parties"]))
        m.maybe(party, "allies", m.some(pools["parties"]))
        m.maybe(party, "description", MARKDOWN)
        parties.append(party)

    people = []
    for ident in pools["people"]:
        person: dict[str, Any] = {"id": ident, "name": draw(PLAIN)}
        for key in ("role", "affiliation", "name_native", "note"):
            m.maybe(person, key, PLAIN)
        m.maybe(person, "lang", st.sampled_from(LANGS))
        if pools["parties"]:
            m.maybe(person, "party", st.sampled_from(pools["parties"]))
        people.append(person)

    quotes = []
    for ident in pools["quotes"]:
        quote: dict[str, Any] = {"id": ident, "text": draw(PLAIN_LINES),
                                 "speaker": draw(st.sampled_from(pools["people"])),
                                 "source": draw(st.sampled_from(pools["sources"]))}
        if local and quote["source"] == pools["sources"][0]:
            verbatim.append(quote["text"])
        for key in ("locator", "translated_by", "attribution_note", "context", "note"):
            m.maybe(quote, key, PLAIN)
        m.maybe(quote, "date", dates())
        m.maybe(quote, "lang", st.sampled_from(LANGS))
        if quote.get("lang", language).split("-")[0] != language.split("-")[0] \
                or draw(st.booleans()):
            quote["translation"] = draw(PLAIN_LINES)
        m.maybe(quote, "attribution", st.sampled_from(["explicit", "inferred"]))
        quotes.append(quote)

    relations = []
    if pools["parties"]:
        for _ in range(draw(st.integers(0, 3))):
            relation: dict[str, Any] = {
                "from": draw(st.sampled_from(pools["parties"])),
                "to": draw(st.sampled_from(pools["parties"])),
                "type": draw(st.sampled_from(["backer", "ally", "partner", "adversary", "rival",
                                              "mediator", "member-of"]))}
            m.maybe(relation, "trend", st.sampled_from(["improving", "stable", "deteriorating",
                                                        "unknown"]))
            m.maybe(relation, "note", MARKDOWN)
            m.maybe(relation, "evidence", m.some(everything))
            relations.append(relation)

    positions = []
    if pools["parties"]:
        for _ in range(draw(st.integers(0, 3))):
            position: dict[str, Any] = {
                "party": draw(st.sampled_from(pools["parties"])), "topic": draw(PLAIN),
                "stance": draw(st.sampled_from(["supports", "opposes", "conditional", "neutral",
                                                "ambiguous", "unknown"]))}
            m.maybe(position, "basis", st.sampled_from(["stated", "reported", "inferred"]))
            m.maybe(position, "kind", st.sampled_from(["fact", "judgement"]))
            if position.get("basis") == "inferred" or position.get("kind") == "judgement":
                position["confidence"] = draw(CONFIDENCE)
            m.maybe(position, "summary", MARKDOWN)
            m.maybe(position, "quotes", m.some(pools["quotes"]))
            positions.append(position)

    risks = []
    for ident in pools["risks"]:
        risk: dict[str, Any] = {
            "id": ident, "title": draw(PLAIN), "likelihood": draw(LIKELIHOOD),
            "impact": draw(st.sampled_from(["negligible", "minor", "moderate", "major",
                                            "severe"])),
            "trend": draw(st.sampled_from(["rising", "stable", "falling", "unknown"])),
            "confidence": draw(CONFIDENCE)}
        m.maybe(risk, "description", MARKDOWN)
        m.maybe(risk, "condition", PLAIN)
        m.maybe(risk, "horizon", PLAIN)
        m.maybe(risk, "indicators", st.lists(PLAIN, max_size=3))
        m.maybe(risk, "affected", m.some(pools["parties"]))
        m.maybe(risk, "evidence", m.some(everything))
        risks.append(risk)

    events = []
    for ident in pools["timeline"]:
        event: dict[str, Any] = {"id": ident, "date": draw(dates()), "event": draw(PLAIN_LINES)}
        m.maybe(event, "date_note", PLAIN)
        m.maybe(event, "kind", st.sampled_from(["event", "agreement", "statement", "deadline",
                                                "scheduled"]))
        m.maybe(event, "parties", m.some(pools["parties"]))
        cite(event, "excerpt")
        events.append(event)

    recommendations = []
    for ident in pools["recommendations"]:
        recommendation: dict[str, Any] = {"id": ident, "text": draw(MARKDOWN)}
        m.maybe(recommendation, "audience", PLAIN)
        m.maybe(recommendation, "priority", st.sampled_from(["high", "medium", "low"]))
        m.maybe(recommendation, "rationale", MARKDOWN)
        m.maybe(recommendation, "related", m.some(everything))
        m.maybe(recommendation, "confidence", CONFIDENCE)
        m.maybe(recommendation, "pros", st.lists(PLAIN, max_size=2))
        m.maybe(recommendation, "cons", st.lists(PLAIN, max_size=2))
        recommendations.append(recommendation)

    questions = []
    for ident in pools["open_questions"]:
        question: dict[str, Any] = {"id": ident, "question": draw(PLAIN_LINES)}
        m.maybe(question, "why_it_matters", MARKDOWN)
        m.maybe(question, "related", m.some(everything))
        questions.append(question)

    for key, items in (("key_figures", figures), ("parties", parties), ("people", people),
                       ("relations", relations), ("positions", positions), ("quotes", quotes),
                       ("risks", risks), ("timeline", events),
                       ("recommendations", recommendations), ("open_questions", questions)):
        if items or draw(st.integers(0, 4)) == 0:  # now and then an empty section
            data[key] = items
    if draw(st.booleans()):
        humanitarian: dict[str, Any] = {}
        for key in ("summary", "displacement", "access"):
            m.maybe(humanitarian, key, MARKDOWN)
        m.maybe(humanitarian, "figures", m.some(pools["key_figures"]))
        m.maybe(humanitarian, "quotes", m.some(pools["quotes"]))
        m.maybe(humanitarian, "needs", st.lists(st.fixed_dictionaries(
            {"text": MARKDOWN}, optional={"sector": PLAIN}), max_size=2))
        if draw(st.booleans()):
            outlook: dict[str, Any] = {"text": draw(MARKDOWN)}
            m.maybe(outlook, "kind", st.sampled_from(["fact", "judgement"]))
            m.maybe(outlook, "likelihood", LIKELIHOOD)
            if outlook.get("kind") == "judgement" or draw(st.booleans()):
                outlook["confidence"] = draw(CONFIDENCE)
            humanitarian["outlook"] = outlook
        data["humanitarian"] = humanitarian
    source_text = None
    if local:
        source_text = "Stored text of the source.\n\n" + "\n\n".join(verbatim) + "\n"
    return data, source_text


def write_generated(folder: Path, brief: tuple[dict[str, Any], str | None]) -> tuple[Path, bytes]:
    data, source_text = brief
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assume(yaml.safe_load(text) == data)  # what PyYAML cannot round-trip is not ours to test
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "seeds").mkdir(parents=True)
    path = folder / "seeds" / "generated.yaml"
    path.write_text(text, encoding="utf-8")
    if source_text is not None:
        (folder / "seeds" / "source.txt").write_text(source_text, encoding="utf-8")
    return path, text.encode("utf-8")


def _text_of_markdown(text: str) -> str:
    """What a reader of the Markdown sees, as GitHub's CommonMark parser reads it."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def _first_heading(text: str) -> str:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    heading = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1")
    return "".join(child.content for child in tokens[heading + 1].children or []
                   if child.type in ("text", "code_inline"))


def assert_built(report: Any, formats: tuple[str, ...]) -> None:
    (result,) = report.results
    detail = result.error or "\n".join(str(p) for p in result.problems)
    assert result.status in DONE, detail
    assert sorted(p.suffix for p in result.outputs) == sorted(f".{f}" for f in formats)


def _plain_texts(data: dict[str, Any]) -> list[str]:
    """A few plain-text values every output must show as written (white space aside)."""
    found = [data["meta"]["title"]] + [s["title"] for s in data["sources"]]
    found += [p["name"] for p in data.get("parties", [])]
    found += [q["question"] for q in data.get("open_questions", [])]
    return found


@pytest.fixture(scope="module")
def genfolder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("generated")


def test_a_valid_brief_builds_to_markdown_and_html(genfolder: Path) -> None:
    """Each generated brief builds, and its plain text comes out as text. The same briefs
    show that the strategy is not quietly narrow: among them, every section, a local source
    and Arabic text at least three times each (`COVERED`)."""
    seen: dict[str, int] = {}

    @scaled(0.12)
    @given(brief=valid_briefs())
    def builds(brief: tuple[dict[str, Any], str | None]) -> None:
        count_coverage(seen, brief)
        assert_builds_to_markdown_and_html(genfolder, brief)

    builds()
    assert_covered(seen)


def assert_builds_to_markdown_and_html(genfolder: Path,
                                       brief: tuple[dict[str, Any], str | None]) -> None:
    path, text = write_generated(genfolder / "project", brief)
    note(text.decode("utf-8"))
    out = genfolder / "out"
    report = build([path], out, ("md", "html"))
    assert_built(report, ("md", "html"))
    data = brief[0]
    page = (out / f"{data['meta']['id']}.html").read_text(encoding="utf-8")
    markdown = (out / f"{data['meta']['id']}.md").read_text(encoding="utf-8")
    assert f"<title>{escape(data['meta']['title'])}</title>" in page
    # Plain text comes out as text: escaped in the HTML, and read back unchanged from
    # the Markdown by a CommonMark parser (white space collapsed, as a reader sees it).
    seen = _text_of_markdown(markdown)
    for value in _plain_texts(data):
        assert str(escape(value)) in page, value
        assert " ".join(value.split()) in seen, value
    title = " ".join(data["meta"]["title"].split())
    if not re.search(r"(^|\s)#+$", title):  # see test_a_title_ending_in_a_hash_keeps_it
        assert _first_heading(markdown) == title


@scaled(0.02)
@given(brief=valid_briefs(most=2))
def test_a_valid_brief_builds_to_pdf(genfolder: Path,
                                     brief: tuple[dict[str, Any], str | None]) -> None:
    from pypdf import PdfReader

    path, text = write_generated(genfolder / "pdf-project", brief)
    note(text.decode("utf-8"))
    out = genfolder / "pdf-out"
    report = build([path], out)
    assert_built(report, ("md", "html", "pdf"))
    reader = PdfReader(out / f"{brief[0]['meta']['id']}.pdf")
    assert len(reader.pages) >= 1
    assert reader.attachments["generated.yaml"] == [text]
    if brief[1] is not None:
        assert reader.attachments["source.txt"] == [brief[1].encode("utf-8")]


# What the generated briefs must reach, each at least three times among the examples of
# test_a_valid_brief_builds_to_markdown_and_html (which counts them as it builds them).
COVERED = ("key_figures", "parties", "people", "relations", "positions", "quotes", "risks",
           "humanitarian", "timeline", "recommendations", "open_questions", "local source",
           "arabic")


def count_coverage(seen: dict[str, int], brief: tuple[dict[str, Any], str | None]) -> None:
    data, source_text = brief
    for key, value in data.items():
        if value:
            seen[key] = seen.get(key, 0) + 1
    if source_text is not None:
        seen["local source"] = seen.get("local source", 0) + 1
    if any(ord(c) >= 0x600 and ord(c) <= 0x6FF for c in yaml.safe_dump(data,
                                                                     allow_unicode=True)):
        seen["arabic"] = seen.get("arabic", 0) + 1


def assert_covered(seen: dict[str, int]) -> None:
    for key in COVERED:
        assert seen.get(key, 0) >= 3, (key, seen)


# --- Bugs the properties found (now fixed), pinned as plain examples ----------------------------

def test_a_title_ending_in_a_hash_keeps_it(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["meta"]["title"] = "Ceasefire talks, round #"
    data["parties"] = [{"id": "p", "name": "Party", "type": "state"}]
    data["positions"] = [{"party": "p", "topic": "Issue ##", "stance": "supports"}]
    data["risks"] = [{"id": "r", "title": "Risk #", "likelihood": "likely", "impact": "major",
                      "trend": "rising", "confidence": "low"}]
    path = tmp_path / "minimal.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert build([path], tmp_path / "out", ("md",)).ok
    tokens = MarkdownIt("commonmark").parse((tmp_path / "out" / "minimal.md").read_text("utf-8"))
    headings = [tokens[i + 1].children for i, t in enumerate(tokens) if t.type == "heading_open"]
    texts = ["".join(c.content for c in children or [] if c.type == "text")
             for children in headings]
    assert "Ceasefire talks, round #" in texts, texts
    assert any(text.endswith("Risk #") for text in texts), texts
    assert any(text.endswith("Issue ##") for text in texts), texts


def _load_both(path: Path) -> list[object]:
    """The same brief loaded through libyaml and through pure-Python PyYAML."""
    from briefgen.reading import loader

    outcomes: list[object] = []
    for compose in (loader.compose_fast, lambda text: None):
        original, loader.compose_fast = loader.compose_fast, compose
        try:
            found = loader.load_brief(path)
            outcomes.append((found.data, found.marks, found.key_marks, found.raw,
                             [str(p) for p in found.problems]))
        except loader.BriefRefused as exc:
            outcomes.append([str(p) for p in exc.problems])
        finally:
            loader.compose_fast = original
    return outcomes


@scaled(1.0)
@given(mutant=mutants())
def test_libyaml_and_pure_python_load_every_mutant_alike(workdir: Path,
                                                        mutant: tuple[str, bytes]) -> None:
    """The fast parser is only a speed-up: the same data, marks and messages, or a refusal
    worded exactly as the pure-Python parser words it."""
    name, data = mutant
    fast, slow = _load_both(_write_mutant(workdir, name, data))
    assert fast == slow
