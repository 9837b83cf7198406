"""Nothing outside the project reaches an output, and a build makes no network request."""

from __future__ import annotations

import base64
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bench.generate import SIZES, write_briefs
from briefgen.build import build
from briefgen.rendering.fetcher import ProjectFetcher

CANARY = "CANARY-7f3c9e1d-outside-the-project"


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(CANARY.encode())

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[str]:
    """A loopback HTTP server that records every request it gets."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def hostile_project(tmp_path: Path, listener: str) -> Path:
    """A project whose brief points images and links at files outside it and at the listener."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "canary.png").write_text(CANARY)
    (outside / "canary.txt").write_text(CANARY)
    seeds = tmp_path / "proj" / "seeds"
    # A generated four-page brief with its source (laid out in a third of the seed's time).
    (brief,) = write_briefs(seeds, 1, SIZES["small"], 7, "gen")
    (seeds / "escape.png").symlink_to(outside / "canary.png")
    hostile = "\n".join([
        f"![a](file://{outside}/canary.png)",
        "![b](../../outside/canary.png)",
        "![c](escape.png)",
        f"![d]({listener}/image.png)",
        f"[e]({listener}/link)",
        f"[f](file://{outside}/canary.txt)",
        "![g](file:///etc/passwd)",
        "![h](data:image/png;base64,iVBORw0KGgo=)",
    ])
    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    data["summary"]["bluf"] = f"{hostile}\n\n{data['summary']['bluf']}"
    (seeds / "hostile.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    brief.unlink()
    return tmp_path / "proj"


def test_no_outside_file_or_request_reaches_any_output(hostile_project: Path, tmp_path: Path,
                                                       listener: str) -> None:
    out = tmp_path / "out"
    report = build([hostile_project / "seeds" / "hostile.yaml"], out)
    assert report.ok, report.results
    assert _Recorder.hits == [], "the build made a network request"
    encoded = base64.b64encode(CANARY.encode())
    passwd = Path("/etc/passwd").read_bytes()[:24]
    for output in (p for p in out.rglob("*") if p.is_file()):
        data = output.read_bytes()
        assert CANARY.encode() not in data and encoded not in data, output.name
        assert passwd not in data, output.name
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert f'href="{listener}/link"' in html  # an http link stays a link, never fetched
    assert 'href="file:' not in html
    # the format allows only images inside the project: every one here became its alt text
    assert "<img" not in html


def test_fetcher_serves_only_regular_files_inside_its_roots(tmp_path: Path,
                                                            listener: str) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "ok.css").write_text("p { color: red }")
    (tmp_path / "secret.txt").write_text(CANARY)
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    fetcher = ProjectFetcher([root])
    response = fetcher.fetch((root / "ok.css").as_uri())
    assert response.read() == b"p { color: red }"
    assert response.content_type == "text/css"
    refused = [(tmp_path / "secret.txt").as_uri(), (root / "link.txt").as_uri(), root.as_uri(),
               (root / ".." / "secret.txt").as_uri(), "file:///etc/passwd",
               f"{listener}/x.css", "ftp://127.0.0.1/x", "file://otherhost/etc/passwd"]
    for url in refused:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert _Recorder.hits == []
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
