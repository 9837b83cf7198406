"""Themes: which templates render a brief, what outputs they name, and their page budgets.

A theme is a pair of templates, `NAME.html.j2` and `NAME.md.j2`, found
like every template: in the project's `templates/` first, then the
built-ins. A project adds a theme by adding the pair. A theme may declare a
page budget in its HTML, `<meta name="briefgen-page-budget" content="2">`,
which the PDF stage holds the laid-out pages to (`rendering.outputs`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import UsageError
from briefgen.project.paths import search_path

if TYPE_CHECKING:
    from briefgen.model import Brief
    from briefgen.project.config_model import Defaults

DEFAULT_THEME = "brief"
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


def output_stem(ident: str, theme: str, audience: str | None = None) -> str:
    """`idlib` for the full brief; `idlib.one-pager` for another theme, so both can coexist;
    `idlib.tlp-clear` (or `idlib.one-pager.tlp-clear`) for the version released to TLP:CLEAR."""
    stem = ident if theme == DEFAULT_THEME else f"{ident}.{theme}"
    return stem if audience is None else f"{stem}.tlp-{audience}"


# The files a format writes beside the stem, where it is not one file `<stem>.<format>`.
FORMAT_FILES = {"csv": (".figures.csv", ".risks.csv")}


def output_names(stem: str, fmt: str) -> tuple[str, ...]:
    """The names of the files `fmt` writes for a brief: `idlib.md`; `idlib.figures.csv` and
    `idlib.risks.csv`."""
    return tuple(stem + suffix for suffix in FORMAT_FILES.get(fmt, (f".{fmt}",)))


def with_defaults(brief: Brief, defaults: Defaults) -> Brief:
    """The brief with the project's default markings wherever it sets none itself."""
    missing = {name: value for name, value in (("classification", defaults.classification),
                                               ("tlp", defaults.tlp))
               if value is not None and getattr(brief.meta, name) is None}
    if not missing:
        return brief
    return brief.model_copy(update={"meta": brief.meta.model_copy(update=missing)})
