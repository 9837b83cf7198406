"""Verbatim checks: is a quote really in its source text, and if not, what is closest?

The comparison forgives only what the format allows: white space, straight
versus typographic quotes and apostrophes, and Unicode normalisation.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")
NEAR_ENOUGH = 0.8
_EDGE_PUNCTUATION = "\"',;:( )"


def normalise(text: str) -> str:
    """The form in which quotes and sources are compared."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def contains(source: str, quote: str) -> bool:
    """True when `quote` appears verbatim in `source`, both already normalised."""
    return quote in source


def marked(quote: str, passage: str) -> str:
    """`passage` with the words that differ from `quote` marked as `briefgen diff` marks
    them in a terminal: `[-quote's words-]{+passage's words+}`."""
    a, b = quote.split(" "), passage.split(" ")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(b[j1:j2]))
            continue
        out.append((f"[-{' '.join(a[i1:i2])}-]" if i2 > i1 else "")
                   + (f"{{+{' '.join(b[j1:j2])}+}}" if j2 > j1 else ""))
    return " ".join(out)


def nearest(source: str, quote: str) -> tuple[float, str] | None:
    """The passage of `source` most like `quote`, if it is at least 80 % similar.

    Both are already normalised. Windows of about the quote's length, starting
    at word boundaries, are scored with difflib. A window can only come close
    if it holds at least half of the quote's longer words, which a running
    count checks in constant time per window, so a long source costs little;
    difflib's cheap upper bounds prune most of the rest.
    """
    words = source.split(" ")
    size = max(1, len(quote.split(" ")))
    # Words of four letters or more carry the content; "the" and "in" are everywhere.
    content = {w.strip(_EDGE_PUNCTUATION).lower() for w in quote.split(" ") if len(w) >= 4}
    needed = len(content) // 2
    shared = [0]
    for word in words:
        shared.append(shared[-1] + (word.strip(_EDGE_PUNCTUATION).lower() in content))
    best: tuple[float, str] | None = None
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    floor = NEAR_ENOUGH
    for start in range(len(words)):
        for length in range(size - 2, size + 3):
            if length < 1 or start + length > len(words):
                continue
            if shared[start + length] - shared[start] < needed:
                continue
            window = " ".join(words[start:start + length]).strip(_EDGE_PUNCTUATION)
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            ratio = matcher.ratio()
            if ratio >= floor and (best is None or ratio > best[0]):
                best = (ratio, window)
                floor = ratio
    return best
