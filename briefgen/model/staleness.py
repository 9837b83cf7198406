"""Staleness: when a brief is due for review, and when a risk's horizon has passed.

A date of any precision covers a span (`2020-03` is all of March), and a
deadline is kept while any of its span is left: a review due by `2020-03`
is overdue from 1 April 2020. Nothing here reads the clock; the caller
gives "today", so that a check is reproducible.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.model.derive import date_key

if TYPE_CHECKING:
    from briefgen.model.brief import Brief


def last_day(text: str) -> dt.date:
    """The last day a date of any precision covers: `2020` -> 31 Dec 2020, `2020-02` ->
    29 Feb 2020; a time counts as its day in UTC."""
    year, month, day = (list(date_key(text)) + [0, 0])[:3]
    if not month:
        return dt.date(year, 12, 31)
    return dt.date(year, month, day or calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Deadline:
    """A date in the brief after which it, or one of its risks, needs an analyst's look."""

    loc: tuple[str | int, ...]  # where it is written: ("meta", "review_by")
    date: str  # as written
    item: str | None  # the risk's id, or None for the brief itself

    @property
    def passes_on(self) -> dt.date:
        """The first day on which the deadline has passed."""
        return last_day(self.date) + dt.timedelta(days=1)

    def passed(self, today: dt.date) -> bool:
        return today >= self.passes_on


def deadlines(brief: Brief) -> list[Deadline]:
    """The brief's review date and each risk's horizon date, in the brief's order."""
    found = []
    if brief.meta.review_by:
        found.append(Deadline(("meta", "review_by"), brief.meta.review_by, None))
    found += [Deadline(("risks", i, "horizon_date"), risk.horizon_date, risk.id)
              for i, risk in enumerate(brief.risks) if risk.horizon_date]
    return found


@dataclass(frozen=True)
class Staleness:
    """What has gone stale in a brief on a given day."""

    review_overdue: bool  # meta.review_by has passed
    passed_horizons: tuple[str, ...]  # ids of the risks whose horizon_date has passed

    @property
    def stale(self) -> bool:
        return self.review_overdue or bool(self.passed_horizons)


def staleness(brief: Brief, today: dt.date) -> Staleness:
    """Which of the brief's deadlines have passed by `today`."""
    passed = [d for d in deadlines(brief) if d.passed(today)]
    return Staleness(any(d.item is None for d in passed),
                     tuple(d.item for d in passed if d.item is not None))
