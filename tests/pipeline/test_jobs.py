"""Parallel builds, shards and progress: the same outputs and messages, however they are split."""

from __future__ import annotations

import dataclasses
import os
import pty
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CONTRACT

from bench.generate import SIZES, write_briefs
from briefgen.build import build
from briefgen.reading.discover import select_shard

# Its module fixtures build once: every test here runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("test_jobs")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A desk's folder of briefs: a generated brief that quotes its source verbatim (with
    risks, relations, a timeline and figures: a four-page PDF with charts; the seed's eight
    pages, laid out twice for its contents, took three times as long in each of the three
    builds here), the contract briefs, renamed copies, one broken."""
    root = tmp_path_factory.mktemp("desk")
    briefs = root / "briefs"
    briefs.mkdir()
    write_briefs(briefs, 1, dataclasses.replace(SIZES["small"], risks=2), 7, "gen")
    for folder in ("minimal", "sparse"):
        for path in (CONTRACT / folder).iterdir():
            shutil.copy(path, briefs)
    minimal = (briefs / "minimal.yaml").read_text(encoding="utf-8")
    ident = next(line.split(":", 1)[1].strip() for line in minimal.splitlines()
                 if line.strip().startswith("id:"))
    for n in range(1, 4):
        (briefs / f"copy-{n}.yaml").write_text(minimal.replace(ident, f"copy-{n}", 1),
                                               encoding="utf-8")
    (briefs / "broken.yaml").write_text(minimal.replace(ident, "broken", 1)
                                        + "risks: [oops]\n", encoding="utf-8")
    return briefs


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def messages(stderr: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if not line.startswith("briefgen: "))


@dataclass(frozen=True)
class OneProcess:
    """The desk built in one process, `--jobs 1`: what every split build must match."""

    result: subprocess.CompletedProcess[str]
    outputs: dict[str, bytes]


@pytest.fixture(scope="module")
def one_process(desk: Path, tmp_path_factory: pytest.TempPathFactory) -> OneProcess:
    root = tmp_path_factory.mktemp("one-process")
    result = run("build", str(desk), "--out", str(root / "out"), "--jobs", "1", cwd=root)
    return OneProcess(result, outputs(root / "out"))


def test_two_workers_write_exactly_what_one_process_writes(desk: Path, one_process: OneProcess,
                                                           tmp_path: Path) -> None:
    two = run("build", str(desk), "--out", str(tmp_path / "two"), "--jobs", "2", cwd=tmp_path)
    assert one_process.result.returncode == two.returncode == 1  # the broken brief
    assert messages(one_process.result.stderr) == messages(two.stderr)
    assert "broken.yaml:" in two.stderr and "Traceback" not in two.stderr
    assert one_process.outputs == outputs(tmp_path / "two")
    assert len(outputs(tmp_path / "two")) == 3 * 6 + 3  # and the desk index's three files


def test_workers_are_few_and_long_lived(desk: Path, tmp_path: Path) -> None:
    report = build([desk], tmp_path / "out", ("md", "html"), jobs=2)
    pids = {r.worker for r in report.results if r.status == "built"}
    assert len([r for r in report.results if r.status == "built"]) == 6
    assert 1 <= len(pids) <= 2 and os.getpid() not in pids


def test_a_duplicate_id_is_refused_the_same_way_in_parallel(desk: Path, tmp_path: Path) -> None:
    folder = tmp_path / "dup"
    shutil.copytree(desk, folder)
    shutil.copy(folder / "copy-1.yaml", folder / "copy-1-again.yaml")
    for jobs in ("1", "2"):
        result = run("build", str(folder), "--out", str(tmp_path / jobs), "--format", "md",
                     "--jobs", jobs, cwd=tmp_path)
        assert "copy-1-again.yaml:" not in result.stderr.split("is also the id")[0].splitlines()[-1]
        assert "'copy-1' is also the id of" in result.stderr
        assert (tmp_path / jobs / "copy-1.md").exists()


def test_the_shards_together_are_exactly_the_full_build(desk: Path, one_process: OneProcess,
                                                        tmp_path: Path) -> None:
    """Shards write no desk index; their folders gathered into one and indexed with
    `briefgen index` give the full build's, byte for byte."""
    union: dict[str, bytes] = {}
    gathered = tmp_path / "gathered"
    for k in (1, 2, 3):
        shard = run("build", str(desk), "--out", str(tmp_path / f"shard{k}"), "--shard",
                    f"{k}/3", "--jobs", "1", cwd=tmp_path)
        assert shard.returncode in (0, 1), shard.stderr
        part = outputs(tmp_path / f"shard{k}") if (tmp_path / f"shard{k}").exists() else {}
        assert not part.keys() & union.keys(), "two shards built the same brief"
        union.update(part)
        if (tmp_path / f"shard{k}").exists():
            gather(tmp_path / f"shard{k}", desk, gathered, tmp_path / ".briefgen-cache")
    assert run("index", str(gathered), cwd=tmp_path).returncode == 0
    union.update({name: (gathered / name).read_bytes()
                  for name in ("index.html", "index.md", "feed.xml")})
    assert union == one_process.outputs
    assert one_process.result.returncode == 1


def gather(shard: Path, briefs: Path, gathered: Path, kept: Path) -> None:
    """What a CI gather job collects of one shard job: its output folder, and the summaries
    its build kept in the project's .briefgen-cache (never in the output folder)."""
    from briefgen.writing import cache

    assert not (shard / cache.CACHE_DIR).exists(), "the cache stays out of the outputs"
    shutil.copytree(shard, gathered, dirs_exist_ok=True)
    kept.mkdir(exist_ok=True)
    for brief in briefs.glob("*.yaml"):
        summary = cache.summary_path(shard, brief)
        if summary.is_file():
            shutil.copy(summary, kept)


def test_shards_are_deterministic_and_balanced() -> None:
    briefs = [Path(f"b/{name}.yaml") for name in "qwertyuiopasdfg"]
    shares = [select_shard(briefs, (k, 4)) for k in range(1, 5)]
    assert sorted(p for share in shares for p in share) == sorted(briefs)
    assert {len(s) for s in shares} <= {3, 4}
    assert select_shard(list(reversed(briefs)), (2, 4)) == shares[1]


def test_bad_jobs_and_shard_are_usage_errors(desk: Path, tmp_path: Path) -> None:
    for args in (("--jobs", "0"), ("--jobs", "two"), ("--shard", "0/3"), ("--shard", "4/3"),
                 ("--shard", "1-3")):
        result = run("build", str(desk), "--out", str(tmp_path / "x"), *args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()


def _in_terminal(args: list[str], cwd: Path) -> str:
    """Run briefgen with its output on a pseudo-terminal, as an analyst sees it."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes briefgen
        os.chdir(cwd)
        os.execv(sys.executable, [sys.executable, "-m", "briefgen", *args])
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.waitpid(pid, 0)
    return seen.decode("utf-8", "replace")


def test_a_terminal_shows_a_progress_bar_then_a_summary(desk: Path, tmp_path: Path) -> None:
    shown = _in_terminal(["build", str(desk), "--out", str(tmp_path / "o"), "--format", "md"],
                         tmp_path)
    assert "\r[" in shown and "/7 " in shown
    assert "briefgen: 6 built, 1 refused in " in shown
    again = _in_terminal(["build", str(desk), "--out", str(tmp_path / "o"), "--format", "md"],
                         tmp_path)
    assert "briefgen: 6 current, 1 refused in " in again
    quiet = _in_terminal(["build", str(desk), "--out", str(tmp_path / "o"), "--format", "md",
                          "--force", "-q"], tmp_path)
    assert "\r[" not in quiet and "built" not in quiet and "broken.yaml" in quiet


def test_no_progress_bar_when_not_a_terminal(desk: Path, tmp_path: Path) -> None:
    result = run("build", str(desk), "--out", str(tmp_path / "o"), "--format", "md", cwd=tmp_path)
    assert "\r" not in result.stderr + result.stdout
    assert "briefgen: 6 built, 1 refused in " in result.stderr


def test_a_worker_s_image_cache_decodes_a_shared_image_once(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """Two briefs with the same picture: a worker decodes it once, and the PDFs are the same
    as those made without the cache."""
    import io

    from PIL import Image

    from briefgen.rendering import pdf

    folder = tmp_path / "briefs"
    folder.mkdir()
    picture = io.BytesIO()
    Image.new("RGB", (60, 30), "#1f3a68").save(picture, "PNG")
    (folder / "map.png").write_bytes(picture.getvalue())
    minimal = (CONTRACT / "minimal" / "minimal.yaml").read_text(encoding="utf-8")
    ident = next(line.split(":", 1)[1].strip() for line in minimal.splitlines()
                 if line.strip().startswith("id:"))
    for n in (1, 2):
        text = minimal.replace(ident, f"pictured-{n}", 1)
        text = text.replace("  bluf: The smallest brief the format accepts.",
                            '  bluf: "![A map](map.png) The smallest brief the format accepts."',
                            1)
        (folder / f"pictured-{n}.yaml").write_text(text, encoding="utf-8")
    assert build([folder], tmp_path / "plain", ("pdf",)).ok
    monkeypatch.setattr(pdf, "shared_images", {})
    report = build([folder], tmp_path / "cached", ("pdf",))
    assert report.ok, report.results
    assert [key[:10] for key in pdf.shared_images if key.startswith("data:")] == ["data:image"]
    assert outputs(tmp_path / "cached") == outputs(tmp_path / "plain")
