"""The only way WeasyPrint may reach a file: inside the project's folders, never the network."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

MAX_RESOURCE_BYTES = 20 * 1024 * 1024


class ProjectFetcher(URLFetcher):
    """Serve `data:` URLs and regular files below `roots`, after symlinks are resolved.

    Anything else (http, ftp, a file outside the roots, a directory, a device)
    raises, which WeasyPrint logs and treats as a missing resource. There is
    no redirect handler and no network handler.
    """

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise ValueError(f"briefgen does not fetch {scheme}: URLs")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise ValueError("briefgen does not fetch files from other hosts")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise ValueError(f"{path} lies outside the project")
        if not path.is_file():
            raise ValueError(f"{path} is not a regular file")
        with path.open("rb") as handle:
            body = handle.read(MAX_RESOURCE_BYTES + 1)
        if len(body) > MAX_RESOURCE_BYTES:
            raise ValueError(f"{path} is larger than {MAX_RESOURCE_BYTES} bytes")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body, {"Content-Type": kind})
