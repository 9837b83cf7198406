"""Clocks, commands and the machine: what every figure needs to be measured the same way."""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent  # the checkout: seeds/ and bench/ live here


class BenchError(Exception):
    """A step could not be measured (a command failed); its figure is reported unavailable."""


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def clock(action: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def briefgen_command() -> list[str]:
    """The installed `briefgen` script, as a user runs it; `python -m briefgen` without one."""
    found = shutil.which("briefgen")
    return [found] if found else [sys.executable, "-m", "briefgen"]


def run(command: Sequence[str], cwd: Path = ROOT,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command to completion; a non-zero exit is a BenchError that quotes stderr.
    `env` adds to (or overrides) the caller's environment."""
    done = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True,
                          env={**_environment(), **(env or {})}, check=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-8:]
        raise BenchError(f"`{' '.join(command)}` exited {done.returncode}: " + " | ".join(tail))
    return done


def timed_run(command: Sequence[str], cwd: Path = ROOT,
              env: dict[str, str] | None = None) -> float:
    """Wall time of a fresh process, from spawn to exit."""
    start = time.perf_counter()
    run(command, cwd, env)
    return time.perf_counter() - start


def _environment() -> dict[str, str]:
    """The caller's environment, with the checkout importable (for `python -m bench.…`)."""
    env = dict(os.environ)
    # An installed briefgen has its bytecode; a shell that forbids writing it would time
    # compiling every module from source on every start, which no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def fingerprint() -> str:
    """Names, sizes and modification times of briefgen's code, templates, styles and fonts.

    briefgen skips a brief only while all of these are unchanged, so an edit
    to any of them in the middle of a run (say, in a checkout someone is
    working in) turns a no-op rebuild into a full one. The runner compares
    fingerprints to tell such a run from a slow one.
    """
    import hashlib

    import briefgen
    from briefgen.project.paths import builtin_dir

    folders = [Path(briefgen.__file__).resolve().parent,
               *(builtin_dir(name) for name in ("templates", "styles", "fonts"))]
    total = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                total.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return total.hexdigest()


def machine() -> dict[str, Any]:
    """What the figures depend on: cores, CPU, Python, WeasyPrint, briefgen, and when."""
    return {
        "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
        "cpu": _cpu_model(), "platform": platform.platform(),
        "python": platform.python_version(), "weasyprint": metadata.version("weasyprint"),
        "briefgen": metadata.version("briefgen"), "commit": _commit(),
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "load_before": load(),
    }


def load() -> float:
    """The 1-minute load average: above about one per core, other work skews the timings."""
    return round(os.getloadavg()[0], 2)


def _cpu_model() -> str | None:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((line.split(":", 1)[1].strip() for line in lines
                 if line.startswith("model name")), None)


def _commit() -> str | None:
    """The checkout's commit, marked `+dirty` when the working tree has changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty.strip() else "")
