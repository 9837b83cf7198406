"""A local preview server: the briefs' HTML and PDF, reloading as they are rebuilt.

It listens on 127.0.0.1 only, answers only requests addressed to that host,
and serves only regular files that lie directly in the output folder; the
build cache and anything else are refused. The brief's page listens to
/events (server-sent events) for its brief's state: a new version reloads
it, and while the YAML is refused the problems are shown over the last good
version.
"""

from __future__ import annotations

import json
import mimetypes
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from briefgen.commands import preview
from briefgen.commands.watch import LiveBuild, watch
from briefgen.errors import BriefError, display_path
from briefgen.stages import BuildReport

HOST = "127.0.0.1"
KEEPALIVE_SECONDS = 15.0


class ServeError(BriefError):
    """The server cannot start: its port is taken, say."""


@dataclass
class Preview:
    """One brief as the server knows it: its id once built, its version, its problems."""

    path: Path
    ident: str | None = None
    version: int = 0
    problems: list[str] = field(default_factory=list)
    pdf: bool = False
    html: tuple[int, int] | None = None  # the HTML file's size and time, to reload on change
    pages: list[str] = field(default_factory=list)  # its HTML versions: full, then released


class Previews:
    """The briefs' states, shared between the build loop and the request threads."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.briefs: dict[Path, Preview] = {}
        self.closed = False

    def update(self, report: BuildReport) -> None:
        """Take in a build: built briefs get a new version, refused ones their problems."""
        with self.changed:
            for result in report.results:
                brief = self.briefs.setdefault(result.path, Preview(result.path))
                named = result.outputs or result.stale
                if named:
                    brief.ident = named[0].stem
                pages = [p.stem for p in result.outputs if p.suffix == ".html"]
                if pages:
                    brief.pages = pages
                if result.status == "built":
                    stamp = _stamp(result.outputs)
                    if stamp != brief.html or brief.problems:
                        brief.version += 1  # the page shows something new: reload it
                    brief.html = stamp
                    brief.problems = []
                    brief.pdf = any(p.suffix == ".pdf" for p in result.outputs)
                elif result.status == "current":
                    brief.problems = []
                    brief.pdf = any(p.suffix == ".pdf" for p in result.outputs)
                elif result.status == "refused":
                    brief.problems = [str(p) for p in result.problems]
                elif result.status == "failed":
                    brief.problems = [f"{display_path(result.path)}: {result.error}"]
            self.changed.notify_all()

    def state(self, page: str) -> dict[str, object] | None:
        """What a brief's page (any of its versions) needs to know: the brief's version and
        its problems."""
        with self.changed:
            brief = self._owner(page)
            if brief is None:
                return None
            return {"version": brief.version, "problems": list(brief.problems)}

    def versions(self, page: str) -> list[tuple[str, str]]:
        """The versions of the brief `page` shows, to switch between: (label, page)."""
        with self.changed:
            brief = self._owner(page)
            pages = brief.pages if brief is not None else []
            return [(version_label(p, pages[0]), p) for p in pages] if len(pages) > 1 else []

    def _owner(self, page: str) -> Preview | None:
        return next((b for b in self.briefs.values() if b.ident == page or page in b.pages),
                    None)

    def listing(self) -> list[dict[str, object]]:
        with self.changed:
            return [{"name": display_path(b.path), "ident": b.ident, "pdf": b.pdf,
                     "problems": list(b.problems),
                     "released": [(version_label(p, b.pages[0]), p) for p in b.pages[1:]]}
                    for b in sorted(self.briefs.values(), key=lambda b: str(b.path))]

    def wait(self, timeout: float) -> None:
        with self.changed:
            if not self.closed:
                self.changed.wait(timeout)

    def close(self) -> None:
        """Wake every /events stream so that it ends."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()


def _stamp(outputs: list[Path]) -> tuple[int, int] | None:
    for path in outputs:
        if path.suffix == ".html":
            try:
                stat = path.stat()
            except OSError:
                return None
            return stat.st_size, stat.st_mtime_ns
    return None


def version_label(page: str, full: str) -> str:
    """`TLP:CLEAR` for a version released to an audience, `Full` for the brief itself."""
    level = page.removeprefix(full + ".tlp-")
    return "Full" if page == full else f"TLP:{level.upper()}"


class Handler(BaseHTTPRequestHandler):
    """Routes: / (the desk index of a folder build, else the list of briefs), /_briefs (the
    list of briefs and their problems), /events?brief=ID, and /NAME for the files in the
    output folder."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if not self._host_ok():
            self._refuse(HTTPStatus.MISDIRECTED_REQUEST, "this server answers only for "
                         f"{HOST}")
            return
        url = urlsplit(self.path)
        desk = self.server.out_dir / "index.html"
        if url.path == "/" and desk.is_file():
            self._desk(desk)
        elif url.path in ("/", "/_briefs"):
            self._send(preview.index_page(self.server.previews.listing()).encode(),
                       "text/html; charset=utf-8", policy=preview.INDEX_POLICY)
        elif url.path == "/events":
            self._events(parse_qs(url.query).get("brief", [""])[0])
        else:
            try:
                path = preview.served_file(self.server.out_dir, url.path)
            except UnicodeDecodeError:
                path = None
            if path is None:
                self._refuse(HTTPStatus.NOT_FOUND, "not found")
            elif preview.DESK.match(path.name):
                self._desk(path)
            elif path.suffix == ".html":
                nonce = preview.new_nonce()
                previews = self.server.previews
                state = previews.state(path.stem) or {"version": 0}
                html, policy = preview.inject(path.read_text(encoding="utf-8"),
                                              brief=path.stem, version=int(state["version"]),
                                              nonce=nonce, versions=previews.versions(path.stem))
                self._send(html.encode(), "text/html; charset=utf-8", policy=policy)
            else:
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                if path.suffix == ".md":
                    kind = "text/plain; charset=utf-8"
                elif path.suffix == ".xml":
                    kind = "application/atom+xml; charset=utf-8"
                self._send(path.read_bytes(), kind)

    def _desk(self, path: Path) -> None:
        """The desk index as written, under the policy it carries (which allows its sorting
        script by hash); it has no reload script: reload it to see a rebuild."""
        html = path.read_text(encoding="utf-8")
        self._send(html.encode(), "text/html; charset=utf-8", policy=preview.own_policy(html))

    def _host_ok(self) -> bool:
        """Refuse requests addressed to another name (a DNS-rebinding page, say)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in (HOST, "localhost")

    def _send(self, body: bytes, kind: str, policy: str | None = None) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers(policy)
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self, status: HTTPStatus, message: str) -> None:
        body = f"{status.value} {message}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self._common_headers(None)
        self.end_headers()
        self.wfile.write(body)

    def _common_headers(self, policy: str | None) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if policy is not None:
            self.send_header("Content-Security-Policy", policy)

    def _events(self, ident: str) -> None:
        """Server-sent events: the brief's state now, then whenever it changes."""
        previews = self.server.previews
        if previews.state(ident) is None:
            self._refuse(HTTPStatus.NOT_FOUND, "no such brief")
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = None
        try:
            while not previews.closed:
                state = previews.state(ident)
                if state != sent:
                    self.wfile.write(f"data: {json.dumps(state)}\n\n".encode())
                    sent = state
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
                previews.wait(KEEPALIVE_SECONDS)
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the terminal is for the builds' reports."""


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, out_dir: Path, previews: Previews) -> None:
        self.out_dir = out_dir
        self.previews = previews
        super().__init__((HOST, port), Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


def serve(job: LiveBuild, port: int, on_report: Callable[[BuildReport], None],
          on_error: Callable[[str], None], on_serving: Callable[[str], None],
          stop: threading.Event | None = None) -> None:
    """Build, start serving, then rebuild on every change until `stop` (or Ctrl-C).

    The first build is done before the server answers, so that the first
    page asked for exists; `on_serving` gets the server's address then.
    """
    previews = Previews()
    try:
        server = PreviewServer(port, job.out_dir, previews)
    except OSError as exc:
        raise ServeError(f"cannot listen on {HOST}:{port}: {exc.strerror}") from None
    thread = threading.Thread(target=server.serve_forever, name="briefgen-server", daemon=True)
    announced = False

    def built(report: BuildReport) -> None:
        previews.update(report)
        on_report(report)

    def ready(_folders: list[Path]) -> None:
        nonlocal announced
        if not announced:
            announced = True
            thread.start()
            on_serving(server.url)

    try:
        watch(job, built, on_error, stop=stop, on_ready=ready)
    finally:
        previews.close()
        if announced:
            server.shutdown()
        server.server_close()
