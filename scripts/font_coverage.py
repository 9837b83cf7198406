"""Write fonts/coverage.txt: the code points the shipped PDF faces can draw.

`briefgen check` reads that small file to warn about characters that would
print as empty boxes, without parsing font files at start-up. A test keeps
it in step with fonts/: run this script after changing a face.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "fonts"


def covered() -> set[int]:
    points: set[int] = set()
    for face in sorted(FONTS.glob("*.ttf")):
        points.update(TTFont(face, lazy=True).getBestCmap())
    return points


def ranges(points: set[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for point in sorted(points):
        if runs and runs[-1][1] == point - 1:
            runs[-1] = (runs[-1][0], point)
        else:
            runs.append((point, point))
    return runs


def text() -> str:
    lines = ["# Code points the shipped faces cover; made by scripts/font_coverage.py"]
    lines += [f"{start:04X}-{end:04X}" for start, end in ranges(covered())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (FONTS / "coverage.txt").write_text(text(), encoding="ascii")
