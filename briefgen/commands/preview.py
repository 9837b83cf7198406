"""What the preview server sends that the build never writes: the reload script and the index.

A brief's HTML forbids every script in its Content-Security-Policy. When it
is served for preview, that policy is kept as it is and extended by exactly
two directives: `script-src 'nonce-…'`, a nonce new for each response, which
lets in the one script injected here and nothing else, and `connect-src
'self'`, which lets that script listen to the server's /events.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import secrets
from pathlib import Path
from urllib.parse import unquote

from jinja2 import Environment

_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_IS_CSP = re.compile(r"""http-equiv\s*=\s*["']?Content-Security-Policy["'\s>/]""", re.IGNORECASE)
_CONTENT = re.compile(r"""\scontent\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
_HEAD_START = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
INDEX_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
SERVED_SUFFIXES = (".html", ".pdf", ".md", ".xml")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*\Z")  # `+`: a TLP:AMBER+STRICT version
DESK = re.compile(r"index(\.tlp-[a-z+]+)?\.html\Z")  # the desk index, full or per audience

# The page listens for its brief's state; a new version reloads it, problems show over it.
_RELOAD_JS = """
(function () {
  var me = document.currentScript, box = null;
  var brief = me.dataset.brief, version = me.dataset.version;
  function hide() { if (box) { box.remove(); box = null; } }
  function show(problems) {
    if (!box) {
      box = document.createElement("section");
      box.id = "briefgen-problems";
      box.setAttribute("role", "alert");
      var s = box.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0"; s.zIndex = "2147483647";
      s.maxHeight = "60vh"; s.overflow = "auto"; s.padding = "1em 1.5em";
      s.background = "#fff4f4"; s.color = "#5c0000"; s.borderBottom = "4px solid #b00020";
      s.font = "14px/1.45 monospace"; s.boxShadow = "0 4px 16px rgba(0,0,0,.3)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("h2");
    title.textContent = "This brief is refused; showing its last good version";
    title.style.font = "bold 16px sans-serif"; title.style.margin = "0 0 .5em";
    var list = document.createElement("pre");
    list.style.whiteSpace = "pre-wrap"; list.style.margin = "0";
    list.textContent = problems.join("\\n");
    box.appendChild(title); box.appendChild(list);
  }
  var versions = JSON.parse(me.dataset.versions || "[]");
  if (versions.length) {
    var bar = document.createElement("nav");
    bar.id = "briefgen-versions";
    bar.setAttribute("aria-label", "Versions of this brief");
    var b = bar.style;
    b.position = "fixed"; b.right = "1em"; b.bottom = "1em"; b.zIndex = "2147483646";
    b.background = "#111"; b.color = "#fff"; b.padding = ".4em .6em"; b.borderRadius = "4px";
    b.font = "13px/1.4 sans-serif"; b.boxShadow = "0 2px 8px rgba(0,0,0,.3)";
    bar.appendChild(document.createTextNode("Version: "));
    versions.forEach(function (v) {
      var item = document.createElement(v.here ? "strong" : "a");
      item.textContent = v.label;
      if (!v.here) {
        item.href = "/" + encodeURIComponent(v.page) + ".html"; item.style.color = "#9cf";
      }
      item.style.margin = "0 .3em";
      bar.appendChild(item);
    });
    document.body.appendChild(bar);
  }
  var events = new EventSource("/events?brief=" + encodeURIComponent(brief));
  events.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (state.problems.length) { show(state.problems); }
    else if (String(state.version) !== version) { events.close(); location.reload(); }
    else { hide(); }
  };
})();
"""

_ENV = Environment(autoescape=True, keep_trailing_newline=True)
_SCRIPT = _ENV.from_string(
    '<script nonce="{{ nonce }}" data-brief="{{ brief }}" data-version="{{ version }}" '
    'data-versions="{{ versions }}">'
    "{{ code | safe }}</script>\n")
# The policy is written with its quotes as they are (`'none'`, not `&#39;none&#39;`).
_META = _ENV.from_string(
    '<meta http-equiv="Content-Security-Policy" content="{{ policy | safe }}">')
_INDEX = _ENV.from_string("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{ policy | safe }}">
<title>briefgen preview</title>
<style>body{font:16px/1.5 sans-serif;max-width:48em;margin:2em auto;padding:0 1em}
li{margin:.5em 0}pre{white-space:pre-wrap;color:#5c0000;background:#fff4f4;padding:.5em}</style>
</head>
<body>
<h1>briefgen preview</h1>
<ul>
{% for brief in briefs %}
<li><strong>{{ brief.name }}</strong>
{% if brief.ident %} &middot; <a href="/{{ brief.ident }}.html">HTML</a>{% if brief.pdf %}
 &middot; <a href="/{{ brief.ident }}.pdf">PDF</a>{% endif %}
{% for label, page in brief.released %} &middot; {{ label }}: <a href="/{{ page }}.html">HTML</a>
{% if brief.pdf %} <a href="/{{ page }}.pdf">PDF</a>{% endif %}{% endfor %}{% endif %}
{% if brief.problems %}<pre>{{ brief.problems | join("\n") }}</pre>{% endif %}</li>
{% else %}
<li>No briefs.</li>
{% endfor %}
</ul>
</body>
</html>
""")


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def preview_policy(policy: str, nonce: str) -> str:
    """The brief's own policy, with only the injected script and its /events connection allowed.

    Any `script-src` or `connect-src` a template wrote is replaced, never widened.
    """
    kept = [d.strip() for d in policy.split(";") if d.strip()
            and d.split()[0].lower() not in ("script-src", "script-src-elem", "script-src-attr",
                                             "connect-src")]
    if not any(d.split()[0].lower() == "default-src" for d in kept):
        kept.insert(0, "default-src 'none'")
    return "; ".join([*kept, f"script-src 'nonce-{nonce}'", "connect-src 'self'"])


def inject(html: str, *, brief: str, version: int, nonce: str,
           versions: list[tuple[str, str]] | None = None) -> tuple[str, str]:
    """The HTML with the reload script and the rewritten policy, and that policy.

    `versions` are the brief's versions (label, page) that the page offers to switch to:
    the full brief and each version released to an audience.

    A page without a policy of its own gets `default-src 'none'` plus the two
    directives, which is stricter than what it asked for.
    """
    found = next((m for m in _META_TAG.finditer(html) if _IS_CSP.search(m.group())), None)
    content = _CONTENT.search(found.group()) if found else None
    original = html_lib.unescape(content.group("dq") or content.group("sq") or "") \
        if content else ""
    policy = preview_policy(original, nonce)
    meta = _META.render(policy=_attribute(policy))
    if found:
        html = html[:found.start()] + meta + html[found.end():]
    else:
        head = _HEAD_START.search(html)
        at = head.end() if head else 0
        html = html[:at] + meta + html[at:]
    script = _SCRIPT.render(nonce=nonce, brief=brief, version=version, code=_RELOAD_JS,
                            versions=json.dumps([{"label": label, "page": page, "here":
                                                  page == brief}
                                                 for label, page in versions or []]))
    ends = list(_BODY_END.finditer(html))
    at = ends[-1].start() if ends else len(html)
    return html[:at] + script + html[at:], policy


def own_policy(html: str) -> str:
    """The policy a page declares in its <meta>, or `default-src 'none'` if it declares none:
    the desk index is served under exactly the policy it carries on disk."""
    found = next((m for m in _META_TAG.finditer(html) if _IS_CSP.search(m.group())), None)
    content = _CONTENT.search(found.group()) if found else None
    policy = html_lib.unescape(content.group("dq") or content.group("sq") or "") \
        if content else ""
    return policy or "default-src 'none'"


def _attribute(text: str) -> str:
    """Escaped for a double-quoted attribute, leaving the policy's single quotes readable."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def index_page(briefs: list[dict[str, object]]) -> str:
    """The list of briefs, with links to their HTML and PDF and any problems."""
    return _INDEX.render(briefs=briefs, policy=INDEX_POLICY)


def served_file(out_dir: Path, url_path: str) -> Path | None:
    """The output file a URL path names, or None: one plain name, directly in `out_dir`."""
    name = unquote(url_path.removeprefix("/"), errors="strict")
    if not _NAME.match(name) or ".." in name or not name.endswith(SERVED_SUFFIXES):
        return None
    folder = out_dir.resolve()
    path = (folder / name).resolve()
    if path.parent != folder or not path.is_file():
        return None
    return path
