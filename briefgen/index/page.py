"""The desk index as a page: self-contained HTML, and Markdown that reads well on GitHub.

The HTML follows the brief's rules: offline, one file, and a strict
Content-Security-Policy. Its filters (tag, country, status) are radio
buttons and CSS alone. The risk register sorts with one inline script,
allowed by its SHA-256 hash in the policy and by nothing else; without
scripts it stays sorted by derived level, highest first.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from briefgen.index.listing import Entry
from briefgen.index.summary import TOP
from briefgen.model.derive import IMPACTS, LIKELIHOODS, date_key
from briefgen.model.values import TLP_LEVELS
from briefgen.project.paths import builtin_dir
from briefgen.rendering.filters.words import ENGLISH
from briefgen.rendering.markdown import MdSafe
from briefgen.rendering.templating import render_template

CLASSIFICATIONS = ("public", "internal", "confidential", "restricted")
SORT_SCRIPT = (builtin_dir("styles") / "index-sort.js").read_text(encoding="utf-8")
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SORT_SCRIPT.encode()).digest()).decode()
POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
          f"script-src 'sha256-{SCRIPT_HASH}'")


@dataclass(frozen=True)
class Choice:
    """One value of a filter, and the class its rows carry."""

    key: str
    value: str
    count: int


@dataclass
class Desk:
    """Everything the index templates show, worked out here: templates never compute."""

    title: str
    audience: str | None
    marking: tuple[str | None, str | None]  # the highest classification and TLP listed
    names: dict[str, str]
    briefs: list[dict[str, Any]] = field(default_factory=list)
    register: list[dict[str, Any]] = field(default_factory=list)
    filters: dict[str, list[Choice]] = field(default_factory=dict)
    filter_css: str = ""

    @property
    def counted(self) -> str:
        """`7 briefs, 23 risks`."""
        n, r = len(self.briefs), len(self.register)
        return f"{n} brief{'' if n == 1 else 's'}, {r} risk{'' if r == 1 else 's'}"

    @property
    def banner(self) -> str:
        return " · ".join(m for m in self.marking if m)

    @property
    def banner_class(self) -> str:
        tlp = self.marking[1]
        return "tlp-" + tlp[4:].lower().replace("+", "-") if tlp else ""


def desk(listed: list[Entry], audience: str | None, names: dict[str, str],
         prefer: str) -> Desk:
    title = "Desk index" + ("" if audience is None else f": released to TLP:{audience.upper()}")
    found = Desk(title, audience, _marking(listed, audience), names)
    keys: dict[str, dict[str, str]] = {"tag": {}, "country": {}, "status": {}}
    counts: dict[tuple[str, str], int] = {}
    for entry in listed:
        s = entry.summary
        values = {"tag": s["tags"], "country": s["countries"], "status": [s["status"] or "none"]}
        classes = []
        for kind, items in values.items():
            for value in dict.fromkeys(items):
                key = keys[kind].setdefault(value, f"{kind[0]}{len(keys[kind])}")
                counts[(kind, value)] = counts.get((kind, value), 0) + 1
                classes.append(key)
        link = entry.link(prefer)
        found.briefs.append({
            "s": s, "link": MdSafe(link), "classes": " ".join(classes),
            "files": [(name.rsplit(".", 1)[1].upper(), MdSafe(name)) for name in entry.files],
            "markings": _markings(s), "status": ENGLISH.term("status", s["status"])
            if s["status"] else "", "top": [_risk(r) for r in s["risks"][:TOP]],
            "stale": list(entry.stale), "revised": _revised(s)})
        for order, risk in enumerate(s["risks"]):
            found.register.append(_risk(risk) | {"ended": risk["id"] in entry.ended,
                "brief": s["title"], "language": s["language"], "classes": " ".join(classes),
                "href": MdSafe(f"{link}#{risk['id']}" if link.endswith(".html") else link),
                "date": s["date"], "date_key": "-".join(f"{p:04d}" for p in date_key(s["date"])),
                "order": order})
    found.register.sort(key=lambda r: -r["score"])  # stable: a brief's order among equals
    for n, row in enumerate(found.register):
        row["rank"] = n
    found.filters = {kind: [Choice(key, value, counts[(kind, value)])
                            for value, key in sorted(keys[kind].items())]
                     for kind in keys}
    found.filter_css = "\n".join(
        f"body:has(#f-{c.key}:checked) .filtered:not(.{c.key}) {{ display: none; }}"
        for choices in found.filters.values() for c in choices)
    return found


def _risk(risk: dict[str, Any]) -> dict[str, Any]:
    return risk | {"horizon_date": risk.get("horizon_date"),
                   "level_words": ENGLISH.term("level", risk["level"]),
                   "likelihood_words": ENGLISH.term("likelihood", risk["likelihood"]),
                   "likelihood_rank": LIKELIHOODS[risk["likelihood"]][2],
                   "impact_words": ENGLISH.term("impact", risk["impact"]),
                   "impact_rank": IMPACTS[risk["impact"]],
                   "trend_words": ENGLISH.term("risk-trend", risk["trend"]),
                   "confidence_words": ENGLISH.term("confidence", risk["confidence"])}


def _markings(s: dict[str, Any]) -> list[str]:
    shown = [s["classification"].upper()] if s["classification"] else []
    shown += [f"TLP:{s['tlp'].upper()}"] if s["tlp"] else []
    return shown + (["FICTIONAL"] if s["fictional"] else [])


def _marking(listed: list[Entry], audience: str | None) -> tuple[str | None, str | None]:
    """The page's banner: the most restrictive marking of anything it lists."""
    classes = [e.summary["classification"] for e in listed if e.summary["classification"]]
    levels = [e.summary["tlp"] for e in listed if e.summary["tlp"]] + \
        ([audience] if audience else [])
    return (max(classes, key=CLASSIFICATIONS.index).upper() if classes else None,
            f"TLP:{max(levels, key=TLP_LEVELS.index).upper()}" if levels else None)


def _revised(s: dict[str, Any]) -> dict[str, Any] | None:
    """The brief's latest changelog entry, when it has been revised."""
    dated = sorted((e for e in s["changelog"] if e["date"]), key=lambda e: date_key(e["date"]))
    if not dated or (len(dated) < 2 and date_key(dated[-1]["date"]) <= date_key(s["date"])):
        return None  # the first version: new, not revised
    return dated[-1]


def render_html(listed: list[Entry], audience: str | None, names: dict[str, str]) -> bytes:
    # Briefgen's own style sheet and rules, not text to escape: `"Noto Sans"` stays quoted.
    css = Markup((builtin_dir("styles") / "index.css").read_text(encoding="utf-8"))
    made = desk(listed, audience, names, "html")
    made.filter_css = Markup(made.filter_css)
    return render_template("html", "desk/index.html.j2", None, desk=made, css=css,
                           script=SORT_SCRIPT, policy=POLICY).encode()


def render_markdown(listed: list[Entry], audience: str | None, names: dict[str, str]) -> bytes:
    return render_template("md", "desk/index.md.j2", None,
                           desk=desk(listed, audience, names, "md")).encode()
