"""Themes: which templates render a brief, what outputs they name, and their page budgets.

A theme is a pair of templates, `NAME.html.j2` and `NAME.md.j2`, found
like every template: in the project's `templates/` first, then the
built-ins. A project adds a theme by adding the pair. A theme declares a
page budget in its HTML, `<meta name="briefgen-page-budget" content="2">`,
and briefgen refuses a brief whose PDF runs over it, saying by how much.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefRefused, UsageError
from briefgen.resources import search_path

if TYPE_CHECKING:
    from briefgen.config import Defaults
    from briefgen.loader import Loaded
    from briefgen.model import Brief
    from briefgen.pdf import LaidOut
    from briefgen.view import View

DEFAULT_THEME = "brief"
_BUDGET = re.compile(r'<meta name="briefgen-page-budget" content="(\d+)">')
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")


def themes(project: Path | None) -> list[str]:
    """Every theme a project can use: the built-in ones and its own."""
    found = {p.name.removesuffix(".html.j2") for folder in search_path("templates", project)
             for p in folder.glob("*.html.j2")}
    return sorted(name for name in found if _NAME.match(name))


def check_theme(theme: str, project: Path | None) -> None:
    """Refuse an unknown theme before any brief is rendered, naming the ones there are."""
    known = themes(project)
    if theme not in known:
        places = ", ".join(str(folder) for folder in search_path("templates", project))
        raise UsageError(f"no theme '{theme}': there is no {theme}.html.j2 in {places}; "
                         f"the themes here are {', '.join(known)}")


def output_stem(ident: str, theme: str) -> str:
    """`idlib` for the full brief; `idlib.one-pager` for another theme, so both can coexist."""
    return ident if theme == DEFAULT_THEME else f"{ident}.{theme}"


def with_defaults(brief: Brief, defaults: Defaults) -> Brief:
    """The brief with the project's default markings wherever it sets none itself."""
    missing = {name: value for name, value in (("classification", defaults.classification),
                                               ("tlp", defaults.tlp))
               if value is not None and getattr(brief.meta, name) is None}
    if not missing:
        return brief
    return brief.model_copy(update={"meta": brief.meta.model_copy(update=missing)})


def check_budget(html: str, laid: LaidOut, loaded: Loaded, view: View, theme: str) -> None:
    """Refuse a PDF longer than its theme allows, naming what spilt onto the extra pages."""
    declared = _BUDGET.search(html)
    if declared is None or laid.pages <= int(declared[1]):
        return
    budget = int(declared[1])
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
