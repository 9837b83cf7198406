"""Shared fixtures: paths, a golden-file checker, and one seed build per session."""

from __future__ import annotations

import difflib
import fcntl
import hashlib
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


class SharedBuilds:
    """Builds made once per test run and read by many tests, in whichever xdist worker.

    `get(brief, theme)` is the folder holding `briefgen build BRIEF --theme THEME` in all
    three formats. The first worker to ask builds it under a lock; the others wait for it
    and read the same folder. A test must only read what it gets: a test that writes
    builds into its own `tmp_path`.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def get(self, brief: Path, theme: str = "brief", variant: str | None = None) -> Path:
        """With a PDF `variant`, the folder holds the HTML and that variant's PDF."""
        out = self._get(brief, theme, variant, wait=True)
        assert out is not None
        return out

    def get_all(self, wanted: dict[str, tuple[Path, str | None]]) -> dict[str, Path]:
        """`get(brief, variant=variant)` of each, by name. Those no other worker is making come
        first, so that two workers that want the same builds at once make them side by side,
        rather than one waiting idle for the other."""
        found = {name: self._get(brief, "brief", variant, wait=False)
                 for name, (brief, variant) in wanted.items()}
        return {name: out or self.get(wanted[name][0], variant=wanted[name][1])
                for name, out in found.items()}

    def _get(self, brief: Path, theme: str, variant: str | None, wait: bool) -> Path | None:
        """The build's folder; None at once, unless `wait`, while another worker makes it."""
        from briefgen.build import build

        text = f"{brief.resolve()}\0{theme}" + (f"\0{variant}" if variant else "")
        key = hashlib.sha256(text.encode()).hexdigest()[:16]
        out, done = self.root / f"{brief.stem}.{theme}.{key}", self.root / f"{key}.built"
        with (self.root / f"{key}.lock").open("w") as lock:
            try:  # the lock is released when the file is closed
                fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                return None
            if not done.exists():
                shutil.rmtree(out, ignore_errors=True)
                formats = ("html", "pdf") if variant else ("md", "html", "pdf")
                report = build([brief], out, formats, variant, theme=theme)
                assert report.ok, report.results
                done.write_bytes(b"")
        return out


@pytest.fixture(scope="session")
def shared_builds(tmp_path_factory: pytest.TempPathFactory,
                  worker_id: str) -> SharedBuilds:
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if worker_id != "master" else base) / "shared-builds"
    root.mkdir(exist_ok=True)
    return SharedBuilds(root)


@pytest.fixture(scope="session")
def seed_outputs(shared_builds: SharedBuilds) -> Path:
    """The seed brief built once, in all three formats, for the tests that read outputs."""
    return shared_builds.get(SEED)


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


# The longest work goes out first (pyproject.toml's --no-loadscope-reorder keeps this order),
# so that no worker is left running a long file alone at the end of a parallel run; the rest
# keep their order. Roughly longest first, by what each costs one worker: a group (an
# xdist_group file) or a single long test as a whole, and the files whose tests spread over
# both workers (test_pdf_standards first among them: its variants, built once, are read later
# by test_attachments).
SLOW_FIRST = ("pipeline/test_nothing_lost.py", "pipeline/test_jobs.py",
              "rendering/test_pdf_standards.py", "pipeline/test_injection.py",
              "pipeline/test_leaks.py", "pipeline/test_layout_bounds.py", "pipeline/test_bench.py",
              "rendering/test_word.py", "pipeline/test_index.py", "project/test_themes.py",
              "commands/test_serve.py", "pipeline/test_corpus.py", "rendering/test_i18n.py",
              "rendering/test_html_checks.py",  # the Nu Html Checker and axe-core, under CI
              "rendering/test_pdf_layout.py", "pipeline/test_properties.py",
              "pipeline/test_same_outputs.py", "pipeline/test_install.py",
              "pipeline/test_audience_builds.py",
              "rendering/test_pdf_pages.py", "pipeline/test_since.py", "project/test_projects.py",
              "rendering/test_pdf.py", "rendering/test_html_print.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        where = item.path.relative_to(Path(__file__).resolve().parent).as_posix()
        return SLOW_FIRST.index(where) if where in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)
