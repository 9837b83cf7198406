"""HTML to PDF with WeasyPrint, reaching only the project's own files.

WeasyPrint is imported here and nowhere else, lazily, so that `briefgen
--help` and `briefgen check` never pay for it. One FontConfiguration serves
every PDF a process makes: loading the shipped faces is paid once.
"""

from __future__ import annotations

import os
import warnings
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.project import project_root
from briefgen.resources import builtin_dir, find_style

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

FONT_STYLESHEET = "pdf-fonts.css"


def allowed_roots(brief_path: Path) -> list[Path]:
    """The brief's folder, the project's styles, templates and fonts, and the built-ins."""
    roots = [brief_path.resolve().parent, *(builtin_dir(name) for name in
                                            ("styles", "templates", "fonts"))]
    project = project_root(brief_path)
    if project is not None:
        roots += [project / name for name in ("styles", "templates", "fonts")]
    return roots


FONTCONFIG_FILE = Path(__file__).resolve().parent / "fontconfig.conf"


@cache
def _font_config() -> FontConfiguration:
    """Fontconfig that knows no installed fonts: only the shipped faces can be used."""
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
        from weasyprint.text.fonts import FontConfiguration

        return FontConfiguration()


def render_pdf(html: str, brief_path: Path) -> bytes:
    """Lay out `html` (already self-contained) as a PDF, set in the shipped fonts."""
    from weasyprint import CSS, HTML

    from briefgen.fetcher import ProjectFetcher

    fetcher = ProjectFetcher(allowed_roots(brief_path))
    fonts = _font_config()
    font_css = find_style(FONT_STYLESHEET, project_root(brief_path))
    document = HTML(string=html, base_url=brief_path.resolve().parent.as_uri() + "/",
                    url_fetcher=fetcher)
    stylesheet = CSS(filename=str(font_css), url_fetcher=fetcher, font_config=fonts)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
