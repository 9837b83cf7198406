"""The PDF carries its brief: extract gives back the exact YAML and sources it was built from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import SEED, SEED_SOURCE
from pypdf import PdfReader

SEED_ID = "idlib-talks-2020-02-20"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_pdf_embeds_the_yaml_and_its_sources(seed_outputs: Path) -> None:
    attachments = PdfReader(seed_outputs / f"{SEED_ID}.pdf").attachments
    assert attachments[SEED.name] == [SEED.read_bytes()]
    assert attachments[SEED_SOURCE.name] == [SEED_SOURCE.read_bytes()]


def test_extract_round_trip_then_rebuild(seed_outputs: Path, tmp_path: Path) -> None:
    """What extract gives back builds, in another folder, at another moment and in another
    process, to the very bytes of the run's shared build: same input, same outputs."""
    result = run("extract", str(seed_outputs / f"{SEED_ID}.pdf"), "--out", "recovered",
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    recovered = tmp_path / "recovered"
    assert (recovered / SEED.name).read_bytes() == SEED.read_bytes()
    assert (recovered / SEED_SOURCE.name).read_bytes() == SEED_SOURCE.read_bytes()
    rebuilt = run("build", str(recovered / SEED.name), "--out", "again", cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    for suffix in ("md", "html", "pdf"):
        first = (seed_outputs / f"{SEED_ID}.{suffix}").read_bytes()
        assert first == (tmp_path / "again" / f"{SEED_ID}.{suffix}").read_bytes(), suffix


def test_extract_never_overwrites(seed_outputs: Path, tmp_path: Path) -> None:
    (tmp_path / SEED.name).write_text("my edits", encoding="utf-8")
    result = run("extract", str(seed_outputs / f"{SEED_ID}.pdf"), cwd=tmp_path)
    assert result.returncode == 1
    assert f"not overwriting {SEED.name}" in result.stderr
    assert (tmp_path / SEED.name).read_text(encoding="utf-8") == "my edits"
    assert not (tmp_path / SEED_SOURCE.name).exists()


def test_extract_refuses_a_pdf_without_a_brief(tmp_path: Path) -> None:
    from weasyprint import HTML

    (tmp_path / "plain.pdf").write_bytes(HTML(string="<p>hello</p>").write_pdf())
    (tmp_path / "junk.pdf").write_bytes(b"not a pdf at all")
    plain = run("extract", "plain.pdf", cwd=tmp_path)
    assert plain.returncode == 1
    assert "this PDF carries no briefgen brief" in plain.stderr
    junk = run("extract", "junk.pdf", cwd=tmp_path)
    assert junk.returncode == 1 and "not a readable PDF" in junk.stderr
    assert "Traceback" not in plain.stderr + junk.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.pdf", "plain.pdf"]


def _root(pdf: Path) -> tuple[dict, str]:
    root = PdfReader(pdf).trailer["/Root"]
    return root, root["/Metadata"].get_object().get_data().decode("utf-8")


def _structure_types(node: object, found: set[str]) -> set[str]:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            _structure_types(kid, found)
    return found


def test_pdf_a_3b_identifies_itself_and_keeps_the_attachments(shared_builds: Any) -> None:
    pdf = shared_builds.get(SEED, variant="pdf/a-3b") / f"{SEED_ID}.pdf"
    root, xmp = _root(pdf)
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert "/OutputIntents" in root and "/AF" in root
    assert set(PdfReader(pdf).attachments) == {SEED.name, SEED_SOURCE.name}


def test_pdf_ua_1_is_tagged_with_language_and_real_structure(shared_builds: Any) -> None:
    root, xmp = _root(shared_builds.get(SEED, variant="pdf/ua-1") / f"{SEED_ID}.pdf")
    assert 'pdfuaid:part="1"' in xmp and "<dc:title>" in xmp
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]) == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    types = _structure_types(root["/StructTreeRoot"], set())
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/Table", "/TR", "/TH", "/TD", "/Figure"} <= types
