"""Atomic writes: a file is replaced whole or not at all, and create-only never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.writing import atomic
from briefgen.writing.atomic import TEMP_SUFFIX, remove_stale_temps, write_atomic, write_new


def test_a_write_replaces_the_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "brief.html"
    write_atomic(target, b"first version, the longer of the two")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["brief.html"]


def test_a_failed_rename_keeps_the_old_file_and_removes_the_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"last good")

    def refuse(self: Path, other: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(target, b"half")
    assert target.read_bytes() == b"last good"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_create_only_refuses_a_file_that_exists_and_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "recovered.yaml"
    write_new(target, b"mine")
    with pytest.raises(FileExistsError):
        write_new(target, b"theirs")
    assert target.read_bytes() == b"mine"
    assert [p.name for p in tmp_path.iterdir()] == ["recovered.yaml"]


def test_a_killed_build_s_temporaries_are_swept_for_that_output_only(tmp_path: Path) -> None:
    mine = tmp_path / f".brief.md.abc{TEMP_SUFFIX}"
    other = tmp_path / f".other.md.abc{TEMP_SUFFIX}"
    mine.write_bytes(b"x")
    other.write_bytes(b"x")
    remove_stale_temps(tmp_path, "brief.md")
    assert not mine.exists() and other.exists()
    remove_stale_temps(tmp_path / "missing", "brief.md")  # no folder: nothing to do


def test_an_output_name_is_matched_as_written_not_as_a_pattern(tmp_path: Path) -> None:
    kept = [tmp_path / "brief[1].md", tmp_path / f".brief1.md.abc{TEMP_SUFFIX}",
            tmp_path / ".brief[1].md.abc"]
    swept = tmp_path / f".brief[1].md.abc{TEMP_SUFFIX}"
    for path in (*kept, swept):
        path.write_bytes(b"x")
    remove_stale_temps(tmp_path, "brief[1].md")
    assert not swept.exists() and all(path.exists() for path in kept)


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    write_atomic(target, b"text")
    assert target.stat().st_mode & 0o777 == 0o666 & ~atomic._umask()
