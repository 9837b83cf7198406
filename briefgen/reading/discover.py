"""The first stage: which files are briefs, and which share of them this machine builds."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from briefgen.errors import UsageError, display_path
from briefgen.project.paths import BRIEF_SUFFIXES


def find_briefs(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the briefs below them; refuse paths that do not exist."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            briefs = sorted(p for p in path.rglob("*") if p.suffix in BRIEF_SUFFIXES
                            and p.is_file() and not _hidden(p.relative_to(path)))
            if not briefs:
                raise UsageError(f"no *.yaml briefs in {display_path(path)}")
            found.extend(briefs)
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{display_path(path)}: no such file or folder")
    return list(dict.fromkeys(found))


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def select_shard(briefs: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """The k-th of n shares: every n-th brief of the sorted list, starting at the k-th.

    The list is sorted by path, so every machine given the same checkout and
    the same arguments picks the same share, and the n shares together are
    exactly the briefs of a full build.
    """
    if shard is None:
        return briefs
    k, n = shard
    return [path for i, path in enumerate(sorted(briefs, key=lambda p: p.as_posix()))
            if i % n == k - 1]
