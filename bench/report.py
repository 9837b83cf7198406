"""Figures, and the two forms they are reported in: a Markdown table and JSON.

Both forms are written from the same `Figure` objects, so the table a
person reads and the JSON a script compares can never disagree.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Every figure the benchmark reports, in table order, with the label and target it has
# when it cannot be measured; the JSON always has all of them.
PLACEHOLDERS = {
    "pdf_overhead_4p": ("PDF overhead, small brief", "\u2264 1.10\u00d7"),
    "pdf_overhead_16p": ("PDF overhead, large brief", "\u2264 1.10\u00d7"),
    "pdf_tagging": ("Tagged and repaired PDF vs untagged, large brief", "\u2264 1.25\u00d7"),
    "startup_help": ("Start-up: `briefgen --help`", "\u2264 0.25\u00d7 import"),
    "startup_check": ("Start-up: `briefgen check`", "\u2264 0.25\u00d7 import"),
    "parallel_speedup": ("Parallel build: `--jobs 1` vs `--jobs 2`", "\u2265 1.7\u00d7"),
    "noop_rebuild": ("No-op rebuild", "< 1 s"),
    "one_edit_rebuild": ("One edit: rebuild vs that brief alone", "\u2264 1.25\u00d7 one brief"),
    "desk_index": ("Desk index and feed from kept summaries: `briefgen index`", "< 1 s"),
    "memory_peak": ("Peak memory per worker", "\u2264 150 MiB"),
    "memory_growth": ("Memory growth in one worker", "\u2264 2 MiB (none)"),
}
FIGURE_KEYS = tuple(PLACEHOLDERS)


@dataclass
class Figure:
    """One row of the table: what was measured, against which target, and whether it is met.

    `value` is None when the figure could not be measured; `note` says why.
    """

    key: str
    label: str
    value: float | None
    unit: str  # "x" (a ratio), "s" or "MiB"
    target: str
    met: bool | None
    shown: str = ""  # the measured column, with the raw times behind a ratio
    detail: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def ordered(figures: list[Figure]) -> list[Figure]:
    """The figures in table order; a missing or unknown key is a bug in the benchmark."""
    keys = [f.key for f in figures]
    if sorted(keys) != sorted(FIGURE_KEYS):
        raise ValueError(f"figures {keys} are not exactly {list(FIGURE_KEYS)}")
    return sorted(figures, key=lambda f: FIGURE_KEYS.index(f.key))


def unavailable(key: str, note: str) -> Figure:
    """A figure that could not be measured, and why."""
    label, target = PLACEHOLDERS[key]
    return Figure(key, label, None, "", target, None, shown=f"unavailable: {note}", note=note)


def markdown(figures: list[Figure], machine: dict[str, Any], settings: dict[str, Any]) -> str:
    """The table, preceded by the machine and the run's settings."""
    rows = ["| figure | measured | target | met |", "|---|---|---|---|"]
    for figure in figures:
        met = {True: "yes", False: "**no**", None: "n/a"}[figure.met]
        rows.append(f"| {figure.label} | {figure.shown} | {figure.target} | {met} |")
    head = (f"Machine: {machine['cores']} cores ({machine['cpu'] or 'unknown CPU'}), "
            f"Python {machine['python']}, WeasyPrint {machine['weasyprint']}, "
            f"briefgen {machine['briefgen']} at {machine['commit'] or 'unknown commit'}; "
            f"{machine['date']}; load average {machine['load_before']} before, "
            f"{machine.get('load_after', '?')} after.")
    runs = ", ".join(f"{key} {value}" for key, value in settings.items())
    return f"{head}\n\nSettings: {runs}.\n\n" + "\n".join(rows) + "\n"


def as_json(figures: list[Figure], machine: dict[str, Any], settings: dict[str, Any]) -> str:
    data = {"machine": machine, "settings": settings,
            "figures": {f.key: {k: v for k, v in asdict(f).items() if k != "key"}
                        for f in figures}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write(folder: Path, stem: str, figures: list[Figure], machine: dict[str, Any],
          settings: dict[str, Any]) -> tuple[Path, Path]:
    """Write `<stem>.md` and `<stem>.json` into `folder`; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    md, js = folder / f"{stem}.md", folder / f"{stem}.json"
    md.write_text(markdown(figures, machine, settings), encoding="utf-8")
    js.write_text(as_json(figures, machine, settings), encoding="utf-8")
    return md, js


def ratio(value: float) -> str:
    return f"{value:.2f}\u00d7"


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"
