"""The HTML's JSON-LD: the brief described as a schema.org `Report`, for search engines,
catalogues and knowledge graphs that read `<script type="application/ld+json">`.

It is data, never run: a browser does not execute a script of that type,
so the page's Content-Security-Policy (which forbids every script) has
nothing to block. It is made from the brief the page shows, so a released
version describes only what its audience may see. Every `<`, `>` and `&`
is written as a JSON escape, so no text in the brief can close the element.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from briefgen.rendering.markdown import link_allowed, parser

if TYPE_CHECKING:
    from briefgen.model.view import View
    from briefgen.project.branding import Branding

# briefgen's source types (CSL's) as schema.org types.
SOURCE_TYPES = {"article-newspaper": "NewsArticle", "report": "Report", "webpage": "WebPage",
                "dataset": "Dataset", "document": "DigitalDocument"}
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
            0x2028: "\\u2028", 0x2029: "\\u2029"}


def plain_text(markdown: str) -> str:
    """The words of a CommonMark text, without its markup: for a summary in metadata."""
    words: list[str] = []
    for token in parser().parse(markdown):
        if token.type == "inline":
            words.append("".join(child.content if child.type in ("text", "code_inline")
                                 else " " if child.type in ("softbreak", "hardbreak") else ""
                                 for child in token.children or ()))
    return " ".join(" ".join(words).split())


def _pruned(value: Any) -> Any:
    """Without empty values: absent facts are left out, never written as null."""
    if isinstance(value, dict):
        kept = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_pruned(v) for v in value) if v not in (None, "", [], {})]
    return value


def _organisation(name: str | None) -> dict[str, str] | None:
    return {"@type": "Organization", "name": name} if name else None


def report(view: View, branding: Branding) -> dict[str, Any]:
    """The schema.org `Report` for a brief, as JSON-LD data."""
    brief = view.brief
    meta = brief.meta
    coverage = meta.coverage
    markings = [f"TLP:{meta.tlp.upper()}" if meta.tlp else "",
                f"classification: {meta.classification}" if meta.classification else ""]
    places = ([{"@type": "Country", "identifier": code} for code in coverage.countries]
              + [{"@type": "AdministrativeArea", "name": name} for name in coverage.adm1]
              + [{"@type": "Place", "name": name} for name in coverage.areas]
              if coverage else [])
    return _pruned({
        "@context": "https://schema.org",
        "@type": "Report",
        "identifier": meta.id,
        "name": meta.title,
        "alternativeHeadline": meta.subtitle,
        "abstract": plain_text(brief.summary.bluf),
        "datePublished": meta.date,
        "inLanguage": meta.language,
        "version": meta.version,
        "creativeWorkStatus": meta.status,
        "genre": "fictional policy brief" if meta.fictional else "policy brief",
        "author": [{"@type": "Person", "name": author.name, "jobTitle": author.role,
                    "affiliation": _organisation(author.org)} for author in meta.authors],
        "publisher": _organisation(branding.organisation),
        "keywords": list(meta.tags),
        "spatialCoverage": places,
        "conditionsOfAccess": "; ".join(m for m in markings if m),
        "citation": [{"@type": SOURCE_TYPES.get(source.type or "", "CreativeWork"),
                      "identifier": source.id, "name": source.title,
                      "url": source.url if source.url and source.url.startswith(("http:",
                                                                                 "https:"))
                      and link_allowed(source.url) else None,
                      "publisher": _organisation(source.publisher),
                      "author": source.author, "datePublished": source.issued,
                      "dateModified": source.updated, "inLanguage": source.language}
                     for source in brief.sources],
    })


def script_json(data: dict[str, Any]) -> Markup:
    """JSON for the inside of a `<script>` element: nothing in it can end the element."""
    return Markup(json.dumps(data, ensure_ascii=False, indent=1).translate(_ESCAPES))
