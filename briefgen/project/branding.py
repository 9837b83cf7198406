"""What a project's configuration adds to every brief it builds: name, logo, colours, paper."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from briefgen.errors import BriefRefused, Problem, display_path
from briefgen.project.config import CONFIG_NAME, Project, locate
from briefgen.project.paths import PAPER, inside

LOGO_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}
LOGO_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Branding:
    """The house style a template shows; empty when a project configures none."""

    organisation: str | None = None
    logo: str | None = None  # a data: URI, so that the HTML stays self-contained
    css: str = ""  # custom properties and the page size, after the built-in styles
    paper: str | None = None  # A4, A5, letter or legal, when the project names one
    docx_reference: bytes | None = None  # the house .docx the Word brief takes its styles from


def logo_data_uri(project: Project) -> str | None:
    """The logo as a data: URI, read from inside the project and checked to be an image."""
    logo = project.config.organisation.logo
    if logo is None or project.root is None:
        return None
    name = display_path(project.root / CONFIG_NAME)
    line, col = locate(project.source.decode("utf-8"), ("organisation", "logo"))

    def refuse(why: str) -> BriefRefused:
        return BriefRefused([Problem(name, line, col, "organisation.logo", why)])

    path = project.root / logo
    if not inside(path, [project.root]):
        raise refuse(f"'{logo}' is outside the project folder; put the logo inside it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise refuse(f"cannot read '{logo}': {exc.strerror}") from None
    if len(data) > LOGO_MAX_BYTES:
        raise refuse(f"'{logo}' is {len(data) // 1024} KiB; a logo may be at most 2 MiB")
    kind = next((t for magic, t in LOGO_TYPES.items() if data.startswith(magic)), None)
    if kind is None and path.suffix.lower() == ".svg" and b"<svg" in data[:4096]:
        kind = "image/svg+xml"
    if kind is None:
        raise refuse(f"'{logo}' is not a PNG, JPEG or SVG image")
    if kind != "image/svg+xml" and not _decodes(data):
        raise refuse(f"'{logo}' is a damaged or truncated image")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _decodes(data: bytes) -> bool:
    """Whether a PNG or JPEG decodes to the end, as the PDF writer will need it to."""
    import io

    from PIL import Image  # WeasyPrint's own image library

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (OSError, ValueError, Image.DecompressionBombError):
        return False
    return True


def branding(project: Project) -> Branding:
    """What the templates show of the house style."""
    style = project.config.style
    rules = []
    if style.accent:
        soft = style.accent_soft or _tint(style.accent, 0.12)
        rules.append(f":root {{ --accent: {style.accent}; --accent-soft: {soft}; }}")
    elif style.accent_soft:
        rules.append(f":root {{ --accent-soft: {style.accent_soft}; }}")
    if style.paper:
        rules.append(f"@page {{ size: {PAPER[style.paper]}; }}")
    return Branding(project.config.organisation.name, logo_data_uri(project), "\n".join(rules),
                    style.paper, docx_reference(project))


def docx_reference(project: Project) -> bytes | None:
    """The bytes of the house Word document `[build] docx_reference` names, checked to be
    a Word document inside the project; its path is relative to briefgen.toml."""
    reference = project.config.build.docx_reference
    if reference is None or project.root is None:
        return None
    name = display_path(project.root / CONFIG_NAME)
    line, col = locate(project.source.decode("utf-8"), ("build", "docx_reference"))

    def refuse(why: str) -> BriefRefused:
        return BriefRefused([Problem(name, line, col, "build.docx_reference", why)])

    path = project.root / reference
    if not inside(path, [project.root]):
        raise refuse(f"'{reference}' is outside the project folder; put the house document "
                      "inside it")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise refuse(f"there is no '{reference}' beside {CONFIG_NAME}; the path is relative "
                     f"to {CONFIG_NAME}'s folder") from None
    except OSError as exc:
        raise refuse(f"cannot read '{reference}': {exc.strerror}") from None
    if not _is_word_document(data):
        raise refuse(f"'{reference}' is not a Word document (.docx); save the house template "
                     "as a Word Document, not .doc or .dotx")
    return data


def _is_word_document(data: bytes) -> bool:
    """Whether `data` is a .docx: a zip whose main part is a document, not a template."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            types = package.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    return b"wordprocessingml.document.main+xml" in types


def _tint(colour: str, strength: float) -> str:
    """`colour` mixed with white: a background light enough for body text."""
    digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
    mixed = [round(255 - (255 - int(digits[i:i + 2], 16)) * strength) for i in (0, 2, 4)]
    return "#" + "".join(f"{c:02x}" for c in mixed)
