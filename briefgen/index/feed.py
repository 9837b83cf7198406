"""The desk's Atom feed (RFC 4287) of new and revised briefs, the same bytes for the same briefs.

Every date comes from the briefs themselves (`meta.date` and the changelog),
never from the clock, so rebuilding an unchanged folder changes nothing. An
entry's id is the brief's `meta.id` (and the audience), so a revision
updates the reader's entry instead of adding one.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from typing import Any

from briefgen.index.listing import Entry
from briefgen.model.derive import date_key, moment

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 50  # the most recently updated briefs; the index lists them all


def _when(text: str) -> str:
    return moment(text).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dates(s: dict[str, Any]) -> list[str]:
    return sorted([s["date"], *(e["date"] for e in s["changelog"] if e["date"])], key=date_key)


def render_feed(listed: list[Entry], audience: str | None, names: dict[str, str],
                desk: str | None = None) -> bytes:
    """The feed; `desk` (the organisation in briefgen.toml, if any) names it and keeps two
    desks' feeds apart wherever their output folders are."""
    tag = "" if audience is None else f":tlp-{audience}"
    newest = sorted(listed, key=lambda e: (tuple(-p for p in date_key(_dates(e.summary)[-1])),
                                           e.summary["id"]))[:ENTRIES]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    title = "Desk index" + ("" if audience is None else f": released to TLP:{audience.upper()}")
    _add(feed, "title", f"{desk}: {title}" if desk else title)
    _add(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"briefgen:desk:{desk or ''}{tag}").urn)
    updated = max((_dates(e.summary)[-1] for e in newest), key=date_key, default=None)
    _add(feed, "updated", _when(updated) if updated else "1970-01-01T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                  href=names["html"])
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml",
                  href=names["feed"])
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _add(author, "name", desk or "briefgen")
    _add(feed, "generator", "briefgen")
    for entry in newest:
        _entry(feed, entry, tag)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8",
                                                                     xml_declaration=False) + b"\n"


def _entry(feed: ET.Element, entry: Entry, tag: str) -> None:
    s = entry.summary
    dates = _dates(s)
    item = ET.SubElement(feed, f"{{{ATOM}}}entry")
    title = _add(item, "title", s["title"])
    title.set("{http://www.w3.org/XML/1998/namespace}lang", s["language"])
    _add(item, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"briefgen:brief:{s['id']}{tag}").urn)
    _add(item, "published", _when(dates[0]))
    _add(item, "updated", _when(dates[-1]))
    for author in s.get("authors") or []:
        _add(ET.SubElement(item, f"{{{ATOM}}}author"), "name", author)
    link = entry.link("html")
    kind = {"type": "text/html"} if link.endswith(".html") else {}
    ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=link, **kind)
    for value in s["tags"]:
        ET.SubElement(item, f"{{{ATOM}}}category", term=value)
    markings = " · ".join(m for m in (
        (s["classification"] or "").upper(), f"TLP:{s['tlp'].upper()}" if s["tlp"] else "")
        if m)
    if markings:
        _add(item, "rights", markings)
    _add(item, "summary", _what_changed(s, dates) + s["bluf"])


def _what_changed(s: dict[str, Any], dates: list[str]) -> str:
    dated = [e for e in s["changelog"] if e["date"]]
    if len(set(dates)) < 2 or not dated:
        return "New. "
    latest = max(dated, key=lambda e: date_key(e["date"]))
    version = f" (version {latest['version']})" if latest["version"] else ""
    note = f": {latest['note']}" if latest["note"] else ""
    return f"Revised {latest['date']}{version}{note}. "


def _add(parent: ET.Element, name: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    child.text = text
    return child
