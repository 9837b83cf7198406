"""The only stage that touches the disk: whole files, atomically, or nothing."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".briefgen-tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _written_temp(path: Path, data: bytes) -> Path:
    """`data` in a new temporary file beside `path`, flushed to disk, with normal permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(0o666 & ~_umask())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename.

    A reader, or a build killed at any moment, sees either the old file or
    the new one, never part of either.
    """
    temp = _written_temp(path, data)
    try:
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet: whole, and never over one that appeared meanwhile.

    The data goes to a temporary file first; a hard link then gives it its
    name, which fails if the name is taken, so nothing is ever overwritten.
    """
    temp = _written_temp(path, data)
    try:
        os.link(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temporary files that a killed build left behind for output `name`.

    Names are compared as strings, not globbed: a glob compiles a pattern for each output
    name, and Python's cache of compiled patterns kept ~3 of them per brief rendered, a
    worker's memory rising with every brief until the cache was full (bench/README.md
    (f)); a name holding `[` or `*` is taken as written too.
    """
    prefix = f".{name}."
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX) \
                and len(entry.name) >= len(prefix) + len(TEMP_SUFFIX):
            with contextlib.suppress(FileNotFoundError):
                Path(entry.path).unlink()
