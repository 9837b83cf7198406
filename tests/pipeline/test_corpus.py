"""The broken-brief corpus: hostile and broken input, through the real command line.

Every case in `corpus/broken/` is one file, `NAME.yaml`, with the exact problem
lines briefgen must print for it in `NAME.expected`. Each one is built as
`python -m briefgen build NAME.yaml --out out` builds it, in a folder of its own
(`corpus_driver.py` runs many cases in one warm interpreter), and must:

- exit with code 1, print nothing on stdout, and no traceback on stderr;
- print exactly the expected problem lines, then the `refused` summary line
  and, where the brief still names its outputs, a `note:` about them;
- write nothing: the earlier outputs in `out/` stay byte for byte, and no
  file appears or changes anywhere in the case's folder;
- leave the brief and its source text alone: same bytes, same mtime and ctime.

Some cases cannot be committed (too big, or a symlink) and are made at run
time below. corpus/README.md says how to add a case, and lists the limits.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.reading.loader import MAX_DEPTH, MAX_NODES
from briefgen.reading.text import MAX_BYTES
from briefgen.validation.limits import MAX_TEXT

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BROKEN = CORPUS / "broken"
BASE = (CORPUS / "base.yaml").read_text(encoding="utf-8")
SOURCE = BROKEN / "source.txt"
DRIVER = Path(__file__).with_name("corpus_driver.py")

TIMEOUT = 60  # a safety bound so that a hang cannot stall the suite; it asserts nothing
MEMORY = 2 * 1024**3  # bytes of address space the briefgen process may use
FORMATS = "md,html"  # a refused brief never reaches the PDF, and these are fast

# What a build of the base brief's meta.id would replace: placed in out/ beforehand.
EARLIER = {"test-brief.md": b"# An earlier build\n",
           "test-brief.html": b"<p>An earlier build</p>\n"}
OLD_TIME_NS = 1_000_000_000 * 10**9  # 2001: a rewritten file could not keep this mtime

# Cases that show a bug in briefgen. Each .expected holds the CORRECT output, so
# the case fails today; the message wording is a proposal where none exists yet.
KNOWN_BUGS: dict[str, str] = {}


def _bug(name: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name])] if name in KNOWN_BUGS else []


CASES = sorted(path.stem for path in BROKEN.glob("*.yaml"))


def _limit_memory() -> None:  # runs in the child, before briefgen starts
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _snapshot(folder: Path) -> dict[str, tuple[str, bytes | str | None, int, int]]:
    """Every entry below `folder`, without following symlinks: kind, content, mtime, ctime."""
    found: dict[str, tuple[str, bytes | str | None, int, int]] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            stat = path.lstat()
            if path.is_symlink():
                entry = ("link", str(path.readlink()), stat.st_mtime_ns, stat.st_ctime_ns)
            elif path.is_dir():
                entry = ("dir", None, stat.st_mtime_ns, stat.st_ctime_ns)
            else:
                entry = ("file", path.read_bytes(), stat.st_mtime_ns, stat.st_ctime_ns)
            found[str(path.relative_to(folder))] = entry
    return found


def _case_folder(tmp_path: Path, name: str, data: bytes,
                 extra: dict[str, bytes] | None = None) -> Path:
    """A project folder holding the case, the shared source text, and an earlier build.

    `briefgen.toml` makes the folder the project root whatever lies above it.
    Beside the folder lies `outside.txt`; inside it, `link.txt` is a symlink to
    that file and `loop.txt` a symlink to itself.
    """
    work = tmp_path / "work"
    work.mkdir()
    (work / "briefgen.toml").write_bytes(b"")
    (work / f"{name}.yaml").write_bytes(data)
    shutil.copyfile(SOURCE, work / "source.txt")
    for file_name, content in (extra or {}).items():
        (work / file_name).write_bytes(content)
    (tmp_path / "outside.txt").write_bytes(SOURCE.read_bytes())
    (work / "link.txt").symlink_to(tmp_path / "outside.txt")
    (work / "loop.txt").symlink_to("loop.txt")
    out = work / "out"
    out.mkdir()
    for file_name, content in EARLIER.items():
        (out / file_name).write_bytes(content)
    for path in [*work.rglob("*"), work]:
        if not path.is_symlink():
            os.utime(path, ns=(OLD_TIME_NS, OLD_TIME_NS))
    return work


@dataclass
class Outcome:
    """One run of briefgen on one case, and the case's folder before and after it."""

    returncode: int | None  # None: the run passed its time bound and was killed
    stdout: bytes
    stderr: str
    before: dict[str, tuple[str, bytes | str | None, int, int]]
    after: dict[str, tuple[str, bytes | str | None, int, int]]
    timeout: float


class Batch:
    """One warm briefgen process that runs its cases one after another.

    `corpus_driver.py` runs each case as `python -m briefgen build NAME.yaml --out
    out --format md,html` would, in the case's own folder. Output goes to files
    beside that folder, not to pipes, so that a long message cannot fill a pipe
    and stall it. A case that passes its time bound is killed with the process
    (its status stays None), and a new process takes the cases after it; so does
    a process that dies in a case. `preexec_fn` is only ever used from the main
    thread.
    """

    def __init__(self, root: Path, cases: list[tuple[str, Path, float]]) -> None:
        self.root, self.waiting = root, list(cases)  # (name, case folder, time bound)
        self.status: dict[str, int | None] = {}
        self.starts = 0
        self._start()

    def _start(self) -> None:
        self.starts += 1
        jobs, self.progress = (self.root / f"jobs-{self.starts}.json",
                               self.root / f"progress-{self.starts}.txt")
        jobs.write_text(json.dumps([
            {"name": name, "cwd": str(folder / "sandbox" / "work"),
             "stdout": str(folder / "stdout"), "stderr": str(folder / "stderr"),
             "argv": ["build", f"{name}.yaml", "--out", "out", "--format", FORMATS]}
            for name, folder, _ in self.waiting]), encoding="utf-8")
        self.progress.write_bytes(b"")
        self.read = 0
        with (self.root / f"driver-{self.starts}.err").open("wb") as errors:
            self.process = subprocess.Popen(
                [sys.executable, str(DRIVER), str(jobs), str(self.progress)], cwd=self.root,
                stdin=subprocess.DEVNULL, stdout=errors, stderr=errors, preexec_fn=_limit_memory)
        self.began = time.monotonic()  # when the case now running began

    def _finished(self, status: int | None) -> None:
        name, _, _ = self.waiting.pop(0)
        self.status[name] = status
        self.began = time.monotonic()

    def done(self) -> bool:
        """True once every case has an outcome; kills and restarts the process as needed."""
        lines = self.progress.read_text(encoding="utf-8").split("\n")[:-1]  # whole lines only
        for line in lines[self.read:]:
            name, status = line.rsplit(" ", 1)
            assert name == self.waiting[0][0], (name, self.waiting[0][0])
            self._finished(int(status))
        self.read = len(lines)
        if not self.waiting:
            self.process.wait()
            return True
        if self.process.poll() is not None:  # it died in a case, say by a signal
            self._finished(self.process.returncode or 1)
        elif time.monotonic() - self.began > self.waiting[0][2]:
            self.process.kill()
            self.process.wait()
            self._finished(None)
        else:
            return False
        if self.waiting:
            self._start()
        return not self.waiting


def _outcome(folder: Path, status: int | None, before: dict[str, tuple[str, bytes | str | None,
             int, int]], timeout: float) -> Outcome:
    stdout, stderr = folder / "stdout", folder / "stderr"
    return Outcome(status, stdout.read_bytes() if stdout.exists() else b"",
                   stderr.read_text(encoding="utf-8", errors="backslashreplace")
                   if stderr.exists() else "", before, _snapshot(folder / "sandbox"), timeout)


def assert_refused(outcome: Outcome, name: str, expected: list[str]) -> None:
    """Refused cleanly, with exactly the expected problems, having changed nothing."""
    assert outcome.returncode is not None, f"{name}.yaml: no answer within {outcome.timeout} s"
    stderr = outcome.stderr
    assert "Traceback" not in stderr, stderr[-3000:]
    assert outcome.returncode == 1, stderr[-3000:]
    assert outcome.stdout == b""
    lines = stderr.splitlines()
    count = len(expected)
    refused = f"{name}.yaml: refused ({count} problem{'s' if count != 1 else ''}); nothing written"
    note = (f"{name}.yaml: note: out/test-brief.md, out/test-brief.html are from an earlier "
            "build and do not show this edit")
    if lines and lines[-1] == note:
        lines.pop()
    assert lines == [*expected, refused]
    before, after = outcome.before, outcome.after
    assert after.keys() == before.keys(), "files appeared or vanished"
    assert [path for path in before if before[path] != after[path]] == [], "files changed"


def _expected(name: str) -> list[str]:
    return (BROKEN / f"{name}.expected").read_text(encoding="utf-8").splitlines()


# --------------------------------------------------------------------------
# The committed corpus.


def test_corpus_is_complete() -> None:
    expected = sorted(path.stem for path in BROKEN.glob("*.expected"))
    assert expected == CASES, "every NAME.yaml needs a NAME.expected, and the reverse"
    assert len(CASES) >= 40
    assert all(_expected(name) for name in CASES), "an .expected file is empty"
    for name in CASES:
        for line in _expected(name):
            assert line.startswith(f"{name}.yaml:"), f"{name}.expected: {line}"


def test_base_brief_builds(tmp_path: Path) -> None:
    """Every case is the base brief with one targeted edit: the base itself must build."""
    work = _case_folder(tmp_path, "base", BASE.encode("utf-8"))
    run = subprocess.run([sys.executable, "-m", "briefgen", "build", "base.yaml", "--out", "out",
                          "--format", FORMATS], cwd=work, capture_output=True, text=True,
                         timeout=TIMEOUT, preexec_fn=_limit_memory)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == "base.yaml: built out/test-brief.md, out/test-brief.html\n"


# The corpus runs once, in one xdist worker, for both tests below (`runs` starts every case).
CORPUS_RUN = pytest.mark.xdist_group("corpus")


@CORPUS_RUN
@pytest.mark.parametrize("name", [pytest.param(name, marks=_bug(name)) for name in CASES])
def test_broken_brief_is_refused(runs: dict[str, tuple[Outcome, list[str]]], name: str) -> None:
    outcome, expected = runs[name]
    assert_refused(outcome, name, expected)


# --------------------------------------------------------------------------
# Cases made at run time: too big to commit.


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line of `text` that starts with `needle` (after spaces)."""
    [number] = [i for i, line in enumerate(text.split("\n"), 1) if line.lstrip().startswith(needle)]
    return number


def _replace(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@dataclass
class Case:
    """A case made at run time: its bytes, the lines expected, any files beside it."""

    data: bytes
    expected: list[str]
    extra: dict[str, bytes] | None = None
    timeout: float = TIMEOUT


def file_20mb() -> Case:
    size = 20 * 1024 * 1024
    data = BASE.encode() + b"#" + b"x" * (size - len(BASE) - 2) + b"\n"
    assert len(data) == size
    return Case(data, [f"file-20mb.yaml:1:1: the file is {size:,} bytes; a brief may be at most "
                       f"{MAX_BYTES:,} bytes"])


def nesting_10000() -> Case:
    data = ("[" * 10_000 + "]" * 10_000 + "\n").encode()
    return Case(data, [f"nesting-10000.yaml:1:{MAX_DEPTH + 1}: nesting is deeper than "
                       f"{MAX_DEPTH} levels"])


def alias_bomb() -> Case:
    """Billion laughs: ten levels of ten aliases each, 10**10 values once expanded."""
    keys = "abcdefghijk"
    text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 10)}]\n"
        for prev, cur in zip(keys, keys[1:], strict=False))
    size = 11  # values in list a: the list and its ten items; each next list holds ten of these
    line = 1
    while size <= MAX_NODES:
        size, line = 1 + 10 * size, line + 1
    # Reported at the first list that alone expands past the limit, at its anchor.
    return Case(text.encode(), [f"alias-bomb.yaml:{line}:4: this value expands to {size:,} "
                                "values through YAML anchors and aliases ('&', '*'); a brief may "
                                f"hold at most {MAX_NODES:,}"])


def _too_long(name: str, line: int, col: int, path: str, length: int) -> str:
    return (f"{name}.yaml:{line}:{col}: {path}: is {length:,} characters long; a text may be at "
            f"most {MAX_TEXT:,} characters, so that laying it out takes bounded time: shorten "
            "or split it")


def string_1_5mb() -> Case:
    """Refused for its length alone: it is never searched for in the source."""
    quote = ("The talks were not satisfying at all. " * 40_000)[:1_500_000].strip()
    text = _replace('"The talks were not satisfactory"', f'"{quote}"')
    line = _line_of(text, "text: \"The talks were not satisfying")
    return Case(text.encode(), [_too_long("string-1.5mb", line, 11, "quotes[q-talks].text",
                                          len(quote))])


def text_too_long() -> Case:
    """One character past the limit, in a TLP variant: named by its item's id and level."""
    words = ("The talks were not satisfying at all. " * 2_000)[:MAX_TEXT + 1]
    text = _replace('text: "The talks were not satisfactory"',
                    f'text: {{amber: "{words}", clear: "The talks were not satisfactory"}}')
    line = _line_of(text, "text: {amber:")
    return Case(text.encode(), [_too_long("text-too-long", line, 19, "quotes[q-talks].text.amber",
                                          MAX_TEXT + 1)])


def list_100000() -> Case:
    items = "".join(f"    - tag {i}\n" for i in range(99_999)) + "    - no\n"
    text = _replace("  tlp: amber\n", "  tlp: amber\n  tags:\n" + items)
    line = _line_of(text, "- no")
    return Case(text.encode(), [f"list-100000.yaml:{line}:7: meta.tags[99999]: 'no' is read by "
                                "YAML as the boolean false; put it in quotes (\"no\") to keep it "
                                "as text"])


def too_many_values() -> Case:
    """More values than the limit, written out one by one: no anchor or alias in sight."""
    count = MAX_NODES + 1
    text = _replace("  tlp: amber\n", "  tlp: amber\n  tags: [" + "t, " * (count - 1) + "t]\n")
    line = _line_of(text, "tags:")
    return Case(text.encode(), [f"too-many-values.yaml:{line}:9: this value holds {count + 1:,} "
                                f"values; a brief may hold at most {MAX_NODES:,}"])


def misquote_long_source() -> Case:
    """A misquote in a brief whose source is a 100 KB text: refused, with the usual message.

    How long the nearest-passage search takes on long sources is a matter for
    a benchmark, not a timed test; the corpus's safety bound applies.
    """
    article = CORPUS.parent.parent / "seeds" / "the-national-2020-02-20-idlib-talks.txt"
    long_source = SOURCE.read_bytes() + article.read_bytes() * 20
    assert 90_000 < len(long_source) < 110_000
    misquote = ("We call on Ankara to carry out what was agreed upon in Idlib between the "
                "Russian and the Turkish presidents, the ministry said")
    text = _replace("local_path: source.txt", "local_path: long-source.txt")
    text = _replace('"The talks were not satisfactory"', f'"{misquote}"', text)
    line = _line_of(text, "text: \"We call on Ankara")
    return Case(text.encode(), [f"misquote-long-source.yaml:{line}:11: quotes[q-talks].text: "
                                "not found "
                                "verbatim in source 'src'; nothing in the source is close to it"],
                extra={"long-source.txt": long_source})


# The slowest first: they run side by side with the rest.
GENERATED: dict[str, tuple[Callable[[], Case], str | None]] = {
    "misquote-long-source": (misquote_long_source, None),
    "too-many-values": (too_many_values, None),
    "file-20mb": (file_20mb, None),
    "nesting-10000": (nesting_10000, None),
    "alias-bomb": (alias_bomb, None),
    "string-1.5mb": (string_1_5mb, None),
    "text-too-long": (text_too_long, None),
    "list-100000": (list_100000, None),
}


@CORPUS_RUN
@pytest.mark.parametrize("name", [
    pytest.param(name, marks=[pytest.mark.xfail(strict=True, reason=bug)] if bug else [])
    for name, (_, bug) in GENERATED.items()])
def test_generated_brief_is_refused(runs: dict[str, tuple[Outcome, list[str]]],
                                    name: str) -> None:
    outcome, expected = runs[name]
    assert_refused(outcome, name, expected)


@pytest.fixture(scope="module")
def runs(request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Outcome, list[str]]]:
    """Every selected case, generated or committed, run a few processes at a time.

    The committed cases share two warm processes. Each case made at run time
    (the big ones) has a process of its own, so that one case's memory never
    counts against another's bound. Every case has a folder of its own, so
    running them side by side changes nothing but the time the corpus takes.
    """
    tests = {test_broken_brief_is_refused.__name__, test_generated_brief_is_refused.__name__}
    wanted = {item.callspec.params["name"] for item in request.session.items
              if getattr(item, "originalname", None) in tests and item.path == Path(__file__)}
    made: dict[str, tuple[Path, Case]] = {}
    for name in [*GENERATED, *CASES]:
        if name in wanted:
            case = (GENERATED[name][0]() if name in GENERATED
                    else Case((BROKEN / f"{name}.yaml").read_bytes(), _expected(name)))
            folder = tmp_path_factory.mktemp(name)
            (folder / "sandbox").mkdir()
            _case_folder(folder / "sandbox", name, case.data, case.extra)
            made[name] = (folder, case)
    before = {name: _snapshot(folder / "sandbox") for name, (folder, _) in made.items()}
    lanes = max(1, os.cpu_count() or 2)
    committed = [(name, folder, case.timeout) for name, (folder, case) in made.items()
                 if name not in GENERATED]
    waiting = [[(name, folder, case.timeout)] for name, (folder, case) in made.items()
               if name in GENERATED]
    waiting += [committed[lane::lanes] for lane in range(lanes) if committed[lane::lanes]]
    running: list[Batch] = []
    status: dict[str, int | None] = {}
    while waiting or running:
        while waiting and len(running) < lanes:
            running.append(Batch(tmp_path_factory.mktemp("batch"), waiting.pop(0)))
        for batch in [batch for batch in running if batch.done()]:
            running.remove(batch)
            status |= batch.status
        time.sleep(0.02)
    return {name: (_outcome(folder, status[name], before[name], case.timeout), case.expected)
            for name, (folder, case) in made.items()}


# --------------------------------------------------------------------------
# A broken project rather than a broken brief.


def test_project_styles_whose_fonts_are_missing(tmp_path: Path) -> None:
    """Copied styles whose @font-face URLs miss: the shipped faces still set the PDF.

    (This once crashed Pango with SIGSEGV, when fontconfig knew no fonts at all.)
    """
    project = tmp_path / "proj"
    project.mkdir()
    (project / "briefgen.toml").write_bytes(b"")
    (project / "base.yaml").write_text(BASE, encoding="utf-8")
    shutil.copyfile(SOURCE, project / "source.txt")
    shutil.copytree(CORPUS.parent.parent / "styles", project / "styles")  # to adapt them
    out = project / "out"
    out.mkdir()
    (out / "test-brief.pdf").write_bytes(b"%PDF- an earlier build\n")
    run = subprocess.run([sys.executable, "-m", "briefgen", "build", "base.yaml", "--out", "out",
                          "--format", "pdf"], cwd=project, capture_output=True, text=True,
                         timeout=TIMEOUT, preexec_fn=_limit_memory)
    assert run.returncode == 0, f"exit {run.returncode}: {run.stderr[-2000:]}"
    assert "Traceback" not in run.stderr
    assert "Font-face 'briefgen Serif' cannot be loaded" in run.stderr  # said, not hidden
    assert (out / "test-brief.pdf").read_bytes().startswith(b"%PDF-1.")
