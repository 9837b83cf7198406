"""The benchmark suite: its generator makes valid, reproducible briefs; its runner reports
every figure. No timing is asserted here: the figures are the benchmark's business."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:  # bench/ sits beside the package, not inside it
    sys.path.insert(0, str(ROOT))

from bench.generate import BARE, SIZES, Knobs, make_brief, write_briefs  # noqa: E402
from bench.memory import windows  # noqa: E402
from bench.report import FIGURE_KEYS  # noqa: E402
from bench.sections import _value  # noqa: E402

# Corners of the knob space: the standard sizes, a bare minimum, and more quotes than the
# lexicon has phrasings (so quotes are joined), over three sources.
SETTINGS = {
    "small": SIZES["small"],
    "large": SIZES["large"],
    "bare": BARE,
    "crowded": Knobs(parties=14, quotes=40, risks=12, events=15, figures=8, positions=20,
                     relations=12, points=12, recommendations=8, questions=8, sources=3,
                     native_names=1.0),
}


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env | extra


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_the_same_bytes_in_separate_processes(tmp_path: Path) -> None:
    """Different hash seeds, separate interpreters: the files must still be identical."""
    for run, hash_seed in (("a", "1"), ("b", "2")):
        subprocess.run([sys.executable, "-m", "bench.generate", str(tmp_path / run), "--size",
                        "large", "--count", "2", "--seed", "7"], cwd=ROOT, check=True,
                       capture_output=True, env=_env(PYTHONHASHSEED=hash_seed))
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert sorted(first) == ["bench-large-0000-1.txt", "bench-large-0000-2.txt",
                             "bench-large-0000.yaml", "bench-large-0001-1.txt",
                             "bench-large-0001-2.txt", "bench-large-0001.yaml"]
    assert first == second


def test_another_seed_or_index_gives_another_brief() -> None:
    one = make_brief(1, 0, SIZES["small"])
    assert make_brief(2, 0, SIZES["small"])["bench-0000.yaml"] != one["bench-0000.yaml"]
    assert make_brief(1, 1, SIZES["small"])["bench-0001.yaml"] != one["bench-0000.yaml"]


def test_a_brief_does_not_depend_on_how_many_are_made(tmp_path: Path) -> None:
    write_briefs(tmp_path / "two", 2, SIZES["small"], seed=3)
    write_briefs(tmp_path / "five", 5, SIZES["small"], seed=3)
    two, five = _files(tmp_path / "two"), _files(tmp_path / "five")
    assert two == {name: data for name, data in five.items() if name in two}


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_the_knobs_set_the_counts(name: str) -> None:
    knobs = SETTINGS[name]
    files = make_brief(11, 0, knobs)
    brief = yaml.safe_load(files["bench-0000.yaml"])
    counted = {"parties": len(brief.get("parties", [])), "quotes": len(brief.get("quotes", [])),
               "risks": len(brief.get("risks", [])), "events": len(brief.get("timeline", [])),
               "figures": len(brief.get("key_figures", [])),
               "positions": len(brief.get("positions", [])),
               "relations": len(brief.get("relations", [])),
               "points": len(brief["summary"]["points"]),
               "recommendations": len(brief.get("recommendations", [])),
               "questions": len(brief.get("open_questions", [])),
               "sources": len(brief["sources"])}
    wanted = {key: getattr(knobs, key) for key in counted}
    assert counted == wanted
    assert ("humanitarian" in brief) == knobs.humanitarian
    assert brief["meta"]["fictional"] is True
    assert sum(name.endswith(".txt") for name in files) == knobs.sources


def test_more_of_a_knob_means_more_of_that_section_only() -> None:
    base = yaml.safe_load(make_brief(5, 0, SIZES["small"])["bench-0000.yaml"])
    more = yaml.safe_load(make_brief(5, 0, dataclasses.replace(SIZES["small"], risks=4))
                          ["bench-0000.yaml"])
    assert (len(base.get("risks", [])), len(more["risks"])) == (0, 4)
    assert len(more["quotes"]) == len(base["quotes"])


def test_every_quote_sits_verbatim_in_its_source_file() -> None:
    """The property briefgen's check relies on, tested directly too."""
    files = make_brief(9, 0, SETTINGS["crowded"])
    brief = yaml.safe_load(files["bench-0000.yaml"])
    texts = {s["id"]: files[s["local_path"]] for s in brief["sources"]}
    cited = brief["quotes"] + brief["timeline"] + brief["key_figures"]
    assert cited
    for item in cited:
        said = item.get("text") or item["excerpt"]
        assert said in texts[item["source"]], said


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_generated_briefs_pass_briefgen_check(tmp_path: Path, name: str) -> None:
    briefs = write_briefs(tmp_path, 3, SETTINGS[name], seed=21)
    done = subprocess.run([sys.executable, "-m", "briefgen", "check", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, env=_env())
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr.lower(), done.stderr
    assert "not checked verbatim" not in done.stderr
    for brief in briefs:
        assert f"{brief.name}: ok" in done.stdout


def test_figure_values_are_read_from_displays() -> None:
    assert _value("about 216,000") == 216000
    assert _value("2.4 million") == 2400000
    assert _value("87 of 110") is None


def test_memory_growth_compares_the_second_and_last_tenths() -> None:
    assert windows(100) == (slice(10, 20), slice(90, 100))
    assert windows(4) == (slice(1, 2), slice(3, 4))
    assert windows(1) == (slice(0, 1), slice(0, 1))


def test_quick_run_reports_every_figure(tmp_path: Path) -> None:
    """`python -m bench --quick` end to end, each figure measured once: a table on stdout, the
    same figures as JSON. `--smoke` runs every step on bare briefs (two PDF pages, where the
    standard sizes have 4 and 16): the same code measures and reports each figure, in about a
    third of the time; the generator's standard sizes are checked above."""
    results = tmp_path / "results"
    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--smoke", "--briefs", "2",
                           "--runs", "1", "--results", str(results), "--workdir",
                           str(tmp_path / "work")],
                          cwd=ROOT, capture_output=True, text=True, env=_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    data = json.loads((results / "quick.json").read_text(encoding="utf-8"))
    assert data["settings"]["bare"] is True and data["settings"]["quick"] is True
    assert list(data["figures"]) == list(FIGURE_KEYS)
    assert {"cores", "python", "weasyprint", "date"} <= set(data["machine"])
    for key, figure in data["figures"].items():
        assert figure["target"], key
        assert isinstance(figure["value"], int | float), (key, figure["note"])
        assert isinstance(figure["met"], bool), key
    table = (results / "quick.md").read_text(encoding="utf-8")
    assert done.stdout == table
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + len(FIGURE_KEYS)
