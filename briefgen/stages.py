"""What the stages of a build hand each other, and what a build returns.

discover finds paths; the schedule turns each into a `Task` (or a result,
for a brief whose outputs are current); a worker loads, validates and
renders a task into a `Rendered` brief (or a result, when it is refused);
the writer writes a `Rendered` brief and says what happened in a
`BriefResult`. Nothing here does any work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.errors import Problem, UsageError
from briefgen.project.branding import Branding
from briefgen.project.config import no_config
from briefgen.project.themes import DEFAULT_THEME

if TYPE_CHECKING:
    from briefgen.project.config_model import Defaults
    from briefgen.reading.revisions import Older

DEFAULT_FORMATS = ("md", "html", "pdf")  # what a build writes when nothing names formats
FORMATS = (*DEFAULT_FORMATS, "docx", "json", "csv")  # every format briefgen writes


def parse_formats(text: str) -> tuple[str, ...]:
    """`md,pdf` -> ("md", "pdf"); refuses a format briefgen does not write."""
    wanted = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise UsageError(f"--format takes a comma-separated list of {', '.join(FORMATS)}; "
                         f"got '{text}'")
    return wanted


@dataclass(frozen=True)
class Options:
    """What to build: the formats, the PDF variant if one is wanted, whether to rebuild
    briefs whose outputs are already current, and the earlier version (a file or a git
    revision) that a "What changed" box compares each brief with."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    pdf_variant: str | None = None
    force: bool = False
    since: str | None = None
    theme: str | None = None  # None: the project's configured theme, else "brief"
    audiences: tuple[str, ...] = ()  # TLP levels to release a version for, beside the full one


@dataclass(frozen=True)
class Setup:
    """What a project gives each of its briefs in one build, worked out once: the theme,
    the default markings, the branding (its logo read and checked once, not per brief),
    and the fingerprint of everything outside a brief that shapes its outputs."""

    theme: str = DEFAULT_THEME
    defaults: Defaults = field(default_factory=lambda: no_config().defaults)
    house: Branding = Branding()
    fingerprint: str = ""


@dataclass(frozen=True)
class Task:
    """One brief to load, validate and render, as a worker process receives it."""

    index: int  # its place among the briefs found, which fixes the order of writing
    path: Path
    out_dir: Path
    options: Options
    setup: Setup = field(default_factory=Setup)
    older: Older | None = None
    key: str = ""  # the cache key its outputs will be recorded under
    record: str = "brief"  # which cache record: one per theme and set of formats


@dataclass
class Rendered:
    """A brief rendered in memory by a worker, for the parent to claim, write and record."""

    path: Path
    meta_id: str
    meta_id_at: tuple[str, int, int]  # where meta.id is written: file, line, column
    source: bytes
    outputs: dict[Path, bytes]
    inputs: list[Path]
    warnings: list[Problem]
    worker: int | None = None
    summary: dict[str, Any] = field(default_factory=dict)  # what the desk index shows of it


@dataclass
class BriefResult:
    """What happened to one brief."""

    path: Path
    status: str  # "built", "current" (skipped, outputs up to date), "checked", "refused", "failed"
    outputs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)  # earlier outputs a refusal left in place
    error: str | None = None
    worker: int | None = None  # the process id that rendered it, when it was rendered


@dataclass
class BuildReport:
    results: list[BriefResult] = field(default_factory=list)
    index: list[Path] = field(default_factory=list)  # the desk index's files, when written
    index_error: str | None = None  # why the desk index could not be written

    @property
    def ok(self) -> bool:
        return self.index_error is None and all(r.status in ("built", "checked", "current")
                                                for r in self.results)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


Progress = Callable[[BriefResult, int, int], None]  # a result, how many are done, of how many
