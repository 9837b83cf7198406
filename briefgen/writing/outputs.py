"""The write stage: claim a brief's id, write its outputs whole, and record the build.

Only this process writes, in the order the briefs were found, so the
outputs never depend on which worker finished first. Two briefs with the
same `meta.id` would write the same files: the second is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.errors import Problem, display_path
from briefgen.model.values import SLUG
from briefgen.project.themes import output_names, output_stem
from briefgen.stages import BriefResult, Rendered, Task
from briefgen.writing import cache
from briefgen.writing.atomic import remove_stale_temps, write_atomic


@dataclass
class Claims:
    """Which brief holds each `meta.id` in this build."""

    holders: dict[str, Path] = field(default_factory=dict)

    def claim(self, meta_id: str, path: Path) -> Path:
        """The brief that holds `meta_id`: `path` itself, unless another took it first."""
        return self.holders.setdefault(meta_id, path)


def write_rendered(rendered: Rendered, task: Task, claims: Claims) -> BriefResult:
    """Claim the brief's id, write its outputs atomically, and record the build."""
    path, out_dir = rendered.path, task.out_dir
    other = claims.claim(rendered.meta_id, path)
    if other != path:
        file, line, col = rendered.meta_id_at
        problem = Problem(file, line, col, "meta.id",
                          f"'{rendered.meta_id}' is also the id of {display_path(other)}; "
                          "two briefs cannot write the same outputs")
        return BriefResult(path, "refused", problems=[problem],
                           stale=[p for p in rendered.outputs if p.is_file()])
    written: list[Path] = []
    target = out_dir
    try:
        for target, data in rendered.outputs.items():
            remove_stale_temps(target.parent, target.name)
            if not _holds(target, data):  # the same bytes stay untouched: no reload, no churn
                write_atomic(target, data)
            written.append(target)
    except OSError as exc:  # a full disk, a read-only folder: the user's to fix, not a bug
        done = f"; already written: {', '.join(display_path(p) for p in written)}" if written \
            else ""
        return BriefResult(path, "failed", outputs=written,
                           error=f"cannot write {display_path(target)} in "
                                 f"{display_path(out_dir)}: {exc.strerror}{done}")
    if rendered.summary:
        cache.remember_summary(out_dir, path, rendered.summary)
    cache.remember(out_dir, path, rendered.meta_id, rendered.source, rendered.inputs, task.key,
                   written, rendered.warnings, task.record)
    return BriefResult(path, "built", outputs=written, warnings=rendered.warnings,
                       worker=rendered.worker)


def _holds(path: Path, data: bytes) -> bool:
    """Whether `path` already holds exactly `data`."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def earlier_outputs(data: Any, out_dir: Path, formats: tuple[str, ...], theme: str,
                    audiences: tuple[str, ...] = ()) -> list[Path]:
    """Outputs of an earlier build that a refused brief leaves in place, now out of date;
    `data` is the brief as loaded, if it could be."""
    meta = data.get("meta") if isinstance(data, dict) else None
    ident = meta.get("id") if isinstance(meta, dict) else None
    if not isinstance(ident, str) or not SLUG.match(ident):
        return []
    stems = [output_stem(ident, theme, audience) for audience in (None, *audiences)]
    return [p for stem in stems for fmt in formats
            for p in (out_dir / name for name in output_names(stem, fmt)) if p.is_file()]
