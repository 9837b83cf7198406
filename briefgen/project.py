"""Where a brief belongs: its project folder and the files it may read."""

from __future__ import annotations

from pathlib import Path

CONFIG_NAME = "briefgen.toml"
BRIEF_SUFFIXES = (".yaml", ".yml")  # what a folder of briefs is searched for
_MARKERS = ("seeds", "pyproject.toml", CONFIG_NAME)


def project_root(brief: Path) -> Path | None:
    """The nearest folder at or above the brief's folder that marks a project."""
    here = brief.resolve().parent
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in _MARKERS):
            return folder
    return None


def readable_roots(brief: Path) -> list[Path]:
    """The folders a brief may read from: its own, and its project's."""
    roots = [brief.resolve().parent]
    root = project_root(brief)
    if root is not None and root not in roots:
        roots.append(root)
    return roots


def resolved(path: Path) -> Path | None:
    """`path` with every symlink followed, or None where that cannot be done (a loop)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


def inside(path: Path, roots: list[Path]) -> bool:
    """True if `path`, with symlinks resolved, lies within one of `roots`."""
    real = resolved(path)
    return real is not None and any(real.is_relative_to(root) for root in roots)


def local_source(brief: Path, local_path: str) -> Path | None:
    """The file a source's `local_path` names, if it is a regular file the brief may read."""
    path = brief.resolve().parent / local_path
    if not path.exists() or not inside(path, readable_roots(brief)):
        return None
    real = resolved(path)
    return real if real is not None and real.is_file() else None
