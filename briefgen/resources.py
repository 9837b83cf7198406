"""Where briefgen's built-in templates and styles live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_dir(name: str) -> Path:
    """`templates` or `styles`: inside the wheel, else at the top of the checkout."""
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
    from briefgen.errors import RenderError

    raise RenderError(f"style '{filename}' not found; looked in "
                      + ", ".join(str(f) for f in tried))
