"""The shipped faces: licensed, complete, and described by an up-to-date coverage file."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from conftest import ROOT

FONTS = ROOT / "fonts"


def _coverage_script():  # noqa: ANN202 - a module loaded from scripts/
    spec = importlib.util.spec_from_file_location("font_coverage",
                                                  ROOT / "scripts" / "font_coverage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_coverage_file_matches_the_shipped_faces() -> None:
    assert (FONTS / "coverage.txt").read_text(encoding="ascii") == _coverage_script().text(), \
        "fonts/coverage.txt is stale: run python scripts/font_coverage.py"


def test_every_face_in_the_stylesheet_ships_with_its_licence() -> None:
    css = (ROOT / "styles" / "pdf-fonts.css").read_text(encoding="utf-8")
    files = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    assert len(files) == 11
    for name in files:
        assert (FONTS / name).is_file(), name
    assert "SIL Open Font License" in (FONTS / "OFL-1.1.txt").read_text(encoding="utf-8")
    assert "Bitstream" in (FONTS / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_uncovered_characters_are_warned_about(tmp_path: Path) -> None:
    from conftest import SEED, SEED_SOURCE

    from briefgen.build import check

    text = SEED.read_text(encoding="utf-8").replace(
        "  title: Russia and Turkey fail", "  title: 和 Russia and Turkey fail", 1)
    (tmp_path / SEED.name).write_text(text, encoding="utf-8")
    (tmp_path / SEED_SOURCE.name).write_bytes(SEED_SOURCE.read_bytes())
    [result] = check([tmp_path / SEED.name]).results
    assert result.status == "checked"
    [warning] = result.warnings
    assert warning.path == "meta.title" and warning.warning
    assert "'和' (U+548C) cannot be set in briefgen's fonts" in warning.message
