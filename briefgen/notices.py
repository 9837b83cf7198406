"""Warnings: things worth an analyst's attention that do not make a brief wrong.

A warning never refuses a brief. It is printed like a problem, with its
line, and `warning:` before the message.
"""

from __future__ import annotations

from collections import Counter

from briefgen.checks import walk_fields
from briefgen.errors import Problem
from briefgen.loader import Loaded
from briefgen.markdown import parser
from briefgen.model import ID_SECTIONS, Brief
from briefgen.view import ANNEX_ANCHORS, section_anchors


def notices(brief: Brief, loaded: Loaded) -> list[Problem]:
    """Every warning for a brief that has passed validation."""
    return sorted(_unchecked_quotes(brief, loaded) + _dangling_anchors(brief, loaded))


def _unchecked_quotes(brief: Brief, loaded: Loaded) -> list[Problem]:
    """Quotes and excerpts that cite a source with no stored text cannot be checked."""
    cited: Counter[str] = Counter(quote.source for quote in brief.quotes)
    cited.update(item.source for item in [*brief.key_figures, *brief.timeline]
                 if item.source and item.excerpt)
    found = []
    for i, source in enumerate(brief.sources):
        if source.local_path is None and cited[source.id]:
            count = cited[source.id]
            found.append(_warn(loaded, ("sources", i, "id"),
                               f"{count} quote{'s' if count != 1 else ''} or excerpt"
                               f"{'s' if count != 1 else ''} cite this source, which has no "
                               "local_path, so they are not checked verbatim"))
    return found


def _dangling_anchors(brief: Brief, loaded: Loaded) -> list[Problem]:
    """In-document `#anchor` links that name nothing in the brief."""
    ids = {item.id for section in ID_SECTIONS for item in getattr(brief, section)}
    targets = ids | set(section_anchors(ids).values()) | set(ANNEX_ANCHORS)
    found = []
    for loc, shape, value, _parent in walk_fields(loaded.data):
        if not shape.markdown or not isinstance(value, str) or "](#" not in value \
                and "]: #" not in value:
            continue
        for token in parser().parse(value):
            for child in token.children or []:
                href = str(child.attrGet("href") or "") if child.type == "link_open" else ""
                if href.startswith("#") and href[1:] not in targets:
                    found.append(_warn(loaded, loc, f"the link '{href}' names nothing in this "
                                                    "brief; use an item's id or a section's "
                                                    "heading, such as '#risks'"))
    return found


def _warn(loaded: Loaded, loc: tuple[str | int, ...], message: str) -> Problem:
    problem = loaded.problem(loc, message)
    return Problem(problem.file, problem.line, problem.col, problem.path, message, warning=True)
