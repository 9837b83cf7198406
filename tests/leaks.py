"""Every place a built file can carry a string, each searched apart, for the leak tests.

A PDF is searched in every object: each stream decoded (page content, the
XMP metadata, fonts' ToUnicode maps, attached files), and every string and
name in every dictionary and array (the Info dictionary, outline titles,
named destinations, link targets, alt texts, attachment names), plus the
text poppler extracts from its pages. HTML and Markdown are searched as
bytes, which covers their comments and attributes, and so are file names. A Word
document is unzipped and every part searched.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

from hostile import base64_forms

from briefgen.model.values import TLP_LEVELS

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "audiences"
BRIEF = FIXTURE / "canary.yaml"

# A canary's name says the lowest level that may see it; "comment" ranks above every level.
_LEVEL_OF = (("zqamberstrict", "amber+strict"), ("zq-amberstrict", "amber+strict"),
             ("zqgreen", "green"), ("zq-green", "green"), ("zqamber", "amber"),
             ("zq-amber", "amber"), ("zqred", "red"), ("zq-red", "red"),
             ("zqcomment", "comment"))


def canaries() -> dict[str, str]:
    """Every canary in the fixture (its YAML, and its files' names), with its level."""
    text = BRIEF.read_text(encoding="utf-8") + "\n".join(p.name for p in FIXTURE.iterdir())
    found = set(re.findall(r"\bZQ[A-Z]{4,}\b", text)) | set(re.findall(r"\bzq-[a-z-]+[a-z]",
                                                                          text))
    return {token: next(level for prefix, level in _LEVEL_OF if token.lower().startswith(prefix))
            for token in sorted(found)}


def rank(level: str) -> int:
    return len(TLP_LEVELS) if level == "comment" else TLP_LEVELS.index(level)


def pdf_places(pdf: Path) -> dict[str, bytes]:
    """Each searchable place in `pdf`, by a name that says where it is."""
    from pypdf import PdfReader
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
        StreamObject,
        TextStringObject,
    )

    reader = PdfReader(pdf)
    places: dict[str, bytes] = {}
    seen: set[tuple[int, int]] = set()
    strings: list[str] = []

    def walk(obj: Any, where: str) -> None:
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                return
            seen.add((obj.idnum, obj.generation))
            where = f"object {obj.idnum}"
            obj = obj.get_object()
        if isinstance(obj, StreamObject):
            try:
                places[f"{where} stream"] = obj.get_data()
            except Exception:  # noqa: BLE001 - an image filter pypdf does not decode
                places[f"{where} stream (raw)"] = obj._data  # noqa: SLF001
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                strings.append(f"{where}: {key}")
                walk(value, where)
        elif isinstance(obj, ArrayObject):
            for value in obj:
                walk(value, where)
        elif isinstance(obj, TextStringObject | NameObject):
            strings.append(f"{where}: {obj}")
        elif isinstance(obj, ByteStringObject):
            strings.append(f"{where}: {bytes(obj).decode('latin-1')}")

    walk(reader.trailer, "trailer")
    for number in range(1, int(reader.trailer.get("/Size", 0))):  # and any orphan object
        try:
            orphan = reader.get_object(number)
        except Exception:  # noqa: BLE001 - a free entry in the cross-reference table
            continue
        if orphan is not None and orphan.indirect_reference is not None:
            walk(orphan.indirect_reference, f"object {number}")
    places["strings and names"] = "\n".join(strings).encode("utf-8")
    places["outline"] = "\n".join(_titles(reader.outline)).encode("utf-8")
    places["metadata"] = repr(dict(reader.metadata or {})).encode("utf-8")
    places["page text"] = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                         capture_output=True, check=True).stdout
    for name, contents in reader.attachments.items():
        places[f"attachment name {name}"] = name.encode("utf-8")
        for i, data in enumerate(contents):
            places[f"attachment {name} #{i}"] = data
    return places


def _titles(outline: Any) -> list[str]:
    found: list[str] = []
    for entry in outline:
        if isinstance(entry, list):
            found += _titles(entry)
        else:
            found.append(str(entry.title))
    return found


def file_places(path: Path) -> dict[str, bytes]:
    """Each searchable place of one output file, its name included."""
    places = {f"{path.name}: file name": path.name.encode("utf-8"),
              f"{path.name}: bytes": path.read_bytes()}
    if path.suffix == ".pdf":
        places.update({f"{path.name}: {k}": v for k, v in pdf_places(path).items()})
    if path.suffix == ".docx":
        places.update({f"{path.name}: {k}": v for k, v in docx_places(path).items()})
    return places


def docx_places(docx: Path) -> dict[str, bytes]:
    """Each part of a Word document, unzipped (the body, headers, footers, properties,
    relationships, images), each part's name, and the package's comment."""
    import zipfile

    with zipfile.ZipFile(docx) as package:
        places = {f"part {name}": package.read(name) for name in package.namelist()}
        places["part names"] = "\n".join(package.namelist()).encode("utf-8")
        places["zip comment"] = package.comment
    return places


def holds(blob: bytes, token: str) -> bool:
    """`token` in `blob`: as written, in any case, percent-escaped, or base64-encoded."""
    raw = token.encode("utf-8")
    lowered = blob.lower()
    return (raw.lower() in lowered or raw.lower().replace(b"-", b"%2d") in lowered
            or any(form in blob for form in base64_forms(raw)))
