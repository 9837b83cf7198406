"""The words of the "What changed" box (`build --since`), in the brief's language.

`diff.py` finds what changed; this says it, through the render context's
translator, for the templates' `describe_change`.
"""

from __future__ import annotations

import jinja2

from briefgen.model import diff
from briefgen.rendering.i18n import of_context

# How a changed value is named in the "What changed" box: the field's terms, by section.
CHANGE_TERMS = {"likelihood": "likelihood", "impact": "impact", "confidence": "confidence",
                "priority": "priority", "stance": "stance", "status": "status",
                "classification": "classification", ("risks", "trend"): "risk-trend",
                ("relations", "trend"): "relation-trend", ("parties", "type"): "party-type",
                ("sources", "type"): "source-type", ("timeline", "kind"): "event-kind"}


@jinja2.pass_context
def describe_change(context: jinja2.runtime.Context, change: diff.Change) -> str:
    """What happened to an item, in words that follow its name: `likelihood likely → …`;
    `diff.describe`, in the brief's language."""
    tr = of_context(context)
    if change.kind != "changed":
        return tr.term("change", change.kind)
    name = CHANGE_TERMS.get((change.section, change.field)) or CHANGE_TERMS.get(change.field)
    old, new = (tr.term(name, str(v)) if name and v is not None else
                str(v).replace("-", " ") if change.field in diff.WORDED else diff.shorten(v, 60)
                for v in (change.old, change.new))
    text = tr.gettext("%(field)s %(old)s → %(new)s", field=tr.term("field", change.field or ""),
                      old=old, new=new)
    note = change.note
    if change.levels is not None:
        level_before, score_before, level_after, score_after = change.levels
        note = tr.gettext("level %(before)s (%(old)s) → %(after)s (%(new)s)",
                          before=tr.term("level", level_before), old=tr.number(score_before),
                          after=tr.term("level", level_after), new=tr.number(score_after))
    elif note == diff.STANCE_FLIPPED:
        note = tr.gettext("stance flipped")
    return text + (f" ({note})" if note else "")


def elide(words: str, keep: int = 5) -> str:
    """A long unchanged run, shortened to its ends: the reader needs the edits' context."""
    parts = words.split()
    return words if len(parts) <= 2 * keep + 2 else \
        " ".join([*parts[:keep], "…", *parts[-keep:]])
