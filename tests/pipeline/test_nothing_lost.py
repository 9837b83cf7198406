"""Nothing is lost: a killed build leaves whole outputs, and briefgen never writes to its inputs.

- A build of 30 briefs (copies of the seed, and a generated four-page brief as
  brief-00, the one whose PDF is laid out) killed with SIGKILL at seeded random moments leaves
  every output either exactly as it was or exactly as a clean build makes
  it, never part of either; what a kill leaves behind is hidden and removed
  by the next build.
- An output folder that cannot be written gives a clear error.
- No command writes to a brief's YAML or its source text.

Everything runs through the real command line, in subprocesses.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEED, SEED_SOURCE

from bench.generate import SIZES, make_brief
from briefgen.writing.atomic import TEMP_SUFFIX

# Its module fixtures build once: every test here runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("test_nothing_lost")

BRIEFS = 30
SEED_ID = "idlib-talks-2020-02-20"
SEED_TITLE = "Russia and Turkey fail to agree a new de-escalation deal for Idlib"
TIMEOUT = 300  # a safety bound so that a hang cannot stall the suite; it asserts nothing
OLD_TIME_NS = 1_000_000_000 * 10**9  # 2001: a rewritten file could not keep this mtime
# A generated four-page brief and its source: its PDF is laid out in a third of the seed's
# time, so it is brief-00 (whose PDF the kill tests build) and the one every command of
# test_no_command_writes_to_the_brief_or_its_source runs on.
GEN = {name: text.encode("utf-8") for name, text in make_brief(7, 0, SIZES["small"],
                                                                 "gen").items()}
GEN_BRIEF, GEN_SOURCE, GEN_ID = "gen-0000.yaml", "gen-0000-1.txt", "gen-0000"
assert sorted(GEN) == [GEN_SOURCE, GEN_BRIEF]
GEN_TITLE = yaml.safe_load(GEN[GEN_BRIEF])["meta"]["title"]


def briefgen(cwd: Path, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def timed(cwd: Path, *args: str) -> float:
    """Run briefgen to completion; the wall time it took."""
    start = time.monotonic()
    run = briefgen(cwd, *args)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    return time.monotonic() - start


def brief_text(number: int, edited: bool) -> str:
    """The seed brief (brief-00: the generated one) under another meta.id; an edited one has
    another title."""
    if number == 0:
        text, ident, old = GEN[GEN_BRIEF].decode("utf-8"), GEN_ID, GEN_TITLE
    else:
        text, ident, old = SEED.read_text(encoding="utf-8"), SEED_ID, SEED_TITLE
    old_id, old_title = f"  id: {ident}\n", f"  title: {old}\n"
    assert text.count(old_id) == 1 and text.count(old_title) == 1
    title = f"{old}, take two" if edited else old
    return text.replace(old_id, f"  id: brief-{number:02d}\n").replace(
        old_title, f"  title: {title}\n")


def write_sources(folder: Path) -> None:
    """The seed's source and the generated brief's, which the briefs quote."""
    shutil.copy(SEED_SOURCE, folder)
    (folder / GEN_SOURCE).write_bytes(GEN[GEN_SOURCE])


def write_briefs(folder: Path, edited: bool) -> None:
    for number in range(BRIEFS):
        (folder / f"brief-{number:02d}.yaml").write_text(brief_text(number, edited),
                                                         encoding="utf-8")


# A folder's build ends by writing the desk index of what the folder then holds, so a
# killed build's folder (which kept an old PDF) may get an index that neither the old nor
# the new folder has. The index is checked to be whole instead; the briefs' outputs are
# checked to be old or new.
DESK = {"index.html": b"</html>\n", "index.md": b"\n", "feed.xml": b"</feed>\n"}


def outputs(out: Path) -> dict[str, bytes]:
    """The visible files in an output folder: the briefs' outputs proper."""
    return {p.name: p.read_bytes() for p in out.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.name not in DESK}


def assert_desk_whole(out: Path) -> None:
    """Each desk index file there is whole: written at once, never cut off."""
    for name, ending in DESK.items():
        if (out / name).exists():
            assert (out / name).read_bytes().endswith(ending), name


def leftovers(out: Path) -> list[str]:
    """Temporary files that a killed write left for outputs in `out`."""
    return sorted(p.name for p in out.glob(f".*{TEMP_SUFFIX}"))


@dataclass
class Fleet:
    """30 briefs in one project: their outputs before the edit, and after it."""

    project: Path
    old: dict[str, bytes]  # md and html of every brief, and the pdf of brief-00
    new: dict[str, bytes]  # md and html of every brief, built clean after the edit
    full_build: float  # seconds a complete md,html build of the 30 edited briefs took
    pdf_build: float  # seconds a build of brief-00 alone, with its pdf, took
    new_with_pdf: dict[str, bytes] = field(default_factory=dict)  # filled on demand

    def fresh_out(self, name: str) -> Path:
        """An output folder holding the old outputs, beside the others (same relative paths)."""
        out = self.project / name
        out.mkdir()
        for file_name, data in self.old.items():
            (out / file_name).write_bytes(data)
        return out

    def with_pdf(self, numbers: list[int]) -> dict[str, bytes]:
        """New md, html and pdf of the briefs `numbers`, from a clean build with the pdf.

        The HTML of a build with the PDF may differ (a table of contents), so these
        are the new versions for a killed build that included the PDF.
        """
        missing = [n for n in numbers if f"brief-{n:02d}.pdf" not in self.new_with_pdf]
        if missing:  # the kill came later than planned
            out = self.project / f"out-new-pdf-{len(self.new_with_pdf)}"
            timed(self.project, "build", *(f"briefs/brief-{n:02d}.yaml" for n in missing),
                  "--out", out.name, "-q")
            self.new_with_pdf.update(outputs(out))
        return self.new_with_pdf


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Fleet:
    project = tmp_path_factory.mktemp("fleet")
    (project / "briefgen.toml").write_bytes(b"")
    # The project's own copies take precedence over the built-in templates, styles and
    # fonts, so that every build below lays out the briefs the same way, even while
    # someone edits the built-in ones.
    for folder in ("templates", "styles", "fonts"):
        shutil.copytree(ROOT / folder, project / folder)
    briefs = project / "briefs"
    briefs.mkdir()
    write_sources(briefs)
    write_briefs(briefs, edited=False)
    with ThreadPoolExecutor(2) as pool:  # the old outputs: md and html of all, a pdf of one
        everything = pool.submit(timed, project, "build", "briefs", "--out", "out-old",
                                 "--format", "md,html", "-q")
        one_pdf = pool.submit(timed, project, "build", "briefs/brief-00.yaml",
                              "--out", "out-old-pdf", "--format", "pdf", "-q")
        everything.result()
        one_pdf.result()
    old = outputs(project / "out-old") | outputs(project / "out-old-pdf")
    write_briefs(briefs, edited=True)
    # The new outputs, each build on its own: their times set the scale of the kill delays.
    full_build = timed(project, "build", "briefs", "--out", "out-new", "--format", "md,html",
                       "-q")
    pdf_build = timed(project, "build", "briefs/brief-00.yaml", "--out", "out-new-pdf", "-q")
    new = outputs(project / "out-new")
    assert len(old) == 2 * BRIEFS + 1 and len(new) == 2 * BRIEFS
    assert all((project / "out-new" / name).exists() for name in DESK)  # the desk index too
    assert all(old[name] != new[name] for name in new), "the edit must change every output"
    return Fleet(project, old, new, full_build, pdf_build, outputs(project / "out-new-pdf"))


def kill_build_after(fleet: Fleet, out: Path, formats: str, delay: float) -> None:
    """Start a build of all 30 briefs into `out`, and SIGKILL it after `delay` seconds."""
    build = subprocess.Popen([sys.executable, "-m", "briefgen", "build", "briefs", "--out",
                              out.name, "--format", formats, "-q"], cwd=fleet.project,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        build.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait(timeout=TIMEOUT)


def assert_old_or_new(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> list[str]:
    """Every output is whole: its old version or its new one. Returns the names now new.

    Apart from the outputs, only hidden entries may be there: a killed write's
    temporary file, or the build's own hidden cache folder.
    """
    found = outputs(out)
    assert_desk_whole(out)
    assert set(found) <= set(old) | set(new), f"unexpected outputs: {set(found) - set(old)}"
    partial = sorted(name for name, data in found.items()
                     if data != old.get(name) and data != new.get(name))
    assert partial == [], f"neither the old nor the new version: {partial}"
    for entry in out.iterdir():
        if entry.name.startswith("."):
            assert entry.is_dir() or entry.name.endswith(TEMP_SUFFIX), entry.name
        if entry.name.endswith(TEMP_SUFFIX):
            names = set(old) | set(new) | set(DESK)
            assert any(entry.name.startswith(f".{name}.") for name in names), entry.name
    missing = sorted(set(old) - set(found))
    assert missing == [], f"outputs lost: {missing}"
    return sorted(name for name, data in found.items() if data == new.get(name)
                  and data != old.get(name))


def next_build_clears(fleet: Fleet, out: Path, formats: str) -> None:
    """The next build of the briefs a kill left temporary files for removes those files.

    Only those briefs are built again, to save time: each brief clears its own.
    """
    stale = leftovers(out)
    if not stale:
        return
    numbers = sorted({int(name[7:9]) for name in stale})  # .brief-NN.md.XXXXXXXX.briefgen-tmp
    timed(fleet.project, "build", *(f"briefs/brief-{n:02d}.yaml" for n in numbers),
          "--out", out.name, "--format", formats, "-q")
    assert leftovers(out) == []


# --------------------------------------------------------------------------
# SIGKILL during a build.

KILL_SEEDS = [11, 22, 33, 44, 55, 66]


@pytest.mark.parametrize("seed", KILL_SEEDS)
def test_sigkill_leaves_every_output_old_or_new(fleet: Fleet, seed: int) -> None:
    delay = random.Random(seed).uniform(0.1, 0.95) * fleet.full_build
    out = fleet.fresh_out(f"out-kill-{seed}")
    kill_build_after(fleet, out, "md,html", delay)
    assert_old_or_new(out, fleet.old, fleet.new)
    next_build_clears(fleet, out, "md,html")


def test_kills_land_part_way_through_the_build(fleet: Fleet) -> None:
    """The seeded delays are spread over the build, so some kills catch it half done."""
    delays = sorted(random.Random(seed).uniform(0.1, 0.95) for seed in KILL_SEEDS)
    assert delays[0] < 0.4 and delays[-1] > 0.6
    caught = []
    for seed in KILL_SEEDS:
        if not (fleet.project / f"out-kill-{seed}").exists():
            pytest.skip("the kill rounds did not run")
        found = outputs(fleet.project / f"out-kill-{seed}")
        renewed = sum(1 for name, data in found.items() if data == fleet.new.get(name))
        caught.append(0 < renewed < 2 * BRIEFS)
    assert any(caught), "no kill caught the build part-way; the delays need another scale"


def test_sigkill_during_a_build_with_pdf(fleet: Fleet) -> None:
    """Killed while laying out or writing brief-00's PDF, which has an old version to keep."""
    delay = random.Random(7).uniform(0.8, 1.4) * fleet.pdf_build
    out = fleet.fresh_out("out-kill-pdf")
    kill_build_after(fleet, out, "md,html,pdf", delay)
    touched = sorted({int(name[6:8]) for name, data in outputs(out).items()
                      if data != fleet.old.get(name)})
    new = fleet.with_pdf(touched)
    assert_old_or_new(out, fleet.old, new)
    next_build_clears(fleet, out, "md,html,pdf")


def test_next_build_removes_what_a_kill_left(fleet: Fleet) -> None:
    """A write killed half way leaves `.NAME.XXXXXXXX.briefgen-tmp`; the next build removes it.

    Planted rather than left by a real kill, which rarely lands inside a write.
    """
    out = fleet.fresh_out("out-after-kill")
    touched = (0, 7, BRIEFS - 1)
    planted = [out / f".brief-{n:02d}.{ext}.k1ll3d{n:02d}{TEMP_SUFFIX}"
               for n in touched for ext in ("md", "html")]
    for path in planted:
        path.write_bytes(b"<!-- half of an outp")
    assert_old_or_new(out, fleet.old, fleet.new)
    next_build_clears(fleet, out, "md,html")
    assert [path.name for path in planted if path.exists()] == []
    assert {name: data for name, data in outputs(out).items() if data != fleet.old[name]} == {
        f"brief-{n:02d}.{ext}": fleet.new[f"brief-{n:02d}.{ext}"]
        for n in touched for ext in ("md", "html")}


def _cache_folders(folder: Path) -> Iterator[Path]:
    return (p for p in folder.iterdir() if p.is_dir() and p.name.startswith(".")
            and any(p.glob("*.json")))


def test_next_build_removes_a_killed_cache_record(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    (project / "briefs").mkdir(parents=True)
    (project / "briefgen.toml").write_bytes(b"")
    write_sources(project / "briefs")
    brief = project / "briefs" / "brief-00.yaml"
    brief.write_text(brief_text(0, edited=False), encoding="utf-8")
    timed(project, "build", "briefs", "--out", "out", "--format", "md", "-q")
    folders = list(_cache_folders(project))  # the cache sits at the project's root
    assert folders, "the build kept no records at the project's root"
    planted = []
    for record in folders[0].glob("*.json"):
        planted.append(record.parent / f".{record.name}.k1ll3d00{TEMP_SUFFIX}")
        planted[-1].write_bytes(b'{"meta_id": "bri')
    brief.write_text(brief_text(0, edited=True), encoding="utf-8")  # so that it rebuilds
    timed(project, "build", "briefs", "--out", "out", "--format", "md", "-q")
    assert [p.name for p in planted if p.exists()] == []


# --------------------------------------------------------------------------
# An output folder that cannot be written.


@pytest.fixture
def one_brief(tmp_path: Path) -> Path:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "briefgen.toml").write_bytes(b"")
    shutil.copy(SEED, project / "brief.yaml")
    shutil.copy(SEED_SOURCE, project)
    (project / "a-file.txt").write_bytes(b"not a folder\n")
    return project


UNWRITABLE = [
    pytest.param("/proc/briefgen-out", id="missing-under-proc"),
    pytest.param("/sys/briefgen-out", id="missing-under-sys"),
    pytest.param("a-file.txt/out", id="parent-is-a-file"),
    pytest.param("a-file.txt", id="is-a-file"),
    pytest.param("/proc", id="existing-under-proc"),
]


@pytest.mark.parametrize("out", UNWRITABLE)
def test_unwritable_output_folder_is_a_clear_error(one_brief: Path, out: str) -> None:
    before = sorted(p.name for p in one_brief.iterdir())
    run = briefgen(one_brief, "build", "brief.yaml", "--out", out, "--format", "md,html")
    assert run.returncode == 1
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    first, last = run.stderr.splitlines()
    assert first.startswith(f"brief.yaml: cannot write {out}"), first
    assert TEMP_SUFFIX not in run.stderr, "the message names a temporary file"
    assert last == "brief.yaml: failed; nothing written"
    assert sorted(p.name for p in one_brief.iterdir()) == before
    assert (one_brief / "a-file.txt").read_bytes() == b"not a folder\n"


# --------------------------------------------------------------------------
# No command writes to a brief or its sources.


def _stamps(paths: list[Path]) -> dict[str, tuple[bytes, int, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in paths}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project holding a brief (the generated one) and its source, dated long ago."""
    project = tmp_path_factory.mktemp("inputs")
    (project / "briefgen.toml").write_bytes(b"")
    for name, data in GEN.items():
        (project / name).write_bytes(data)
        os.utime(project / name, ns=(OLD_TIME_NS, OLD_TIME_NS))
    return project


COMMANDS = {
    "check": (["check", GEN_BRIEF], 0),
    "build": (["build", GEN_BRIEF, "--out", "out-md", "--format", "md,html"], 0),
    "build-pdf": (["build", GEN_BRIEF, "--out", "out-pdf", "--format", "pdf"], 0),
    "extract": (["extract", f"out-pdf/{GEN_ID}.pdf", "--out", "recovered"], 0),
    "extract-onto-itself": (["extract", f"out-pdf/{GEN_ID}.pdf", "--out", "."], 1),
}


@pytest.mark.parametrize("command", list(COMMANDS))  # in this order: extract needs the PDF
def test_no_command_writes_to_the_brief_or_its_source(inputs: Path, command: str) -> None:
    args, code = COMMANDS[command]
    files = [inputs / GEN_BRIEF, inputs / GEN_SOURCE]
    if command.startswith("extract") and not (inputs / "out-pdf").exists():  # run alone
        assert briefgen(inputs, *COMMANDS["build-pdf"][0]).returncode == 0
    before = _stamps(files)
    run = briefgen(inputs, *args)
    assert run.returncode == code, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert _stamps(files) == before
    assert before[GEN_BRIEF][0] == GEN[GEN_BRIEF]
    if command == "extract":
        recovered = inputs / "recovered"
        assert (recovered / GEN_BRIEF).read_bytes() == GEN[GEN_BRIEF]
        assert (recovered / GEN_SOURCE).read_bytes() == GEN[GEN_SOURCE]
    if command == "extract-onto-itself":
        assert run.stderr.startswith("briefgen: error: not overwriting ")
