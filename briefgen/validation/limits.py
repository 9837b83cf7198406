"""A bound on the work one text may cost: its length, and the length of its longest word.

Layout time grows with a paragraph's length, and, where a line holds no
break opportunity, with its square (`briefgen.rendering.breaks`). These
limits keep every brief's build bounded. They lie far above any real brief
(the seed brief's longest text is 669 characters, its longest word 39), and
were chosen from real builds: see docs/brief-format.md and bench/.
"""

from __future__ import annotations

import re
from typing import Any

from briefgen.errors import Problem
from briefgen.model.shape import walk_fields
from briefgen.model.values import TLP_LEVELS
from briefgen.reading.loader import Loaded, Loc

MAX_TEXT = 50_000  # characters in one text field (or one of its TLP variants)
MAX_WORD = 10_000  # characters in one run without white space: a URL, a hash
_LONG_WORD = re.compile(r"\S{" + str(MAX_WORD + 1) + ",}")


def _long_word(text: str) -> re.Match[str] | None:
    """The first run of `text` without white space longer than MAX_WORD, if any."""
    return _LONG_WORD.search(text)


def over_limit(text: str) -> str | None:
    """Why `text` is too long to lay out, or None."""
    if len(text) > MAX_TEXT:
        return (f"is {len(text):,} characters long; a text may be at most {MAX_TEXT:,} "
                "characters, so that laying it out takes bounded time: shorten or split it")
    word = _long_word(text)
    if word is not None:
        return (f"holds a word of {len(word.group()):,} characters without a space "
                f"('{word.group()[:20]}…'); a word may be at most {MAX_WORD:,} characters, so "
                "that laying it out takes bounded time: break it with spaces, or shorten it")
    return None


def _texts(value: Any, loc: Loc) -> list[tuple[Loc, str]]:
    """The text at `loc`, or each of its TLP variants."""
    if isinstance(value, str):
        return [(loc, value)]
    if isinstance(value, dict):
        return [((*loc, key), text) for key, text in value.items()
                if key in TLP_LEVELS and isinstance(text, str)]
    return []


def check_limits(loaded: Loaded) -> list[Problem]:
    """Every text field of the analyst's data, each TLP variant included, past a limit."""
    problems = []
    for loc, _shape, value, _parent in walk_fields(loaded.data):
        for where, text in _texts(value, loc):
            if len(text) > MAX_WORD and (why := over_limit(text)) is not None:
                problems.append(loaded.problem(where, why))
                loaded.reported.add(where)
    return problems
