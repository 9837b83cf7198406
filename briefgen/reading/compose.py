"""Composing YAML text into nodes with marks, within limits, as fast as libyaml allows.

The loader walks the nodes this makes; here the text becomes a node tree,
and nesting, size and alias expansion are bounded before anything is
expanded.
"""

from __future__ import annotations

import re

import yaml
from yaml.composer import Composer as _YamlComposer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.reader import Reader
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser  # libyaml, when PyYAML was built with it
except ImportError:  # pragma: no cover - every wheel on PyPI has it
    CParser = None

MAX_DEPTH = 64
MAX_NODES = 200_000
_UNLIKE = re.compile("[\t\ufeff\x85\u2028\u2029]")  # read differently by libyaml


class LimitExceeded(Exception):
    """A limit was passed at `mark`; the loader turns this into a problem."""

    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        self.mark = mark
        super().__init__(message)


class _DepthLimit:
    """Composition that refuses nesting deeper than MAX_DEPTH."""

    _depth = 0
    composed = 0  # nodes made, which bounds the expanded size of a text with no anchors

    def compose_node(self, parent: Node | None, index: object) -> Node:
        if parent is not None and self.check_event(AliasEvent):  # type: ignore[attr-defined]
            # An alias gives back the node it names, whose mark is the anchor's: keep where
            # the alias itself is written, for a problem with its use (a merge key's, say).
            where = index if isinstance(index, int) else id(index)
            self.__dict__.setdefault("aliases", {})[(id(parent), where)] = \
                self.peek_event().start_mark  # type: ignore[attr-defined]
        self._depth += 1
        self.composed += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise LimitExceeded(mark, f"nesting is deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


def alias_mark(composer: object, parent: Node, index: Node | int) -> yaml.Mark | None:
    """Where the alias is written that stands at `index` of `parent` (a key node of a
    mapping, or a position in a sequence), if an alias stands there."""
    where = index if isinstance(index, int) else id(index)
    return getattr(composer, "aliases", {}).get((id(parent), where))


class Composer(_DepthLimit, yaml.SafeLoader):
    """PyYAML in pure Python: the reference, and the one whose error messages we quote."""


class _FastComposer(_DepthLimit, _YamlComposer, CParser, SafeConstructor, Resolver):
    """libyaml's parser under PyYAML's own composer: the same nodes and marks, faster.

    Used only for text PyYAML's reader accepts and that holds none of the
    characters the two parsers read differently (`_UNLIKE`: libyaml takes a
    tab after `key:` and a byte-order mark mid-file, which PyYAML refuses);
    at the first error of any kind the brief is composed again in pure
    Python, so messages never depend on libyaml.
    """

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _YamlComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


def compose_fast(text: str) -> tuple[Node | None, yaml.SafeLoader | _FastComposer] | None:
    """The composed document through libyaml, or None to take the pure-Python path."""
    if CParser is None or _UNLIKE.search(text) or Reader.NON_PRINTABLE.search(text):
        return None
    try:
        composer = _FastComposer(text)
        return composer.get_single_node(), composer
    except (yaml.YAMLError, LimitExceeded):
        return None


def check_expansion(root: Node, text: str | None = None, composed: int | None = None) -> None:
    """Refuse alias bombs and recursive aliases before expanding anything.

    Each distinct node's expanded size is computed once, so this costs one pass
    over the composed tree however many times aliases repeat it. A `text` with
    no `&` has no anchor, so no alias: its size is the `composed` node count,
    and the pass is skipped when that is within the limit.
    """
    if text is not None and composed is not None and "&" not in text and composed <= MAX_NODES:
        return
    sizes: dict[int, int] = {}
    active: set[int] = set()
    repeated = False

    def children(node: Node) -> list[Node]:
        if isinstance(node, MappingNode):
            return [part for pair in node.value for part in pair]
        return list(node.value) if isinstance(node, SequenceNode) else []

    def size(node: Node) -> int:
        nonlocal repeated
        key = id(node)
        if key in sizes:
            repeated = True  # reached again: through an alias
            return sizes[key]
        if key in active:
            raise LimitExceeded(node.start_mark, "an alias ('*') refers to a value that "
                                 "contains it; a brief cannot be recursive")
        active.add(key)
        total = 1 + sum(size(child) for child in children(node))
        active.discard(key)
        sizes[key] = total
        return total

    if size(root) <= MAX_NODES:
        return
    node = root
    while True:  # descend to the innermost value that alone is too big
        bigger = [c for c in children(node) if sizes[id(c)] > MAX_NODES]
        if not bigger:
            break
        node = bigger[0]
    if repeated:
        raise LimitExceeded(node.start_mark, f"this value expands to {sizes[id(node)]:,} values "
                             "through YAML anchors and aliases ('&', '*'); a brief may hold at "
                             f"most {MAX_NODES:,}")
    raise LimitExceeded(node.start_mark, f"this value holds {sizes[id(node)]:,} values; a brief "
                         f"may hold at most {MAX_NODES:,}")


_KEY_LINE = re.compile(r"^(?P<lead>(?: *- +)* *)[^\s#:][^:]*:(?: |$)")


def _shape(node: Node) -> str:
    """What kind of value a node holds: a mapping, a list of mappings, of values, a value."""
    if isinstance(node, SequenceNode):
        kinds = {"mapping" if isinstance(item, MappingNode) else "value" for item in node.value}
        return "list of " + "/".join(sorted(kinds))
    return "mapping" if isinstance(node, MappingNode) else "value"


def indent_hint(lines: list[str], key_node: Node, value: Node, first: Node) -> str:
    """Why a key may be a duplicate by mistake: it sits left of the keys just above it,
    and holds another kind of value than the key it repeats, so it was most likely
    meant to be one of those keys' siblings, one level in."""
    col = key_node.start_mark.column
    above = None
    for text in reversed(lines[:key_node.start_mark.line]):
        stripped = text.lstrip(" ")
        if stripped and not stripped.startswith("#"):
            above = _KEY_LINE.match(text)
            break
    if above is None or len(above["lead"]) <= col or _shape(value) == _shape(first):
        return ""
    sibling = len(above["lead"]) + 1
    return (f"it starts at column {col + 1}, left of the keys just above it at column "
            f"{sibling}, so the indentation is the likely cause: if it belongs with them, "
            f"indent it to column {sibling}")
