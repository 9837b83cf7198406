"""The words briefgen adds to a brief, in the brief's own language.

Headings, labels and the words for a format's terms are English message ids
looked up in a gettext catalog, `locales/<lang>/LC_MESSAGES/briefgen.po`,
read with Babel; a message a catalog lacks stays English. Dates and numbers
are formatted by Babel for the brief's locale, whether or not a catalog
exists. Templates call the translator as `_("Risks")`, or with named
placeholders, `_("Page %(page)s of %(pages)s", page=…, pages=…)`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from briefgen.model.language import is_rtl, primary
from briefgen.model.values import DATE
from briefgen.rendering.terms import TERMS

if TYPE_CHECKING:  # Babel is imported where it is used: `check` needs none of it
    from babel import Locale

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "briefgen"
SOURCE_LANGUAGE = "en"
# Unqualified English is international English: "19 February 2020", not "February 19, 2020".
# A brief that wants American dates says `en-US`.
ENGLISH = "en_001"
@cache
def _catalog(name: str) -> Mapping[tuple[str, str | None], str] | None:
    """The translated messages of `locales/<name>`, keyed by (msgid, msgctxt); fuzzy and
    empty translations are left out, so that their English shows instead."""
    path = _po_file(name)
    if not path.is_file():
        return None
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, domain=DOMAIN)
    return {(message.id, message.context): message.string for message in catalog
            if message.id and isinstance(message.id, str) and message.string
            and not message.fuzzy}


def _po_file(name: str) -> Path:
    return LOCALES / name / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_names(language: str) -> tuple[str, ...]:
    """The catalog folders that may serve `language`, most specific first: `pt_BR`, `pt`."""
    full = language.replace("-", "_")
    return (full, primary(language)) if full != primary(language) else (full,)


def has_catalog(language: str) -> bool:
    """Whether briefgen's own words exist in `language` (English always does)."""
    return primary(language) == SOURCE_LANGUAGE or any(
        _po_file(name).is_file() for name in catalog_names(language))


@cache
def babel_locale(language: str) -> Locale:
    """The locale dates and numbers follow; international English when Babel has none."""
    from babel import Locale, UnknownLocaleError

    if language.lower() == SOURCE_LANGUAGE:
        return Locale.parse(ENGLISH)
    for candidate in (language, primary(language)):
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(ENGLISH)


def text_direction(text: str) -> str | None:
    """`rtl` or `ltr` from the first strongly directional character, as `dir="auto"` decides;
    None for text with none (numbers, punctuation)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


@dataclass(frozen=True)
class Translator:
    """`_` in the templates: briefgen's words, dates and numbers in one language."""

    language: str
    messages: Mapping[tuple[str, str | None], str] = field(default_factory=dict)

    @property
    def locale(self) -> Locale:
        return babel_locale(self.language)

    @property
    def rtl(self) -> bool:
        return is_rtl(self.language)

    def __call__(self, message: str, **params: Any) -> str:
        return self.pgettext(None, message, **params)

    def gettext(self, message: str, **params: Any) -> str:
        """The same as calling the translator; Python code calls this name, which
        `pybabel extract` finds."""
        return self.pgettext(None, message, **params)

    def pgettext(self, context: str | None, message: str, **params: Any) -> str:
        """The message in this language, its `%(name)s` placeholders filled in. A Markup
        value (already safe HTML) stays markup; everything else in the result is escaped."""
        text = self.messages.get((message, context), message)
        if not params:
            return text
        if any(isinstance(value, Markup) for value in params.values()):
            return escape(text) % params
        return text % params

    def term(self, name: str, value: str) -> str:
        """A term of the format in words: `term("confidence", "moderate")` -> `modérée`."""
        words = TERMS.get(name, {}).get(value, value.replace("-", " "))
        return self.pgettext(name, words)

    def date(self, text: str) -> str:
        return format_date(text, self.locale)

    def number(self, value: float | None) -> str:
        return format_number(value, self.locale)

    def month(self, day: dt.date) -> str:
        """A month on a time axis, short: `Feb 2020`, `févr. 2020`."""
        from babel import dates as babel_dates

        return babel_dates.format_skeleton("yMMM", day, locale=self.locale)

    def percent_range(self, low: int, high: int) -> str:
        """`45–55 %`, in the locale's digits, as the catalog writes a range of percentages."""
        return self.gettext("%(low)s–%(high)s\u00a0%%", low=self.number(low),
                            high=self.number(high))

    def page_parts(self) -> tuple[str, str, str]:
        """"Page N of M" cut round its two numbers, for a PDF footer that fills them in."""
        marker = "\u0000"
        text = self.gettext("Page %(page)s of %(pages)s", page=marker, pages=marker)
        before, between, after = (text.split(marker) + ["", ""])[:3]
        return before, between, after


@cache
def translator(language: str) -> Translator:
    """The translator for a brief's `meta.language`; English where no catalog exists."""
    for name in catalog_names(language):
        messages = _catalog(name)
        if messages is not None:
            return Translator(language, messages)
    return Translator(language)


def of_context(context: Any) -> Translator:
    """The translator a template is rendered with (its `_`), or English without one."""
    found = context.get("_")
    return found if isinstance(found, Translator) else translator(SOURCE_LANGUAGE)


def format_date(text: str, locale: Locale | None = None) -> str:
    """An ISO date at the precision it was given: `2019` stays a year, `2019-12` is a month
    (`December 2019`), `2020-02-19` a day, and a time keeps its clock and offset."""
    from babel import dates as babel_dates

    locale = locale or babel_locale(SOURCE_LANGUAGE)
    match = DATE.match(text)
    if match is None:
        return text
    try:
        year = int(match["y"])
        if not match["m"]:
            return babel_dates.format_skeleton("y", dt.date(year, 1, 1), locale=locale)
        month = int(match["m"])
        if not match["d"]:
            return babel_dates.format_skeleton("yMMMM", dt.date(year, month, 1), locale=locale)
        day = babel_dates.format_date(dt.date(year, month, int(match["d"])), "long",
                                      locale=locale)
        if not match["H"]:
            return day
        clock = dt.time(int(match["H"]), int(match["M"]), int(match["S"] or 0))
        time = babel_dates.format_skeleton("Hms" if match["S"] else "Hm", clock, locale=locale)
    except ValueError:  # an impossible date never passes validation; show it as written
        return text
    tz = match["tz"]
    if tz:
        time += " UTC" if tz == "Z" else f" UTC{tz}"
    return str(locale.datetime_formats["medium"]).format(time, day)


def format_number(value: float | None, locale: Locale | None = None) -> str:
    """3600000 -> `3,600,000` (`3 600 000` in French); every decimal the brief gave is kept,
    and a whole float prints without `.0`."""
    import decimal  # here, with Babel: `check` formats no number

    from babel.numbers import format_decimal

    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    with decimal.localcontext() as context:
        context.prec = 400  # room for every digit of the largest and the smallest float
        return format_decimal(value, locale=locale or babel_locale(SOURCE_LANGUAGE),
                              decimal_quantization=False)
