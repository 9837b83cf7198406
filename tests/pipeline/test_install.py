"""A plain, non-editable `pip install .` works from any folder and finds its templates."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from conftest import ROOT

from bench.generate import SIZES, write_briefs


def test_wheel_install_builds_from_another_folder(tmp_path: Path) -> None:
    """The installed wheel builds, in every default format, a generated four-page brief that
    quotes its source (laid out in half the seed's time: the templates, styles and fonts it
    needs from the wheel are the same)."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    wheel = next(wheels.glob("briefgen-*.whl"))
    env_dir = tmp_path / "venv"
    # Reuse the dependencies already installed here; install briefgen itself from the wheel.
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--force-reinstall", str(wheel)], check=True,
                   capture_output=True)
    work = tmp_path / "elsewhere"
    write_briefs(work / "briefs", 1, SIZES["small"], 7, "gen")
    result = subprocess.run([str(env_dir / "bin" / "briefgen"), "build", "briefs", "--out", "out"],
                            cwd=work, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert {p.suffix for p in (work / "out").iterdir() if p.is_file()} == {".md", ".html", ".pdf",
                                                                          ".xml"}  # the feed
    location = subprocess.run([str(python), "-c", "import briefgen; print(briefgen.__file__)"],
                              cwd=work, capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in location, "the test ran the checkout, not the installed wheel"
    # the skeleton `briefgen new` writes names the format and the guide inside the wheel
    made = subprocess.run([str(env_dir / "bin" / "briefgen"), "new", "fresh"], cwd=work,
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    header = (work / "fresh.yaml").read_text(encoding="utf-8").split("\n\n")[0]
    named = [Path(line.split(": ", 1)[1]) for line in header.splitlines()
             if line.startswith(("# The format in full: ", "# The guide"))]
    assert len(named) == 2 and all(p.is_file() and env_dir in p.parents for p in named), header
