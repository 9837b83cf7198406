"""The write stage: ids are claimed in order, a duplicate is refused at its meta.id, and an
output whose bytes did not change is left untouched."""

from __future__ import annotations

from pathlib import Path

from briefgen.stages import Options, Rendered, Task
from briefgen.writing.outputs import Claims, earlier_outputs, write_rendered


def _rendered(path: Path, out: Path, text: bytes = b"# brief\n") -> Rendered:
    return Rendered(path, "idlib", (path.name, 3, 7), b"schema: briefgen/1\n",
                    {out / "idlib.md": text}, [], [])


def _task(path: Path, out: Path) -> Task:
    return Task(0, path, out, Options(formats=("md",)))


def test_the_first_brief_holds_its_id() -> None:
    claims = Claims()
    assert claims.claim("idlib", Path("a.yaml")) == Path("a.yaml")
    assert claims.claim("idlib", Path("b.yaml")) == Path("a.yaml")
    assert claims.claim("idlib", Path("a.yaml")) == Path("a.yaml")


def test_a_second_brief_with_the_same_id_is_refused_at_its_meta_id(tmp_path: Path) -> None:
    out = tmp_path / "out"
    claims = Claims()
    first = write_rendered(_rendered(tmp_path / "a.yaml", out), _task(tmp_path / "a.yaml", out),
                           claims)
    assert first.status == "built" and (out / "idlib.md").read_bytes() == b"# brief\n"
    second = write_rendered(_rendered(tmp_path / "b.yaml", out, b"# other\n"),
                            _task(tmp_path / "b.yaml", out), claims)
    assert second.status == "refused"
    [problem] = second.problems
    assert (problem.file, problem.line, problem.col, problem.path) == ("b.yaml", 3, 7, "meta.id")
    assert "'idlib' is also the id of" in problem.message
    assert (out / "idlib.md").read_bytes() == b"# brief\n"  # the first brief's output stays
    assert second.stale == [out / "idlib.md"]


def test_the_same_bytes_are_not_written_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    brief = tmp_path / "a.yaml"
    write_rendered(_rendered(brief, out), _task(brief, out), Claims())
    before = (out / "idlib.md").stat().st_mtime_ns
    again = write_rendered(_rendered(brief, out), _task(brief, out), Claims())
    assert again.status == "built" and (out / "idlib.md").stat().st_mtime_ns == before


def test_a_refused_brief_names_the_earlier_outputs_it_leaves(tmp_path: Path) -> None:
    (tmp_path / "idlib.md").write_text("old", encoding="utf-8")
    (tmp_path / "idlib.one-pager.md").write_text("old", encoding="utf-8")
    data = {"meta": {"id": "idlib"}}
    assert earlier_outputs(data, tmp_path, ("md", "pdf"), "brief") == [tmp_path / "idlib.md"]
    assert earlier_outputs(data, tmp_path, ("md",), "one-pager") == \
        [tmp_path / "idlib.one-pager.md"]
    assert earlier_outputs({"meta": {"id": "../x"}}, tmp_path, ("md",), "brief") == []
    assert earlier_outputs(None, tmp_path, ("md",), "brief") == []


def test_the_earlier_outputs_of_a_format_with_two_files_are_both_named(tmp_path: Path) -> None:
    names = ["idlib.json", "idlib.figures.csv", "idlib.risks.csv",
             "idlib.one-pager.tlp-clear.figures.csv"]
    for name in names:
        (tmp_path / name).write_text("old", encoding="utf-8")
    data = {"meta": {"id": "idlib"}}
    assert earlier_outputs(data, tmp_path, ("json", "csv"), "brief") == \
        [tmp_path / name for name in names[:3]]
    assert earlier_outputs(data, tmp_path, ("csv",), "one-pager", ("clear",)) == \
        [tmp_path / names[3]]
