"""A project's `briefgen.toml`: its house style and its build defaults.

Every key is optional, and a project without the file builds exactly as
before. The options given on the command line win over the file. A
mistake in the file is reported like a mistake in a brief: with its
`file:line:col`, and the build does not start.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefRefused, Problem, display_path
from briefgen.model.compiled import light
from briefgen.model.core import ValidationError
from briefgen.model.shape import shapes
from briefgen.project.paths import CONFIG_NAME, folder_root

if TYPE_CHECKING:
    from briefgen.project.config_model import Config

CONFIG = "briefgen.project.config_model.Config"  # the models, as `model.compiled.light` reads them


@dataclass(frozen=True)
class Project:
    """A project folder and what its configuration says: a stand-in of `Config`
    (`model.compiled.light`), whose fields read as the model's would."""

    root: Path | None
    config: Config
    source: bytes = b""  # the file's bytes, for the cache

    @property
    def file(self) -> Path | None:
        return self.root / CONFIG_NAME if self.root is not None else None


@cache
def no_config() -> Config:
    """The configuration of a project without a briefgen.toml: every default."""
    return light(CONFIG).validator.validate_python({})


def find_project(start: Path) -> Project:
    """The project of the folder `start`, found by the same rule as a brief's."""
    root = folder_root(start)
    return load_project(root) if root is not None else Project(None, no_config())


def load_project(root: Path | None) -> Project:
    """The project at `root`, with its configuration read and checked."""
    if root is None or not (root / CONFIG_NAME).is_file():
        return Project(root, no_config())
    path = root / CONFIG_NAME
    data = path.read_bytes()
    return _parsed(root.resolve(), data)


@cache
def _parsed(root: Path, data: bytes) -> Project:
    path = root / CONFIG_NAME
    name = display_path(path)
    import tomllib  # only a project with a briefgen.toml reads one

    try:
        text = data.decode("utf-8")
        table = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise BriefRefused([Problem(name, line, 1, "", "not UTF-8 text")]) from None
    except tomllib.TOMLDecodeError as exc:
        line, col = _toml_position(str(exc))
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(exc))
        raise BriefRefused([Problem(name, line, col, "", f"not valid TOML: {message}")]) from None
    try:
        config = light(CONFIG).validator.validate_python(table)
    except ValidationError as exc:
        raise BriefRefused([_problem(name, text, error) for error in exc.errors()]) from None
    return Project(root, config, data)


def _toml_position(message: str) -> tuple[int, int]:
    found = re.search(r"at line (\d+), column (\d+)", message)
    return (int(found[1]), int(found[2])) if found else (1, 1)


def _problem(name: str, text: str, error: dict[str, Any]) -> Problem:
    loc = tuple(str(part) for part in error["loc"])
    line, col = locate(text, loc)
    if error["type"] == "extra_forbidden":
        known = _known_keys(loc[:-1])
        close = difflib.get_close_matches(loc[-1], known, n=1, cutoff=0.6)
        message = f"unknown key '{loc[-1]}'" + (f"; did you mean '{close[0]}'?" if close
                                                else f"; the keys here are {', '.join(known)}")
    else:
        message = error["msg"]
    return Problem(name, line, col, ".".join(loc), message)


def _known_keys(loc: tuple[str, ...]) -> list[str]:
    model: str | None = "Config"
    for part in loc:
        model = shapes(model, CONFIG)[part].model if model else None
    return list(shapes(model, CONFIG)) if model else []


def locate(text: str, loc: tuple[str, ...]) -> tuple[int, int]:
    """Where the key `loc` is written: `[table]` headers, then `key =` lines within them.

    briefgen.toml is small and flat (one level of tables), so reading its
    lines is enough; tomllib keeps no positions.
    """
    table, key = (loc[0], loc[1]) if len(loc) > 1 else (None, loc[0])
    current: str | None = None
    table_line: tuple[int, int] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if header := re.match(r"^\[\s*([A-Za-z0-9_-]+)\s*\]", stripped):
            current = header[1]
            if current == table or (table is None and current == key):
                table_line = (number, line.index("[") + 1)
            continue
        assignment = re.match(r"^([A-Za-z0-9_\"'.-]+)\s*=", stripped)
        if assignment and assignment[1].strip("\"'") == key and current == table:
            return number, line.index(assignment[1]) + 1
    return table_line or (1, 1)
