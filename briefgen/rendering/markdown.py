"""Markdown fields: parsed once by markdown-it-py, then rendered to HTML or back to Markdown.

One parser serves both outputs, so both see the same sanitised document:
raw HTML is text, only http, https, mailto and #anchor links stay links,
an image shows only a file inside the project, and a heading becomes a
bold paragraph so that it cannot add a level to the brief.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from briefgen.project.paths import inside

if TYPE_CHECKING:  # markdown-it is imported when a text is first parsed: `check` rarely must
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".webp": "image/webp", ".svg": "image/svg+xml"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024


class MdSafe(str):
    """Markdown that a filter already produced; the Markdown 'autoescape' leaves it alone."""


@dataclass(frozen=True)
class Images:
    """Where a brief's images may come from, and how an output refers to them; `used`
    collects every local image an output referred to, for the cache to record."""

    base: Path
    roots: tuple[Path, ...]
    used: set[Path] = field(default_factory=set, compare=False)

    def local_file(self, src: str) -> Path | None:
        """The project file an image source names, if it is a safe one to show."""
        if _SCHEME.match(src) or src.startswith(("/", "\\")) or "\\" in src:
            return None
        path = self.base / src.split("#", 1)[0].split("?", 1)[0]
        if path.suffix.lower() not in IMAGE_TYPES or not path.exists():
            return None
        if not inside(path, list(self.roots)) or not path.resolve().is_file():
            return None
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        self.used.add(path.resolve())
        return path

    def data_uri(self, src: str) -> str | None:
        path = self.local_file(src)
        if path is None:
            return None
        kind = IMAGE_TYPES[path.suffix.lower()]
        return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def link_allowed(href: str) -> bool:
    match = _SCHEME.match(href)
    if match:
        return match[1].lower() in SAFE_SCHEMES
    return href.startswith("#")


def _sanitise(state: StateCore) -> None:
    """Core rule: unlink unsafe links and turn unsafe images into their alt text."""
    from markdown_it.token import Token

    resolve: Callable[[str], str | None] = state.env.get("image_src", lambda _src: None)
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        dropped: list[bool] = []
        for token in block.children:
            if token.type == "link_open":
                bad = not link_allowed(str(token.attrGet("href") or ""))
                dropped.append(bad)
                if bad:
                    continue
            elif token.type == "link_close" and dropped.pop():
                continue
            elif token.type == "image":
                src = resolve(str(token.attrGet("src") or ""))
                if src is None:
                    children.append(Token("text", "", 0, content=token.content))
                    continue
                token.attrSet("src", src)
            children.append(token)
        block.children = children


@cache
def parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = lambda url: True  # every link is judged by _sanitise instead
    md.core.ruler.push("briefgen_sanitise", _sanitise)
    md.add_render_rule("heading_open", lambda *_: '<p class="md-heading"><strong>')
    md.add_render_rule("heading_close", lambda *_: "</strong></p>\n")
    return md


def to_html(text: str, images: Images | None = None) -> str:
    env: dict[str, Any] = {"image_src": images.data_uri if images else lambda _s: None}
    return parser().render(text, env)


def anchor_links(text: str) -> list[str]:
    """The in-document anchors a Markdown field links to (`[x](#risk-a)` -> `risk-a`), as a
    browser reads them: percent-escapes decoded."""
    if "#" not in text:
        return []
    found = []
    for block in parser().parse(text):
        for token in block.children or []:
            href = str(token.attrGet("href") or "") if token.type == "link_open" else ""
            if href.startswith("#"):
                found.append(unquote(href[1:]))
    return found


def image_sources(text: str) -> list[str]:
    """Every image source a Markdown field names, before any is judged safe."""
    if "![" not in text and "]:" not in text:
        return []
    found = []
    for block in parser().parse(text, {"image_src": lambda src: src}):
        found += [str(t.attrGet("src")) for t in block.children or [] if t.type == "image"]
    return found


def to_gfm(text: str, image_src: Callable[[str], str | None] | None = None) -> str:
    env: dict[str, Any] = {"image_src": image_src or (lambda _s: None)}
    tokens = parser().parse(text, env)
    return "\n\n".join(_blocks(tokens, 0, len(tokens))).strip()


# --- Markdown back out, for the GitHub-flavoured output ---------------------------

_ALWAYS = re.compile(r"([\\`*_\[\]<>&|~!])")
_TRAILING_HASH = re.compile(r"(?<=\s)(#+\s*)$")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def escape(text: str, line_start: bool = True) -> str:
    """Escape plain text so that GitHub shows it literally, never as markup."""
    text = _ALWAYS.sub(r"\\\1", text.replace("\r", ""))
    if line_start:
        text = _LINE_START.sub(lambda m: f"{m[1]}{m[2]}\\" if m[2][0].isdigit()
                               else f"{m[1]}\\{m[2]}", text)
    # a heading's text ending in " #" would lose it as the closing sequence
    return _TRAILING_HASH.sub(r"\\\1", text)


def _close(tokens: Sequence[Token], start: int) -> int:
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


def _blocks(tokens: Sequence[Token], i: int, end: int, tight: bool = False) -> list[str]:
    blocks: list[str] = []
    while i < end:
        token = tokens[i]
        if token.type in ("paragraph_open", "heading_open"):
            inline = _inline(tokens[i + 1].children or [])
            blocks.append(f"**{inline}**" if token.type == "heading_open" and inline else inline)
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            close = _close(tokens, i)
            blocks.append(_list(tokens, i, close))
            i = close + 1
        elif token.type == "blockquote_open":
            close = _close(tokens, i)
            inner = "\n\n".join(_blocks(tokens, i + 1, close))
            blocks.append("\n".join(f"> {line}".rstrip() for line in inner.split("\n")))
            i = close + 1
        elif token.type in ("code_block", "fence"):
            fence = "`" * max(3, _longest_run(token.content, "`") + 1)
            blocks.append(f"{fence}\n{token.content.rstrip(chr(10))}\n{fence}")
            i += 1
        elif token.type == "hr":
            blocks.append("---")
            i += 1
        else:
            i += 1
    return blocks


def _list(tokens: Sequence[Token], start: int, close: int) -> str:
    ordered = tokens[start].type == "ordered_list_open"
    number = int(tokens[start].attrGet("start") or 1) if ordered else 0
    items: list[str] = []
    i = start + 1
    while i < close:
        item_close = _close(tokens, i)
        marker = f"{number}. " if ordered else "- "
        body = "\n".join(_blocks(tokens, i + 1, item_close)) if _tight(tokens, i, item_close) \
            else "\n\n".join(_blocks(tokens, i + 1, item_close))
        pad = " " * len(marker)
        lines = body.split("\n") or [""]
        items.append(marker + lines[0] + "".join(f"\n{pad}{line}".rstrip() if line else "\n"
                                                 for line in lines[1:]))
        number += 1
        i = item_close + 1
    return "\n".join(items)


def _tight(tokens: Sequence[Token], start: int, close: int) -> bool:
    return any(t.type == "paragraph_open" and t.hidden for t in tokens[start:close])


def _longest_run(text: str, char: str) -> int:
    runs = re.findall(f"{re.escape(char)}+", text)
    return max((len(r) for r in runs), default=0)


def _inline(children: Sequence[Token]) -> str:
    out: list[str] = []
    links: list[str] = []
    line_start = True
    for token in children:
        kind = token.type
        if kind == "text":
            out.append(escape(token.content, line_start))
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\\\n")
            line_start = True
            continue
        elif kind in ("em_open", "em_close"):
            out.append("*")
        elif kind in ("strong_open", "strong_close"):
            out.append("**")
        elif kind == "code_inline":
            ticks = "`" * (_longest_run(token.content, "`") + 1)
            pad = " " if token.content.startswith("`") or token.content.endswith("`") else ""
            out.append(f"{ticks}{pad}{token.content}{pad}{ticks}")
        elif kind == "link_open":
            out.append("[")
            links.append(str(token.attrGet("href") or ""))
        elif kind == "link_close":
            out.append(f"]({_url(links.pop())})")
        elif kind == "image":
            out.append(f"![{escape(token.content, False)}]({_url(str(token.attrGet('src')))})")
        line_start = False
    return "".join(out)


def _url(url: str) -> str:
    if re.search(r"[\s<>()]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url
