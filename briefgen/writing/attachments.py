"""Files a PDF carries inside it: the brief's YAML and its sources, and reading them back.

Someone who only received the PDF can recover the exact YAML it was built
from, edit it and build again. Reading PDFs is pypdf's job; it is imported
only by `extract`.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from briefgen.errors import BriefError, display_path

if TYPE_CHECKING:
    from briefgen.model import Brief

BRIEF_DESCRIPTION = "briefgen brief (YAML, briefgen/1)"
SOURCE_DESCRIPTION = "local source text of the brief"


@dataclass(frozen=True)
class Embedded:
    """A file carried inside the PDF, so that the brief can be rebuilt from the PDF alone."""

    name: str
    data: bytes
    description: str
    relationship: str  # PDF/A-3 AFRelationship: Source for the brief, Data for its sources


class ExtractError(BriefError):
    """The PDF cannot give back a brief: not a PDF, no brief inside, or files in the way."""


def embedded_in(pdf: Path) -> dict[str, bytes]:
    """Every file embedded in `pdf`, by name."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not for users
    try:
        reader = PdfReader(pdf)
        found = {name: contents[0] for name, contents in reader.attachments.items() if contents}
    except FileNotFoundError:
        raise ExtractError(f"{display_path(pdf)}: no such file") from None
    except (PdfReadError, OSError, ValueError) as exc:
        raise ExtractError(f"{display_path(pdf)}: not a readable PDF ({exc})") from None
    return found


def embedded_files(brief: Brief, source: bytes, name: str,
                   files: dict[str, tuple[Path, bytes]]) -> tuple[Embedded, ...]:
    """The brief's YAML exactly as read (`source`, the file `name`), and every local source
    text it cites, as validation read it (`files`, by source id)."""
    found = [Embedded(name, source, BRIEF_DESCRIPTION, "Source")]
    for item in brief.sources:
        if item.local_path is not None and item.id in files:
            found.append(Embedded(attachment_name(item.local_path), files[item.id][1],
                                  f"{SOURCE_DESCRIPTION}: {item.id}", "Data"))
    return tuple(dict((f.name, f) for f in found).values())


def attachment_name(local_path: str) -> str:
    """The name a source travels under: its `local_path` with `sub/..` and `./` worked out,
    so that `extract`, which refuses any name that could land outside its folder, gives
    it back where the brief looks for it."""
    name = posixpath.normpath(PurePosixPath(local_path).as_posix())
    while name.startswith("../"):  # past the brief's folder, into its project: keep the rest
        name = name[3:]
    return name.lstrip("/")
