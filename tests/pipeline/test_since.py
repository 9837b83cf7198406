"""`build --since`: a "What changed" box near the top of every output, from the semantic diff."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

SEED_ID = "idlib-talks-2020-02-20"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=180)


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=Analyst", "-c", "user.email=analyst@example.org",
                    *args], cwd=cwd, check=True, capture_output=True)


def revise(path: Path) -> None:
    """The edits of a morning's revision: a new version, a reworded BLUF, a risk raised."""
    text = path.read_text(encoding="utf-8")
    text = text.replace('  version: "1.0"', '  version: "1.1"', 1)
    text = text.replace("Russia and Turkey have failed to agree a new de-escalation deal",
                        "Russia and Turkey have again failed to agree a de-escalation deal", 1)
    marker = "  - id: risk-russia-turkey-confrontation\n"
    head, tail = text.split(marker, 1)
    tail = tail.replace("    likelihood: likely\n", "    likelihood: very-likely\n", 1)
    path.write_text(head + marker + tail, encoding="utf-8")


@pytest.fixture
def repo(project: Path) -> Path:
    """The seed project as a git checkout with version 1.0 committed and 1.1 on disk."""
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-qm", "version 1.0", cwd=project)
    revise(project / "seeds" / SEED.name)
    return project


def box(markdown: str) -> str:
    """The Markdown box: from its callout to the first section."""
    start = markdown.index("> [!NOTE]")
    return markdown[start:markdown.index("\n## ", start)]


def test_since_a_revision_puts_the_changes_in_every_output(repo: Path, golden) -> None:
    result = run("build", "--since", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    out = repo / "output"
    md = (out / f"{SEED_ID}.md").read_text(encoding="utf-8")
    golden.check("since-box.md", box(md))
    assert md.index("What changed since version 1.0") < md.index("## Summary")
    html = (out / f"{SEED_ID}.html").read_text(encoding="utf-8")
    assert '<aside class="changes"' in html
    assert html.index("What changed since version 1.0") < html.index('id="summary"')
    assert "<ins>again</ins>" in html and "<del>new</del>" in html
    assert "likelihood likely → very likely (level high (16) → high (20))" in html
    pdf_text = subprocess.run(["pdftotext", "-l", "1", str(out / f"{SEED_ID}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
    assert "WHAT CHANGED SINCE VERSION 1.0" in pdf_text
    assert "likely → very likely" in pdf_text


def test_since_a_file_gives_the_same_box(repo: Path) -> None:
    old = repo / "old.yaml"
    old.write_bytes(subprocess.run(["git", "show", f"HEAD:seeds/{SEED.name}"], cwd=repo,
                                   capture_output=True, check=True).stdout)
    assert run("build", "--since", "HEAD", "--format", "md", "--out", "a", cwd=repo).returncode == 0
    result = run("build", f"seeds/{SEED.name}", "--since", "old.yaml", "--format", "md",
                 "--out", "b", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert box((repo / "a" / f"{SEED_ID}.md").read_text()) == \
        box((repo / "b" / f"{SEED_ID}.md").read_text())


def test_same_version_names_the_revision_and_says_when_nothing_changed(project: Path) -> None:
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-qm", "first", cwd=project)
    result = run("build", "--since", "HEAD", "--format", "md", cwd=project)
    assert result.returncode == 0, result.stderr
    md = (project / "output" / f"{SEED_ID}.md").read_text(encoding="utf-8")
    assert "**What changed since HEAD**" in md
    assert "Nothing a reader would notice" in md


def test_a_brief_newer_than_the_revision_says_so(repo: Path) -> None:
    (repo / "seeds" / "later.yaml").write_text(
        (repo / "seeds" / SEED.name).read_text().replace(f"id: {SEED_ID}", "id: later-brief", 1))
    result = run("build", "--since", "HEAD", "--format", "md", cwd=repo)
    assert result.returncode == 0, result.stderr
    md = (repo / "output" / "later-brief.md").read_text(encoding="utf-8")
    assert "This brief is new: it did not exist at HEAD." in md


def test_the_box_is_cached_with_the_version_it_compares(repo: Path) -> None:
    def status() -> str:
        result = run("build", "--since", "HEAD", "--format", "md", cwd=repo)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "built" in status()
    assert "current" in status()
    git("commit", "-qam", "version 1.1", cwd=repo)  # HEAD now is the version on disk
    assert "built" in status()
    assert "Nothing a reader would notice" in (repo / "output" / f"{SEED_ID}.md").read_text()
    plain = run("build", "--format", "md", cwd=repo)
    assert "built" in plain.stdout, "a build without --since must drop the box"
    assert "What changed" not in (repo / "output" / f"{SEED_ID}.md").read_text()


def test_bad_since_is_a_usage_error(repo: Path) -> None:
    for args, says in [
        (("--since", "no-such-rev"), "no such file, and no such revision"),
        (("--since", "missing.yaml"), "--since missing.yaml: No such file or directory"),
    ]:
        result = run("build", *args, cwd=repo)
        assert result.returncode == 2, result.stderr
        assert says in result.stderr and "Traceback" not in result.stderr
    (repo / "seeds" / "second.yaml").write_text(
        (repo / "seeds" / SEED.name).read_text().replace(f"id: {SEED_ID}", "id: second", 1))
    (repo / "old.yaml").write_bytes((repo / "seeds" / SEED.name).read_bytes())
    result = run("build", "--since", "old.yaml", cwd=repo)
    assert result.returncode == 2
    assert "can stand for an earlier version of one brief, not of 2" in result.stderr
    assert not (repo / "output").exists()


def test_outside_git_a_revision_fails_that_brief_clearly(project: Path) -> None:
    result = run("build", "--since", "HEAD", cwd=project)
    assert result.returncode == 1
    assert "is not in a git checkout, so it has no committed versions" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "output" / f"{SEED_ID}.pdf").exists()


def test_a_broken_earlier_version_is_refused_with_its_place(repo: Path) -> None:
    brief = repo / "seeds" / SEED.name
    current = brief.read_bytes()
    brief.write_text(brief.read_text().replace("likelihood: very-likely", "likelihood: sure", 1))
    git("commit", "-qam", "broken", cwd=repo)
    brief.write_bytes(current)
    result = run("build", "--since", "HEAD", "--format", "md", cwd=repo)
    assert result.returncode == 1
    assert f"HEAD:seeds/{SEED.name}:" in result.stderr and "likelihood" in result.stderr
    assert not (repo / "output" / f"{SEED_ID}.md").exists()


def test_since_puts_the_box_in_the_word_brief_too(repo: Path) -> None:
    import docx

    result = run("build", "--since", "HEAD", "--format", "docx", cwd=repo)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(repo / "output" / f"{SEED_ID}.docx"))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    place = texts.index(("Intense Quote", "What changed since version 1.0"))
    assert place < texts.index(("Heading 1", "Summary"))
    runs = [(r.style.name, r.text) for p in document.paragraphs for r in p.runs]
    assert ("Inserted Text", "again") in runs and ("Deleted Text", "new") in runs
    assert any("likelihood likely → very likely (level high (16) → high (20))" in text
               for style, text in texts if style == "List Bullet")
