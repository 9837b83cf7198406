"""From loaded YAML to a typed Brief, or every problem with it in one pass."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefRefused, Problem
from briefgen.model import compiled
from briefgen.model.core import ValidationError
from briefgen.model.shape import BRIEF, model_at, shapes, value_at
from briefgen.model.values import TLP_LEVELS
from briefgen.reading.loader import Loaded, Loc
from briefgen.release.levels import HIGHEST, banner, ceiling
from briefgen.release.markings import check_markings
from briefgen.release.redact import Release, as_loaded, release
from briefgen.validation.limits import check_limits
from briefgen.validation.rules import check_rules

if TYPE_CHECKING:
    from briefgen.model import Brief


@dataclass(frozen=True)
class Checked:
    """A brief that passed validation, and the local source files read to check it: the
    later stages embed and record these bytes instead of reading the files again.

    `loaded` is the data the brief was validated from, which places any later problem
    (a page budget, say) at the analyst's line. For the full version, `releases` holds
    the version for each audience asked for, each validated on its own.

    From `check_brief(..., light=True)`, `brief` is made of plain stand-ins of
    the models (`model.compiled.light`), which hold the same fields: enough to
    read, and made without importing pydantic."""

    brief: Brief
    sources: dict[str, tuple[Path, bytes]] = field(default_factory=dict)  # by source id
    loaded: Loaded | None = None
    audience: str | None = None  # None: the full version
    raised: dict[Loc, str] = field(default_factory=dict)  # see release.redact.Release
    releases: dict[str, Checked] = field(default_factory=dict)


def validate(loaded: Loaded, default_tlp: str | None = None) -> Brief:
    """Return the validated brief, or raise BriefRefused with every problem found."""
    return check_brief(loaded, default_tlp=default_tlp).brief


def check_brief(loaded: Loaded, audiences: tuple[str, ...] = (),
                default_tlp: str | None = None, light: bool = False) -> Checked:
    """The validated brief and the sources it was checked against, and its released
    version for each of `audiences`; or BriefRefused with every problem found, in one pass.

    Every version is made from the analyst's data before validation
    (`briefgen.release`), then validated like any brief: a misquote in a text
    only one audience sees is refused like any other. A problem that only a
    released version has says which version it is in.

    With `light`, each version is validated into plain stand-ins of the models,
    without importing pydantic (`model.compiled.light`): what `check` does,
    since it only reads what it validated.
    """
    own = ceiling(loaded.data, default_tlp)
    markings = check_markings(loaded, default_tlp, audiences)
    problems = [*markings, *check_limits(loaded)]
    full = release(loaded.data, None, own)
    found = loaded if full.data == loaded.data else _as_loaded(loaded, full, own, markings,
                                                               problems)
    checked: Checked | None = None
    try:
        checked = _check(found, list(loaded.problems), light)
    except BriefRefused as exc:
        problems += exc.problems
    releases: dict[str, Checked] = {}
    for audience in dict.fromkeys(audiences) if own is not None else ():
        version = release(loaded.data, audience, own)
        released = _as_loaded(loaded, version, own, markings, problems)
        try:
            releases[audience] = replace(_check(released, [], light), audience=audience,
                                         raised=version.raised)
        except BriefRefused as exc:
            leaks = {(p.line, p.col) for p in markings}  # said once, as what it is
            problems += [_in_version(p, audience) for p in exc.problems
                         if p not in problems and (p.line, p.col) not in leaks]
    if problems or checked is None:
        raise BriefRefused(_unique(problems))
    return replace(checked, releases=releases)


def _as_loaded(loaded: Loaded, version: Release, own: str | None, markings: list[Problem],
               problems: list[Problem]) -> Loaded:
    """A version's data; each required text it has no variant for is a problem."""
    found = as_loaded(loaded, version)
    level = version.audience or own or HIGHEST
    named = [p.path for p in markings]
    for loc in version.unseen:
        where = loaded.name(loc)
        if any(path == where or path.startswith(f"{where}.") for path in named):
            continue  # its variants are already refused for what they are
        value = value_at(loaded.data, loc)
        written = [key for key in TLP_LEVELS if isinstance(value, dict) and key in value]
        has = (f"it has text for {', '.join(written)} only" if written else
               "its text is written at the brief's own level" if isinstance(value, str) else
               "it has no text")
        problems.append(loaded.problem(loc, f"required, and the {banner(level)} version has "
                                            f"no text for it ({has}); add a variant such as "
                                            f"'{level}: …'", key=True))
    places = {old: new for new, old in version.origin.items()}
    found.reported |= {(*places[loc[:-1]], loc[-1]) for loc in version.unseen
                       if loc[:-1] in places}  # refused above, not as a missing key
    return found


def _check(loaded: Loaded, problems: list[Problem], plain: bool) -> Checked:
    """One version of the brief, validated into the models, or with `plain` into their
    stand-ins."""
    brief: Brief | None = None
    try:
        if plain:
            brief = compiled.light(BRIEF).validator.validate_python(loaded.data)
        else:
            from briefgen.model import Brief

            brief = compiled.validator(Brief).validate_python(loaded.data)
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
    return Checked(brief, rules.files, loaded)


def _in_version(problem: Problem, audience: str) -> Problem:
    """A problem found only in one released version says so."""
    message = problem.message
    if message == "needs at least one item":
        message = f"needs at least one item marked {audience} or lower"
    return replace(problem, message=f"in the {banner(audience)} version: {message}")


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _problem(loaded: Loaded, error: Any) -> Problem:
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        parent_is_key = len(loc) > 1 and isinstance(loc[-2], str)
        line, col = loaded.where(loc[:-1], key=parent_is_key)
        return Problem(loaded.file, line, col, loaded.name(loc),
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
    model = model_at("Brief", loc[:-1])
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
