"""The command line as a user meets it: exit codes, messages, and what lands on disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.generate import SIZES, write_briefs
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import validate

SEED_ID = "idlib-talks-2020-02-20"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_build_with_no_path_builds_seeds_into_output(tmp_path: Path) -> None:
    """A generated four-page brief and its source in seeds/ (laid out in half the seed's
    time; every format of the seed is built once for the run, in `seed_outputs`)."""
    write_briefs(tmp_path / "seeds", 1, SIZES["small"], 7, "gen")
    result = run("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for suffix in ("md", "html", "pdf"):
        assert (tmp_path / "output" / f"gen-0000.{suffix}").stat().st_size > 1000
    assert "Traceback" not in result.stderr


def test_format_and_out_options(project: Path) -> None:
    result = run("build", "seeds", "--out", "elsewhere", "--format", "md", cwd=project)
    assert result.returncode == 0, result.stderr
    written = [p.name for p in (project / "elsewhere").iterdir() if p.name != ".briefgen-cache"]
    assert sorted(written) == ["feed.xml", f"{SEED_ID}.md", "index.html", "index.md"]


def test_check_writes_nothing(project: Path) -> None:
    result = run("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "seeds/idlib-talks-2020-02-20.yaml: ok" in result.stdout
    assert not (project / "output").exists()


def test_usage_errors_exit_2(project: Path) -> None:
    assert run("build", "--format", "odt", cwd=project).returncode == 2
    assert run("build", "no-such-file.yaml", cwd=project).returncode == 2
    assert run("frobnicate", cwd=project).returncode == 2
    empty = project / "empty"
    empty.mkdir()
    result = run("build", cwd=empty)
    assert result.returncode == 2
    assert "no seeds/ folder" in result.stderr and "Traceback" not in result.stderr


def test_refused_brief_exits_1_and_keeps_last_good_outputs(project: Path) -> None:
    assert run("build", "--format", "md,html", cwd=project).returncode == 0
    before = {p.name: p.read_bytes() for p in (project / "output").iterdir() if p.is_file()}
    brief = project / "seeds" / f"{SEED_ID}.yaml"
    original = brief.read_bytes()
    brief.write_text(original.decode().replace("likelihood: likely", "likelihood: probable", 1))
    result = run("build", "--format", "md,html", cwd=project)
    assert result.returncode == 1
    assert "is not one of almost-no-chance" in result.stderr
    assert "refused (1 problem); nothing written" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p.name: p.read_bytes() for p in (project / "output").iterdir() if p.is_file()}
    assert after == before
    assert brief.read_bytes() != original  # the user's edit is still there, untouched


def test_build_never_modifies_the_brief(project: Path) -> None:
    brief = project / "seeds" / f"{SEED_ID}.yaml"
    before = (brief.read_bytes(), brief.stat().st_mtime_ns)
    assert run("build", "--format", "md", cwd=project).returncode == 0
    assert (brief.read_bytes(), brief.stat().st_mtime_ns) == before


def test_two_briefs_with_one_id_are_not_both_written(project: Path) -> None:
    seeds = project / "seeds"
    (seeds / "copy.yaml").write_bytes((seeds / f"{SEED_ID}.yaml").read_bytes())
    result = run("build", "--format", "md", cwd=project)
    assert result.returncode == 1
    assert "is also the id of seeds/copy.yaml" in result.stderr or \
        f"is also the id of seeds/{SEED_ID}.yaml" in result.stderr


def test_help_and_version(project: Path) -> None:
    result = run("--help", cwd=project)
    assert result.returncode == 0 and "build" in result.stdout and "check" in result.stdout
    assert run("--version", cwd=project).stdout.startswith("briefgen ")


def test_unwritable_output_is_a_clear_failure(project: Path) -> None:
    (project / "output").write_text("a file where the output folder should be")
    result = run("build", "--format", "md", cwd=project)
    assert result.returncode == 1
    assert "cannot write output" in result.stderr
    assert "Traceback" not in result.stderr


def test_warnings_do_not_refuse_but_are_shown_with_their_line(project: Path) -> None:
    brief = project / "seeds" / f"{SEED_ID}.yaml"
    text = brief.read_text(encoding="utf-8")
    text = text.replace("    local_path: the-national-2020-02-20-idlib-talks.txt\n", "", 1)
    links = "    See [the risks](#risks) and [this](#nowhere).\n"
    text = text.replace("  bluf: >-\n", "  bluf: >-\n" + links, 1)
    brief.write_text(text, encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any(": sources[the-national-2020-02-20-idlib-talks].id: warning: " in line
               and "not checked verbatim" in line for line in lines)
    [anchor] = [line for line in lines if "'#nowhere'" in line]
    assert anchor.startswith(f"seeds/{SEED_ID}.yaml:") and ": summary.bluf: warning: " in anchor
    assert not any("the link '#risks'" in line for line in lines)  # a section heading


def test_paths_from_the_root_are_absolute(project: Path) -> None:
    """From `/`, a path relative to the working folder (`tmp/…`) reads as a folder of its
    own: every path is shown absolute there, in what was built and in a problem."""
    seeds, out = project / "seeds", project / "out"
    result = run("build", str(seeds), "--out", str(out), "--format", "md", cwd=Path("/"))
    assert result.returncode == 0, result.stderr
    said = result.stdout + result.stderr
    assert f"{seeds / SEED_ID}.yaml: built {out / SEED_ID}.md" in said, said
    brief = seeds / f"{SEED_ID}.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("likelihood: likely",
                                                               "likelihood: probable", 1),
                     encoding="utf-8")
    result = run("check", str(brief), cwd=Path("/"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{brief}:"), result.stderr
    relative = str(brief).lstrip("/")
    assert not any(line.startswith(relative) for line in result.stderr.splitlines())


def test_check_warns_of_an_event_after_the_cut_off(project: Path) -> None:
    """meta.date is the brief's information cut-off: an event after it means one is wrong."""
    brief = project / "seeds" / f"{SEED_ID}.yaml"
    text = brief.read_text(encoding="utf-8")
    text = text.replace('  date: "2020-02-20"\n', '  date: "2020-02-10"\n', 1)
    brief.write_text(text, encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 0, result.stderr
    late = [line for line in result.stderr.splitlines() if "information cut-off" in line]
    assert late, result.stderr
    assert all(line.startswith(f"seeds/{SEED_ID}.yaml:") and "].date: warning: '2020-02-"
               in line and "is after meta.date '2020-02-10'" in line for line in late), late
    events = validate(load_brief(brief)).timeline
    after = sorted(e.date for e in events if e.date[:10] > "2020-02-10"
                   and e.kind not in ("deadline", "scheduled"))
    assert len(late) == len(after)
    # a year-only event is not after a cut-off in that year
    assert not any("'2020'" in line for line in late)


def test_json_and_csv_are_named_like_the_other_formats(project: Path) -> None:
    result = run("build", "--format", "json,csv", "--theme", "one-pager", "--audience", "clear",
                 cwd=project)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (project / "output").iterdir() if p.is_file())
    desk = [f"{name}{level}.{ext}" for level in ("", ".tlp-clear")
            for name, ext in (("index", "html"), ("index", "md"), ("feed", "xml"))]
    assert written == sorted([f"{SEED_ID}.one-pager{level}.{ext}" for level in ("", ".tlp-clear")
                              for ext in ("json", "figures.csv", "risks.csv")] + desk)
    assert f"{SEED_ID}.one-pager.figures.csv" in result.stdout
    config = project / "briefgen.toml"
    config.write_text('[build]\nformats = ["csv"]\n', encoding="utf-8")
    again = run("build", "--out", "from-config", cwd=project)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (project / "from-config").iterdir() if p.is_file()) == \
        sorted([f"{SEED_ID}.figures.csv", f"{SEED_ID}.risks.csv", "feed.xml", "index.html",
                "index.md"])
