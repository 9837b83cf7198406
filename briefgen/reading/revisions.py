"""Load two versions of a brief to compare: two files, or a file and a committed version."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefError, UsageError, display_path
from briefgen.project.paths import BRIEF_SUFFIXES


class RevisionError(BriefError):
    """The older version cannot be had: not a git checkout, no such revision or file."""


@dataclass(frozen=True)
class Older:
    """An earlier version of a brief, as bytes, with the name its problems are reported under."""

    data: bytes
    name: str
    rev: str | None  # None when the earlier version is a file


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed, so a revision cannot be read") from None


def _in_repository(path: Path) -> tuple[Path, str]:
    """The top of the git checkout holding `path`, and `path` relative to it."""
    found = _git(["rev-parse", "--show-toplevel"], path.resolve().parent)
    if found.returncode != 0:
        raise RevisionError(f"{display_path(path)} is not in a git checkout, so it has no "
                            "committed versions")
    top = Path(found.stdout.decode("utf-8", "replace").strip()).resolve()
    return top, path.resolve().relative_to(top).as_posix()


def _detail(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode("utf-8", "replace").strip() or "git failed"


def committed(path: Path, rev: str, where: tuple[Path, str] | None = None) -> bytes:
    """The bytes of `path` as committed at `rev`, read with `git show`; `where` is the
    checkout and relative path, when the caller already asked git for them."""
    top, relative = where or _in_repository(path)
    shown = _git(["show", f"{rev}:{relative}"], top)
    if shown.returncode != 0:
        raise RevisionError(f"cannot read {display_path(path)} at '{rev}': {_detail(shown)}")
    return shown.stdout


def since_is_file(since: str) -> bool:
    """Whether `--since` names an older file rather than a git revision."""
    return Path(since).is_file() or since.endswith(BRIEF_SUFFIXES)


def older_version(path: Path, since: str) -> Older | None:
    """The version of `path` that `--since` names: a file, or the file as committed at a
    git revision. None when the brief is newer than that revision."""
    if since_is_file(since):
        try:
            return Older(Path(since).read_bytes(), display_path(Path(since)), None)
        except OSError as exc:
            raise UsageError(f"--since {since}: {exc.strerror}") from None
    top, relative = _in_repository(path)
    known = _git(["rev-parse", "--verify", "--quiet", f"{since}^{{commit}}"], top)
    if known.returncode != 0:
        raise UsageError(f"--since {since}: no such file, and no such revision in the git "
                         f"checkout at {display_path(top)}")
    if _git(["cat-file", "-e", f"{since}:{relative}"], top).returncode != 0:
        return None
    return Older(committed(path, since, (top, relative)), f"{since}:{display_path(path)}",
                 since)
