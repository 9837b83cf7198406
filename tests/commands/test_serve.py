"""The preview server's routes, its injected script and policy, and what it refuses to serve."""

from __future__ import annotations

import http.client
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED, SEED_SOURCE, Running

from briefgen.build import build
from briefgen.commands.preview import inject, preview_policy
from briefgen.commands.serve import Previews, PreviewServer

# Its module fixtures build once: every test here runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("test_serve")

BRIEF_ID = "idlib-talks-2020-02-20"
ORIGINAL_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                   "font-src data:")


def directives(policy: str) -> set[str]:
    return {" ".join(d.split()) for d in policy.split(";") if d.strip()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PreviewServer, Path]]:
    """A built seed brief, served from a thread, with a secret file beside the output folder."""
    root = tmp_path_factory.mktemp("site")
    (root / "seeds").mkdir()
    brief = root / "seeds" / SEED.name
    shutil.copy(SEED, brief)
    shutil.copy(SEED_SOURCE, root / "seeds" / SEED_SOURCE.name)
    (root / "secret.html").write_text("secret", encoding="utf-8")
    out = root / "output"
    report = build([brief], out, ("html", "md"))
    assert report.ok, report.results
    (out / "outside.html").symlink_to(root / "secret.html")
    previews = Previews()
    previews.update(report)
    server = PreviewServer(0, out, previews)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, out
    finally:
        previews.close()
        server.shutdown()
        server.server_close()


def get(server: PreviewServer, path: str, host: str = "127.0.0.1") -> tuple[int, dict, bytes]:
    """A raw request: the path is sent exactly as given, never normalised by a client."""
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", f"{host}:{server.server_address[1]}")
        conn.endheaders()
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_listens_on_loopback_only(site: tuple[PreviewServer, Path]) -> None:
    server, _out = site
    assert server.server_address[0] == "127.0.0.1"
    assert server.url.startswith("http://127.0.0.1:")


def test_index_links_each_brief(site: tuple[PreviewServer, Path]) -> None:
    status, headers, body = get(site[0], "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert f'href="/{BRIEF_ID}.html"' in body.decode()
    assert "script-src" not in headers["Content-Security-Policy"]


def test_served_html_carries_the_reload_script_the_file_does_not(
        site: tuple[PreviewServer, Path]) -> None:
    server, out = site
    status, headers, body = get(server, f"/{BRIEF_ID}.html")
    assert status == 200
    html = body.decode()
    on_disk = (out / f"{BRIEF_ID}.html").read_text(encoding="utf-8")
    data = '<script type="application/ld+json">'  # JSON-LD: data, never run
    assert on_disk.count("<script") == on_disk.count(data) == 1
    assert html.count(data) == 1
    scripts = re.findall(r'<script nonce="([^"]+)" data-brief="([^"]+)"', html)
    assert len(scripts) == 1 and scripts[0][1] == BRIEF_ID
    nonce = scripts[0][0]
    meta = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert len(meta) == 1
    expected = directives(ORIGINAL_POLICY) | {f"script-src 'nonce-{nonce}'", "connect-src 'self'"}
    assert directives(meta[0]) == expected
    assert "default-src 'none'" in directives(meta[0])
    assert directives(headers["Content-Security-Policy"]) == expected
    assert headers["Cache-Control"] == "no-store"
    # A new nonce for every response.
    again = get(server, f"/{BRIEF_ID}.html")[2].decode()
    assert re.search(r'<script nonce="([^"]+)"', again).group(1) != nonce


def test_policy_rewrite_adds_only_the_nonce_and_self() -> None:
    policy = preview_policy(ORIGINAL_POLICY, "abc")
    assert directives(policy) - directives(ORIGINAL_POLICY) == {"script-src 'nonce-abc'",
                                                                "connect-src 'self'"}
    # A template's own script-src is replaced, never widened.
    widened = preview_policy("default-src 'none'; script-src *; connect-src *", "abc")
    assert directives(widened) == {"default-src 'none'", "script-src 'nonce-abc'",
                                   "connect-src 'self'"}
    # A page without a policy gets a strict one.
    html, policy = inject("<html><head><title>t</title></head><body></body></html>",
                          brief="b", version=1, nonce="abc")
    assert directives(policy) == {"default-src 'none'", "script-src 'nonce-abc'",
                                  "connect-src 'self'"}
    assert html.index("Content-Security-Policy") < html.index("<script")


def test_pdf_and_markdown_are_served_as_files(site: tuple[PreviewServer, Path]) -> None:
    status, headers, body = get(site[0], f"/{BRIEF_ID}.md")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert body == (site[1] / f"{BRIEF_ID}.md").read_bytes()


@pytest.mark.parametrize("path", [
    "/../secret.html",
    "/%2e%2e/secret.html",
    "/%2E%2E%2Fsecret.html",
    "/..%2fsecret.html",
    "/output/../secret.html",
    "//etc/passwd",
    "/%2Fetc%2Fpasswd",
    "/etc/passwd",
    f"/{Path('/etc/hostname').as_posix()}",
    "/outside.html",  # a symlink out of the folder
    "/.briefgen-cache/",
    "/%00.html",
    "/%ff.html",
    "/nothing.html",
])
def test_refuses_anything_but_a_file_in_the_output_folder(site: tuple[PreviewServer, Path],
                                                           path: str) -> None:
    status, _headers, body = get(site[0], path)
    assert status == 404, (path, body[:200])
    assert b"secret" not in body and b"root:" not in body


def test_refuses_another_host_name(site: tuple[PreviewServer, Path]) -> None:
    """A page on another name that resolves to 127.0.0.1 (DNS rebinding) gets nothing."""
    status, _headers, _body = get(site[0], f"/{BRIEF_ID}.html", host="attacker.example")
    assert status == 421


def test_events_stream_the_brief_state(site: tuple[PreviewServer, Path]) -> None:
    server, _out = site
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    try:
        conn.request("GET", f"/events?brief={BRIEF_ID}")
        response = conn.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type") == "text/event-stream"
        assert response.fp.readline() == b'data: {"version": 1, "problems": []}\n'
    finally:
        conn.close()
    assert get(server, "/events?brief=no-such-brief")[0] == 404


def test_a_save_reloads_the_page_once_with_the_html_before_the_pdf(tmp_path: Path) -> None:
    """`serve` renders the HTML first and tells the page at once; the PDF follows, and its
    pass, which leaves the HTML as it was, does not reload the page a second time. The brief
    is a generated four-page one with its source, laid out in half the seed's time."""
    import time

    import yaml

    from bench.generate import SIZES, write_briefs

    root = tmp_path / "proj"
    (brief,) = write_briefs(root / "seeds", 1, SIZES["small"], 7, "gen")
    title = yaml.safe_load(brief.read_text(encoding="utf-8"))["meta"]["title"]
    assert brief.read_text(encoding="utf-8").count(f"  title: {title}\n") == 1
    running = Running("serve", "--port", "0", cwd=root)
    process = running.process
    try:
        deadline = time.monotonic() + 120
        port = int(running.wait_for(r"serving http://127\.0\.0\.1:(\d+)/", 120)[1])
        events: list[tuple[str, float]] = []

        def listen() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            conn.request("GET", "/events?brief=gen-0000")
            response = conn.getresponse()  # kept: a collected response closes its stream
            while line := response.fp.readline():
                if line.startswith(b"data:"):
                    events.append((line.decode().strip(), time.monotonic()))

        threading.Thread(target=listen, daemon=True).start()
        while not events:
            time.sleep(0.05)
        pdf = root / "output" / "gen-0000.pdf"
        before = pdf.stat().st_mtime_ns
        brief.write_text(brief.read_text(encoding="utf-8").replace(
            f"  title: {title}\n", f"  title: {title}, again and again\n", 1), encoding="utf-8")
        while pdf.stat().st_mtime_ns == before:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        pdf_written = time.monotonic()
        time.sleep(1)  # room for a second, unwanted reload to show up
        reloads = [when for text, when in events[1:] if '"version": 2' in text]
        assert len(events) == 2 and len(reloads) == 1, events
        assert reloads[0] < pdf_written
        html = (root / "output" / "gen-0000.html").read_text(encoding="utf-8")
        assert f"{title}, again and again" in html
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_folder_s_desk_index_is_served_at_the_root_under_its_own_policy(tmp_path: Path) -> None:
    """A build of a folder writes the desk index: `/` shows it as written, its sorting script
    allowed by the hash its policy carries; the list of briefs moves to /_briefs."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds")
    shutil.copy(SEED_SOURCE, tmp_path / "seeds")
    out = tmp_path / "output"
    report = build([tmp_path / "seeds"], out, ("html",))
    assert report.ok and (out / "index.html").is_file()
    previews = Previews()
    previews.update(report)
    server = PreviewServer(0, out, previews)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        status, headers, body = get(server, "/")
        on_disk = (out / "index.html").read_bytes()
        assert status == 200 and body == on_disk  # no reload script, nothing changed
        policy = re.search(rb'Content-Security-Policy" content="([^"]*)"', on_disk)[1].decode()
        assert headers["Content-Security-Policy"] == policy and "script-src 'sha256-" in policy
        assert get(server, "/index.html")[2] == on_disk
        status, headers, body = get(server, "/_briefs")
        assert status == 200 and f'href="/{BRIEF_ID}.html"' in body.decode()
        status, headers, body = get(server, "/feed.xml")
        assert status == 200 and headers["Content-Type"].startswith("application/atom+xml")
    finally:
        previews.close()
        server.shutdown()
        server.server_close()
