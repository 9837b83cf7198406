"""`briefgen new`: a commented skeleton brief that `briefgen check` accepts as it is.

With an article, the skeleton registers it as the brief's local source and
fills in its title and date where they can be read from the text. It never
overwrites a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefError, display_path
from briefgen.model.schema import SCHEMA_FILE, schema_text
from briefgen.model.values import SLUG, month_number
from briefgen.project.paths import builtin_dir, project_root
from briefgen.validation.notices import SKELETON_BLUF, SKELETON_TITLE
from briefgen.writing.atomic import write_new

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"


def _clock(n: str) -> str:
    """An optional time after a date: `, 12:28 AM`, ` at 14.05`."""
    return (rf"(?:,?\s+(?:at\s+)?(?P<hour{n}>\d{{1,2}})[:.](?P<minute{n}>\d{{2}})"
            rf"\s*(?P<half{n}>[AaPp]\.?[Mm]\.?)?)?")


# A date as articles print it: ISO, `20 February 2020`, `February 20, 2020`, `Feb. 20 2020`.
_DATE = (rf"(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?:[T ](?P<isohour>\d{{2}}):(?P<isominute>\d{{2}}))?"
         rf"|(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\s+(?P<y1>\d{{4}}){_clock('1')}"
         rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}}){_clock('2')})")
_ANY_DATE = re.compile(rf"\b{_DATE}", re.IGNORECASE)
# "Updated: …", "Published …", "Last updated on …": the article says when it was written.
# It opens a line, or follows a separator in a byline: "By A. Writer | Updated …".
_STAMPED = re.compile(rf"(?:^|[|•·]) *(?P<stamp>Last updated|Updated|Published|Posted|"
                      rf"First published)(?:\s+on)?\s*:?\s*{_DATE}",
                      re.IGNORECASE | re.MULTILINE)
# A dateline opens a paragraph: `BEIRUT, Feb 20 (Reuters) -`, `20 February 2020 —`.
_DATELINE = re.compile(rf"^(?:[A-Z][A-Za-z .'-]*,\s*)?{_DATE}\s*(?:\([^)]*\)\s*)?(?:[-–—:]|$)",
                       re.IGNORECASE)
_HEADER_LINES = 8  # a dateline stands among the article's first lines: headline, byline, lede


@dataclass(frozen=True)
class FoundDate:
    """A date read off an article, and how sure that reading is."""

    value: str  # ISO 8601, at the precision the text gives
    how: str  # "updated" or "published" (a stamp), "dateline", or "guess"

    @property
    def guess(self) -> bool:
        return self.how == "guess"


def _iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    try:
        if parts["iso"]:
            date = dt.date.fromisoformat(parts["iso"]).isoformat()
            hour, minute, half = parts["isohour"], parts["isominute"], None
        else:
            n = "1" if parts["d1"] else "2"
            month = month_number(parts[f"m{n}"].rstrip("."))
            if month is None:
                return None
            date = dt.date(int(parts[f"y{n}"]), month, int(parts[f"d{n}"])).isoformat()
            hour, minute, half = parts[f"hour{n}"], parts[f"minute{n}"], parts[f"half{n}"]
    except ValueError:
        return None
    if not hour:
        return date
    clock = int(hour)
    if half:
        clock = clock % 12 + (12 if half[0].lower() == "p" else 0)
    return f"{date}T{clock:02d}:{minute}" if clock < 24 and int(minute) < 60 else date


def find_date(text: str) -> FoundDate | None:
    """The article's date, and how it was found: an "Updated"/"Published" stamp first, then
    a dateline (a date alone on one of the first lines, or opening one: `BEIRUT, Feb 20
    (Reuters) -`); failing both,
    a guess: the latest date the text mentions, which the article cannot predate. A date in
    the body is usually about an earlier event, so it is never taken for the article's own
    without saying so."""
    stamps = [(m, _iso(m)) for m in _STAMPED.finditer(text)]
    stamps = [(m, d) for m, d in stamps if d]
    if stamps:  # the latest update wins over the first publication
        updated = [(m, d) for m, d in stamps if "updated" in m["stamp"].lower()]
        match, date = max(updated or stamps, key=lambda found: found[1])
        return FoundDate(date, "updated" if updated else "published")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:_HEADER_LINES]:
        if (match := _DATELINE.match(line)) and (date := _iso(match)):
            return FoundDate(date, "dateline")
    dates = [d for m in _ANY_DATE.finditer(text) if (d := _iso(m))]
    return FoundDate(max(dates), "guess") if dates else None


def read_date(text: str) -> str | None:
    """The article's date (see `find_date`), or None when the text gives none."""
    found = find_date(text)
    return found.value if found else None


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
    date: FoundDate | None  # the article's date, at the precision the text gives
    copied: Path | None = None  # the copy made beside the brief, when it lay outside


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
    copied = None
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
            copied = copy
        resolved = copy.resolve()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0][:300] if lines else None
    return Article(Path(os.path.relpath(resolved, folder)).as_posix(),
                   slugify(article.stem), title, find_date(text), copied)


def _with_docs(text: str) -> str:
    """The skeleton's header, naming the format and the guide where this briefgen keeps them
    (in a checkout, or inside the installed package), so they are reachable from anywhere."""
    docs = builtin_dir("docs").resolve()
    where = [f"# The format in full: {(docs / 'brief-format.md').as_posix()}",
             f"# The guide, from article to PDF: {(docs / 'writing-a-brief.md').as_posix()}"]
    if not all(line.isprintable() for line in where):  # a path no comment can hold
        where = ["# The format and the guide: docs/brief-format.md and docs/writing-a-brief.md",
                 "# in briefgen's source; `briefgen schema` prints the format's schema."]
    head, sep, rest = text.partition("#\n")  # the header ends at its first empty comment line
    return head + "\n".join(where) + "\n" + sep + rest


@dataclass(frozen=True)
class Skeleton:
    """What `briefgen new` wrote, and what it read off the article."""

    brief: Path
    schema: Path | None  # None when a schema was there already
    date: FoundDate | None
    article: Path | None = None  # the article's copy beside the brief, if one was made


def write_skeleton(ident: str, out: Path, article: Path | None = None,
                   today: dt.date | None = None) -> Skeleton:
    """Write a skeleton brief with id `ident` to `out`, and the schema that editors check it
    against where there is none yet; never overwrite a file."""
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
    # The schema sits in the brief's folder or above it: the path is only `..` and its name.
    relative = Path(os.path.relpath(schema, out.resolve().parent)).as_posix()
    text = render_template("yaml", "new-brief.yaml.j2", project_root(out), id=ident,
                           today=(today or dt.date.today()).isoformat(), source=source,
                           skeleton_title=SKELETON_TITLE, skeleton_bluf=SKELETON_BLUF,
)
    text = f"# yaml-language-server: $schema={relative}\n" + _with_docs(text)
    try:
        write_new(out, text.encode("utf-8"))
    except FileExistsError:
        raise NewBriefError(f"{display_path(out)} already exists; briefgen new never "
                            "overwrites a file") from None
    wrote_schema: Path | None = schema
    try:
        write_new(schema, schema_text().encode("utf-8"))
    except FileExistsError:  # a project's own schema is left as it is
        wrote_schema = None
    return Skeleton(out, wrote_schema, source.date if source else None,
                    source.copied if source else None)


def new_brief(ident: str, out: Path, article: Path | None = None,
              today: dt.date | None = None) -> Path:
    """Write a skeleton brief with id `ident` to `out`; never overwrite a file."""
    return write_skeleton(ident, out, article, today).brief


_HOW = {"updated": "its \"Updated\" line", "published": "its \"Published\" line",
        "dateline": "its dateline"}


def command(args: argparse.Namespace) -> int:
    out = args.out
    if out is None:
        out = (Path("seeds") if Path("seeds").is_dir() else Path()) / f"{args.ident}.yaml"
    made = write_skeleton(args.ident, out, args.source)
    brief = display_path(made.brief)
    print(f"wrote {brief}")
    if made.article is not None:
        print(f"wrote {display_path(made.article)}: a copy of {display_path(args.source)}, "
              "beside the brief, which its quotes are checked against")
    if made.schema is not None:
        print(f"wrote {display_path(made.schema)}: the format's JSON Schema, which editors "
              "use to complete and check keys as you type (`briefgen schema` prints it)")
    if made.date is not None and made.date.guess:
        print(f"meta.date {made.date.value[:10]} is a guess: the article has no dateline or "
              "\"Updated\" line, so it is the latest date its text mentions; set meta.date to "
              "the brief's information cut-off")
    elif made.date is not None:
        print(f"meta.date {made.date.value[:10]} is the article's date, read from "
              f"{_HOW[made.date.how]}; as the brief's information cut-off, move it on when "
              "the brief takes in later news")
    print(f"next: fill it in, then run: briefgen check {brief}")
    return 0
