"""The values of the `briefgen/1` format, without pydantic: the checks each field's value
must pass, the marks its annotation carries, and the format's fixed words.

The models in `fields` and the sections name these validators; `check`
validates with them through a compiled schema (`compiled`) without
importing pydantic, so nothing here may import it. A validator raises a
`PydanticCustomError`, whose type the validation stage turns into a message
that quotes what the analyst actually wrote.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefgen.model.core import PydanticCustomError

SCHEMA = "briefgen/1"

# The sections whose items carry ids, with the kind of id each one defines.
ID_SECTIONS: dict[str, str] = {
    "sources": "source",
    "key_figures": "key_figure",
    "parties": "party",
    "people": "person",
    "quotes": "quote",
    "risks": "risk",
    "timeline": "event",
    "recommendations": "recommendation",
    "open_questions": "open_question",
}

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
LANG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")
DATE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}:\d{2})?)?)?)?\Z"
)
# For reading dates that analysts write in words (a date error's suggestion, briefgen new);
# printed dates come from Babel.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH_WORD = r"(?P<month>[A-Za-z]{3,9})\.?"
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})\Z")
_YEAR_FIRST = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})\Z")
_IN_WORDS = (re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_WORD},?\s+(?P<y>\d{{4}})\Z"),
             re.compile(rf"^{_MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\Z"),
             re.compile(rf"^{_MONTH_WORD}\s+(?P<y>\d{{4}})\Z"))


def month_number(name: str) -> int | None:
    """1-12 for an English month's name or its abbreviation of three letters or more."""
    name = name.lower()
    found = [n for n, month in enumerate(MONTHS, 1)
             if len(name) >= 3 and month.lower().startswith(name)]
    return found[0] if len(found) == 1 else None


def _iso(year: int, month: int, day: int | None) -> str | None:
    try:
        return dt.date(year, month, day or 1).isoformat()[:None if day else 7]
    except ValueError:
        return None


def suggest_dates(text: str) -> list[str]:
    """The ISO forms a date written another way most likely means: `23/02/2026`,
    `24 February 2026`, `Feb 24, 2026`. Two when day and month could be either way round."""
    text = " ".join(text.split())
    if match := _NUMERIC.match(text):
        a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
        found = [_iso(year, b, a), _iso(year, a, b)]  # day first, as most of the world writes
        return list(dict.fromkeys(d for d in found if d))
    if match := _YEAR_FIRST.match(text):
        found = _iso(int(match["y"]), int(match["m"]), int(match["d"]))
        return [found] if found else []
    for pattern in _IN_WORDS:
        if (match := pattern.match(text)) and (month := month_number(match["month"])):
            day = int(match["d"]) if "d" in match.groupdict() else None
            found = _iso(int(match["y"]), month, day)
            return [found] if found else []
    return []


@dataclass(frozen=True)
class RefTo:
    """Marks a field whose value names the id of another item (`kind` or any)."""

    kind: str | None


@dataclass(frozen=True)
class IsMarkdown:
    """Marks a field whose text is CommonMark, rendered rather than printed as written."""


@dataclass(frozen=True)
class IsText:
    """Marks a field of prose (plain or CommonMark) that may instead hold one text per TLP
    level, `{amber: "…", clear: "…"}`; each released version keeps the one its audience
    may see (`briefgen.release`). Ids, dates, codes and choices never vary."""


@dataclass(frozen=True)
class Verbatim:
    """Marks a field that must appear verbatim in the source named by `source_field`."""

    source_field: str


def as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise PydanticCustomError("not_text", "expected text", {"value": value})


def as_required_text(value: Any) -> str:
    text = as_text(value)
    if not text.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return text


def as_slug(value: Any) -> str:
    text = as_text(value)
    if len(text) > 64 or not SLUG.match(text):
        raise PydanticCustomError(
            "slug", "'{value}' is not a valid id: use 1-64 lower-case letters, digits and "
            "hyphens, starting with a letter or digit", {"value": text})
    return text


def as_lang(value: Any) -> str:
    text = as_text(value)
    if not LANG.match(text):
        raise PydanticCustomError("lang", "'{value}' is not a BCP 47 language code such as "
                                  "'en', 'ar' or 'en-GB'", {"value": text})
    return text


def normalise_date(value: Any) -> str:
    """Accept an ISO date string of any precision, or a date YAML parsed itself."""
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text.replace("+00:00", "Z") if value.tzinfo else text
    if isinstance(value, dt.date):
        return value.isoformat()
    text = as_text(value)
    match = DATE.match(text)
    if not match:
        if guesses := suggest_dates(text):
            meant = " or ".join(f"'{g}'" for g in guesses)
            raise PydanticCustomError("date", "'{value}' is not an ISO 8601 date; did you "
                                      "mean " + meant.replace("{", "").replace("}", "") + "?",
                                      {"value": text})
        raise PydanticCustomError("date", "'{value}' is not an ISO 8601 date such as "
                                  "'2020', '2020-02', '2020-02-19' or '2020-02-19T14:30'",
                                  {"value": text})
    parts = {k: int(v) for k, v in match.groupdict().items() if v and k != "tz"}
    try:
        dt.datetime(parts["y"], parts.get("m", 1), parts.get("d", 1), parts.get("H", 0),
                    parts.get("M", 0), parts.get("S", 0))
        tz = match["tz"]
        if tz and tz != "Z" and (int(tz[1:3]) > 23 or int(tz[4:6]) > 59):
            raise ValueError("bad offset")
    except ValueError:
        raise PydanticCustomError("date", "'{value}' is not a real date or time",
                                  {"value": text}) from None
    return text


def as_number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("not_number", "expected a number written without quotes",
                                  {"value": value})
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("not_finite", "'{value}' is not a number a reader can use; "
                                  "write a finite number, or leave the key out",
                                  {"value": str(value)})
    return value


def as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise PydanticCustomError("not_bool", "expected true or false", {"value": value})


@dataclass(frozen=True)
class Choice:
    """A validator for a fixed vocabulary, with a 'did you mean' suggestion. A class, not a
    closure, so that a model's compiled schema can be pickled (`briefgen.model.compiled`)."""

    values: tuple[str, ...]

    def __call__(self, value: Any) -> str:
        text = as_text(value)
        if text in self.values:
            return text
        same = [v for v in self.values if v.lower() == text.lower()]
        close = same or difflib.get_close_matches(text.lower(), self.values, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise PydanticCustomError("choice", "'{value}' is not one of {allowed}{hint}",
                                  {"value": text, "allowed": ", ".join(self.values),
                                   "hint": hint})


def choice(*values: str) -> Callable[[Any], str]:
    """A validator for a fixed vocabulary, with a 'did you mean' suggestion."""
    return Choice(values)


# The TLP 2.0 levels, from the widest audience to the narrowest: an audience sees what is
# marked at its level or lower.
TLP_LEVELS = ("clear", "green", "amber", "amber+strict", "red")




def as_country(value: Any) -> str:
    if isinstance(value, str) and COUNTRY.match(value):
        return value
    raise PydanticCustomError("country", "'{value}' is not an ISO 3166 alpha-3 country code "
                              "such as 'SYR' or 'TUR'", {"value": value})


COUNTRY = re.compile(r"^[A-Z]{3}\Z")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")


def as_colour(value: Any) -> str:
    """A house colour in briefgen.toml, as `#rgb` or `#rrggbb`, in lower case."""
    if isinstance(value, str) and _HEX.match(value):
        return value.lower()
    raise PydanticCustomError("colour", "'{value}' is not a colour written as #rgb or #rrggbb, "
                              "such as '#1f3a68'", {"value": value})


@dataclass(frozen=True)
class EmptyIsAbsent:
    """`key:` with nothing after it means the same as leaving the key out, unless the key is
    `required`. What every model does before validating (`fields.Model`), as a value that a
    compiled schema can carry without the model."""

    required: frozenset[str]

    def __call__(self, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        return {k: v for k, v in data.items() if v is not None or k in self.required}
