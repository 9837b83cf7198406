"""User errors, kept apart from bugs.

A user's mistake becomes a `Problem` with a file location and ends up as one
line `FILE:LINE:COL: dotted.path: message`. Anything else is a bug and is
allowed to raise with a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_ONE_LINE = {code: f"\\x{code:02x}" for code in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t"}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input, at one place."""

    file: str
    line: int
    col: int
    path: str
    message: str
    warning: bool = False  # a warning never refuses a brief
    holds_from: str = ""  # a warning that holds only from this ISO day on (a deadline passed)

    def __str__(self) -> str:
        """One line, always: control characters in quoted values are shown escaped."""
        where = f"{self.file}:{self.line}:{self.col}"
        message = f"warning: {self.message}" if self.warning else self.message
        line = f"{where}: {self.path}: {message}" if self.path else f"{where}: {message}"
        return line.translate(_ONE_LINE)


class BriefError(Exception):
    """Base of every error that is the user's to fix, never a bug."""


class BriefRefused(BriefError):
    """A brief was refused; carries every problem found in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(BriefError):
    """Bad command-line usage: maps to exit code 2."""


class RenderError(BriefError):
    """A template or style failed; the message names the file and line."""


def display_path(path: Path) -> str:
    """Show a path relative to the working folder when it lies inside it; absolute when
    briefgen runs from the root, where `work/x.yaml` would read as a folder of its own."""
    try:
        here = Path.cwd().resolve()
        if here == Path(here.anchor):
            return str(path.resolve())
        return str(path.resolve().relative_to(here))
    except (ValueError, RuntimeError, OSError):  # outside, or a symlink that loops
        return str(path)
