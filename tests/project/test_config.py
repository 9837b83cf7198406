"""briefgen.toml and the settings a command takes from it: mistakes at their line, paths from
the file's folder, and without a file, the working folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import BriefRefused, UsageError
from briefgen.project.config import find_project, load_project
from briefgen.project.paths import folder_root, project_root
from briefgen.project.settings import settings


def _refused(root: Path, text: str) -> list[str]:
    (root / "briefgen.toml").write_text(text, encoding="utf-8")
    with pytest.raises(BriefRefused) as refused:
        load_project(root)
    return [str(p).split("briefgen.toml:", 1)[1] for p in refused.value.problems]


def test_an_unknown_key_is_placed_and_a_near_one_suggested(tmp_path: Path) -> None:
    assert _refused(tmp_path, '[style]\naccent = "#1f3a68"\npapper = "A4"\n') == \
        ["3:1: style.papper: unknown key 'papper'; did you mean 'paper'?"]


def test_a_colour_must_be_written_as_hex(tmp_path: Path) -> None:
    [found] = _refused(tmp_path, '[style]\n\naccent = "navy"\n')
    assert found.startswith("3:1: style.accent: 'navy' is not a colour written as #rgb")


def test_a_toml_syntax_error_names_its_line(tmp_path: Path) -> None:
    [found] = _refused(tmp_path, '[organisation]\nname = "Desk\n')
    assert found.startswith("2:") and "not valid TOML" in found


def test_a_folder_without_a_file_builds_with_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    project = find_project(tmp_path / "seeds")
    assert project.root == tmp_path.resolve() and project.source == b""


def test_a_brief_and_the_command_line_find_the_same_project(tmp_path: Path) -> None:
    (tmp_path / "briefgen.toml").write_text("", encoding="utf-8")
    (tmp_path / "briefs" / "deep").mkdir(parents=True)
    brief = tmp_path / "briefs" / "deep" / "a.yaml"
    assert project_root(brief) == folder_root(tmp_path / "briefs" / "deep") == tmp_path.resolve()


def test_settings_take_paths_from_the_file_s_folder(tmp_path: Path) -> None:
    (tmp_path / "briefgen.toml").write_text(
        '[build]\nbriefs = ["desk"]\nout = "public"\nformats = ["pdf"]\n', encoding="utf-8")
    (tmp_path / "desk").mkdir()
    (tmp_path / "notes").mkdir()
    chosen = settings([], None, None, cwd=tmp_path / "notes")
    assert [p.resolve() for p in chosen.paths] == [(tmp_path / "desk").resolve()]
    assert chosen.out.resolve() == (tmp_path / "public").resolve() and chosen.formats == "pdf"
    given = settings([Path("x.yaml")], Path("o"), "md", cwd=tmp_path / "notes")
    assert (given.paths, given.out, given.formats) == ([Path("x.yaml")], Path("o"), "md")


def test_without_a_file_the_defaults_are_the_working_folder_s(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    chosen = settings([], None, None, cwd=tmp_path)
    assert chosen.paths == [Path("seeds")] and chosen.out == Path("output")
    assert chosen.formats == "md,html,pdf"
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="there is no seeds/ folder here"):
        settings([], None, None, cwd=tmp_path / "empty")
