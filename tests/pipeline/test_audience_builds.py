"""`build --audience` with the rest of a build: briefgen.toml, the cache, --jobs, --since,
a refused release, and the one-pager."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from leaks import FIXTURE

from briefgen.build import build
from briefgen.commands.parser import TLP_LEVELS as PARSER_LEVELS
from briefgen.model.values import TLP_LEVELS

pytestmark = pytest.mark.xdist_group("audience-builds")
QUICK = ("md", "html")


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A project holding the canary brief (TLP:RED) in seeds/."""
    shutil.copytree(FIXTURE, tmp_path / "seeds")
    return tmp_path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_the_command_line_knows_the_same_levels_as_the_model() -> None:
    assert PARSER_LEVELS == TLP_LEVELS


def test_briefgen_toml_names_the_audiences_of_every_build(desk: Path) -> None:
    (desk / "briefgen.toml").write_text('[build]\naudiences = ["clear", "green"]\n'
                                        'formats = ["md"]\n', encoding="utf-8")
    done = run("build", cwd=desk)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (desk / "output").glob("*.md")) == [
        "canary-brief.md", "canary-brief.tlp-clear.md", "canary-brief.tlp-green.md",
        "index.md", "index.tlp-clear.md", "index.tlp-green.md"]  # and the desk index of each
    done = run("build", "--audience", "amber", "--force", "--out", "other", cwd=desk)
    assert sorted(p.name for p in (desk / "other").glob("*.md")) == [
        "canary-brief.md", "canary-brief.tlp-amber.md", "index.md",
        "index.tlp-amber.md"]  # the command line wins
    (desk / "briefgen.toml").write_text('[build]\naudiences = ["clera"]\n', encoding="utf-8")
    done = run("build", cwd=desk)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "briefgen.toml:2:1: build.audiences.0: 'clera' is not one of clear, green, amber" \
        in done.stdout + done.stderr


def test_a_current_release_is_skipped_and_new_audiences_rebuild(desk: Path) -> None:
    out = desk / "out"
    first = build([desk / "seeds"], out, QUICK, audiences=("clear",))
    assert [r.status for r in first.results] == ["built"]
    again = build([desk / "seeds"], out, QUICK, audiences=("clear",))
    assert [r.status for r in again.results] == ["current"]
    assert {p.name for p in again.results[0].outputs} == {
        "canary-brief.md", "canary-brief.html", "canary-brief.tlp-clear.md",
        "canary-brief.tlp-clear.html"}
    (out / "canary-brief.tlp-clear.html").unlink()  # a released output gone: rebuild it
    assert [r.status for r in build([desk / "seeds"], out, QUICK,
                                    audiences=("clear",)).results] == ["built"]
    more = build([desk / "seeds"], out, QUICK, audiences=("clear", "amber"))
    assert [r.status for r in more.results] == ["built"]
    assert (out / "canary-brief.tlp-amber.html").is_file()


def test_jobs_write_the_same_released_bytes(desk: Path) -> None:
    for n in range(3):
        shutil.copy(desk / "seeds" / "canary.yaml", desk / "seeds" / f"copy-{n}.yaml")
        text = (desk / "seeds" / f"copy-{n}.yaml").read_text(encoding="utf-8")
        (desk / "seeds" / f"copy-{n}.yaml").write_text(
            text.replace("id: canary-brief", f"id: canary-copy-{n}"), encoding="utf-8")
    one = build([desk / "seeds"], desk / "one", QUICK, audiences=("green",))
    two = build([desk / "seeds"], desk / "two", QUICK, audiences=("green",), jobs=2)
    assert one.ok and two.ok
    names = sorted(p.name for p in (desk / "one").glob("canary-*"))
    assert len(names) == 4 * 2 * 2
    assert all((desk / "one" / n).read_bytes() == (desk / "two" / n).read_bytes() for n in names)


def test_a_refused_release_writes_nothing_and_keeps_the_last_good_outputs(desk: Path) -> None:
    out = desk / "out"
    assert build([desk / "seeds"], out, QUICK, audiences=("clear",)).ok
    before = {p.name: p.read_bytes() for p in out.glob("canary-*")}
    brief = desk / "seeds" / "canary.yaml"
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("    related: [r-open]\n", "    related: [zq-red-risk]\n"),
                     encoding="utf-8")  # a clear recommendation now cites a red risk
    report = build([desk / "seeds"], out, QUICK, audiences=("clear",))
    result = report.results[0]
    assert result.status == "refused"
    assert any("'rec-open' (TLP:CLEAR) cites 'zq-red-risk'" in p.message
               for p in result.problems)
    assert {p.name for p in result.stale} == set(before)
    assert {p.name: p.read_bytes() for p in out.glob("canary-*")} == before


def test_since_compares_released_with_released(desk: Path) -> None:
    brief = desk / "seeds" / "canary.yaml"
    old = desk / "old.yaml"
    shutil.copy(brief, old)
    text = brief.read_text(encoding="utf-8")
    text = text.replace("    likelihood: unlikely\n", "    likelihood: likely\n")  # r-open
    text = text.replace("    likelihood: roughly-even-chance\n", "    likelihood: likely\n")
    brief.write_text(text, encoding="utf-8")
    done = run("build", "seeds/canary.yaml", "--since", "old.yaml", "--audience", "clear",
               "--format", "md", "--out", "out", cwd=desk)
    assert done.returncode == 0, done.stderr
    released = (desk / "out" / "canary-brief.tlp-clear.md").read_text(encoding="utf-8")
    full = (desk / "out" / "canary-brief.md").read_text(encoding="utf-8")
    assert "The crossing closes" in released.split("## Summary")[0]  # in the box
    assert "ZQAMBERSTRICTRISK" not in released
    assert "ZQAMBERSTRICTRISK" in full.split("## Summary")[0]


def test_the_one_pager_is_released_too(desk: Path) -> None:
    done = run("build", "--theme", "one-pager", "--audience", "green", "--format", "md",
               cwd=desk)
    assert done.returncode == 0, done.stderr
    released = desk / "output" / "canary-brief.one-pager.tlp-green.md"
    text = released.read_text(encoding="utf-8")
    assert "**TLP:GREEN**" in text and "ZQAMBER" not in text and "ZQRED" not in text
