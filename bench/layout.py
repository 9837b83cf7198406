"""Layout at the limits: how long a build takes when one text holds the longest word or
the longest text briefgen accepts (`briefgen.validation.limits`).

    python -m bench.layout

Each case is the corpus's small brief (`tests/corpus/base.yaml`) with one field replaced,
built to HTML and PDF in a fresh process. Printed: the wall time of the whole build, and
its excess over the unchanged brief. (The CPU time of the build's worker processes is not
reported to this one, so only wall time is shown: run it on a quiet machine.) The
targets come from issue 14: a 5,000-character token lays out in under 5 s, and no build
under the limits takes more than 30 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefgen.validation.limits import MAX_TEXT, MAX_WORD

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
BASE = (CORPUS / "base.yaml").read_text(encoding="utf-8")
FIELDS = {"bluf": ("bluf: The bottom line.", "bluf: {}"),
          "title": ("title: A test brief", "title: {}"),
          "risk title": ("title: A new offensive", "title: {}")}


def text_of(kind: str, length: int) -> str:
    if kind == "token":
        return ("9f86d081884c7d65" * (length // 16 + 1))[:length]
    unit = {"prose": "lorem ipsum dolor sit amet ", "hashes": "9f86d081" * 125 + " ",
            "tokens": "q" * 63 + " "}[kind]
    return (unit * (length // len(unit) + 1))[:length].strip()


CASES = [("unchanged", "bluf", None, 0), ("5,000-character token", "bluf", "token", 5_000),
         (f"{MAX_WORD:,}-character token", "title", "token", MAX_WORD),
         (f"{MAX_TEXT:,} characters of prose", "bluf", "prose", MAX_TEXT),
         (f"{MAX_TEXT:,} characters of 1,000-character hashes", "bluf", "hashes", MAX_TEXT),
         (f"{MAX_TEXT:,} characters of 63-character tokens", "risk title", "tokens", MAX_TEXT)]


def build_once(folder: Path, field: str, text: str | None) -> float:
    """Wall seconds of one fresh `briefgen build`."""
    old, new = FIELDS[field]
    brief = BASE if text is None else BASE.replace(old, new.format(f'"{text}"'))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "briefgen.toml").write_bytes(b"")
    shutil.copyfile(CORPUS / "broken" / "source.txt", folder / "source.txt")
    (folder / "brief.yaml").write_text(brief, encoding="utf-8")
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "briefgen", "build", "brief.yaml", "--out", "out",
                    "--format", "html,pdf"], cwd=folder, check=True, capture_output=True)
    return time.monotonic() - start


def main() -> int:
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
          file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, field, kind, length in CASES:
            text = None if kind is None else text_of(kind, length)
            wall = build_once(Path(tmp) / "case", field, text)
            rows.append((name, field, wall))
            print(f"  {name} in {field}: {wall:.1f} s", file=sys.stderr)
    base = rows[0][2]
    print("| case | field | build | over the unchanged brief |")
    print("|---|---|---|---|")
    for name, field, wall in rows:
        print(f"| {name} | {field} | {wall:.1f} s | {wall - base:+.1f} s |")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
