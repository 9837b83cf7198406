"""Pure render functions: a validated brief in, the text of one output out.

Every template sees `_`, the translator for the brief's `meta.language`
(briefgen/i18n.py): `{{ _("Risks") }}` prints the catalog's word for it.
"""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import Markup

from briefgen.branding import Branding
from briefgen.errors import RenderError
from briefgen.i18n import translator
from briefgen.markdown import Images
from briefgen.project import project_root, readable_roots
from briefgen.resources import find_style
from briefgen.templating import render_template
from briefgen.view import View

STYLES = ("brief.css", "screen.css", "print.css")
NO_BRANDING = Branding()


def render_markdown(view: View, brief_path: Path, out_dir: Path,
                    branding: Branding = NO_BRANDING, theme: str = "brief") -> str:
    """The GitHub-flavoured Markdown brief; images are linked relative to `out_dir`."""
    images = _images(brief_path)

    def image_src(src: str) -> str | None:
        path = images.local_file(src)
        if path is None:
            return None
        return Path(os.path.relpath(path.resolve(), out_dir.resolve())).as_posix()

    return render_template("md", f"{theme}.md.j2", project_root(brief_path), view=view,
                           brief=view.brief, md_image_src=image_src, branding=branding,
                           _=translator(view.brief.meta.language))


def render_html(view: View, brief_path: Path, branding: Branding = NO_BRANDING,
                theme: str = "brief") -> str:
    """The self-contained HTML brief: CSS inlined, images and figures embedded."""
    project = project_root(brief_path)
    css = {name.split(".")[0]: Markup(_style_text(find_style(name, project))) for name in STYLES}
    return render_template("html", f"{theme}.html.j2", project, view=view, brief=view.brief,
                           images=_images(brief_path), css=css, branding=branding,
                           _=translator(view.brief.meta.language))


def _style_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RenderError(f"{path}: a style sheet must be UTF-8 text") from None


def _images(brief_path: Path) -> Images:
    return Images(base=brief_path.resolve().parent, roots=tuple(readable_roots(brief_path)))
