"""No byte of a file outside the project reaches any output, and a build never uses the network.

This extends `test_fetcher.py`. Canary files (text, a real PNG of an odd
size, an SVG and a style sheet) sit in a folder beside the project. A brief
then points at them, and at a loopback listener, in every way it can:
`file:`, `http:` and `data:` URLs, `../` paths, absolute paths and
symlinks (to files, to folders and chains of them). It does so in Markdown
images and links, in source `url` fields, in an SVG that lives inside the
project, in the project's own style sheets, and in `local_path`.

Each output is searched for the canary, raw and base64-encoded: the
Markdown, the HTML, the PDF's bytes, every PDF stream decoded, the PDF's
text and every file attached to the PDF. The canary image is also looked
for by its size among the PDF's images, in case WeasyPrint re-encoded it.
The process may not open a connection or resolve a name while it builds,
and the listener must see nothing.

A `local_path` that leaves the project (through `..`, an absolute path, a
symlink, or a symlinked folder) is refused when the brief is validated, so
nothing can be attached; a symlink that stays inside the project is fine.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile import (
    CANARY,
    CANARY_PNG_SIZE,
    Listener,
    carries,
    listening,
    no_network,
    png,
    write_canaries,
)

from briefgen.build import build, check

ARTICLE = ("The delegations met in the morning. \"We will not sign anything today,\" the envoy "
           "said. Talks resume next week.\n")
QUOTE = "We will not sign anything today"


@pytest.fixture
def listener() -> Iterator[Listener]:
    with listening() as server:
        yield server


@pytest.fixture
def places(tmp_path: Path) -> dict[str, Path]:
    """A project beside a folder of canaries, with symlinks from the one into the other."""
    outside = tmp_path / "outside"
    canaries = write_canaries(outside)
    (outside / "deeper").mkdir()
    shutil.copy(canaries["png"], outside / "deeper" / "canary.png")
    shutil.copy(canaries["txt"], outside / "deeper" / "canary.txt")
    project = tmp_path / "proj"
    seeds = project / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "inside-link.txt").symlink_to(seeds / "article.txt")
    (seeds / "escape.png").symlink_to(canaries["png"])
    (seeds / "escape.svg").symlink_to(canaries["svg"])
    (seeds / "escape.txt").symlink_to(canaries["txt"])
    (seeds / "chain.png").symlink_to(seeds / "escape.png")
    (seeds / "chain.txt").symlink_to(seeds / "escape.txt")
    (seeds / "outdir").symlink_to(outside / "deeper", target_is_directory=True)
    (seeds / "relative-escape.png").symlink_to(Path("..") / ".." / "outside" / "canary.png")
    return {"outside": outside, "project": project, "seeds": seeds, **canaries}


def brief_data(**extra: Any) -> dict[str, Any]:
    """A small valid brief whose one local source holds ARTICLE."""
    data: dict[str, Any] = {
        "schema": "briefgen/1",
        "meta": {"id": "hostile", "title": "A hostile brief", "date": "2024-01-15",
                 "language": "en"},
        "sources": [{"id": "src-article", "title": "The article", "local_path": "article.txt"}],
        "summary": {"bluf": "Nothing from outside the project may appear here."},
        "people": [{"id": "envoy", "name": "The envoy"}],
        "quotes": [{"id": "q-envoy", "text": QUOTE, "speaker": "envoy",
                    "source": "src-article"}],
    }
    data.update(extra)
    return data


def write_brief(seeds: Path, data: dict[str, Any], name: str = "hostile.yaml") -> Path:
    path = seeds / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def pdf_objects(pdf: Path) -> Iterator[tuple[int, Any]]:
    """Every object of a PDF, by number."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    for number in range(1, int(reader.trailer.get("/Size", 0))):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - a free entry in the cross-reference table
            continue
        if obj is not None:
            yield number, obj


def pdf_blobs(pdf: Path) -> dict[str, bytes]:
    """Everything inside a PDF worth searching: streams decoded, text, and attachments."""
    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    blobs: dict[str, bytes] = {}
    for number, obj in pdf_objects(pdf):
        if isinstance(obj, StreamObject):
            try:
                blobs[f"stream {number}"] = obj.get_data()
            except Exception:  # noqa: BLE001 - an image filter pypdf does not decode
                blobs[f"stream {number} (raw)"] = obj._data  # noqa: SLF001
    reader = PdfReader(pdf)
    blobs["text"] = "\n".join(page.extract_text() or "" for page in reader.pages).encode()
    for name, contents in reader.attachments.items():
        for i, data in enumerate(contents):
            blobs[f"attachment {name} #{i}"] = data
    return blobs


def pdf_image_sizes(pdf: Path) -> list[tuple[int, int]]:
    """The pixel size of every image XObject in the PDF."""
    return [(int(obj["/Width"]), int(obj["/Height"])) for _number, obj in pdf_objects(pdf)
            if hasattr(obj, "get") and obj.get("/Subtype") == "/Image"]


def assert_nothing_leaked(out: Path, secrets: list[bytes]) -> None:
    outputs = sorted(p for p in out.rglob("*") if p.is_file())  # a build cache too, if any
    assert {".md", ".html", ".pdf"} <= {p.suffix for p in outputs}, outputs
    for output in outputs:
        blobs = {output.name: output.read_bytes()}
        if output.suffix == ".pdf":
            blobs.update({f"{output.name}: {k}": v for k, v in pdf_blobs(output).items()})
            assert CANARY_PNG_SIZE not in pdf_image_sizes(output), \
                "the canary image was drawn into the PDF"
        for where, blob in blobs.items():
            for secret in secrets:
                assert not carries(blob, secret), f"{where} carries {secret[:40]!r}"


def secrets_of(places: dict[str, Path]) -> list[bytes]:
    passwd = Path("/etc/passwd")
    found = [CANARY.encode(), places["png"].read_bytes()[:64]]
    if passwd.is_file():
        found.append(passwd.read_bytes()[:32])
    return found


def hostile_markdown(places: dict[str, Path], listener: Listener) -> str:
    svg_in_data = ("data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%3E"
                   f"%3Cimage%20href=%22{places['png'].as_uri()}%22%20width=%2237%22%20"
                   "height=%2223%22/%3E%3C/svg%3E")
    small_png = base64.b64encode(png(3, 3, "harmless")).decode()
    lines = [
        f"![file-png]({places['png'].as_uri()})",
        f"![file-svg]({places['svg'].as_uri()})",
        f"![file-host](file://localhost{places['png']})",
        f"![absolute]({places['png']})",
        "![dotdot](../../outside/canary.png)",
        "![dotdot-svg](../../outside/canary.svg)",
        "![encoded-dotdot](..%2F..%2Foutside%2Fcanary.png)",
        "![backslash](..\\..\\outside\\canary.png)",
        "![symlink](escape.png)",
        "![symlink-svg](escape.svg)",
        "![symlink-query](escape.png?x=1#frag)",
        "![chain](chain.png)",
        "![relative-symlink](relative-escape.png)",
        "![symlinked-folder](outdir/canary.png)",
        f"![http]({listener.url}/image.png)",
        f"![protocol-relative](//{listener.url.split('//')[1]}/image.png)",
        f"![data-svg-pointing-out]({svg_in_data})",
        f"![data-png](data:image/png;base64,{small_png})",
        "![svg-inside-the-project](inside.svg)",
        "![svg-with-an-external-entity](xxe.svg)",
        "![reference-style][outside]",
        "",
        f"[file-link]({places['txt'].as_uri()}) [dotdot-link](../../outside/canary.txt) "
        f"[http-link]({listener.url}/link) [symlink-link](escape.txt) "
        "[data-link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
        f"<{places['txt'].as_uri()}> <{listener.url}/autolink>",
        "",
        f"[outside]: {places['png'].as_uri()}",
    ]
    return "\n".join(lines)


def inside_svgs(places: dict[str, Path], listener: Listener) -> None:
    """SVG images that live in the project but reach outside it."""
    png_uri, css_uri = places["png"].as_uri(), places["css"].as_uri()
    (places["seeds"] / "inside.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="120" height="60">'
        f'<style>@import url("{css_uri}"); @import url("{listener.url}/svg.css");'
        f' rect {{ fill: url("{listener.url}/fill.svg#p") }}</style>'
        f'<image href="{png_uri}" width="37" height="23"/>'
        '<image xlink:href="../../outside/canary.png" width="37" height="23"/>'
        '<image href="escape.png" width="37" height="23"/>'
        f'<image href="{listener.url}/svg-image.png" width="10" height="10"/>'
        f'<use href="{places["svg"].as_uri()}#x"/>'
        '<rect width="5" height="5"/><text x="0" y="50">inside</text></svg>', encoding="utf-8")
    (places["seeds"] / "xxe.svg").write_text(
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "{places["txt"].as_uri()}">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40">'
        '<text x="0" y="20">&xxe;</text></svg>', encoding="utf-8")


def test_no_outside_byte_or_request_reaches_any_output(places: dict[str, Path],
                                                       listener: Listener, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    inside_svgs(places, listener)
    text = hostile_markdown(places, listener)
    hostile_sources = [
        {"id": "src-file-url", "title": "file URL", "url": places["txt"].as_uri()},
        {"id": "src-http-url", "title": "http URL", "url": f"{listener.url}/source"},
        {"id": "src-data-url", "title": "data URL",
         "url": "data:text/plain;base64," + base64.b64encode(b"harmless").decode()},
        {"id": "src-dotdot-url", "title": "relative URL", "url": "../../outside/canary.txt"},
        {"id": "src-symlink-url", "title": "symlinked URL", "url": "escape.txt"},
        {"id": "src-inside-link", "title": "A symlink inside the project",
         "local_path": "inside-link.txt"},
    ]
    data = brief_data()
    data["sources"] += hostile_sources
    data["summary"]["bluf"] = text
    data["meta"]["sourcing_note"] = text
    data["key_figures"] = [{"id": "kf-one", "label": "Figure", "display": "one",
                            "note": text, "source": "src-file-url"}]
    brief = write_brief(places["seeds"], data)
    out = tmp_path / "out"
    with no_network(monkeypatch) as attempts:
        report = build([brief], out)
    assert report.ok, report.results
    assert attempts == [], f"the build tried to use the network: {attempts}"
    assert listener.hits == [], f"the listener was reached: {listener.hits}"
    assert_nothing_leaked(out, secrets_of(places))

    html = (out / "hostile.html").read_text(encoding="utf-8")
    assert 'href="file:' not in html and 'src="file:' not in html
    assert f'src="{listener.url}' not in html
    # the only pictures the format allows here are the two SVGs inside the project
    sources = re.findall(r'<img[^>]* src="([^"]*)"', html)
    assert len(sources) == html.count("<img") == 6  # two images in each of three fields
    allowed = {(places["seeds"] / name).read_bytes() for name in ("inside.svg", "xxe.svg")}
    for src in sources:
        kind, _, payload = src.partition(",")
        assert kind == "data:image/svg+xml;base64", src[:80]
        assert base64.b64decode(payload) in allowed
    markdown = (out / "hostile.md").read_text(encoding="utf-8")
    assert "](file:" not in markdown and "<file:" not in markdown
    assert "](data:" not in markdown


def test_project_styles_cannot_reach_outside(places: dict[str, Path], listener: Listener,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A project's own style sheets are trusted to style, never to fetch."""
    styles = places["project"] / "styles"
    styles.mkdir()
    reaching = (
        f'@import url("{places["css"].as_uri()}");\n'
        '@import url("../../outside/canary.css");\n'
        f'@import url("{listener.url}/import.css");\n'
        f'@font-face {{ font-family: Leak; src: url("{listener.url}/font.woff"),'
        f' url("{places["txt"].as_uri()}"); }}\n'
        f'body {{ background: url("{places["png"].as_uri()}"); }}\n'
        f'h1::after {{ content: url("../../outside/canary.svg"); }}\n'
        f'p {{ background-image: url("{listener.url}/bg.png"); }}\n'
    )
    for name in ("brief.css", "pdf.css"):
        builtin = Path(__file__).resolve().parent.parent.parent / "styles" / name
        (styles / name).write_text(reaching + builtin.read_text(encoding="utf-8"),
                                   encoding="utf-8")
    (styles / "escape.css").symlink_to(places["css"])
    with (styles / "pdf.css").open("a", encoding="utf-8") as handle:
        handle.write('\n@import url("escape.css");\n')
    brief = write_brief(places["seeds"], brief_data())
    out = tmp_path / "out"
    with no_network(monkeypatch) as attempts:
        report = build([brief], out)
    assert report.ok, report.results
    assert attempts == [] and listener.hits == []
    assert_nothing_leaked(out, secrets_of(places))


LEAVING = {
    "dotdot": "../../outside/canary.txt",
    "dotdot-back-in-and-out": "../seeds/../../outside/canary.txt",
    "absolute": "{outside}/canary.txt",
    "absolute-system-file": "/etc/passwd",
    "symlink": "escape.txt",
    "symlink-chain": "chain.txt",
    "symlinked-folder": "outdir/canary.txt",
}


@pytest.mark.parametrize("how", LEAVING, ids=list(LEAVING))
def test_local_path_leaving_the_project_is_refused(how: str, places: dict[str, Path],
                                                   tmp_path: Path) -> None:
    local_path = LEAVING[how].format(outside=places["outside"])
    if local_path == "/etc/passwd" and not Path(local_path).is_file():
        pytest.skip("no /etc/passwd here")
    data = brief_data()
    data["sources"].append({"id": "src-outside", "title": "Outside", "local_path": local_path})
    # a quote that would pass if the outside file were read: the canary itself
    data["people"].append({"id": "someone", "name": "Someone"})
    data["quotes"].append({"id": "q-canary", "text": CANARY[:-3], "speaker": "someone",
                           "source": "src-outside"})
    brief = write_brief(places["seeds"], data)
    out = tmp_path / "out"
    for result in (build([brief], out).results[0], check([brief]).results[0]):
        assert result.status == "refused", result
        messages = [str(p) for p in result.problems]
        assert any(p.path == "sources[src-outside].local_path" and "outside" in p.message
                   for p in result.problems), messages
        assert not any(CANARY in m for m in messages), "a message quotes the outside file"
    assert not out.exists() or not any(out.iterdir()), "a refused brief wrote something"


def test_local_path_symlink_inside_the_project_is_attached(places: dict[str, Path],
                                                           tmp_path: Path) -> None:
    from pypdf import PdfReader

    data = brief_data()
    data["sources"][0]["local_path"] = "inside-link.txt"
    brief = write_brief(places["seeds"], data)
    out = tmp_path / "out"
    report = build([brief], out, ("pdf",))
    assert report.ok, report.results
    attachments = PdfReader(out / "hostile.pdf").attachments
    assert attachments["inside-link.txt"] == [ARTICLE.encode()]
    assert attachments["hostile.yaml"] == [brief.read_bytes()]


def test_attachments_are_only_the_brief_and_its_local_sources(places: dict[str, Path],
                                                              tmp_path: Path) -> None:
    """URLs of any kind name a source; they never bring a file into the PDF."""
    from pypdf import PdfReader

    data = brief_data()
    data["sources"] += [
        {"id": "src-file", "title": "file", "url": places["txt"].as_uri()},
        {"id": "src-rel", "title": "relative", "url": "escape.txt"},
    ]
    brief = write_brief(places["seeds"], data)
    out = tmp_path / "out"
    assert build([brief], out, ("pdf",)).ok
    assert sorted(PdfReader(out / "hostile.pdf").attachments) == ["article.txt", "hostile.yaml"]


def test_a_pdf_that_was_built_can_be_extracted_and_rebuilt(places: dict[str, Path],
                                                           tmp_path: Path) -> None:
    """Nothing is lost: whatever briefgen agrees to build, `extract` gives back. A source
    written `sub/../article.txt` travels as `article.txt`, where the brief finds it."""
    (places["seeds"] / "sub").mkdir()
    data = brief_data()
    data["sources"][0]["local_path"] = "sub/../article.txt"
    brief = write_brief(places["seeds"], data)
    out = tmp_path / "out"
    assert build([brief], out, ("pdf",)).ok
    recovered = tmp_path / "recovered"
    result = subprocess.run([sys.executable, "-m", "briefgen", "extract", str(out / "hostile.pdf"),
                             "--out", str(recovered)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    article = (places["seeds"] / "article.txt").read_bytes()
    assert (recovered / "article.txt").read_bytes() == article
    rebuilt = build([recovered / "hostile.yaml"], tmp_path / "again", ("md",))
    assert rebuilt.ok, rebuilt.results


def test_an_absolute_local_path_is_refused_even_inside_the_project(places: dict[str, Path],
                                                                  tmp_path: Path) -> None:
    """It could not travel: the PDF's brief, extracted elsewhere, would name a file it cannot
    read. The message gives the relative path to write instead."""
    data = brief_data()
    data["sources"][0]["local_path"] = str(places["seeds"] / "article.txt")
    brief = write_brief(places["seeds"], data)
    [result] = build([brief], tmp_path / "out", ("md",)).results
    assert result.status == "refused"
    [problem] = result.problems
    assert problem.path == "sources[src-article].local_path", problem
    assert "write it relative to the brief's folder, as 'article.txt'" in problem.message


def test_no_request_from_a_source_url_at_check_time(places: dict[str, Path], listener: Listener,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` does not look at URLs either: a source's `url` is a citation, not a fetch."""
    data = brief_data()
    data["sources"].append({"id": "src-web", "title": "web", "url": f"{listener.url}/check"})
    brief = write_brief(places["seeds"], data)
    with no_network(monkeypatch) as attempts:
        report = check([brief])
    assert report.ok, report.results
    assert attempts == [] and listener.hits == []


def test_the_search_finds_the_canary_when_it_is_there(places: dict[str, Path],
                                                      tmp_path: Path) -> None:
    """The searches above would see a leak: here the canary is put inside the project on purpose."""
    shutil.copy(places["png"], places["seeds"] / "copied.png")
    data = brief_data()
    data["summary"]["bluf"] = f"![a copy inside the project](copied.png) {CANARY}"
    brief = write_brief(places["seeds"], data)
    out = tmp_path / "out"
    assert build([brief], out).ok
    image = places["png"].read_bytes()[:64]
    assert carries((out / "hostile.md").read_bytes(), CANARY.encode())
    assert carries((out / "hostile.html").read_bytes(), image)  # base64, in a data: URI
    assert CANARY_PNG_SIZE in pdf_image_sizes(out / "hostile.pdf")
    blobs = pdf_blobs(out / "hostile.pdf")
    assert CANARY.encode() in blobs["text"]
    assert any(CANARY.encode() in blob for name, blob in blobs.items() if name.startswith("attach"))
    with pytest.raises(AssertionError):
        assert_nothing_leaked(out, [CANARY.encode()])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_read(places: dict[str, Path], tmp_path: Path) -> None:
    """A `local_path` or an image that is a pipe inside the project must not hang the build."""
    os.mkfifo(places["seeds"] / "pipe.txt")
    os.mkfifo(places["seeds"] / "pipe.png")
    data = brief_data()
    data["sources"].append({"id": "src-pipe", "title": "A pipe", "local_path": "pipe.txt"})
    data["summary"]["bluf"] = "![a pipe](pipe.png)"
    brief = write_brief(places["seeds"], data)
    result = subprocess.run([sys.executable, "-m", "briefgen", "build", str(brief), "--out",
                             str(tmp_path / "out")], cwd=places["project"], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stderr
    assert "sources[src-pipe].local_path" in result.stderr and "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
