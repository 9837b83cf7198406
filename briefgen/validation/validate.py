"""From loaded YAML to a typed Brief, or every problem with it in one pass."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefgen.errors import BriefRefused, Problem
from briefgen.model import Brief
from briefgen.model.shape import model_at, shapes
from briefgen.reading.loader import Loaded, Loc, dotted
from briefgen.validation.rules import check_rules


@dataclass(frozen=True)
class Checked:
    """A brief that passed validation, and the local source files read to check it: the
    later stages embed and record these bytes instead of reading the files again."""

    brief: Brief
    sources: dict[str, tuple[Path, bytes]] = field(default_factory=dict)  # by source id


def validate(loaded: Loaded) -> Brief:
    """Return the validated brief, or raise BriefRefused with every problem found."""
    return check_brief(loaded).brief


def check_brief(loaded: Loaded) -> Checked:
    """The validated brief and the sources it was checked against, or BriefRefused with
    every problem found, in one pass."""
    problems: list[Problem] = list(loaded.problems)
    brief: Brief | None = None
    try:
        brief = Brief.model_validate(loaded.data)
    except ValidationError as exc:
        errors = [e for e in exc.errors() if tuple(e["loc"]) not in loaded.reported]
        suggested = {(*loc[:-1], hint) for loc, hint in
                     ((tuple(e["loc"]), _suggestion(tuple(e["loc"]))) for e in errors
                      if e["type"] == "extra_forbidden") if hint}
        problems.extend(_problem(loaded, error) for error in errors
                        if not (error["type"] == "missing" and tuple(error["loc"]) in suggested))
    rules = check_rules(loaded)
    problems.extend(rules.problems)
    if problems or brief is None:
        raise BriefRefused(_unique(problems))
    return Checked(brief, rules.files)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _problem(loaded: Loaded, error: Any) -> Problem:
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        parent_is_key = len(loc) > 1 and isinstance(loc[-2], str)
        line, col = loaded.where(loc[:-1], key=parent_is_key)
        return Problem(loaded.file, line, col, dotted(loc),
                       f"the required key '{loc[-1]}' is missing")
    if kind == "extra_forbidden":
        return loaded.problem(loc, _unknown_key(loc), key=True)
    value = error.get("input")
    if kind == "not_text":
        return loaded.problem(loc, _not_text(loaded.raw.get(loc), error["ctx"]["value"]))
    if kind == "not_number":
        return loaded.problem(loc, _not_number(error["ctx"]["value"]))
    if kind == "not_bool":
        return loaded.problem(loc, f"{_found(value)}; write true or false, without quotes")
    if kind == "list_type":
        return loaded.problem(loc, f"expected a list (one '- ' line per item), {_found(value)}")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loaded.problem(loc, f"expected a mapping of 'key: value' lines, {_found(value)}")
    if kind == "too_short":
        return loaded.problem(loc, "needs at least one item")
    return loaded.problem(loc, error["msg"])


def _suggestion(loc: Loc) -> str | None:
    """The known key closest to the unknown key at `loc`, if one is close."""
    model = model_at(Brief, loc[:-1])
    known = list(shapes(model)) if model else []
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    return close[0] if close else None


# Keys an analyst may reach for that briefgen computes itself.
DERIVED_KEYS = {
    "level": "a risk's level is derived from its likelihood and impact; remove this key",
    "score": "a risk's score is derived from its likelihood and impact; remove this key",
}


def _unknown_key(loc: Loc) -> str:
    if loc[0] == "risks" and loc[-1] in DERIVED_KEYS:
        return f"unknown key '{loc[-1]}': {DERIVED_KEYS[str(loc[-1])]}"
    hint = _suggestion(loc)
    return f"unknown key '{loc[-1]}'" + (f"; did you mean '{hint}'?" if hint else "")


def _number_text(value: int | float) -> str:
    try:
        return str(value)
    except ValueError:  # an integer too long for Python to print
        return "a number too long to show"


def _found(value: Any) -> str:
    if value is None:
        return "found nothing"
    if isinstance(value, dict):
        return "found a mapping"
    if isinstance(value, list):
        return "found a list"
    if isinstance(value, bool):
        return f"found the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"found the number {_number_text(value)}"
    return f"found the text '{value}'"


def _not_text(raw: str | None, value: Any) -> str:
    """Explain a YAML 1.1 trap: a plain scalar that was read as something other than text."""
    written = raw if raw is not None else str(value)
    if value is None:
        return "is empty; give it a value"
    if isinstance(value, bool):
        read_as = f"the boolean {str(value).lower()}"
    elif isinstance(value, dt.date):
        read_as = "a date"
    elif isinstance(value, int | float):
        read_as = f"the number {_number_text(value)}"
    else:
        return f"expected text, {_found(value)}"
    return (f"'{written}' is read by YAML as {read_as}; put it in quotes (\"{written}\") "
            "to keep it as text")


def _not_number(value: Any) -> str:
    if isinstance(value, str):
        return (f"expected a number, found the text '{value}'; write a plain number such as "
                "3600000 or 12.5, with no quotes, units or thousands separators")
    return f"expected a number, {_found(value)}"
