"""Break opportunities in long unbroken tokens of the rendered HTML.

WeasyPrint finds each line's end by laying out a window of about two lines
of text; when that window holds no break opportunity it lays out the whole
rest of the paragraph instead, once per line. A URL or hash thousands of
characters long, wrapped by `overflow-wrap: anywhere`, therefore costs time
quadratic in its paragraph's length (a 200,000-character word never
finished). Every run of more than `LONG` characters without white space
gets a `<wbr>` after every `STEP` characters, so that it breaks like a
string of short words: a browser copies it without any added character, and
the PDF's layout takes it as a zero-width space (WeasyPrint gives each
`<wbr>` a box of its own, and a character is cheaper), which a reader
copying from the PDF gets too. Words of real prose (a German compound, say) are shorter than
`LONG` and keep their usual breaks. Only text between tags changes: the
model, the Markdown output, attributes, styles, scripts and SVG keep the
token as written.
"""

from __future__ import annotations

import re

LONG = 64  # longer than any word of prose: only URLs, hashes and the like reach it
STEP = 8  # a break at least every 8 characters, narrower than the narrowest column
WBR = "<wbr>"
ZWSP = "\u200b"  # what WeasyPrint makes of a <wbr>

# Elements whose content is not text that <wbr> may enter, comments, and tags.
_SKIP = re.compile(r"<(style|script|title|textarea|svg)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>",
                   re.S | re.I)
_RUN = re.compile(r"(?:&[#\w]+;|[^\s<&]){" + str(LONG + 1) + ",}")
_UNIT = re.compile(r"&[#\w]+;|.", re.S)  # a character, or an entity standing for one


def _broken(match: re.Match[str]) -> str:
    units = _UNIT.findall(match.group())
    return WBR.join("".join(units[i:i + STEP]) for i in range(0, len(units), STEP))


def breakable(html: str) -> str:
    """`html` with a break opportunity every `STEP` characters of each long token."""
    out: list[str] = []
    done = 0
    for tag in _SKIP.finditer(html):
        out.append(_RUN.sub(_broken, html[done:tag.start()]))
        out.append(tag.group())
        done = tag.end()
    out.append(_RUN.sub(_broken, html[done:]))
    return "".join(out)
