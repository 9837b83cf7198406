"""Right-to-left text for chart labels, shaped and ordered before it reaches the SVG.

WeasyPrint draws SVG text one character at a time (its issue #2909), so
Arabic in a chart would print as unjoined letters in reverse order. A label
that holds right-to-left text is therefore given to the SVG as it must look:
Arabic letters in their joined presentation forms, in visual order, marked
`unicode-bidi="bidi-override"` so that a browser draws it as it stands too.
The chart's <title> and <desc> keep the text as written.

This is the Unicode bidirectional algorithm (UAX #9) for one line without
embeddings, and Arabic joining from the presentation forms' own
decompositions: enough for names, dates and axis labels.
"""

from __future__ import annotations

import unicodedata
from functools import cache

DUAL, RIGHT, CAUSING, NONE = "D", "R", "C", "U"
LAM = "\u0644"
ALEFS = "\u0622\u0623\u0625\u0627"  # alef with madda, hamza above, hamza below, and plain
MIRRORED = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))


@cache
def _forms() -> dict[tuple[str, ...], dict[str, str]]:
    """Presentation forms by the letters they stand for: {("ب",): {"initial": "ﺑ", …}}."""
    forms: dict[tuple[str, ...], dict[str, str]] = {}
    for point in (*range(0xFB50, 0xFDFF), *range(0xFE70, 0xFEFF)):
        tag, *letters = unicodedata.decomposition(chr(point)).split() or [""]
        if tag in ("<isolated>", "<final>", "<initial>", "<medial>") and letters:
            key = tuple(chr(int(code, 16)) for code in letters)
            forms.setdefault(key, {}).setdefault(tag.strip("<>"), chr(point))
    return forms


def _joining(char: str) -> str:
    if char in ("\u0640", "\u200d"):  # tatweel and the zero width joiner join both ways
        return CAUSING
    shapes = _forms().get((char,), {})
    if "initial" in shapes or "medial" in shapes:
        return DUAL
    return RIGHT if "final" in shapes else NONE


def _is_arabic_mark(char: str) -> bool:
    return unicodedata.category(char) == "Mn" and ("\u0600" <= char <= "\u08ff")


def shape(text: str) -> str:
    """Arabic letters in the form their neighbours call for, lam-alef as one ligature.

    Arabic vowel marks are left out: drawn one character at a time they would
    not sit over their letters, and print does without them.
    """
    chars = [c for c in text if not _is_arabic_mark(c)]
    out: list[str] = []
    i = 0
    while i < len(chars):
        char = chars[i]
        kind = _joining(char)
        joins_before = i > 0 and _joining(chars[i - 1]) in (DUAL, CAUSING) and kind != NONE
        after = chars[i + 1] if i + 1 < len(chars) else ""
        ligature = _forms().get((char, after), {}) if char == LAM and after in ALEFS else {}
        if ligature:  # lam-alef: one glyph that joins only before it
            out.append(ligature["final" if joins_before else "isolated"])
            i += 2
            continue
        joins_after = kind in (DUAL, CAUSING) and bool(after) and \
            _joining(after) in (DUAL, RIGHT, CAUSING)
        form = ("medial" if joins_after else "final") if joins_before else \
            ("initial" if joins_after else "isolated")
        out.append(_forms().get((char,), {}).get(form, char) if kind in (DUAL, RIGHT) else char)
        i += 1
    return "".join(out)


def _bidi_class(char: str) -> str:
    kind = unicodedata.bidirectional(char) or "L"
    if kind in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "BN"):
        return "ON"
    return kind


def _levels(text: str, base: int) -> list[int]:
    """Embedding levels by the weak, neutral and implicit rules (W1-W7, N1-N2, I1-I2)."""
    edge = "R" if base else "L"
    types = [_bidi_class(char) for char in text]
    last_strong = edge
    for i, kind in enumerate(types):  # W1, W2, W3
        if kind == "NSM":
            kind = types[i - 1] if i else edge
        if kind == "EN" and last_strong == "AL":
            kind = "AN"
        if kind in ("L", "R", "AL"):
            last_strong = kind
        types[i] = "R" if kind == "AL" else kind
    for i in range(1, len(types) - 1):  # W4
        before, after = types[i - 1], types[i + 1]
        if types[i] == "ES" and before == after == "EN" or \
                types[i] == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    for i, kind in enumerate(types):  # W5: a currency or per cent sign beside a number
        if kind == "ET":
            j = i
            while j < len(types) and types[j] == "ET":
                j += 1
            if (i and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
    types = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in types]  # W6
    last_strong = edge
    for i, kind in enumerate(types):  # W7
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[i] = "L"
    strong = ["R" if kind in ("R", "EN", "AN") else "L" if kind == "L" else None
              for kind in types]
    i = 0
    while i < len(types):  # N1, N2: a neutral run between two same directions takes it
        if strong[i] is not None:
            i += 1
            continue
        j = i
        while j < len(types) and strong[j] is None:
            j += 1
        before = strong[i - 1] if i else edge
        after = strong[j] if j < len(types) else edge
        types[i:j] = [before if before == after else edge] * (j - i)
        i = j
    levels = []
    for kind in types:  # I1, I2
        if base == 0:
            levels.append(1 if kind == "R" else 2 if kind in ("AN", "EN") else 0)
        else:
            levels.append(2 if kind in ("L", "EN", "AN") else 1)
    return levels


def visual(text: str) -> str:
    """A line of text in the order it is seen, left to right, its Arabic shaped.

    Text without right-to-left characters comes back as it was.
    """
    if not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return text
    text = shape(text)
    first = next((unicodedata.bidirectional(c) for c in text
                  if unicodedata.bidirectional(c) in ("L", "R", "AL")), "R")
    base = 0 if first == "L" else 1
    levels = _levels(text, base)
    for i in range(len(text) - 1, -1, -1):  # L1: trailing white space takes the base level
        if not text[i].isspace():
            break
        levels[i] = base
    chars = [MIRRORED.get(c, c) if level % 2 else c for c, level in zip(text, levels,
                                                                        strict=True)]
    for level in range(max(levels), 0, -1):  # L2: reverse every run at this level or higher
        i = 0
        while i < len(chars):
            if levels[i] < level:
                i += 1
                continue
            j = i
            while j < len(chars) and levels[j] >= level:
                j += 1
            chars[i:j] = chars[i:j][::-1]
            levels[i:j] = levels[i:j][::-1]
            i = j
    return "".join(chars)
