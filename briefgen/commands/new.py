"""`briefgen new`: a commented skeleton brief that `briefgen check` accepts as it is.

With an article, the skeleton registers it as the brief's local source and
fills in its title and date where they can be read from the text. It never
overwrites a file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefError, display_path
from briefgen.model.fields import SLUG
from briefgen.model.schema import SCHEMA_FILE, schema_text
from briefgen.project.paths import project_root
from briefgen.validation.notices import SKELETON_BLUF, SKELETON_TITLE
from briefgen.writing.atomic import write_new

# For reading dates that analysts write in words (briefgen new); printed dates come from Babel.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

_MONTH = "|".join(MONTHS)
_STAMPED = re.compile(rf"(?:Updated|Published|Posted|Last updated)\s*:?\s*({_MONTH})\s+(\d{{1,2}}),"
                      rf"\s+(\d{{4}})(?:\s+(\d{{1,2}}):(\d{{2}})\s*([AP]M))?", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def schema_home(brief: Path) -> Path:
    """Where a project keeps its schema: at its root, or beside a brief outside a project."""
    return (project_root(brief) or brief.resolve().parent) / SCHEMA_FILE


class NewBriefError(BriefError):
    """A skeleton cannot be written: the file exists, the id is not a slug, and so on."""


@dataclass(frozen=True)
class Article:
    """What can be read off an article's text."""

    local_path: str
    source_id: str
    title: str | None
    date: str | None  # the article's date, at the precision the text gives


def _month(name: str) -> int:
    return [m.lower() for m in MONTHS].index(name.lower()) + 1


def read_date(text: str) -> str | None:
    """The article's date: an `Updated:` stamp first, then the first full date in the text."""
    if stamped := _STAMPED.search(text):
        month, day, year, hour, minute, half = stamped.groups()
        date = dt.date(int(year), _month(month), int(day)).isoformat()
        if hour:
            clock = int(hour) % 12 + (12 if half.upper() == "PM" else 0)
            return f"{date}T{clock:02d}:{minute}"
        return date
    found = []
    for pattern, order in ((_ISO, "ymd"), (_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
        if match := pattern.search(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = int(parts["m"]) if parts["m"].isdigit() else _month(parts["m"])
            try:
                found.append((match.start(), dt.date(int(parts["y"]), month,
                                                     int(parts["d"])).isoformat()))
            except ValueError:
                continue
    return min(found)[1] if found else None


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64].strip("-")
    return slug or "source"


def read_article(article: Path, brief: Path) -> Article:
    """Register `article` for a brief at `brief`; copy it beside the brief if it lies outside."""
    try:
        text = article.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise NewBriefError(f"{display_path(article)}: cannot read it as UTF-8 text "
                            f"({exc})") from None
    folder = brief.resolve().parent
    roots = [folder] + ([project_root(brief)] if project_root(brief) else [])
    resolved = article.resolve()
    if not any(resolved.is_relative_to(root) for root in roots if root):
        copy = folder / article.name
        if copy.exists() and copy.read_bytes() != article.read_bytes():
            raise NewBriefError(f"{display_path(copy)} already exists and differs from "
                                f"{display_path(article)}; not overwriting it")
        if not copy.exists():
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(article, copy)
        resolved = copy.resolve()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0][:300] if lines else None
    return Article(Path(os.path.relpath(resolved, folder)).as_posix(),
                   slugify(article.stem), title, read_date(text))


def new_brief(ident: str, out: Path, article: Path | None = None,
              today: dt.date | None = None) -> Path:
    """Write a skeleton brief with id `ident` to `out`; never overwrite a file."""
    if len(ident) > 64 or not SLUG.match(ident):
        raise NewBriefError(f"'{ident}' is not a valid id: use 1-64 lower-case letters, digits "
                            "and hyphens, starting with a letter or digit")
    if out.exists():
        raise NewBriefError(f"{display_path(out)} already exists; briefgen new never "
                            "overwrites a file")
    from briefgen.rendering.templating import (
        render_template,  # Jinja: only when a skeleton is written
    )

    source = read_article(article, out) if article is not None else None
    schema = schema_home(out)
    text = render_template("yaml", "new-brief.yaml.j2", project_root(out), id=ident,
                           today=(today or dt.date.today()).isoformat(), source=source,
                           skeleton_title=SKELETON_TITLE, skeleton_bluf=SKELETON_BLUF)
    # The schema sits in the brief's folder or above it: the path is only `..` and its name.
    relative = Path(os.path.relpath(schema, out.resolve().parent)).as_posix()
    text = f"# yaml-language-server: $schema={relative}\n" + text
    try:
        write_new(out, text.encode("utf-8"))
    except FileExistsError:
        raise NewBriefError(f"{display_path(out)} already exists; briefgen new never "
                            "overwrites a file") from None
    with contextlib.suppress(FileExistsError):  # a project's own schema is left as it is
        write_new(schema, schema_text().encode("utf-8"))
    return out


def command(args: argparse.Namespace) -> int:
    out = args.out
    if out is None:
        out = (Path("seeds") if Path("seeds").is_dir() else Path()) / f"{args.ident}.yaml"
    written = new_brief(args.ident, out, args.source)
    print(f"wrote {display_path(written)}; fill it in, then run: briefgen check "
          f"{display_path(written)}")
    return 0
