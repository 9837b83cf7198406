"""Themes: the one-pager fits two sides, and a page budget is enforced after layout."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import SEED, SEED_SOURCE, STRESS

from bench.generate import SIZES, write_briefs

# Its module fixtures build once: every test here runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("test_themes")

SEED_ID = "idlib-talks-2020-02-20"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


FULL = tuple(f"{SEED_ID}.{ext}" for ext in ("md", "html", "pdf"))


@pytest.fixture(scope="module")
def one_pager(tmp_path_factory: pytest.TempPathFactory, seed_outputs: Path) -> Path:
    """The seed brief's one-pager built into the output folder that holds its full brief
    (the run's shared build of it, copied: laying the seed out again would prove nothing
    more)."""
    root = tmp_path_factory.mktemp("themes")
    (root / "seeds").mkdir()
    shutil.copy(SEED, root / "seeds")
    shutil.copy(SEED_SOURCE, root / "seeds")
    (root / "output").mkdir()
    for name in FULL:
        shutil.copy(seed_outputs / name, root / "output")
    result = run("build", "--theme", "one-pager", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "output"


def test_the_seed_one_pager_fits_two_sides_beside_the_full_brief(one_pager: Path,
                                                                 seed_outputs: Path) -> None:
    names = sorted(p.name for p in one_pager.iterdir() if p.is_file())
    assert names == sorted([*FULL]
                           + [f"{SEED_ID}.one-pager.{ext}" for ext in ("md", "html", "pdf")]
                           + ["index.html", "index.md", "feed.xml"])  # the desk index
    assert pages(one_pager / f"{SEED_ID}.one-pager.pdf") <= 2
    assert pages(one_pager / f"{SEED_ID}.pdf") > 2
    for name in FULL:  # the one-pager's build left the full brief as it was
        assert (one_pager / name).read_bytes() == (seed_outputs / name).read_bytes(), name


def test_the_one_pager_shows_the_bottom_line_the_top_risks_and_recommendations(
        one_pager: Path) -> None:
    text = " ".join(pdf_text(one_pager / f"{SEED_ID}.one-pager.pdf").split())
    assert "PUBLIC" in text and "TLP:CLEAR" in text
    assert "Bottom line up front" in text and "Russia and Turkey have failed" in text
    assert "3.6 million" in text
    # The seed's three highest risks by derived level: very likely × severe (25), then the
    # first two of the three at likely × major (16) in the brief's order; the roughly even
    # × severe risk (15) and the third at 16 are left out.
    titles = ["Further displacement and harm to civilians",
              "The Russia–Turkey confrontation over Idlib deepens",
              "A Turkish operation hurts Turkey's fragile economy"]
    found = [text.find(t) for t in titles]
    assert -1 not in found and found == sorted(found), found
    assert "A Turkish operation in Idlib brings Turkey" not in text
    assert "The dispute over militias in Idlib keeps blocking" not in text
    assert re.findall(r"Level: \w+ \((\d+)\)", text) == ["25", "16", "16"]
    assert "Treat President Erdogan's end-of-February deadline" in text
    assert "Watch the dispute over Syrian refugees" not in text  # a low-priority one


def test_the_one_pager_markdown_has_the_same_selection(one_pager: Path) -> None:
    md = (one_pager / f"{SEED_ID}.one-pager.md").read_text(encoding="utf-8")
    assert md.count("\n### ") == 3
    assert "## Recommendations" in md and "Watch the dispute over Syrian refugees" not in md
    assert "## Timeline" not in md and "## Parties" not in md


def test_a_brief_over_the_budget_is_refused_with_the_overflow_stated(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(STRESS.parent, folder)
    before = sorted(p.name for p in folder.iterdir())
    result = run("build", "--theme", "one-pager", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    message = next(line for line in result.stderr.splitlines() if "one-pager theme" in line)
    assert re.match(r"seeds/stress\.yaml:\d+:\d+: meta: the one-pager theme fits 2 pages, and "
                    r"this brief runs to (\d+), (\d+) pages? over; from page 3 on: ", message)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists() or not list((tmp_path / "output").glob("*.pdf"))
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_project_theme_declares_its_own_budget(tmp_path: Path) -> None:
    """A generated four-page brief (laid out in half the seed's time) over a theme's
    budget of three pages."""
    (brief,) = write_briefs(tmp_path / "seeds", 1, SIZES["small"], 7, "gen")
    title = yaml.safe_load(brief.read_text(encoding="utf-8"))["meta"]["title"]
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "cover.html.j2").write_text(
        '{% extends "builtin/brief.html.j2" %}', encoding="utf-8")
    (tmp_path / "templates" / "cover.md.j2").write_text("# {{ brief.meta.title }}\n",
                                                        encoding="utf-8")
    built = run("build", "--theme", "cover", "--format", "md", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "output" / "gen-0000.cover.md").read_text().startswith(f"# {title}")
    (tmp_path / "templates" / "cover.html.j2").write_text(
        '{% extends "builtin/brief.html.j2" %}{% block contents %}'
        '<meta name="briefgen-page-budget" content="3">{{ super() }}{% endblock %}',
        encoding="utf-8")
    refused = run("build", "--theme", "cover", "--format", "pdf", cwd=tmp_path)
    assert refused.returncode == 1
    assert "the cover theme fits 3 pages, and this brief runs to" in refused.stderr


def test_an_unknown_theme_names_the_themes_and_where_it_looked(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds")
    result = run("build", "--theme", "poster", cwd=tmp_path)
    assert result.returncode == 2
    assert "no theme 'poster': there is no poster.html.j2 in" in result.stderr
    assert "the themes here are brief, one-pager" in result.stderr


def test_the_arabic_one_pager_fits_and_speaks_arabic(tmp_path: Path) -> None:
    lang = Path(__file__).resolve().parent.parent / "fixtures" / "lang"
    result = run("build", str(lang / "idlib-ar.yaml"), "--theme", "one-pager", "--format",
                 "pdf", "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "idlib-talks-2020-02-20-ar.one-pager.pdf"
    assert pages(pdf) <= 2
    text = pdf_text(pdf)
    assert "عام" in text and "PUBLIC" not in text  # the classification, in Arabic
    assert "أبرز المخاطر" in text  # "Top risks"
