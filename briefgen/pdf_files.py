"""Files a PDF carries inside it: the brief's YAML and its sources, and getting them back out.

Someone who only received the PDF can recover the exact YAML it was built
from, edit it and build again. Reading PDFs is pypdf's job; it is imported
only by `extract`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefgen.errors import BriefError, display_path

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


def extract(pdf: Path, out_dir: Path) -> list[Path]:
    """Write the brief and its sources from `pdf` into `out_dir`; never overwrite a file."""
    from briefgen.writer import write_new

    files = embedded_in(pdf)
    if not any(PurePosixPath(name).suffix in (".yaml", ".yml") for name in files):
        raise ExtractError(f"{display_path(pdf)}: this PDF carries no briefgen brief; only PDFs "
                           "built by briefgen hold their YAML")
    targets: dict[Path, bytes] = {}
    for name, data in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ExtractError(f"{display_path(pdf)}: refusing the embedded name '{name}', "
                               "which would land outside the output folder")
        targets[out_dir.joinpath(*relative.parts)] = data
    in_the_way = [display_path(t) for t in targets if t.exists()]
    if in_the_way:
        raise ExtractError("not overwriting " + ", ".join(in_the_way)
                           + "; choose another folder with --out")
    for target, data in targets.items():
        try:
            write_new(target, data)
        except FileExistsError:  # it appeared while we wrote the others
            raise ExtractError(f"not overwriting {display_path(target)}, which appeared "
                               "meanwhile") from None
    return list(targets)
