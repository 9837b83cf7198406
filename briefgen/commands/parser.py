"""The command line's words: every command, option and help text, and nothing else."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from briefgen import __version__

# The TLP levels, as `briefgen.model.fields.TLP_LEVELS` holds them (a test keeps the two the
# same): `--help` must not wait for the models to load.
TLP_LEVELS = ("clear", "green", "amber", "amber+strict", "red")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own usage errors exit 2 as well
        self.print_usage(sys.stderr)
        print(f"briefgen: error: {message}", file=sys.stderr)
        raise SystemExit(2)  # bad usage


def parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="briefgen", description="Render hand-curated YAML crisis briefs "
                     "into Markdown, HTML and PDF policy briefs.")
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_Parser)
    build = commands.add_parser("build", help="validate briefs and write .md, .html and .pdf",
                                description="Build briefs. With no PATH, builds every *.yaml "
                                "and *.yml file under seeds/.")
    _build_options(build)
    build.add_argument("--force", action="store_true",
                       help="rebuild every brief, even those whose outputs are current")
    build.add_argument("-q", "--quiet", action="store_true",
                       help="print only problems: no progress bar, no summary")
    build.add_argument("--since", metavar="OLD.yaml|GIT_REV",
                       help="open every output with a 'What changed' box comparing each brief "
                            "with this earlier file, or with its version at this git revision")
    build.add_argument("--theme", metavar="NAME",
                       help="brief (the full policy brief) or one-pager (two sides at most), "
                            "or a project's own; default: briefgen.toml's, else brief")
    build.add_argument("--jobs", "-j", type=_positive, metavar="N",
                       help="worker processes that render briefs (default: one per core)")
    build.add_argument("--shard", type=_shard, metavar="K/N",
                       help="build only the K-th of N deterministic shares of the briefs, so "
                            "that N machines together build them all")
    _today_option(build)
    check = commands.add_parser("check", help="validate briefs and their quotes; write nothing",
                                description="Check briefs. With no PATH, checks every *.yaml "
                                "and *.yml file under seeds/.")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="a brief, or a folder of briefs (default: seeds/)")
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    _audience_option(check, "check the version released to this TLP level too, as build "
                            "--audience makes it")
    _today_option(check)
    new = commands.add_parser("new", help="write a skeleton brief to fill in",
                              description="Write a commented skeleton brief that 'briefgen "
                              "check' accepts as it is. Never overwrites a file.")
    new.add_argument("ident", metavar="ID", help="the brief's id, which names its outputs")
    new.add_argument("--source", type=Path, metavar="ARTICLE.txt",
                     help="register this article as the brief's local source, and take its "
                          "title and date from it")
    new.add_argument("--out", type=Path, metavar="PATH",
                     help="where to write the brief (default: seeds/ID.yaml, or ./ID.yaml "
                          "where there is no seeds/)")
    diff = commands.add_parser("diff", help="what changed between two versions of a brief",
                               description="A semantic diff: risks whose likelihood or impact "
                               "moved, with their derived level; parties, quotes, figures and "
                               "events added or removed; stances that flipped; the BLUF word "
                               "by word. Compare two files, or a file with a committed version "
                               "(--rev).")
    diff.add_argument("old", type=Path, metavar="OLD.yaml",
                      help="the older version, or with --rev the brief itself")
    diff.add_argument("new", type=Path, nargs="?", metavar="NEW.yaml", help="the newer version")
    diff.add_argument("--rev", metavar="GIT_REV",
                      help="compare BRIEF.yaml with its version committed at this revision")
    diff.add_argument("--format", choices=("text", "md", "json"), default="text",
                      help="terminal text (coloured on a terminal), Markdown or JSON")
    init = commands.add_parser("init", help="start a brief project in a folder",
                               description="Create a brief project: briefgen.toml, seeds/ with "
                               "an example brief, output/, and templates/ and styles/ for house "
                               "overrides. Never overwrites a file. Then: cd DIR && briefgen "
                               "build")
    init.add_argument("folder", type=Path, metavar="DIR", help="the project folder (made if "
                      "missing)")
    schema = commands.add_parser("schema", help="print the JSON Schema of the brief format",
                                 description="Print the JSON Schema of the brief format, made "
                                 "from briefgen's own models, for editors with the YAML "
                                 "language server. 'briefgen check' remains the full check.")
    schema.add_argument("--out", type=Path, metavar="FILE",
                        help="write the schema to FILE (replacing an older one) instead")
    extract = commands.add_parser("extract", help="recover the YAML and sources a PDF carries",
                                  description="Write the brief's YAML and its local source "
                                  "texts, exactly as built, from a PDF that briefgen made. "
                                  "Never overwrites a file.")
    extract.add_argument("pdf", type=Path, metavar="BRIEF.pdf")
    extract.add_argument("--out", type=Path, default=Path(), metavar="DIR",
                         help="where to write them (default: the current folder)")
    audiences = commands.add_parser(
        "audiences", help="what each TLP audience sees of a brief, before you release it",
        description="For each TLP level up to the brief's own, count the items of each "
        "section that a reader at that level sees, and list what is withheld from them. "
        "Exits 1 when a level's version would be refused, and says why.")
    audiences.add_argument("brief", type=Path, metavar="BRIEF.yaml")
    index = commands.add_parser(
        "index", help="write the desk index and feed of an output folder (merge shards)",
        description="Write index.html, index.md and feed.xml (and one of each per audience "
        "released) from the summaries that builds kept in the project's .briefgen-cache, "
        "without loading any brief; only the briefs whose outputs are in DIR are listed. Run "
        "it after gathering the output folders of --shard builds into one, and their "
        ".briefgen-cache/*.summary.json into one cache.")
    index.add_argument("out", type=Path, nargs="?", default=Path("output"), metavar="DIR",
                       help="the output folder (default: output)")
    index.add_argument("--cache", type=Path, metavar="FOLDER",
                       help="where the summaries are (default: .briefgen-cache at the root "
                            "of DIR's project, else of the current folder's, else in the "
                            "current folder)")
    _today_option(index)
    _add_live_commands(commands)
    return parser


def _add_live_commands(commands: argparse._SubParsersAction) -> None:
    """`watch` and `serve`: build, then rebuild on every save, in one warm worker."""
    watch = commands.add_parser("watch", help="rebuild briefs whenever they are saved",
                                description="Build, then rebuild whenever a brief's YAML, its "
                                "local sources, the templates or the styles change. Ctrl-C "
                                "stops.")
    serve = commands.add_parser("serve", help="preview briefs in a browser as they are saved",
                                description="Watch and rebuild like 'watch', and serve the "
                                "briefs on 127.0.0.1: pages reload when their brief is "
                                "rebuilt, and show its problems while it is refused. "
                                "Ctrl-C stops.")
    serve.add_argument("--port", type=int, default=8000, metavar="N",
                       help="the port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    _build_options(watch)
    _build_options(serve)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"takes a whole number of at least 1; got '{text}'")
    return value


def _shard(text: str) -> tuple[int, int]:
    k, _, n = text.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError(f"takes K/N with 1 <= K <= N, such as 2/4; got '{text}'")
    return int(k), int(n)


def _day(text: str) -> dt.date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"takes a day as YYYY-MM-DD, such as 2020-03-01; "
                                     f"got '{text}'")


def _today_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--today", type=_day, metavar="YYYY-MM-DD",
                         help="judge review dates (meta.review_by) and risk horizons "
                              "(horizon_date) as on this day, not the machine's date")


def _build_options(command: argparse.ArgumentParser) -> None:
    """What to build and where: shared by build, watch and serve."""
    command.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help="a brief, or a folder of briefs (default: briefgen.toml's "
                              "briefs, else seeds/)")
    command.add_argument("--out", type=Path, metavar="DIR",
                         help="where to write the outputs (default: briefgen.toml's out, "
                              "else output/)")
    command.add_argument("--format", metavar="LIST",
                         help="comma-separated formats to write: md, html, pdf, docx (Word), "
                              "json (the validated brief), csv (figures and risks, with HXL "
                              "hashtags) (default: briefgen.toml's formats, else md,html,pdf)")
    command.add_argument("--pdf-variant", choices=("pdf/a-3b", "pdf/ua-1", "pdf/a-3a+ua-1"),
                         metavar="VARIANT",
                         help="pdf/a-3b (archival, keeps the attachments), pdf/ua-1 "
                              "(tagged, accessible) or pdf/a-3a+ua-1 (both at once)")
    _audience_option(command, "also write the version released to this TLP level, as "
                              "ID.tlp-LEVEL.EXT: only what that audience may see (repeatable; "
                              "default: briefgen.toml's audiences)")


def _audience_option(command: argparse.ArgumentParser, text: str) -> None:
    command.add_argument("--audience", action="append", choices=TLP_LEVELS, metavar="LEVEL",
                         help=f"{text}; LEVEL is one of {', '.join(TLP_LEVELS)}")
