"""(b) Start-up: `briefgen --help` and `briefgen check` against importing WeasyPrint.

Every run is a fresh process, so it pays for the interpreter and every
import: exactly what a user waits for. The commands take turns, after one
untimed round that warms the disk cache and briefgen's schema cache, so a
slow moment on the machine slows them all alike. The seed brief is checked,
as the issue says.

`check` validates with a schema compiled once per version of briefgen and
kept in the user cache folder (`briefgen.model.compiled.light`); the very
first `check` after an install or an upgrade compiles it, with pydantic.
That first run is timed too, each time with an empty cache folder, and
shown beside the figure, which is the time of every run after it.
"""

from __future__ import annotations

import sys
import tempfile

from bench.report import Figure, ratio, seconds
from bench.timing import ROOT, briefgen_command, median, timed_run

TARGET = 0.25
SEED = "seeds/idlib-talks-2020-02-20.yaml"


def commands() -> dict[str, list[str]]:
    briefgen = briefgen_command()
    return {"help": [*briefgen, "--help"], "check": [*briefgen, "check", SEED],
            "import": [sys.executable, "-c", "import weasyprint"],
            "python": [sys.executable, "-c", "pass"]}


def measure(runs: int) -> list[Figure]:
    """Median wall times of fresh processes; each command as a share of the import."""
    todo = commands()
    times: dict[str, list[float]] = {name: [] for name in todo}
    for command in todo.values():  # untimed: warm the disk cache
        timed_run(command, ROOT)
    first: list[float] = []  # `check` with no schema cache: the first run after an upgrade
    for _ in range(runs):
        for name, command in todo.items():
            times[name].append(timed_run(command, ROOT))
        with tempfile.TemporaryDirectory(prefix="bench-schemas-") as empty:
            first.append(timed_run(todo["check"], ROOT, {"BRIEFGEN_SCHEMA_CACHE": empty}))
    times["check_first"] = first
    base = median(times["import"])
    return [_figure("startup_help", "Start-up: `briefgen --help`", "help", times, base),
            _figure("startup_check", "Start-up: `briefgen check` (seed brief)", "check", times,
                    base)]


def _figure(key: str, label: str, name: str, times: dict[str, list[float]],
            base: float) -> Figure:
    value = median(times[name]) / base
    detail = {"command_s": times[name], "import_weasyprint_s": times["import"],
              "bare_python_s": times["python"], "command": commands()[name]}
    first = ""
    if name == "check":
        detail["first_after_upgrade_s"] = times["check_first"]
        first = (f"; the first check after an upgrade, which compiles the schema, "
                 f"{seconds(median(times['check_first']))}")
    return Figure(key, label, round(value, 3), "x", f"\u2264 {TARGET:.2f}\u00d7 import",
                  value <= TARGET,
                  shown=f"{ratio(value)} import ({seconds(median(times[name]))} vs "
                        f"`import weasyprint` {seconds(base)}; bare Python "
                        f"{seconds(median(times['python']))}{first})",
                  detail=detail)
