"""Shared by the hostile-input tests: a recording listener, canary files, and Chromium.

Not a test module. `test_injection.py`, `test_exfiltration.py` and
`test_properties.py` import it the way the other tests import `conftest`.
"""

from __future__ import annotations

import base64
import http.server
import socket
import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, require  # noqa: F401 - re-exported

CANARY = "CANARY-4b1d7e90-a-file-outside-the-project"
# The canary image has a size no image of the tests' own has, so that it can be
# recognised in a PDF even after WeasyPrint has decoded and re-encoded its pixels.
CANARY_PNG_SIZE = (37, 23)


@dataclass
class Listener:
    """A loopback HTTP server on 127.0.0.1 that answers everything and records every request."""

    url: str
    hits: list[str] = field(default_factory=list)


@contextmanager
def listening() -> Iterator[Listener]:
    listener = Listener("")

    class Recorder(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            listener.hits.append(f"{self.command} {self.path}")
            body = CANARY.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = _answer  # noqa: N815 - stdlib names

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    listener.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield listener
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record, and refuse, every attempt of this process to open a connection or resolve a name."""
    attempts: list[str] = []

    def refuse(what: str):
        def blocked(*args: object, **_kwargs: object) -> None:
            attempts.append(f"{what}{args[1:] if what == 'connect' else args}")
            raise OSError(f"the test forbids network access ({what})")
        return blocked

    with monkeypatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse("connect"))
        patch.setattr(socket.socket, "connect_ex", refuse("connect"))
        patch.setattr(socket, "create_connection", refuse("create_connection"))
        patch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
        yield attempts


def png(width: int, height: int, text: str = CANARY) -> bytes:
    """A valid RGB PNG of the given size, carrying `text` in a tEXt chunk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\0" + bytes((200, 30, 60)) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\0" + text.encode())
            + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def write_canaries(folder: Path) -> dict[str, Path]:
    """Files outside the project, each of which announces itself if any output carries it."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "txt": (folder / "canary.txt", CANARY.encode()),
        "png": (folder / "canary.png", png(*CANARY_PNG_SIZE)),
        "svg": (folder / "canary.svg", (
            '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">'
            f'<text x="0" y="20">{CANARY}</text></svg>').encode()),
        "css": (folder / "canary.css", (
            f'body::before {{ content: "{CANARY}" }} p::after {{ content: "{CANARY}" }}').encode()),
    }
    for path, data in files.values():
        path.write_bytes(data)
    return {name: path for name, (path, _data) in files.items()}


def base64_forms(data: bytes) -> list[bytes]:
    """`data` as it would read inside base64 text, at each of the three alignments."""
    forms = []
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + data)
        start = 4 * ((shift + 2) // 3) if shift else 0
        forms.append(encoded[start:len(encoded) - 4])
    return [form for form in forms if len(form) >= 16]


def carries(blob: bytes, secret: bytes) -> bool:
    """True when `blob` holds `secret` raw or base64-encoded."""
    return secret in blob or any(form in blob for form in base64_forms(secret))
