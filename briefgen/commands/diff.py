"""`briefgen diff`: what changed between two versions of a brief, for a reader.

The semantic diff itself is `briefgen.model.diff`; this says it as terminal
text, GitHub Markdown or JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from briefgen.errors import UsageError, display_path
from briefgen.model import Brief
from briefgen.model.diff import WORDED, Change, Diff, Entry, semantic_diff, shorten
from briefgen.reading.loader import load_brief
from briefgen.reading.revisions import committed
from briefgen.rendering.markdown import escape
from briefgen.rendering.what_changed import elide
from briefgen.validation.validate import validate

SECTION_WORDS = {"meta": "Markings and metadata", "key_figures": "Key figures",
                 "parties": "Parties", "people": "People", "quotes": "Quotes", "risks": "Risks",
                 "timeline": "Timeline", "recommendations": "Recommendations",
                 "open_questions": "Open questions", "sources": "Sources",
                 "positions": "Positions", "relations": "Relations"}


def _named(change: Change) -> str:
    """An item as the "What changed" box names it, its printed label and title, then its id:
    `R2 The confrontation deepens [risk-confrontation]`."""
    if change.item == change.name:  # positions and relations are named by what they say
        return change.name
    label = f"{change.label} " if change.label else ""
    return f"{label}{change.name} [{change.item}]"


def _line(change: Change) -> str:
    if change.kind == "added":
        text = f"added {_named(change)}"
    elif change.kind == "removed":
        text = f"removed {_named(change)}"
    else:
        what = change.field if change.item == change.field else \
            f"{_named(change)}: {change.field}"
        old, new = (str(v).replace("-", " ") if change.field in WORDED and v is not None
                    else shorten(v, 60) for v in (change.old, change.new))
        text = f"{what} {old} → {new}"  # terms in words, as the "What changed" box has them
    return text + (f" ({change.note})" if change.note else "")


def _entry(entry: Entry) -> str:
    """A changelog entry on one line: `1.1 (2020-02-21): what the analyst changed`."""
    head = " ".join(part for part in (entry.version,
                                      f"({entry.date})" if entry.date else None) if part)
    note = " ".join((entry.note or "").split())
    return f"{head}: {note}" if head and note else head or note


def to_text(diff: Diff, colour: bool = False) -> str:
    """Readable terminal text; green for what was added, red for what went."""
    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    lines = [f"Changes from version {diff.old_version or '?'} to {diff.new_version or '?'}"]
    if diff.empty and not diff.changelog:
        return lines[0] + ": none\n"
    if diff.changelog:
        lines += ["", "Changelog (entries added):"]
        lines += [f"  {paint('+', '32')} {_entry(entry)}" for entry in diff.changelog]
    if any(op != "=" for op, _ in diff.bluf):
        words = [paint(f"[-{w}-]", "31") if op == "-" else paint(f"{{+{w}+}}", "32")
                 if op == "+" else elide(w) for op, w in diff.bluf]
        lines += ["", "BLUF (reworded):", "  " + " ".join(words)]
    section = None
    for change in diff.changes:
        if change.section != section:
            section = change.section
            lines += ["", f"{SECTION_WORDS[section]}:"]
        mark = {"added": paint("+", "32"), "removed": paint("-", "31"), "changed": "~"}
        lines.append(f"  {mark[change.kind]} {_line(change)}")
    return "\n".join(lines) + "\n"


def to_markdown(diff: Diff) -> str:
    """GitHub Markdown, for a pull request or a changelog."""
    lines = [f"### What changed since version {escape(diff.old_version or '?', False)}", ""]
    if diff.empty and not diff.changelog:
        return "\n".join([*lines, "Nothing.", ""])
    for entry in diff.changelog:
        lines.append(f"- **Changelog:** {escape(_entry(entry), False)}")
    if diff.changelog:
        lines.append("")
    if any(op != "=" for op, _ in diff.bluf):
        words = [f"~~{escape(w, False)}~~" if op == "-" else f"**{escape(w, False)}**"
                 if op == "+" else escape(elide(w), False) for op, w in diff.bluf]
        lines += ["**BLUF, reworded:** " + " ".join(words), ""]
    for change in diff.changes:
        lines.append(f"- **{SECTION_WORDS[change.section]}:** {escape(_line(change), False)}")
    return "\n".join(lines) + "\n"


def to_json(diff: Diff) -> str:
    return json.dumps(asdict(diff), ensure_ascii=False, indent=2, default=str) + "\n"


def load_version(path: Path, rev: str | None = None) -> Brief:
    """A validated brief from a file, or from the version of that file committed at `rev`.

    An older version is checked against the sources as they are now; its
    problems are reported under the name `REV:FILE`.
    """
    if rev is None:
        return validate(load_brief(path))
    data = committed(path, rev)
    return validate(load_brief(path, data, f"{rev}:{display_path(path)}"))


def command(args: argparse.Namespace) -> int:
    """Compare OLD.yaml with NEW.yaml, or BRIEF.yaml with its version at --rev."""
    if (args.rev is None) == (args.new is None):
        raise UsageError("give OLD.yaml NEW.yaml, or BRIEF.yaml --rev GIT_REV")
    if args.rev is not None:
        old, new = load_version(args.old, args.rev), load_version(args.old)
    else:
        old, new = load_version(args.old), load_version(args.new)
    result = semantic_diff(old, new)
    if args.format == "json":
        sys.stdout.write(to_json(result))
    elif args.format == "md":
        sys.stdout.write(to_markdown(result))
    else:
        sys.stdout.write(to_text(result, colour=sys.stdout.isatty()))
    return 0
