"""Staleness as an analyst meets it: `check` and `build` warn about a brief past its review
date and a risk whose horizon has passed, judged on `--today`, and a brief skipped as
current warns as soon as its deadline passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SEED_ID = "idlib-talks-2020-02-20"
HORIZON = "    horizon: From the end-of-February 2020 deadline onwards\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def dated(project: Path) -> Path:
    """The seed with a review date (March 2020) and a horizon date on its first risk."""
    brief = project / "seeds" / f"{SEED_ID}.yaml"
    text = brief.read_text(encoding="utf-8")
    assert text.count(HORIZON) == 1
    text = text.replace('  date: "2020-02-20"\n', '  date: "2020-02-20"\n  review_by: 2020-03\n', 1)
    text = text.replace(HORIZON, HORIZON + "    horizon_date: 2020-02-29\n")
    brief.write_text(text, encoding="utf-8")
    return project


def _line_of(project: Path, key: str) -> int:
    lines = (project / "seeds" / f"{SEED_ID}.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.strip().startswith(key))


def test_check_warns_of_each_deadline_passed_by_today(dated: Path) -> None:
    before = run("check", "--today", "2020-02-29", cwd=dated)
    assert before.returncode == 0, before.stdout + before.stderr
    assert "warning" not in before.stdout + before.stderr
    after = run("check", "--today", "2020-04-01", cwd=dated)
    out = after.stdout + after.stderr
    assert after.returncode == 0, out  # a warning never refuses a brief
    review = _line_of(dated, "review_by:")
    horizon = _line_of(dated, "horizon_date:")
    assert (f"seeds/{SEED_ID}.yaml:{review}:14: meta.review_by: warning: this brief was due "
            "for review by 2020-03") in out
    assert (f"seeds/{SEED_ID}.yaml:{horizon}:19: risks[risk-turkish-operation-idlib]"
            ".horizon_date: warning: risk 'risk-turkish-operation-idlib'") in out
    assert "looked ahead to 2020-02-29, which has passed" in out
    done = run("check", "--today", "2020-03-01", cwd=dated)
    between = done.stdout + done.stderr
    assert "horizon_date" in between and "review_by" not in between


def test_a_current_brief_still_warns_once_its_deadline_passes(dated: Path) -> None:
    first = run("build", "--format", "md", "--today", "2020-02-20", cwd=dated)
    assert first.returncode == 0 and "warning" not in first.stdout + first.stderr
    output = dated / "output" / f"{SEED_ID}.md"
    made = output.read_bytes()
    again = run("build", "--format", "md", "--today", "2020-04-01", cwd=dated)
    out = again.stdout + again.stderr
    assert "current" in out, out  # skipped: nothing changed but the day
    assert "meta.review_by: warning" in out
    assert "risks[risk-turkish-operation-idlib].horizon_date: warning" in out
    assert output.read_bytes() == made  # the outputs never depend on the day


@pytest.mark.parametrize("day", ["2020-02-30", "20200220", "tomorrow", "2020-2-1"])
def test_today_must_be_a_real_day(project: Path, day: str) -> None:
    done = run("check", "--today", day, cwd=project)
    assert done.returncode == 2
    assert "--today: takes a day as YYYY-MM-DD" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_figure_tag_hxl_tools_cannot_read_is_a_warning(project: Path) -> None:
    brief = project / "seeds" / f"{SEED_ID}.yaml"
    text = brief.read_text(encoding="utf-8")
    assert text.count('hxl: "#affected+refugees+ind"') == 1
    brief.write_text(text.replace('hxl: "#affected+refugees+ind"', 'hxl: "#affected refugees"'),
                     encoding="utf-8")
    done = run("check", cwd=project)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert ("key_figures[kf-syrian-refugees-in-turkey].hxl: warning: '#affected refugees' is "
            "not an HXL hashtag") in out
