"""Checks that span the whole brief: ids, references, judgements, translations, verbatim text.

They run over the raw YAML data rather than the validated model, so that a
brief with a schema error elsewhere still gets all of these reported in the
same pass. Every check tolerates values of the wrong type: those are the
schema's to report.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.errors import Problem, display_path
from briefgen.model.language import primary
from briefgen.model.shape import Shape, walk_fields
from briefgen.model.values import ID_SECTIONS
from briefgen.project.paths import inside, readable_roots, resolved
from briefgen.reading.loader import Loaded, Loc
from briefgen.validation import verbatim
from briefgen.validation.limits import over_limit

MAX_SOURCE_BYTES = 10 * 1024 * 1024


@dataclass
class Context:
    """What the checks learn about one brief as they go."""

    loaded: Loaded
    ids: dict[str, tuple[str, Loc]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # source id -> normalised text
    files: dict[str, tuple[Path, bytes]] = field(default_factory=dict)  # id -> its file, read
    unknowable: set[str] = field(default_factory=set)  # kinds whose section is malformed
    problems: list[Problem] = field(default_factory=list)

    def report(self, loc: Loc, message: str) -> None:
        self.problems.append(self.loaded.problem(loc, message))


def check_rules(loaded: Loaded) -> Context:
    """Every cross-cutting problem in the brief, in one list (`Context.problems`), and the
    local source files read to check the quotes against (`Context.files`)."""
    ctx = Context(loaded)
    data = loaded.data
    _collect_ids(ctx, data)
    _load_sources(ctx, data)
    for loc, shape, value, parent in walk_fields(data):
        if shape.ref is not None:
            _check_ref(ctx, loc, shape, value)
        if shape.verbatim is not None and isinstance(parent, dict):
            _check_verbatim(ctx, loc, value, parent.get(shape.verbatim.source_field))
    _check_judgements(ctx, data)
    _check_translations(ctx, data)
    return ctx


def _items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    section = data.get(key) if isinstance(data, dict) else None
    if isinstance(section, list):
        yield from ((i, item) for i, item in enumerate(section) if isinstance(item, dict))


def _collect_ids(ctx: Context, data: Any) -> None:
    for section, kind in ID_SECTIONS.items():
        value = data.get(section)
        if value is not None and not (isinstance(value, list)
                                      and all(isinstance(item, dict) for item in value)):
            ctx.unknowable.add(kind)  # the schema reports it; do not pile on dangling refs
        for i, item in _items(data, section):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            loc = (section, i, "id")
            if ident in ctx.ids:
                first = ctx.ids[ident][1]
                line = ctx.loaded.where(first)[0]
                ctx.report(loc, f"duplicate id '{ident}': already used at line {line} by "
                                f"{ctx.loaded.name(first[:2])}; ids are unique across the whole "
                                "brief")
                continue
            ctx.ids[ident] = (kind, loc)


_KIND_WORDS = {
    "source": "source", "key_figure": "key figure", "party": "party", "person": "person",
    "quote": "quote", "risk": "risk", "event": "timeline event",
    "recommendation": "recommendation", "open_question": "open question",
}


def _check_ref(ctx: Context, loc: Loc, shape: Shape, value: Any) -> None:
    if not isinstance(value, str):
        return
    wanted = shape.ref.kind if shape.ref else None
    found = ctx.ids.get(value)
    if found is None and (wanted in ctx.unknowable or (wanted is None and ctx.unknowable)):
        return
    if found is None:
        candidates = [i for i, (kind, _) in ctx.ids.items() if wanted in (None, kind)]
        close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
        what = f"any {_KIND_WORDS[wanted]}" if wanted else "any item"
        hint = f"; did you mean '{close[0]}'?" if close else ""
        ctx.report(loc, f"'{value}' is not the id of {what} in this brief{hint}")
    elif wanted is not None and found[0] != wanted:
        ctx.report(loc, f"'{value}' is a {_KIND_WORDS[found[0]]}, but this must name a "
                        f"{_KIND_WORDS[wanted]}")


def _load_sources(ctx: Context, data: Any) -> None:
    brief_path = ctx.loaded.path
    roots = readable_roots(brief_path)
    for i, source in _items(data, "sources"):
        rel = source.get("local_path")
        ident = source.get("id")
        if not isinstance(rel, str) or not isinstance(ident, str):
            continue
        loc = ("sources", i, "local_path")
        path = Path(os.path.normpath(brief_path.parent / rel))  # `sub/..` means the folder
        read = _read_source(ctx, loc, path, roots, absolute=Path(rel).is_absolute())
        if read is not None:
            raw, text = read
            ctx.texts[ident] = verbatim.normalise(text)
            ctx.files[ident] = (path.resolve(), raw)


def _read_source(ctx: Context, loc: Loc, path: Path, roots: list[Path], *,
                 absolute: bool = False) -> tuple[bytes, str] | None:
    """The source file's bytes and its text, or None once its problem is reported."""
    if path.is_symlink() and resolved(path) is None:
        ctx.report(loc, f"the source file '{display_path(path)}' is a symlink that cannot be "
                        "followed (it loops)")
        return None
    if not path.exists() and not path.is_symlink():
        ctx.report(loc, f"the source file '{display_path(path)}' does not exist")
        return None
    if not inside(path, roots):
        ctx.report(loc, "the source file lies outside the brief's folder and its project; "
                        "local_path must stay inside them (no '..', absolute path or symlink out)")
        return None
    if absolute:
        ctx.report(loc, "an absolute path works on this machine only, and the brief and its "
                        "PDF travel: write it relative to the brief's folder, as "
                        f"'{Path(os.path.relpath(path, roots[0])).as_posix()}'")
        return None
    if not path.resolve().is_file():
        ctx.report(loc, f"'{display_path(path)}' is not a regular file")
        return None
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        ctx.report(loc, f"cannot read the source file: {exc.strerror}")
        return None
    if len(raw) > MAX_SOURCE_BYTES:
        ctx.report(loc, f"the source file is larger than {MAX_SOURCE_BYTES:,} bytes")
        return None
    try:
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        ctx.report(loc, "the source file is not UTF-8 text")
        return None


def _check_verbatim(ctx: Context, loc: Loc, value: Any, source_id: Any) -> None:
    if not isinstance(value, str) or not isinstance(source_id, str) or over_limit(value):
        return  # a text past a limit is refused as such (`limits`), not searched for
    text = ctx.texts.get(source_id)
    if text is None:
        return
    wanted = verbatim.normalise(value)
    if verbatim.contains(text, wanted):
        return
    close = verbatim.nearest(text, wanted)
    hint = (f"; the nearest passage ({min(99, int(close[0] * 100))}% similar), with your "
            f"words in [-…-] and the source's in {{+…+}}: \"{verbatim.marked(wanted, close[1])}\""
            if close else "; nothing in the source is close to it")
    ctx.report(loc, f"not found verbatim in source '{source_id}'{hint}")


def _check_judgements(ctx: Context, data: Any) -> None:
    places: list[tuple[Loc, Any]] = [(("summary", "points", i), p) for i, p in
                                     _items(data.get("summary") or {}, "points")]
    places += [(("positions", i), p) for i, p in _items(data, "positions")]
    humanitarian = data.get("humanitarian")
    if isinstance(humanitarian, dict) and isinstance(humanitarian.get("outlook"), dict):
        places.append((("humanitarian", "outlook"), humanitarian["outlook"]))
    for loc, item in places:
        if not isinstance(item, dict) or item.get("confidence") is not None:
            continue
        if item.get("kind") == "judgement":
            ctx.report((*loc, "kind"), "a judgement needs a confidence: add "
                                       "'confidence: low', 'moderate' or 'high'")
        elif item.get("basis") == "inferred":
            ctx.report((*loc, "basis"), "an inferred position is a judgement and needs a "
                                        "confidence: add 'confidence: low', 'moderate' or 'high'")


def _check_translations(ctx: Context, data: Any) -> None:
    meta = data.get("meta")
    language = meta.get("language") if isinstance(meta, dict) else None
    if not isinstance(language, str):
        return
    for i, quote in _items(data, "quotes"):
        lang = quote.get("lang")
        if isinstance(lang, str) and primary(lang) != primary(language) \
                and not quote.get("translation"):
            ctx.report(("quotes", i, "lang"), f"a quote in '{lang}' in a brief in '{language}' "
                                              "needs a 'translation'")
