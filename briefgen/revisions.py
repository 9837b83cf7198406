"""Load two versions of a brief to compare: two files, or a file and a committed version."""

from __future__ import annotations

import subprocess
from pathlib import Path

from briefgen.errors import BriefError, display_path
from briefgen.loader import load_brief
from briefgen.model import Brief
from briefgen.validate import validate


class RevisionError(BriefError):
    """The older version cannot be had: not a git checkout, no such revision or file."""


def committed(path: Path, rev: str) -> bytes:
    """The bytes of `path` as committed at `rev`, read with `git show`."""
    folder = path.resolve().parent
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, check=True,
                             capture_output=True, text=True).stdout.strip()
        relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
        return subprocess.run(["git", "show", f"{rev}:{relative}"], cwd=top, check=True,
                              capture_output=True).stdout
    except FileNotFoundError:
        raise RevisionError("git is not installed, so --rev cannot be read") from None
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip() \
            if isinstance(exc.stderr, bytes) else (exc.stderr or "").strip()
        raise RevisionError(f"cannot read {display_path(path)} at '{rev}': "
                            f"{detail or 'git failed'}") from None


def load_version(path: Path, rev: str | None = None) -> Brief:
    """A validated brief from a file, or from the version of that file committed at `rev`.

    An older version is checked against the sources as they are now; its
    problems are reported under the name `REV:FILE`.
    """
    if rev is None:
        return validate(load_brief(path))
    data = committed(path, rev)
    return validate(load_brief(path, data, f"{rev}:{display_path(path)}"))
