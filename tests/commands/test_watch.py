"""`watch`: rebuilds on save in one warm worker, keeps the last good outputs, ends on Ctrl-C."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import SEED, SEED_SOURCE, Running

from briefgen.commands.watch import LiveBuild, Worker, watch
from briefgen.stages import BuildReport

WAIT = 30.0
TITLE = "Russia and Turkey fail to agree a new de-escalation deal for Idlib"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project holding a copy of the seed brief and its source."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    shutil.copy(SEED_SOURCE, tmp_path / "seeds" / SEED_SOURCE.name)
    return tmp_path


def save(path: Path, text: str) -> None:
    """Save as editors do: write a temporary file, then rename it over the brief."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def test_worker_is_replaced_when_it_dies(project: Path) -> None:
    brief = project / "seeds" / SEED.name
    worker = Worker(("md",))
    try:
        job = LiveBuild((brief,), project / "out", ("md",))
        assert worker.build(job).results[0].status == "built"
        first = worker.process.pid
        assert worker.build(job).results[0].status == "current"  # the same warm process
        assert worker.process.pid == first
        os.kill(first, signal.SIGKILL)
        worker.process.join(timeout=WAIT)
        assert worker.build(job).results[0].status == "current"
        assert worker.process.pid != first and worker.restarts == 1
    finally:
        worker.stop()


def test_worker_is_retired_after_its_quota_of_builds(project: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Worker, "RETIRE_AFTER", 2)
    brief = project / "seeds" / SEED.name
    worker = Worker(("md",))
    try:
        job = LiveBuild((brief,), project / "out", ("md",))
        pids = []
        for _ in range(5):
            assert worker.build(job).ok
            pids.append(worker.process.pid)
        assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]
        assert worker.restarts == 0  # retired, not died
    finally:
        worker.stop()


def test_rebuilds_on_save_and_keeps_last_good_outputs(project: Path) -> None:
    brief = project / "seeds" / SEED.name
    out = project / "out"
    reports: queue.Queue[BuildReport | str] = queue.Queue()
    ready = threading.Event()
    stop = threading.Event()
    thread = threading.Thread(target=watch, kwargs={
        "job": LiveBuild((brief,), out, ("md", "html")), "on_report": reports.put,
        "on_error": reports.put, "stop": stop, "on_ready": lambda _f: ready.set()})
    thread.start()
    try:
        def next_result(status: str):
            report = reports.get(timeout=WAIT)
            assert isinstance(report, BuildReport), report
            result = report.results[0]
            assert result.status == status, result
            return result

        next_result("built")
        assert ready.wait(WAIT)
        html = out / "idlib-talks-2020-02-20.html"
        original = brief.read_text(encoding="utf-8")

        save(brief, original.replace(TITLE, "A title changed while watching"))
        next_result("built")
        assert "A title changed while watching" in html.read_text(encoding="utf-8")
        good = html.read_bytes()

        lines = original.replace(TITLE, "A title changed while watching").splitlines(True)
        at = next(i for i, line in enumerate(lines) if line.startswith("  id:")) + 1
        lines.insert(at, "  titel: a typo\n")
        save(brief, "".join(lines))
        refused = next_result("refused")
        assert any(p.line == at + 1 and "titel" in p.message for p in refused.problems)
        assert html.read_bytes() == good  # the last good output, untouched

        save(brief, original.replace(TITLE, "Fixed again"))
        next_result("built")
        assert "Fixed again" in html.read_text(encoding="utf-8")

        # A change to a local source rebuilds too.
        source = project / "seeds" / SEED_SOURCE.name
        source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        next_result("built")
    finally:
        stop.set()
        thread.join(WAIT)
    assert not thread.is_alive()


def test_ctrl_c_ends_cleanly(project: Path) -> None:
    running = Running("watch", "--format", "md", cwd=project)
    process = running.process
    try:
        running.wait_for("watching", WAIT)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Traceback" not in err and "stopped" in err


@pytest.mark.parametrize("args", [["watch", "missing.yaml"], ["serve", "--format", "md"],
                                  ["serve", "--port", "70000"], ["watch", "--format", "odt"]])
def test_bad_usage_exits_2(project: Path, args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=project,
                            capture_output=True, text=True, timeout=WAIT, check=False)
    assert result.returncode == 2, result.stderr
    assert "briefgen: error:" in result.stderr and "Traceback" not in result.stderr


def test_a_watched_brief_is_released_to_its_audiences_on_every_save(tmp_path: Path) -> None:
    """`watch --audience` rebuilds the released versions with the full one."""
    from leaks import FIXTURE

    shutil.copytree(FIXTURE, tmp_path / "seeds")
    brief = tmp_path / "seeds" / "canary.yaml"
    worker = Worker(("md",))
    try:
        job = LiveBuild((brief,), tmp_path / "out", ("md",), audiences=("clear",))
        assert worker.build(job).results[0].status == "built"
        released = tmp_path / "out" / "canary-brief.tlp-clear.md"
        assert "**TLP:CLEAR**" in released.read_text(encoding="utf-8")
        save(brief, brief.read_text(encoding="utf-8").replace(
            "Keep the crossing under watch.", "Keep the crossing under close watch."))
        assert worker.build(job).results[0].status == "built"
        assert "under close watch" in released.read_text(encoding="utf-8")
    finally:
        worker.stop()
