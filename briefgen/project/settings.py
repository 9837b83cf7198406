"""What a command builds when its command line leaves things out: the project's settings.

`briefgen build`, `check`, `watch` and `serve` take their briefs, output
folder and formats from the command line first, then from the briefgen.toml
of the project the working folder belongs to, then the built-in defaults.
Paths in the file are relative to its folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import UsageError
from briefgen.project.config import find_project

DEFAULT_FORMATS = ("md", "html", "pdf")


@dataclass(frozen=True)
class Settings:
    """The briefs to build, where to write them and which formats, every one decided."""

    paths: list[Path]
    out: Path
    formats: str  # comma-separated, as typed on the command line
    audiences: tuple[str, ...] = ()  # TLP levels to release a version for


def settings(paths: list[Path], out: Path | None, formats: str | None,
             cwd: Path | None = None, audiences: list[str] | None = None) -> Settings:
    """Fill in what the command line left out, for a command run in `cwd`."""
    here = cwd or Path.cwd()
    project = find_project(here)
    build = project.config.build
    # Paths in briefgen.toml are relative to its folder; without one, to the working folder.
    root = project.root if project.file is not None and project.file.is_file() else here
    if not paths:
        paths = [_typed(root / p, here) for p in build.briefs] if build.briefs else []
    if not paths:
        if not (root / "seeds").is_dir():
            raise UsageError("no PATH given and there is no seeds/ folder here; "
                             "give a brief or a folder of briefs")
        paths = [_typed(root / "seeds", here)]
    if out is None:
        out = _typed(root / (build.out or "output"), here)
    if formats is None:
        formats = ",".join(build.formats or DEFAULT_FORMATS)
    if audiences is None:
        audiences = build.audiences or []
    return Settings(paths, out, formats, tuple(dict.fromkeys(audiences)))


def _typed(path: Path, cwd: Path) -> Path:
    """`path` relative to the working folder where it lies below it, as a user would type it."""
    try:
        return path.resolve().relative_to(cwd.resolve())
    except ValueError:
        return path
