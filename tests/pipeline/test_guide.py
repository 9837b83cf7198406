"""The guide and the README as a new analyst reads them: the workflow they describe, the
names of the files a build writes, and console blocks that are what briefgen prints."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEED, SEED_SOURCE

GUIDE = ROOT / "docs" / "writing-a-brief.md"
README = ROOT / "README.md"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def _workflow() -> str:
    guide = GUIDE.read_text(encoding="utf-8")
    return guide.split("### The workflow\n", 1)[1].split("\n### ", 1)[0]


def _shown(command: str) -> list[str]:
    """The lines the guide's workflow shows after `$ command`, up to the end of its block."""
    block = _workflow().split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    return [line[3:] if line.startswith("   ") else line for line in block.splitlines()]


def test_the_guide_opens_with_the_workflow_an_analyst_lives() -> None:
    """new → edit with a preview → check → build → revise → diff, each with its command."""
    workflow = _workflow()
    steps = re.findall(r"^\d\. \*\*(.+?)\*\*", workflow, re.MULTILINE)
    wanted = ["briefgen new", "briefgen serve", "briefgen check", "briefgen build", "Revise",
              "briefgen diff"]
    assert len(steps) == len(wanted), steps
    assert all(word in step for word, step in zip(wanted, steps, strict=True)), steps
    for mentioned in ("briefgen watch", "--theme one-pager", "--since", "changelog"):
        assert mentioned in workflow, mentioned
    assert GUIDE.read_text(encoding="utf-8").index("### The workflow") < \
        GUIDE.read_text(encoding="utf-8").index("## 2. Your first brief")


def test_readme_and_guide_name_the_files_a_build_writes() -> None:
    for doc in (README, GUIDE):
        text = doc.read_text(encoding="utf-8")
        assert "<meta.id>.<theme>.pdf" in text, doc
        assert re.search(r"<meta\.id>(\[\.<theme>\]|\.<theme>)\.tlp-clear\.pdf", text), doc
        assert "idlib-talks-2020-02-20.one-pager.pdf" in text, doc


def test_the_workflow_shows_what_new_and_diff_print(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED_SOURCE, tmp_path / "seeds")
    command = f"briefgen new idlib-talks-draft --source seeds/{SEED_SOURCE.name}"
    made = run(*command.split()[1:], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines() == _shown(command)[:-1]

    old = tmp_path / "shared" / "idlib-talks-2020-02-20-v1.0.yaml"
    old.parent.mkdir()
    shutil.copy(SEED, old)
    shutil.copy(SEED_SOURCE, old.parent)
    text = SEED.read_text(encoding="utf-8").replace('  version: "1.0"', '  version: "1.1"', 1)
    text = text.replace("      note: First issue.\n", "      note: First issue.\n"
                        '    - version: "1.1"\n      date: "2020-02-21"\n      note: >-\n'
                        "        Raised the likelihood of a Russia–Turkey confrontation.\n", 1)
    risk = text.index("  - id: risk-russia-turkey-confrontation")
    likely = text.index("likelihood: likely", risk)
    text = text[:likely] + "likelihood: very-likely" + text[likely + len("likelihood: likely"):]
    text = text.replace("parties:\n", "parties:\n  - id: egypt\n    name: Egypt\n"
                                      "    type: state\n", 1)
    (tmp_path / "seeds" / SEED.name).write_text(text, encoding="utf-8")
    command = f"briefgen diff shared/{old.name} seeds/{SEED.name}"
    diffed = run(*command.split()[1:], cwd=tmp_path)
    assert diffed.returncode == 0, diffed.stderr
    assert diffed.stdout.splitlines() == _shown(command)[:-1]
