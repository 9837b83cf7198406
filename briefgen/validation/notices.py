"""Warnings: things worth an analyst's attention that do not make a brief wrong.

A warning never refuses a brief. It is printed like a problem, with its
line, and `warning:` before the message.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from briefgen.errors import Problem
from briefgen.model.shape import walk_fields
from briefgen.model.staleness import deadlines
from briefgen.model.values import ID_SECTIONS
from briefgen.project.paths import builtin_dir
from briefgen.reading.loader import Loaded
from briefgen.rendering.i18n import has_catalog
from briefgen.rendering.markdown import anchor_links

if TYPE_CHECKING:  # a brief `check` validated is a stand-in of it (`model.compiled.light`)
    from briefgen.model import Brief

# Text a skeleton (`briefgen new`) starts with; `check` warns while any of it is still there.
SKELETON_BLUF = "Write the bottom line here: what happened, why it matters, what comes next."
SKELETON_TITLE = "Untitled brief"


def notices(brief: Brief, loaded: Loaded) -> list[Problem]:
    """Every warning for a brief that has passed validation."""
    return sorted(_unchecked_quotes(brief, loaded) + _dangling_anchors(brief, loaded)
                  + _uncovered_characters(loaded) + _skeleton_text(brief, loaded)
                  + _untranslated_language(brief, loaded) + _events_after_cut_off(brief, loaded)
                  + _deadlines(brief, loaded) + _malformed_hashtags(brief, loaded))


# Events the timeline may place after the cut-off: what is scheduled is not yet news.
_AHEAD = {"deadline", "scheduled"}


def _events_after_cut_off(brief: Brief, loaded: Loaded) -> list[Problem]:
    """Events the brief reports as past that happen after its own information cut-off.

    Dates are compared at the precision both give: an event in "2020" is not after a
    cut-off of 2020-02-20, but one on 2020-02-21 is."""
    cut_off = brief.meta.date[:16]
    found = []
    for number, event in enumerate(brief.timeline):
        when = event.date[:16]
        common = min(len(when), len(cut_off))
        if event.kind not in _AHEAD and when[:common] > cut_off[:common]:
            found.append(_warn(loaded, ("timeline", number, "date"),
                               f"'{event.date}' is after meta.date '{brief.meta.date}', the "
                               "brief's information cut-off; move meta.date on to the newest "
                               "news the brief takes in, or mark the event 'kind: scheduled'"))
    return found


def _malformed_hashtags(brief: Brief, loaded: Loaded) -> list[Problem]:
    """A figure's `hxl` that HXL tools cannot read: the CSV gives it no column of its own."""
    return [_warn(loaded, ("key_figures", i, "hxl"),
                  f"'{figure.hxl}' is not an HXL hashtag such as '#affected+idps+ind' "
                  "(a '#', a tag, then '+attributes', letters, digits and '_' only), so "
                  "HXL tools cannot read it and the CSV gives it no column of its own")
            for i, figure in enumerate(brief.key_figures)
            if figure.hxl and not _is_hashtag(figure.hxl.strip())]


def _is_hashtag(text: str) -> bool:
    from briefgen.rendering.hxl import is_hashtag  # the CSV writer's rule, and its imports

    return is_hashtag(text)


def in_force(warnings: list[Problem], today: dt.date) -> list[Problem]:
    """The warnings that hold on `today`: a deadline's warning holds once it has passed.

    Every deadline's warning is made, and cached, whatever the day; only the
    ones in force are shown, so that a brief skipped as current tomorrow
    still warns about the deadline that passes tonight.
    """
    day = today.isoformat()
    return [w for w in warnings if not w.holds_from or w.holds_from <= day]


def _deadlines(brief: Brief, loaded: Loaded) -> list[Problem]:
    """A brief past its review date, and risks whose horizon has passed; each warning holds
    from the day after the date it names (`in_force`)."""
    titles = {risk.id: risk.title for risk in brief.risks}
    found = []
    for deadline in deadlines(brief):
        if deadline.item is None:
            message = (f"this brief was due for review by {deadline.date}: check that it "
                       "still holds, then set a new review_by (or mark it superseded)")
        else:
            message = (f"risk '{deadline.item}' ({titles[deadline.item]}) looked ahead to "
                       f"{deadline.date}, which has passed: revise its likelihood and "
                       "horizon, or retire the risk")
        warning = _warn(loaded, deadline.loc, message)
        found.append(replace(warning, holds_from=deadline.passes_on.isoformat()))
    return found


def _untranslated_language(brief: Brief, loaded: Loaded) -> list[Problem]:
    """A language briefgen has no catalog for: its own words will be English."""
    language = brief.meta.language
    if has_catalog(language):
        return []
    return [_warn(loaded, ("meta", "language"),
                  f"briefgen has no translation into '{language}', so the labels it adds "
                  "(headings, table headers, likelihood words, markings) will be in English; "
                  "dates and numbers still follow the language")]


def _skeleton_text(brief: Brief, loaded: Loaded) -> list[Problem]:
    """What `briefgen new` wrote and nobody has replaced yet."""
    found = []
    if brief.summary.bluf.strip() == SKELETON_BLUF:
        found.append(_warn(loaded, ("summary", "bluf"), "still the skeleton's text; write the "
                                                        "bottom line"))
    if brief.meta.title == SKELETON_TITLE:
        found.append(_warn(loaded, ("meta", "title"), "still the skeleton's title"))
    return found


@cache
def font_coverage() -> tuple[tuple[int, int], ...]:
    """The code point ranges the shipped PDF faces cover (fonts/coverage.txt)."""
    lines = (builtin_dir("fonts") / "coverage.txt").read_text(encoding="ascii").splitlines()
    return tuple((int(a, 16), int(b, 16)) for a, b in
                 (line.split("-") for line in lines if line and not line.startswith("#")))


@cache
def _covered(char: str) -> bool:
    point = ord(char)
    if point < 0x20 or char.isspace():
        return True
    ranges = font_coverage()
    at = bisect.bisect_right(ranges, (point, 0x10FFFF)) - 1
    return at >= 0 and ranges[at][0] <= point <= ranges[at][1]


def _uncovered_characters(loaded: Loaded) -> list[Problem]:
    """Characters no shipped face has: they would print as empty boxes in the PDF."""
    texts = [(loc, value) for loc, _shape, value, _parent in walk_fields(loaded.data)
             if isinstance(value, str)]
    if all(_covered(char) for char in set().union(*(value for _loc, value in texts))):
        return []  # each distinct character looked up once: the usual case
    found = []
    for loc, value in texts:
        missing = sorted(char for char in set(value) if not _covered(char))
        if missing:
            shown = ", ".join(f"'{char}' (U+{ord(char):04X})" for char in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            found.append(_warn(loaded, loc, f"{shown}{more} cannot be set in briefgen's fonts "
                                            "and will print as empty boxes in the PDF"))
    return found


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
    links = [(loc, target) for loc, shape, value, _parent in walk_fields(loaded.data)
             if shape.markdown and isinstance(value, str) for target in anchor_links(value)]
    if not links:
        return []
    from briefgen.model.view import ANNEX_ANCHORS, section_anchors  # only a link needs the view

    ids = {item.id for section in ID_SECTIONS for item in getattr(brief, section)}
    targets = ids | set(section_anchors(ids).values()) | set(ANNEX_ANCHORS)
    found = []
    for loc, target in links:
        if target not in targets:
            found.append(_warn(loaded, loc, f"the link '#{target}' names nothing in this "
                                            "brief; use an item's id or a section's "
                                            "heading, such as '#risks'"))
    return found


def _warn(loaded: Loaded, loc: tuple[str | int, ...], message: str) -> Problem:
    problem = loaded.problem(loc, message)
    return Problem(problem.file, problem.line, problem.col, problem.path, message, warning=True)
