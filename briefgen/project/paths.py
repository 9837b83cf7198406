"""Where things are: a brief's project folder, the files it may read, and the built-in
templates, styles and fonts, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import RenderError

CONFIG_NAME = "briefgen.toml"
PAPER = {"A4": "A4", "A5": "A5", "letter": "letter", "legal": "legal"}  # [style] paper
BRIEF_SUFFIXES = (".yaml", ".yml")  # what a folder of briefs is searched for
_MARKERS = ("seeds", "pyproject.toml", CONFIG_NAME)
_PACKAGE = Path(__file__).resolve().parent.parent


def project_root(brief: Path) -> Path | None:
    """The project a brief belongs to: the root of the folder it is in."""
    return folder_root(brief.resolve().parent)


def folder_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that marks a project (a seeds/ folder, a
    pyproject.toml or a briefgen.toml): the one rule for a brief and for the command line."""
    here = start.resolve()
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


def builtin_dir(name: str) -> Path:
    """`templates`, `styles`, `fonts` or `docs`: inside the wheel, else at the top of the
    checkout."""
    installed = _PACKAGE / "_builtin" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def search_path(name: str, project: Path | None) -> list[Path]:
    """The folders searched for a template or style, first match wins."""
    folders = [project / name] if project is not None and (project / name).is_dir() else []
    builtin = builtin_dir(name)
    return [f for f in folders if f.resolve() != builtin.resolve()] + [builtin]


def find_style(filename: str, project: Path | None) -> Path:
    """The first `styles/<filename>` on the search path; names every place looked if none."""
    tried = search_path("styles", project)
    for folder in tried:
        if (folder / filename).is_file():
            return folder / filename
    raise RenderError(f"style '{filename}' not found; looked in "
                      + ", ".join(str(f) for f in tried))
