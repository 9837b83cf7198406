"""`briefgen audiences BRIEF`: the table an analyst reads before releasing a brief."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SEED, SEED_SOURCE
from leaks import FIXTURE


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_the_table_counts_what_each_level_sees_and_lists_what_it_does_not(
        tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "desk")
    done = run("audiences", "canary.yaml", cwd=tmp_path / "desk")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "canary.yaml: a TLP:RED brief; what each audience sees"
    assert lines[1].split() == ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT",
                                "TLP:RED", "(full)"]
    rows = {line[:20].strip(): line[20:].split() for line in lines[2:] if line.strip()
            and not line.startswith(("withheld", " "))}
    assert rows["risks"] == ["1", "of", "4", "2", "of", "4", "2", "of", "4", "3", "of", "4",
                             "4", "of", "4"]
    assert rows["sources"][:3] == ["1", "of", "2"]
    withheld = done.stdout.split("withheld from TLP:CLEAR:\n", 1)[1].split("\n\n", 1)[0]
    assert "  risks: zq-green-risk, zq-amberstrict-risk, zq-red-risk" in withheld.splitlines()
    assert "  meta.subtitle" in withheld.splitlines()
    assert "withheld from TLP:RED" not in done.stdout  # the full version withholds nothing


def test_a_level_that_cannot_be_released_is_named_with_its_line(tmp_path: Path) -> None:
    shutil.copy(SEED_SOURCE, tmp_path)
    text = SEED.read_text(encoding="utf-8").replace("\n  tlp: clear\n", "\n  tlp: amber\n")
    (tmp_path / "brief.yaml").write_text(text, encoding="utf-8")
    done = run("audiences", "brief.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "brief.yaml:15:3: meta.title: required, and the TLP:CLEAR version has no text" \
        in done.stdout + done.stderr


def test_a_brief_without_a_tlp_has_no_audiences(tmp_path: Path) -> None:
    shutil.copy(SEED_SOURCE, tmp_path)
    text = SEED.read_text(encoding="utf-8").replace("\n  tlp: clear\n", "\n")
    (tmp_path / "brief.yaml").write_text(text, encoding="utf-8")
    done = run("audiences", "brief.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "brief.yaml:13:1: meta: the brief has no TLP of its own" in done.stdout + done.stderr


def test_the_guide_shows_what_briefgen_prints_for_its_worked_example(tmp_path: Path) -> None:
    """docs/writing-a-brief.md, section 10: the seed marked amber, five things kept back,
    everything else released to TLP:CLEAR, and the title and BLUF given clear variants."""
    from marking import closed_marks, mark, value_at, vary

    text = SEED.read_text(encoding="utf-8").replace("\n  tlp: clear\n", "\n  tlp: amber\n")
    kept_back = {("humanitarian", "outlook"), ("key_figures", 1), ("risks", 1),
                 ("recommendations", 3), ("quotes", 7)}
    text = mark(text, closed_marks(text, kept_back))
    text = vary(text, ("meta", "title"), {
        "amber": value_at(text, ("meta", "title")),
        "clear": "Russia–Turkey talks on Idlib end without a deal"})
    text = vary(text, ("summary", "bluf"), {
        "amber": value_at(text, ("summary", "bluf")),
        "clear": "Talks in Moscow between Russia and Turkey ended without a new de-escalation "
                 "deal for Idlib."})
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED_SOURCE, tmp_path / "seeds")
    (tmp_path / "seeds" / SEED.name).write_text(text, encoding="utf-8")
    done = run("audiences", f"seeds/{SEED.name}", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    guide = (Path(__file__).resolve().parents[2] / "docs" / "writing-a-brief.md").read_text(
        encoding="utf-8")
    shown = guide.split("$ briefgen audiences seeds/idlib-talks-2020-02-20.yaml\n", 1)[1]
    shown = shown.split("\n…\n```", 1)[0]
    assert shown in done.stdout
    assert run("check", "--audience", "clear", f"seeds/{SEED.name}", cwd=tmp_path).returncode == 0
