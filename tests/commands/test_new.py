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
    # no stamp and no dateline: the latest date mentioned, never the first
    ("By 2020-02-18 the talks had failed; on March 1, 2020 ...", "2020-03-01"),
    ("Headline\n\nBEIRUT, Feb. 24, 2026 (Reuters) - Talks failed.\n\nOn 3 March 2026 more.",
     "2026-02-24"),
    ("Headline\n\nBy A. Writer\n24 February 2026\n\nOn 2 January 2026 it began.", "2026-02-24"),
    ("Last updated on 5 May 2026 at 14:05\nPublished: May 1, 2026", "2026-05-05T14:05"),
    ("By A. Writer | Published 2 May 2026\n\nThe list was updated on 9 May 2026.",
     "2026-05-02"),
    ("No date at all.", None),
    ("On 31 February 2020, nothing.", None),
])
def test_read_date(text: str, date: str | None) -> None:
    assert read_date(text) == date


ARTICLE = """Talks collapse as offensive goes on

By A. Correspondent

ANKARA, 24 February 2026 (Wire) - Talks between the two sides broke up on Monday.

The previous round, on 2 January 2026, had ended the same way.
"""


def test_new_takes_the_dateline_not_a_date_in_the_body(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    tmp_path = tmp_path / "project"  # the article lies outside it
    (tmp_path / "seeds").mkdir(parents=True)
    result = run("new", "talks", "--source", "../article.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "meta.date 2026-02-24 is the article's date, read from its dateline" in result.stdout
    # the article lay outside seeds/, so a copy was made beside the brief, and said so
    assert f"wrote {Path('seeds', 'article.txt')}: a copy of ../article.txt," in result.stdout
    assert "guess" not in result.stdout
    model = validate(load_brief(tmp_path / "seeds" / "talks.yaml"))
    assert model.meta.date == "2026-02-24"
    assert model.sources[0].issued == "2026-02-24" and model.sources[0].updated is None


def test_new_says_when_the_date_is_a_guess(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "article.txt").write_text(ARTICLE.replace("ANKARA, 24 February 2026 (Wire) - ",
                                                          "On 24 February 2026, "),
                                          encoding="utf-8")
    result = run("new", "talks", "--source", "article.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "meta.date 2026-02-24 is a guess" in result.stdout
    text = (tmp_path / "seeds" / "talks.yaml").read_text(encoding="utf-8")
    before_date = text[:text.index('  date: "2026-02-24"')].splitlines()[-2:]
    assert before_date[0].startswith("  # A GUESS: the article has no dateline"), before_date
    # a guess is not written down as the source's own date
    model = validate(load_brief(tmp_path / "seeds" / "talks.yaml"))
    assert (model.sources[0].issued, model.sources[0].updated) == (None, None)


def test_new_names_every_file_it_writes_and_docs_that_exist(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    result = run("new", "first", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"wrote {Path('seeds', 'first.yaml')}"
    assert lines[1].startswith("wrote brief.schema.json: the format's JSON Schema")
    assert (tmp_path / "brief.schema.json").is_file()
    # the second brief finds the schema there, so it writes and names only itself
    second = run("new", "second", cwd=tmp_path).stdout
    assert "brief.schema.json" not in second and "wrote seeds/second.yaml" in second
    header = (tmp_path / "seeds" / "first.yaml").read_text(encoding="utf-8").split("\n\n")[0]
    named = [line.split(": ", 1)[1] for line in header.splitlines()
             if line.startswith(("# The format in full: ", "# The guide"))]
    assert len(named) == 2 and all(Path(p).is_absolute() and Path(p).is_file() for p in named)
    assert "docs/brief-format.md" not in header.replace(named[0], "")
