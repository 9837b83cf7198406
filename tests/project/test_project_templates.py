"""A project's own templates and styles: they take precedence, and their mistakes are reported.

The whole matrix of template mistakes runs the command line in this process
(`briefgen.commands.cli.main`), which prints exactly what the real one does; the
other tests run the real `briefgen` in a process of its own.

A project (the folder holding `seeds/`, `pyproject.toml` or `briefgen.toml`
above the brief) may override the built-in templates and styles file by
file. A template that does not parse, or fails while it renders, is the
template author's mistake, not a bug in briefgen: `briefgen build` names
the template file and line, exits 1, shows no traceback and writes nothing.
A style that cannot be found names every folder that was searched.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTRACT

from briefgen.build import build
from briefgen.errors import RenderError
from briefgen.project.paths import builtin_dir, find_style
from briefgen.rendering import outputs as render

MINIMAL = CONTRACT / "minimal" / "minimal.yaml"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command line, in its own process."""
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)


def run_here(*args: str, cwd: Path, capsys: pytest.CaptureFixture[str],
             monkeypatch: pytest.MonkeyPatch) -> subprocess.CompletedProcess[str]:
    """The same command line in this process: the same output, a second faster."""
    from briefgen.commands.cli import main

    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(["briefgen", *args], code, captured.out, captured.err)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the minimal brief in seeds/ and empty templates/ and styles/ folders."""
    root = tmp_path / "proj"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "minimal.yaml").write_bytes(MINIMAL.read_bytes())
    (root / "templates").mkdir()
    (root / "styles").mkdir()
    return root


def outputs(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".md", ".html", ".pdf")
                  and not p.name.startswith("index."))  # the desk index is not a brief's


def assert_clear_failure(result: subprocess.CompletedProcess[str], template: Path,
                         line: int) -> None:
    """Exit 1, the file and line named, no traceback, and 'nothing written'."""
    stderr = result.stderr
    assert result.returncode == 1, (result.returncode, stderr)
    assert "Traceback" not in stderr + result.stdout, stderr
    assert "internal error" not in stderr, stderr
    assert f"{template.resolve()}:{line}" in stderr or f"{template.name}:{line}" in stderr, stderr
    assert "failed; nothing written" in stderr, stderr


# --- Precedence ------------------------------------------------------------------

def test_a_project_template_replaces_the_built_in_one(project: Path) -> None:
    (project / "templates" / "brief.md.j2").write_text(
        "CUSTOM MARKDOWN for {{ brief.meta.id }}: {{ brief.meta.title }}\n", encoding="utf-8")
    result = run("build", "--format", "md,html", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "output" / "minimal.md").read_text(encoding="utf-8") == \
        "CUSTOM MARKDOWN for minimal: Minimal brief\n"
    assert "<!DOCTYPE html>" in (project / "output" / "minimal.html").read_text(encoding="utf-8")


def test_a_project_template_can_extend_the_one_it_replaces(project: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    assert build([MINIMAL], plain, ("html",)).ok
    (project / "templates" / "brief.html.j2").write_text(
        '{% extends "builtin/brief.html.j2" %}\n', encoding="utf-8")
    assert run("build", "--format", "html", cwd=project).returncode == 0
    assert (project / "output" / "minimal.html").read_bytes() == \
        (plain / "minimal.html").read_bytes()
    builtin = (builtin_dir("templates") / "brief.html.j2").read_text(encoding="utf-8")
    block = re.search(r"{%-?\s*block\s+(\w+)", builtin)
    assert block is not None, "the built-in HTML template must offer blocks to override"
    (project / "templates" / "brief.html.j2").write_text(
        '{% extends "builtin/brief.html.j2" %}\n'
        f"{{% block {block[1]} %}}<p>OVERRIDDEN BLOCK</p>{{% endblock %}}\n", encoding="utf-8")
    assert run("build", "--format", "html", cwd=project).returncode == 0
    assert "<p>OVERRIDDEN BLOCK</p>" in (project / "output" / "minimal.html").read_text("utf-8")


def test_a_project_style_replaces_the_built_in_one(project: Path) -> None:
    (project / "styles" / "screen.css").write_text("/* PROJECT SCREEN STYLE */\n",
                                                   encoding="utf-8")
    assert run("build", "--format", "html", cwd=project).returncode == 0
    page = (project / "output" / "minimal.html").read_text(encoding="utf-8")
    assert "/* PROJECT SCREEN STYLE */" in page
    builtin_brief = (builtin_dir("styles") / "brief.css").read_text(encoding="utf-8")
    assert builtin_brief.strip()[:200] in page  # the others still come from the built-ins


# --- Template errors ------------------------------------------------------------

SYNTAX_ERRORS = {
    "unclosed-tag": ("<p>\n{% if brief.meta.title %}\n<b>\n", 3),  # where the file ends
    "empty-if": ("line one\nline two\n{% if %}\n", 3),
    "unknown-tag": ("one\n{% frobnicate %}\n", 2),
    "unclosed-expression": ("one\ntwo\nthree {{ brief.meta.title \n", 3),
    "unknown-filter": ("one\n{{ brief.meta.title | no_such_filter }}\n", 2),
    "endfor-without-for": ("one\n\n{% endfor %}\n", 3),
}


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("case", SYNTAX_ERRORS, ids=list(SYNTAX_ERRORS))
def test_a_template_syntax_error_names_the_file_and_line(
        case: str, fmt: str, project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    text, line = SYNTAX_ERRORS[case]
    template = project / "templates" / f"brief.{fmt}.j2"
    template.write_text(text, encoding="utf-8")
    result = run_here("build", cwd=project, capsys=capsys, monkeypatch=monkeypatch)
    assert_clear_failure(result, template, line)
    assert "syntax error" in result.stderr
    assert outputs(project / "output") == []


RUNTIME_ERRORS = [
    pytest.param("missing-field", "one\ntwo\n{{ brief.no_such_field }}\n", 3, id="missing-field"),
    pytest.param("missing-variable", "one\n{{ no_such_variable.x }}\n", 2, id="missing-variable"),
    pytest.param("missing-key", "{% set d = {} %}\none\n{{ d['k'] }}\n", 3, id="missing-key"),
    pytest.param("division", "one\ntwo\n{{ 1 / 0 }}\n", 3, id="division-by-zero"),
    pytest.param("type", "one\n{% for x in 5 %}{{ x }}{% endfor %}\n", 2, id="not-iterable"),
    pytest.param("index", "one\n\n\n{{ [].pop() }}\n", 4, id="index-error"),
    pytest.param("call", "one\n{{ brief.meta.title.upper(1, 2, 3) }}\n", 2, id="bad-call"),
    pytest.param("recursion", "{% macro r() %}{{ r() }}{% endmacro %}\n{{ r() }}\n", 1,
                 id="recursion"),
]


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize(("case", "text", "line"), RUNTIME_ERRORS)
def test_a_template_runtime_error_names_the_file_and_line(
        case: str, text: str, line: int, fmt: str, project: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    template = project / "templates" / f"brief.{fmt}.j2"
    template.write_text(text, encoding="utf-8")
    result = run_here("build", cwd=project, capsys=capsys, monkeypatch=monkeypatch)
    assert_clear_failure(result, template, line)
    assert outputs(project / "output") == []


def test_an_error_in_an_included_template_names_that_file(project: Path) -> None:
    (project / "templates" / "brief.html.j2").write_text(
        'top\n{% include "part.html.j2" %}\n', encoding="utf-8")
    part = project / "templates" / "part.html.j2"
    part.write_text("part one\npart two\n{{ brief.no_such_field }}\n", encoding="utf-8")
    assert_clear_failure(run("build", cwd=project), part, 3)
    part.write_text("part one\n{% if %}\n", encoding="utf-8")
    assert_clear_failure(run("build", cwd=project), part, 2)


def test_a_missing_included_template_names_every_folder_searched(project: Path) -> None:
    (project / "templates" / "brief.html.j2").write_text(
        'top\n{% include "no-such-part.html.j2" %}\n', encoding="utf-8")
    result = run("build", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "no-such-part.html.j2" in result.stderr
    assert str(project / "templates") in result.stderr
    # the built-in folder, wherever the briefgen that ran is installed (a checkout or a wheel)
    looked = result.stderr.split("looked in ", 1)[1].split("\n", 1)[0].split(", ")
    assert looked[-1].endswith("templates") and looked[-1] != str(project / "templates")
    assert outputs(project / "output") == []


def test_a_broken_template_leaves_the_last_good_outputs(project: Path) -> None:
    assert run("build", cwd=project).returncode == 0
    before = {name: (project / "output" / name).read_bytes()
              for name in outputs(project / "output")}
    assert len(before) == 3
    template = project / "templates" / "brief.html.j2"
    template.write_text("{{ brief.no_such_field }}\n", encoding="utf-8")
    assert_clear_failure(run("build", cwd=project), template, 1)
    after = {name: (project / "output" / name).read_bytes()
             for name in outputs(project / "output")}
    assert after == before


def test_a_template_that_is_not_utf8_is_named(project: Path) -> None:
    template = project / "templates" / "brief.html.j2"
    template.write_bytes(b"<p>caf\xe9</p>\n")
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "brief.html.j2" in result.stderr and "UTF-8" in result.stderr, result.stderr
    assert outputs(project / "output") == []


# --- Styles ---------------------------------------------------------------------

def test_a_style_that_is_not_utf8_is_named(project: Path) -> None:
    (project / "styles" / "brief.css").write_bytes(b"p { font-family: 'Caf\xe9' }\n")
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "brief.css" in result.stderr and "UTF-8" in result.stderr, result.stderr
    assert outputs(project / "output") == []


def test_a_missing_style_names_every_folder_searched(project: Path) -> None:
    with pytest.raises(RenderError) as caught:
        find_style("no-such-style.css", project)
    message = str(caught.value)
    assert "no-such-style.css" in message
    assert str(project / "styles") in message
    assert str(builtin_dir("styles")) in message
    # without a styles/ folder in the project, only the built-ins are searched, and said so
    (project / "styles").rmdir()
    with pytest.raises(RenderError) as caught:
        find_style("no-such-style.css", project)
    assert str(builtin_dir("styles")) in str(caught.value)


def test_a_missing_style_fails_the_build_cleanly(project: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A style the HTML needs but no folder holds: a failed brief, not a traceback."""
    monkeypatch.setattr(render, "STYLES", (*render.STYLES, "no-such-style.css"))
    report = build([project / "seeds" / "minimal.yaml"], tmp_path / "out", ("html",),
                   force=True)
    (result,) = report.results
    assert result.status == "failed", result
    assert "internal error" not in (result.error or "")
    assert "no-such-style.css" in result.error
    assert str(project / "styles") in result.error and str(builtin_dir("styles")) in result.error
    assert outputs(tmp_path / "out") == []


def test_a_missing_import_in_a_project_style_is_named(project: Path) -> None:
    """The PDF step names the file an @import in a project style sheet wanted."""
    pdf_css = (builtin_dir("styles") / "pdf.css").read_text(encoding="utf-8")
    (project / "styles" / "pdf.css").write_text('@import url("extra.css");\n' + pdf_css,
                                                encoding="utf-8")
    result = run("build", "--format", "pdf", cwd=project)
    assert "Traceback" not in result.stderr
    assert str(project / "styles" / "extra.css") in result.stderr, result.stderr
