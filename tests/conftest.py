"""Shared fixtures: paths, a golden-file checker, and one seed build per session."""

from __future__ import annotations

import difflib
import queue
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "idlib-talks-2020-02-20.yaml"
SEED_SOURCE = SEEDS / "the-national-2020-02-20-idlib-talks.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"
CONTRACT = Path(__file__).resolve().parent / "fixtures" / "contract"
STRESS = Path(__file__).resolve().parent / "fixtures" / "stress" / "stress.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files from the current output")


class Golden:
    """Compare text with a committed golden file, or rewrite it with --update-golden."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, text: str) -> None:
        path = GOLDEN / name
        if self.update:
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden"
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                                f"golden/{name}", "output", n=2))
            pytest.fail(f"output differs from golden/{name} (run pytest --update-golden if "
                        f"the change is intended):\n{diff[:6000]}")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project folder holding a copy of the seed brief and its article."""
    seeds = tmp_path / "proj" / "seeds"
    seeds.mkdir(parents=True)
    shutil.copy(SEED, seeds)
    shutil.copy(SEED_SOURCE, seeds)
    return tmp_path / "proj"


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed brief built once, in all three formats, for the tests that read outputs."""
    from briefgen.build import build

    out = tmp_path_factory.mktemp("seed-out")
    report = build([SEED], out)
    assert report.ok, report.results
    return out


class Running:
    """`briefgen ARGS` started as a user starts it, its output read line by line as it comes,
    for the commands that run until stopped (`watch`, `serve`)."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, pattern: str, timeout: float) -> re.Match[str]:
        """The first line of output, from here on, that `pattern` matches."""
        while True:
            line = self.lines.get(timeout=timeout)
            assert line is not None, f"briefgen ended: {self.process.stderr.read()}"
            if found := re.search(pattern, line):
                return found


# The longest tests start first, so that no worker is left running one of them alone at the
# end of a parallel run; the rest keep their order.
SLOW_FIRST = ("pipeline/test_corpus.py", "pipeline/test_bench.py", "pipeline/test_properties.py",
              "pipeline/test_nothing_lost.py", "pipeline/test_jobs.py", "rendering/test_i18n.py",
              "pipeline/test_injection.py", "commands/test_serve.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        where = item.path.relative_to(Path(__file__).resolve().parent).as_posix()
        return SLOW_FIRST.index(where) if where in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)
