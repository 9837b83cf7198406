"""HTML to PDF with WeasyPrint, reaching only the project's own files.

WeasyPrint is imported here and nowhere else, lazily, so that `briefgen
--help` and `briefgen check` never pay for it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from briefgen.project import project_root
from briefgen.resources import builtin_dir

LOG = logging.getLogger(__name__)


def allowed_roots(brief_path: Path) -> list[Path]:
    """The brief's folder and its project's styles/ and templates/, plus the built-ins."""
    roots = [brief_path.resolve().parent, builtin_dir("styles"), builtin_dir("templates")]
    project = project_root(brief_path)
    if project is not None:
        roots += [project / "styles", project / "templates"]
    return roots


def render_pdf(html: str, brief_path: Path) -> bytes:
    """Lay out `html` (already self-contained) as a PDF and return its bytes."""
    from weasyprint import HTML

    from briefgen.fetcher import ProjectFetcher

    fetcher = ProjectFetcher(allowed_roots(brief_path))
    document = HTML(string=html, base_url=brief_path.resolve().parent.as_uri() + "/",
                    url_fetcher=fetcher)
    return document.write_pdf(uncompressed_pdf=False)
