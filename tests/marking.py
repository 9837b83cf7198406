"""Mark a brief's YAML text for audiences, as an analyst would by hand: a `tlp:` line on an
item, a text turned into one variant per level. The rest of the file stays as it was, so
that the lines briefgen reports can be checked against the analyst's own."""

from __future__ import annotations

import json
from pathlib import Path

from briefgen.reading.loader import Loaded, Loc, load_brief


def loaded_text(text: str, name: str = "brief.yaml") -> Loaded:
    return load_brief(Path(name), text.encode("utf-8"), name)


def mark(text: str, marks: dict[Loc, str]) -> str:
    """`text` with `tlp: LEVEL` added to the item (a mapping) at each place in `marks`:
    `{("risks", 2): "clear", ("humanitarian", "outlook"): "amber"}`."""
    loaded = loaded_text(text)
    lines = text.splitlines(keepends=True)
    # From the bottom up, so that the line numbers still to be used stay right.
    for loc, level in sorted(marks.items(), key=lambda m: loaded.marks[m[0]], reverse=True):
        line, col = loaded.marks[loc]
        written = lines[line - 1]
        indent = col - 1
        lines[line - 1] = f"{written[:indent]}tlp: {level}\n{' ' * indent}{written[indent:]}"
    return "".join(lines)


def vary(text: str, loc: Loc, variants: dict[str, str]) -> str:
    """`text` with the field at `loc` (a key whose value is text) written as
    `{level: text, …}`, one line per variant, in place of its value."""
    loaded = loaded_text(text)
    lines = text.splitlines(keepends=True)
    key_line, key_col = loaded.key_marks[loc]
    end = key_line  # the value runs on while lines are indented deeper than the key
    while end < len(lines) and (not lines[end].strip()
                                or len(lines[end]) - len(lines[end].lstrip()) >= key_col):
        end += 1
    while end > key_line and not lines[end - 1].strip():
        end -= 1
    written = lines[key_line - 1]
    head = written[:key_col - 1] + f"{loc[-1]}:\n"
    body = "".join(f"{' ' * (key_col + 1)}{level}: {json.dumps(value, ensure_ascii=False)}\n"
                   for level, value in variants.items())
    return "".join(lines[:key_line - 1]) + head + body + "".join(lines[end:])


def value_at(text: str, loc: Loc) -> object:
    data: object = loaded_text(text).data
    for part in loc:
        data = data[part]  # type: ignore[index]
    return data


def line_of(text: str, loc: Loc) -> int:
    return loaded_text(text).marks[loc][0]


def closed_marks(text: str, withheld: set[Loc], level: str = "clear") -> dict[Loc, str]:
    """Marks that release every item at `level` except those in `withheld` and every item
    that cites one of them, directly or through others: a brief that `check` accepts."""
    from briefgen.model.shape import walk_fields
    from briefgen.release.levels import marked_parts

    data = loaded_text(text).data
    parts = {loc: item for loc, item, _level in marked_parts(data, "red")}
    ids = {item["id"]: loc for loc, item in parts.items() if isinstance(item.get("id"), str)}
    cites: dict[Loc, set[Loc]] = {loc: set() for loc in parts}
    for loc, shape, value, _parent in walk_fields(data):
        holder = next((loc[:end] for end in range(len(loc), 0, -1) if loc[:end] in parts), None)
        if shape.ref is not None and holder is not None and value in ids:
            cites[holder].add(ids[value])
    held = set(withheld)
    while True:
        more = {loc for loc, cited in cites.items() if loc not in held and cited & held}
        if not more:
            break
        held |= more
    return {loc: level for loc in parts if loc not in held}
