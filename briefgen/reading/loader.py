"""Load a brief's YAML safely, keeping a line and column for every node.

PyYAML composes a node tree; we walk it ourselves instead of letting the
constructor build dicts, so that we can refuse duplicate keys, bound alias
expansion and nesting, and remember where every value came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefgen.errors import BriefRefused, Problem, display_path
from briefgen.reading.compose import (
    MAX_DEPTH,
    MAX_NODES,
    Composer,
    LimitExceeded,
    alias_mark,
    check_expansion,
    compose_fast,
    indent_hint,
)
from briefgen.reading.names import Loc, dotted
from briefgen.reading.text import (
    Positions,
    decode,
    file_problem,
    read_text,
    reader_problem,
    yaml_problem,
)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
MAX_DIGITS = 100
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Loaded:
    """A brief's plain data and, for every value, where it was written."""

    file: str
    path: Path
    data: Any
    source: bytes = b""  # the file exactly as read: what a PDF carries inside it
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Loc, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reported: set[Loc] = field(default_factory=set)  # values the loader already refused
    # A released version's data is not the analyst's: each of its places -> where the
    # analyst wrote it (briefgen.release), so that every problem names the analyst's line.
    origin: dict[Loc, Loc] = field(default_factory=dict)
    analyst: Any = None  # a released version's: the analyst's data, which `origin` leads to

    def name(self, loc: Loc) -> str:
        """The dotted path of `loc` as the analyst wrote it, each item with an id named by
        it: `quotes[q-lavrov].text`, not `quotes[0].text`."""
        return dotted(self.original(loc), self.data if self.analyst is None else self.analyst)

    def original(self, loc: Loc) -> Loc:
        """Where the analyst wrote the value at `loc`."""
        if not self.origin:
            return loc
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.origin:
                return (*self.origin[loc[:end]], *loc[end:])
        return loc

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of `loc`, or of its nearest ancestor that has one."""
        table = self.key_marks if key else self.marks
        if loc in table:
            return table[loc]
        for end in range(len(loc) - 1, -1, -1):
            if loc[:end] in self.marks:
                return self.marks[loc[:end]]
        return (1, 1)

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.file, line, col, self.name(loc), message)


def load_brief(path: Path, data: bytes | None = None, name: str | None = None) -> Loaded:
    """Read and parse one brief file, or `data` standing for it (an older version, say).

    Problems that still leave usable data (a duplicate key, a forbidden tag)
    are kept in `Loaded.problems` so that validation can report them together
    with everything else; anything worse raises BriefRefused at once.
    """
    name = name or display_path(path)
    text, original = read_text(path, name) if data is None else decode(data, name)
    loaded = Loaded(file=name, path=path, data=None, source=original)
    fast = compose_fast(text)
    if fast is not None:
        node, composer = fast
    else:
        try:
            composer = Composer(text)  # the reader checks every character up front
        except yaml.YAMLError as exc:
            raise BriefRefused([reader_problem(name, text, exc)]) from None
        try:
            node = composer.get_single_node()
        except LimitExceeded as exc:
            raise _refuse(loaded, Positions(text), exc.mark, str(exc)) from None
        except yaml.MarkedYAMLError as exc:
            raise BriefRefused([yaml_problem(name, text, exc)]) from None
        except yaml.YAMLError as exc:  # ReaderError: a forbidden character
            raise BriefRefused([reader_problem(name, text, exc)]) from None
        finally:
            composer.dispose()
    if node is None:
        raise file_problem(name, "the file holds no YAML data; a brief is a mapping that "
                                  "starts with 'schema: briefgen/1'")
    try:
        check_expansion(node, text, getattr(composer, "composed", None))
    except LimitExceeded as exc:
        raise _refuse(loaded, Positions(text), exc.mark, str(exc)) from None
    walker = _Walker(loaded, composer, text)
    try:
        loaded.data = walker.walk(node, ())
    except LimitExceeded as exc:
        raise _refuse(loaded, Positions(text), exc.mark, str(exc)) from None
    loaded.problems = [replace(problem, path=loaded.name(loc)) for problem, loc in walker.problems]
    if not isinstance(loaded.data, dict):
        kind = "a list" if isinstance(loaded.data, list) else "a single value"
        raise BriefRefused([*loaded.problems, loaded.problem(
            (), f"the top level is {kind}; a brief is a mapping of keys such as "
                "'schema:', 'meta:' and 'sources:'")])
    return loaded


def _refuse(loaded: Loaded, at: Positions, mark: yaml.Mark | None,
            message: str) -> BriefRefused:
    line, col = at(mark)
    return BriefRefused([Problem(loaded.file, line, col, "", message)])


class _Walker:
    """Turn composed nodes into plain data while recording marks."""

    def __init__(self, loaded: Loaded, constructor: yaml.SafeLoader, text: str) -> None:
        self.loaded = loaded
        self.constructor = constructor
        self.lines = text.splitlines()  # as PyYAML counts lines: marks' `line` index these
        self.at = Positions(text)
        self.nodes = 0
        self.depth = 0
        self.problems: list[tuple[Problem, Loc]] = []  # named once the data is whole

    def _add(self, problem: Problem, loc: Loc) -> None:
        self.problems.append((problem, loc))

    def walk(self, node: Node, loc: Loc) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise LimitExceeded(node.start_mark, f"the brief expands to more than {MAX_NODES:,} "
                                 "values; are anchors and aliases ('&', '*') repeating too much?")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LimitExceeded(node.start_mark, f"nesting is deeper than {MAX_DEPTH} levels")
        try:
            self.loaded.marks[loc] = self.at(node.start_mark)
            if not isinstance(node, ScalarNode) and node.tag not in _COLLECTION_TAGS:
                self._add(self.loaded.problem(
                    loc, f"the YAML tag '{node.tag}' is not allowed; a brief holds plain data "
                         "only"), loc)
                self.loaded.reported.add(loc)
                return None
            if isinstance(node, MappingNode):
                return self._mapping(node, loc)
            if isinstance(node, SequenceNode):
                return [self.walk(item, (*loc, i)) for i, item in enumerate(node.value)]
            return self._scalar(node, loc)
        finally:
            self.depth -= 1

    def _scalar(self, node: ScalarNode, loc: Loc) -> Any:
        if node.tag not in _PLAIN_TAGS:
            self._add(self.loaded.problem(loc, f"the YAML tag '{node.tag}' is not allowed; "
                                               "a brief holds plain data only"), loc)
            self.loaded.reported.add(loc)
            return None
        if node.tag != "tag:yaml.org,2002:str":
            self.loaded.raw[loc] = node.value
        if node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_DIGITS:
            self._add(self.loaded.problem(
                loc, f"a number of {len(node.value):,} characters; a brief's numbers have at "
                     f"most {MAX_DIGITS} (put it in quotes if it is text)"), loc)
            self.loaded.reported.add(loc)
            return None
        if _SURROGATE.search(node.value):
            self._add(self.loaded.problem(
                loc, "holds an unpaired surrogate escape (such as \\ud800), which is not a "
                     "character; remove it"), loc)
            self.loaded.reported.add(loc)
            return None
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError):
            # An impossible date such as 2020-02-31 is not a YAML timestamp at all: keep
            # the text, and let the field say what is wrong with it.
            self.loaded.raw.pop(loc, None)
            return node.value

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        first_value: dict[str, Node] = {}
        merged: list[tuple[ScalarNode, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(self._merge_pairs(node, key_node, value_node, loc))
                continue
            if not isinstance(key_node, ScalarNode):
                line, col = self.at(key_node.start_mark)
                self._add(Problem(self.loaded.file, line, col, dotted(loc),
                                  "a key must be plain text, not a list or mapping"), loc)
                continue
            key = key_node.value
            key_loc = (*loc, key)
            if key in first_seen:
                line, col = self.at(key_node.start_mark)
                self._add(Problem(self.loaded.file, line, col, dotted(key_loc),
                                  f"duplicate key '{key}' (first given at line "
                                  f"{first_seen[key]}); " + (indent_hint(
                                      self.lines, key_node, value_node, first_value[key])
                                      or "a key may appear only once")), key_loc)
                continue
            first_seen[key] = self.at(key_node.start_mark)[0]
            first_value[key] = value_node
            self.loaded.key_marks[key_loc] = self.at(key_node.start_mark)
            self._check_comment_trap(key_node, value_node, key_loc)
            result[key] = self.walk(value_node, key_loc)
        for key_node, value_node in merged:
            key = key_node.value
            if key not in result:
                key_loc = (*loc, key)
                self.loaded.key_marks[key_loc] = self.at(key_node.start_mark)
                result[key] = self.walk(value_node, key_loc)
        return result

    def _check_comment_trap(self, key: ScalarNode, value: Node, loc: Loc) -> None:
        """`hxl: #affected+idps` reads as an empty value followed by a comment: refuse it."""
        if not (isinstance(value, ScalarNode) and value.tag == "tag:yaml.org,2002:null"
                and value.value == "" and key.end_mark.line < len(self.lines)):
            return
        rest = self.lines[key.end_mark.line][key.end_mark.column:].lstrip(" :")
        if rest.startswith("#") and len(rest) > 1 and not rest[1].isspace():
            word = rest.split()[0]
            self._add(self.loaded.problem(
                loc, f"'{word}' starts a YAML comment, so this key is empty; put the value in "
                     f"quotes: \"{word}\"", key=True), loc)
            self.loaded.reported.add(loc)

    def _merge_pairs(self, node: MappingNode, key: Node, value: Node,
                     loc: Loc) -> list[tuple[ScalarNode, Node]]:
        """Pairs brought in by a YAML merge key (`<<: *anchor`), earliest wins. A source
        that is not a mapping is reported where the merge key names it, not at its anchor."""
        if isinstance(value, SequenceNode):
            sources = [(item, alias_mark(self.constructor, value, i))
                       for i, item in enumerate(value.value)]
        else:
            sources = [(value, alias_mark(self.constructor, node, key))]
        pairs: list[tuple[ScalarNode, Node]] = []
        for source, alias in sources:
            if not isinstance(source, MappingNode):
                line, col = self.at(alias or source.start_mark)
                self._add(Problem(self.loaded.file, line, col, dotted(loc),
                                  "a merge key ('<<') must name a mapping"), loc)
                continue
            pairs.extend((k, v) for k, v in source.value if isinstance(k, ScalarNode))
        return pairs
