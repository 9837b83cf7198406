"""The render stage: a validated brief in, the bytes of every output it asks for, in memory.

Nothing here writes a file. Each format is one pure function of the view.

Every template sees `_`, the translator for the brief's `meta.language`
(briefgen/rendering/i18n.py): `{{ _("Risks") }}` prints the catalog's word for it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from briefgen.errors import BriefRefused, Problem, RenderError
from briefgen.model.derive import moment
from briefgen.model.view import View, build_view
from briefgen.project.branding import Branding
from briefgen.project.paths import find_style, project_root, readable_roots
from briefgen.project.themes import DEFAULT_THEME, output_names, output_stem
from briefgen.rendering.breaks import WBR, ZWSP, breakable
from briefgen.rendering.i18n import translator
from briefgen.rendering.linked_data import report, script_json
from briefgen.rendering.markdown import Images
from briefgen.rendering.templating import render_template

if TYPE_CHECKING:
    from briefgen.model import Brief
    from briefgen.model.diff import Since
    from briefgen.reading.loader import Loaded
    from briefgen.rendering.pdf import LaidOut
    from briefgen.stages import Options
    from briefgen.writing.attachments import Embedded

STYLES = ("brief.css", "screen.css", "print.css")
CONTENTS_MIN_PAGES = 2  # a PDF longer than this opens with a table of contents
PAGE_BUDGET = "briefgen-page-budget"  # the <meta> name by which a theme declares one
NO_BRANDING = Branding()


def render_markdown(view: View, brief_path: Path, out_dir: Path,
                    branding: Branding = NO_BRANDING, theme: str = "brief",
                    images: Images | None = None) -> str:
    """The GitHub-flavoured Markdown brief; images are linked relative to `out_dir`."""
    images = images or brief_images(brief_path)

    def image_src(src: str) -> str | None:
        path = images.local_file(src)
        if path is None:
            return None
        return Path(os.path.relpath(path.resolve(), out_dir.resolve())).as_posix()

    return render_template("md", f"{theme}.md.j2", project_root(brief_path), view=view,
                           brief=view.brief, md_image_src=image_src, branding=branding,
                           _=translator(view.brief.meta.language))


def render_html(view: View, brief_path: Path, branding: Branding = NO_BRANDING,
                theme: str = "brief", images: Images | None = None) -> str:
    """The self-contained HTML brief: CSS inlined, images and figures embedded."""
    project = project_root(brief_path)
    css = {name.split(".")[0]: Markup(_style_text(find_style(name, project))) for name in STYLES}
    return breakable(render_template("html", f"{theme}.html.j2", project, view=view,
                                     brief=view.brief,
                                     images=images or brief_images(brief_path), css=css,
                                     branding=branding,
                                     linked_data=script_json(report(view, branding)),
                                     _=translator(view.brief.meta.language)))


def _style_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RenderError(f"{path}: a style sheet must be UTF-8 text") from None


def brief_images(brief_path: Path) -> Images:
    """The images a brief may show: files below its folder and its project's."""
    return Images(base=brief_path.resolve().parent, roots=tuple(readable_roots(brief_path)))


@dataclass(frozen=True)
class Outputs:
    """Every output of one brief, in memory, and the image files they show."""

    files: dict[Path, bytes]
    images: tuple[Path, ...]
    notices: tuple[Problem, ...] = ()  # warnings about the layout: a one-pager on two sides


def render_outputs(brief: Brief, loaded: Loaded, out_dir: Path, options: Options,
                   since: Since | None = None, house: Branding = NO_BRANDING,
                   theme: str = DEFAULT_THEME, embedded: tuple[Embedded, ...] = (),
                   audience: str | None = None) -> Outputs:
    """Every requested output, rendered in memory before anything is written.

    A PDF over two pages opens with a table of contents, and a shorter one
    does not; when the first layout proves the guess wrong, the HTML is
    rendered again the other way and laid out once more. The HTML written
    in the same build is that final HTML, less the relations diagram's place,
    which fits WeasyPrint's pages and not a browser's (and so a page that
    `serve` shows before the PDF is laid out is the page written after it). A
    theme that declares a page budget refuses a brief whose PDF runs over it.
    `embedded` are the files the PDF carries. A version released to
    `audience` is named for it; it is rendered like any brief, from the
    released brief alone.
    """
    path = loaded.path
    view = build_view(brief, since)
    images = brief_images(path)
    stem = output_stem(brief.meta.id, theme, audience)
    files: dict[Path, bytes] = {}
    notices: list[Problem] = []
    if "md" in options.formats:
        text = render_markdown(view, path, out_dir, house, theme, images)
        files[out_dir / f"{stem}.md"] = text.encode("utf-8")
    if "html" in options.formats or "pdf" in options.formats:
        html = render_html(view, path, house, theme, images)
        page = html  # what a browser shows: the diagram's place is the PDF's own measurement
        if "pdf" in options.formats:
            from briefgen.rendering.pdf import lay_out

            def pdf(html: str) -> LaidOut:  # a break as a character: no box per break
                return lay_out(html.replace(WBR, ZWSP), path, stamp=moment(brief.meta.date),
                               embedded=embedded, variant=options.pdf_variant)

            laid = pdf(html)
            if (laid.pages > CONTENTS_MIN_PAGES) != view.has_contents:
                view = view.with_contents(laid.pages > CONTENTS_MIN_PAGES)
                html = page = render_html(view, path, house, theme, images)
                laid = pdf(html)
            for better in diagram_placements(view, laid):
                fitted = render_html(better, path, house, theme, images)
                tried = pdf(fitted)
                if tried.pages <= laid.pages and (tried.gap_before("relations-diagram") or 0) \
                        < DIAGRAM_GAP_MM:
                    view, html, laid = better, fitted, tried
                    break
            check_budget(laid, loaded, view, theme)
            notices += one_side(laid, loaded, view, theme)
            files[out_dir / f"{stem}.pdf"] = laid.write()
        if "html" in options.formats:
            files[out_dir / f"{stem}.html"] = page.encode("utf-8")
    if "docx" in options.formats:
        from briefgen.rendering.word import render_docx

        files[out_dir / f"{stem}.docx"] = render_docx(view, house, images, theme)
    if "json" in options.formats:
        from briefgen.rendering.brief_json import render_json

        files[out_dir / f"{stem}.json"] = render_json(brief).encode("utf-8")
    if "csv" in options.formats:
        from briefgen.rendering.hxl import render_csv

        tables = render_csv(view)
        for name, kind in zip(output_names(stem, "csv"), ("figures", "risks"), strict=True):
            files[out_dir / name] = tables[kind].encode("utf-8")
    return Outputs(files, tuple(sorted(images.used)), tuple(notices))


def one_side(laid: LaidOut, loaded: Loaded, view: View, theme: str) -> list[Problem]:
    """A theme whose budget is two sides says when a brief does not fit on one: a warning
    naming what runs on to the second side and how much of it is used, so that the analyst
    can trim it to one side, or see that the second is worth printing."""
    declared = laid.document.metadata.custom.get(PAGE_BUDGET, "")
    if declared != "2" or laid.pages < 2:
        return []
    titles = {anchor: view.title(key) for key, anchor in view.anchors.items()}
    placed = [(number, titles[a]) for number, page in enumerate(laid.document.pages)
              for a in page.anchors if a in titles]
    running = [title for number, title in placed if number < 1][-1:]
    spilt = list(dict.fromkeys(running + [title for number, title in placed if number >= 1]))
    used = round(100 * laid.filled(1))
    what = f" ({', '.join(spilt)})" if spilt else ""
    problem = loaded.problem(("meta",), "", key=True)
    return [Problem(problem.file, problem.line, problem.col, problem.path,
                    f"the {theme} does not fit one side: it runs on to a second{what}, "
                    f"{used} % of which it fills; shorten the BLUF, the top risks or the "
                    "recommendations to fit one side", warning=True)]


# The relations diagram is one picture, never split. Pushed whole to the next page, it leaves
# the foot of the page before it blank. When that blank is taller than DIAGRAM_GAP_MM, the
# layout tries, in turn: the diagram drawn as tall as the blank (less its heading), if that
# leaves it at least DIAGRAM_MIN_MM tall; then the diagram after the relations table, whose
# rows fill the blank. The first that leaves no such blank and no more pages is kept.
DIAGRAM_GAP_MM = 30
DIAGRAM_MIN_MM = 60
DIAGRAM_HEADING_MM = 14


def diagram_placements(view: View, laid: LaidOut) -> list[View]:
    """The other ways to place the relations diagram, best first, when it was pushed whole
    to a page and left a tall blank before it; none otherwise."""
    gap = laid.gap_before("relations-diagram")
    if gap is None or gap < DIAGRAM_GAP_MM:
        return []
    tries = []
    if gap - DIAGRAM_HEADING_MM >= DIAGRAM_MIN_MM:
        tries.append(view.with_diagram(height=round(gap - DIAGRAM_HEADING_MM, 1)))
    tries.append(view.with_diagram(after_table=True))
    return tries


def check_budget(laid: LaidOut, loaded: Loaded, view: View, theme: str) -> None:
    """Refuse a PDF longer than its theme allows, naming what spilt onto the extra pages.

    The budget is the theme's `<meta name="briefgen-page-budget">`, as the
    layout read it from the HTML it laid out.
    """
    declared = laid.document.metadata.custom.get(PAGE_BUDGET, "")
    if not declared.isdigit() or laid.pages <= int(declared):
        return
    budget = int(declared)
    titles = {anchor: view.title(key) for key, anchor in view.anchors.items()}
    placed = [(number, titles[a]) for number, page in enumerate(laid.document.pages)
              for a in page.anchors if a in titles]
    running = [title for number, title in placed if number < budget][-1:]  # runs on over
    spilt = list(dict.fromkeys(running + [title for number, title in placed
                                          if number >= budget]))
    over = laid.pages - budget
    where = f"; from page {budget + 1} on: {', '.join(spilt)}" if spilt else ""
    raise BriefRefused([loaded.problem(
        ("meta",), f"the {theme} theme fits {budget} page{'s' if budget != 1 else ''}, and "
                   f"this brief runs to {laid.pages}, {over} page{'s' if over != 1 else ''} "
                   f"over{where}. Shorten the text it shows (the BLUF, the top risks and "
                   "recommendations), or build the full brief", key=True)])
