"""A project of its own: `briefgen init`, briefgen.toml's branding and defaults, and overrides
that survive an upgrade of briefgen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def _png() -> bytes:
    """A small logo: a crimson square."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), "#8a1538").save(out, "PNG")
    return out.getvalue()


PNG = _png()
EXAMPLE_ID = "example-idlib-talks"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=180)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def org(tmp_path: Path) -> Path:
    result = run("init", "org", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "org"


def configure(project: Path, text: str) -> None:
    (project / "briefgen.toml").write_text(text, encoding="utf-8")


def test_init_makes_a_project_that_builds_at_once(org: Path) -> None:
    for name in ("briefgen.toml", "seeds/example-brief.yaml", "brief.schema.json",
                 ".gitignore", "templates/README.md", "styles/README.md"):
        assert (org / name).is_file(), name
    assert (org / "output").is_dir()
    result = run("build", cwd=org)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning") == 0, result.stderr
    for ext in ("md", "html", "pdf"):
        assert (org / "output" / f"{EXAMPLE_ID}.{ext}").stat().st_size > 1000
    assert "Russia and Turkey" in pdf_text(org / "output" / f"{EXAMPLE_ID}.pdf")


def test_init_never_overwrites_and_then_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "briefgen.toml").write_text("# ours\n", encoding="utf-8")
    result = run("init", "desk", cwd=tmp_path)
    assert result.returncode == 1
    assert "desk/briefgen.toml already exists" in result.stderr
    assert "wrote nothing" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["briefgen.toml"]
    assert (folder / "briefgen.toml").read_text(encoding="utf-8") == "# ours\n"


BRANDED = """\
[organisation]
name = "Atlantic Crisis Desk"
logo = "branding/logo.png"

[style]
accent = "#8a1538"
paper = "letter"

[defaults]
classification = "internal"

[build]
briefs = ["seeds"]
out = "output"
formats = ["html", "pdf"]
"""


def test_branding_comes_from_the_configuration(org: Path) -> None:
    (org / "branding").mkdir()
    (org / "branding" / "logo.png").write_bytes(PNG)
    configure(org, BRANDED)
    brief = org / "seeds" / "example-brief.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace(
        "  classification: public\n", ""), encoding="utf-8")
    result = run("build", cwd=org)
    assert result.returncode == 0, result.stderr
    assert sorted(p.suffix for p in (org / "output").glob(f"{EXAMPLE_ID}.*")) == [".html", ".pdf"]
    html = (org / "output" / f"{EXAMPLE_ID}.html").read_text(encoding="utf-8")
    assert '<span class="organisation">Atlantic Crisis Desk</span>' in html
    assert 'src="data:image/png;base64,' in html
    assert "--accent: #8a1538" in html
    pdf = org / "output" / f"{EXAMPLE_ID}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(letter)" in info
    text = pdf_text(pdf)
    assert "Atlantic Crisis Desk" in text and "INTERNAL" in text


def test_a_brief_s_own_marking_beats_the_default(org: Path) -> None:
    configure(org, '[defaults]\nclassification = "restricted"\n')
    assert run("build", "--format", "html", cwd=org).returncode == 0
    html = (org / "output" / f"{EXAMPLE_ID}.html").read_text(encoding="utf-8")
    assert "classification-public" in html and "RESTRICTED" not in html


def test_the_command_line_wins_over_the_configuration(org: Path) -> None:
    configure(org, BRANDED.replace('logo = "branding/logo.png"\n', ""))
    result = run("build", "--out", "elsewhere", "--format", "md", cwd=org)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (org / "elsewhere").glob("*.md")) == [f"{EXAMPLE_ID}.md",
                                                                        "index.md"]
    assert not list((org / "output").glob("*.*"))


def test_changing_the_configuration_or_the_logo_rebuilds(org: Path) -> None:
    (org / "branding").mkdir()
    (org / "branding" / "logo.png").write_bytes(PNG)
    configure(org, BRANDED.replace('formats = ["html", "pdf"]', 'formats = ["html"]'))
    assert "built" in run("build", cwd=org).stdout
    assert "current" in run("build", cwd=org).stdout
    (org / "branding" / "logo.png").write_bytes(PNG + b"\0")
    assert "built" in run("build", cwd=org).stdout
    configure(org, (org / "briefgen.toml").read_text().replace("#8a1538", "#123456"))
    assert "built" in run("build", cwd=org).stdout
    assert "--accent: #123456" in (org / "output" / f"{EXAMPLE_ID}.html").read_text()


@pytest.mark.parametrize(("text", "says"), [
    ('[style]\nacent = "#8a1538"\n', "briefgen.toml:2:1: style.acent: unknown key 'acent'; "
                                     "did you mean 'accent'?"),
    ('[style]\naccent = "crimson"\n', "briefgen.toml:2:1: style.accent: 'crimson' is not a "
                                      "colour written as #rgb or #rrggbb"),
    ('[organisation]\nname = Atlantic\n', "briefgen.toml:2:8: not valid TOML"),
    ('[defaults]\nclassification = "secret"\n', "briefgen.toml:2:1: defaults.classification: "
                                                "'secret' is not one of"),
    ('[organisation]\nlogo = "../logo.png"\n', "briefgen.toml:2:1: organisation.logo: "
                                               "'../logo.png' is outside the project folder"),
    ('[organisation]\nlogo = "seeds/example-brief.yaml"\n',
     "is not a PNG, JPEG or SVG image"),
    ('[organisation]\nlogo = "seeds/broken.png"\n', "is a damaged or truncated image"),
    ('[build]\ntheme = "poster"\n', "no theme 'poster'"),
])
def test_a_mistake_in_the_configuration_is_refused_with_its_place(org: Path, text: str,
                                                                  says: str) -> None:
    (org.parent / "logo.png").write_bytes(PNG)
    (org / "seeds" / "broken.png").write_bytes(PNG[:60])
    configure(org, text)
    result = run("build", cwd=org)
    assert result.returncode in (1, 2), result.stderr
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((org / "output").iterdir())


def _checkout_copy(target: Path) -> Path:
    """briefgen as a source checkout in `target`: its package and its built-in files."""
    for name in ("briefgen", "templates", "styles", "fonts"):
        shutil.copytree(ROOT / name, target / name,
                        ignore=shutil.ignore_patterns("__pycache__", "_builtin"))
    return target


def test_an_override_survives_an_upgrade_of_the_other_files(org: Path, tmp_path: Path) -> None:
    """The project overrides one block; a new briefgen changes another block and a style."""
    briefgen = _checkout_copy(tmp_path / "briefgen-checkout")
    env = {**os.environ, "PYTHONPATH": str(briefgen)}
    (org / "templates" / "brief.html.j2").write_text(
        '{% extends "builtin/brief.html.j2" %}\n'
        '{% block banner %}<p class="house-banner">HOUSE BANNER</p>{% endblock %}\n',
        encoding="utf-8")
    assert run("build", "--format", "html", cwd=org, env=env).returncode == 0
    html = (org / "output" / f"{EXAMPLE_ID}.html").read_text(encoding="utf-8")
    assert "HOUSE BANNER" in html and "UPGRADED" not in html
    builtin = briefgen / "templates" / "brief.html.j2"
    text = builtin.read_text(encoding="utf-8")
    assert "{% block contents %}" in text
    builtin.write_text(text.replace("{% block contents %}",
                                    "{% block contents %}<p>UPGRADED TEMPLATE</p>", 1),
                       encoding="utf-8")
    style = briefgen / "styles" / "brief.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n.upgraded-style { }\n",
                     encoding="utf-8")
    result = run("build", "--format", "html", cwd=org, env=env)
    assert result.returncode == 0 and "built" in result.stdout, result.stderr
    html = (org / "output" / f"{EXAMPLE_ID}.html").read_text(encoding="utf-8")
    assert "HOUSE BANNER" in html
    assert "UPGRADED TEMPLATE" in html and ".upgraded-style" in html
