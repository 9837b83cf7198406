"""`briefgen new`: a skeleton that check accepts, filled from an article where it can be."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_SOURCE

from briefgen.build import check
from briefgen.commands.new import new_brief, read_date
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import validate

TODAY = dt.date(2026, 11, 24)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_skeleton_passes_check_and_warns_until_filled(tmp_path: Path) -> None:
    brief = new_brief("new-brief", tmp_path / "seeds" / "new-brief.yaml", today=TODAY)
    [result] = check([brief]).results
    assert result.status == "checked", result.problems
    assert [w.path for w in result.warnings] == ["meta.title", "summary.bluf"]
    model = validate(load_brief(brief))
    assert (model.meta.id, model.meta.date, model.meta.status) == ("new-brief", "2026-11-24",
                                                                     "draft")


def test_article_gives_title_date_and_a_local_source(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    brief = new_brief("idlib", tmp_path / "seeds" / "idlib.yaml", SEED_SOURCE, today=TODAY)
    # the article lay outside the new project, so it was copied beside the brief
    assert (tmp_path / "seeds" / SEED_SOURCE.name).read_bytes() == SEED_SOURCE.read_bytes()
    model = validate(load_brief(brief))
    assert model.meta.title == "Russia and Turkey fail to reach deal to end Syria offensive"
    assert model.meta.date == "2020-02-20"
    [source] = model.sources
    assert source.local_path == SEED_SOURCE.name
    assert source.updated == "2020-02-20T00:28"
    [result] = check([brief]).results
    assert result.status == "checked"


def test_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    existing = tmp_path / "seeds" / "taken.yaml"
    existing.write_text("my work\n", encoding="utf-8")
    result = run("new", "taken", cwd=tmp_path)
    assert result.returncode == 1
    assert "already exists; briefgen new never overwrites a file" in result.stderr
    assert existing.read_text(encoding="utf-8") == "my work\n"
    assert run("new", "Not A Slug", cwd=tmp_path).returncode == 1


def test_cli_writes_into_seeds_and_check_accepts_it(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    result = run("new", "from-cli", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "seeds" / "from-cli.yaml").is_file()
    assert run("check", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(("text", "date"), [
    ("Updated: February 20, 2020 12:28 AM", "2020-02-20T00:28"),
    ("Published: March 3, 2021 1:05 PM\nOn 1 January 2020 ...", "2021-03-03T13:05"),
    ("Posted Feb text. On 19 February 2020 the talks failed.", "2020-02-19"),
    ("By 2020-02-18 the talks had failed; on March 1, 2020 ...", "2020-02-18"),
    ("No date at all.", None),
    ("On 31 February 2020, nothing.", None),
])
def test_read_date(text: str, date: str | None) -> None:
    assert read_date(text) == date
