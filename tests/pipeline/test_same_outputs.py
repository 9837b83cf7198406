"""Every output of the seed, contract, stress and language fixtures stays exactly what it was.

The Markdown and HTML are compared byte for byte, by digest, with the
records in tests/golden/outputs/, which were first written by the briefgen
that came before the package was split into stages. A PDF is compared
through what a reader meets, never its bytes (those change with every
WeasyPrint or font release): its page count, metadata, outline,
attachments and the text of each page. After an intended change,
`python -m pytest --update-golden` rewrites the records; review their diff.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import CONTRACT, GOLDEN, ROOT, SEED, STRESS, SharedBuilds
from pypdf import PdfReader

from briefgen.build import build

LANG = ROOT / "tests" / "fixtures" / "lang"
FIXTURES = {
    "seed": SEED,
    "full": CONTRACT / "full" / "full-format.yaml",
    "minimal": CONTRACT / "minimal" / "minimal.yaml",
    "sparse": CONTRACT / "sparse" / "sparse.yaml",
    "fr": LANG / "idlib-fr.yaml",
    "ar": LANG / "idlib-ar.yaml",
    "stress": STRESS,
}
ALL = ("md", "html", "pdf")
# (fixture, theme, --since, formats): every fixture in both themes, Markdown and HTML; the PDF
# where its layout differs most: the English and Arabic seed, and the stress brief (which the
# one-pager refuses after laying it out). The other PDFs are laid out from HTML checked here.
PDF_TOO = ("seed", "ar", "stress")
CASES = [(name, theme, None, ALL if name in PDF_TOO else ("md", "html"))
         for theme in ("brief", "one-pager") for name in FIXTURES] + [
    ("seed", "brief", "fr", ("md", "html"))]
RECORDS = GOLDEN / "outputs"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _titles(items: list[object]) -> list[object]:
    return [_titles(item) if isinstance(item, list) else item.title for item in items]


def _pdf_reading(path: Path) -> dict[str, object]:
    """What a reader of the PDF meets: pages, metadata, outline, attachments, text."""
    reader = PdfReader(path)
    return {"pages": len(reader.pages),
            "metadata": {key: str(value) for key, value in (reader.metadata or {}).items()},
            "outline": _titles(reader.outline),
            "attachments": {name: _digest(data[0]) for name, data in reader.attachments.items()},
            "text": [_digest(page.extract_text().encode()) for page in reader.pages]}


def _reading(paths: list[Path]) -> dict[str, object]:
    return {path.suffix[1:]: _pdf_reading(path) if path.suffix == ".pdf"
            else _digest(path.read_bytes()) for path in paths}


def _outputs(brief: Path, theme: str, since: Path | None, formats: tuple[str, ...],
             out: Path, shared: SharedBuilds) -> dict[str, object]:
    if formats == ALL and since is None and theme == "brief":  # a build other tests read too
        folder = shared.get(brief, theme)
        return _reading(sorted(p for p in folder.iterdir() if p.is_file()))
    report = build([brief], out, formats, theme=theme,
                   since=str(since) if since is not None else None)
    result = report.results[0]
    if result.status == "refused":  # the stress brief is too long for a one-pager
        return {"refused": [str(p).split(": ", 1)[1] for p in result.problems]}
    assert report.ok, report.results
    return _reading(list(result.outputs))


@pytest.mark.parametrize(("fixture", "theme", "since", "formats"), CASES,
                         ids=[f"{f}-{t}" + (f"-since-{s}" if s else "") for f, t, s, _ in CASES])
def test_every_fixture_builds_to_the_same_outputs(fixture: str, theme: str, since: str | None,
                                                   formats: tuple[str, ...], tmp_path: Path,
                                                   shared_builds: SharedBuilds,
                                                   request: pytest.FixtureRequest) -> None:
    found = _outputs(FIXTURES[fixture], theme, FIXTURES[since] if since else None, formats,
                     tmp_path, shared_builds)
    record = RECORDS / f"{fixture}.{theme}{f'.since-{since}' if since else ''}.json"
    if request.config.getoption("--update-golden"):
        record.parent.mkdir(exist_ok=True)
        record.write_text(json.dumps(found, indent=1, sort_keys=True, ensure_ascii=False)
                          + "\n", encoding="utf-8")
        return
    assert record.exists(), f"no record {record.name}; run pytest --update-golden"
    expected = json.loads(record.read_text(encoding="utf-8"))
    changed = sorted(k for k in set(found) | set(expected) if found.get(k) != expected.get(k))
    assert not changed, f"{record.name}: these outputs changed: {', '.join(changed)}"
