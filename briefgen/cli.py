"""The command line: parse arguments, call the library, map the result to an exit code.

0: done. 1: a brief was refused or failed. 2: bad usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import __version__
from briefgen.console import Printer, print_problems, print_report
from briefgen.errors import BriefRefused, UsageError, display_path

if TYPE_CHECKING:
    from briefgen.build import BuildReport

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own usage errors exit 2 as well
        self.print_usage(sys.stderr)
        print(f"briefgen: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
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
    check = commands.add_parser("check", help="validate briefs and their quotes; write nothing",
                                description="Check briefs. With no PATH, checks every *.yaml "
                                "and *.yml file under seeds/.")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="a brief, or a folder of briefs (default: seeds/)")
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
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


def _build_options(command: argparse.ArgumentParser) -> None:
    """What to build and where: shared by build, watch and serve."""
    command.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help="a brief, or a folder of briefs (default: briefgen.toml's "
                              "briefs, else seeds/)")
    command.add_argument("--out", type=Path, metavar="DIR",
                         help="where to write the outputs (default: briefgen.toml's out, "
                              "else output/)")
    command.add_argument("--format", metavar="LIST",
                         help="comma-separated formats to write: md, html, pdf (default: "
                              "briefgen.toml's formats, else all)")
    command.add_argument("--pdf-variant", choices=("pdf/a-3b", "pdf/ua-1"), metavar="VARIANT",
                         help="pdf/a-3b (archival, keeps the attachments) or pdf/ua-1 "
                              "(tagged, accessible)")


def _configure(args: argparse.Namespace) -> None:
    """Fill in what the command line left out: from the briefgen.toml of the project we are
    in, else the built-in defaults. Paths in the file are relative to its folder."""
    from briefgen.config import find_project

    project = find_project(Path.cwd())
    settings, root = project.config.build, project.root or Path()
    if not args.paths:
        args.paths = [_here(root / p) for p in settings.briefs] if settings.briefs else []
    if not args.paths:
        if not (root / "seeds").is_dir():
            raise UsageError("no PATH given and there is no seeds/ folder here; "
                             "give a brief or a folder of briefs")
        args.paths = [_here(root / "seeds")]
    if "out" in args and args.out is None:
        args.out = _here(root / (settings.out or "output"))
    if "format" in args and args.format is None:
        args.format = ",".join(settings.formats or ("md", "html", "pdf"))


def _here(path: Path) -> Path:
    """`path` relative to the working folder where it lies below it, as a user would type it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="briefgen: %(levelname)s: %(message)s")
    if args.command == "extract":
        return _extract(args.pdf, args.out)
    if args.command == "new":
        return _new(args.ident, args.source, args.out)
    if args.command == "schema":
        return _schema(args.out)
    if args.command == "init":
        return _init(args.folder)
    if args.command == "diff":
        return _diff(args)
    if args.command in ("watch", "serve"):
        return _live(args)
    from briefgen import build as library

    started = time.monotonic()
    printer = Printer(args.quiet, wrote=args.command == "build")
    try:
        _configure(args)
        paths = args.paths
        if args.command == "check":
            report = library.check(paths)
            for result in report.results:
                printer.result(result)
        else:
            from briefgen.workers import cores

            formats = library.parse_formats(args.format)
            report = library.build(paths, args.out, formats, args.pdf_variant, force=args.force,
                                   since=args.since, theme=args.theme,
                                   jobs=args.jobs or cores(), shard=args.shard,
                                   progress=printer.progress)
    except BriefRefused as exc:  # briefgen.toml is wrong: no brief is built
        printer.close()
        print_problems(exc.problems)
        return EXIT_REFUSED
    except UsageError as exc:
        printer.close()
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        printer.close()
        print("briefgen: interrupted; every output is either its last good version or "
              "complete", file=sys.stderr)
        return 130
    printer.close()
    printer.summary(report, time.monotonic() - started)
    return EXIT_OK if report.ok else EXIT_REFUSED


def _live(args: argparse.Namespace) -> int:
    """`watch` and `serve` run until Ctrl-C, which is a normal way to stop them."""
    from briefgen import build as library
    from briefgen.errors import BriefError
    from briefgen.watch import Job

    try:
        _configure(args)
        paths = args.paths
        formats = library.parse_formats(args.format)
        library.find_briefs(paths)
        if args.command == "serve" and "html" not in formats:
            raise UsageError("serve needs the html format")
        if args.command == "serve" and not 0 <= args.port <= 65535:
            raise UsageError(f"--port takes 0 to 65535; got {args.port}")
    except UsageError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BriefRefused as exc:
        print_problems(exc.problems)
        return EXIT_REFUSED
    job = Job(tuple(paths), args.out, formats, args.pdf_variant,
              html_first=args.command == "serve")

    first = True

    def report(result: BuildReport) -> None:
        """After the first build, a save reports only the briefs it rebuilt or refused."""
        nonlocal first
        if not first:
            result = library.BuildReport([r for r in result.results if r.status != "current"])
        first = False
        print_report(result, quiet=False, wrote=True)
        sys.stdout.flush()

    def error(message: str) -> None:
        print(f"briefgen: error: {message}", file=sys.stderr)

    try:
        if args.command == "watch":
            from briefgen.watch import watch

            watch(job, report, error, on_ready=lambda folders: print(
                f"briefgen: watching {len(folders)} folders for changes (Ctrl-C to stop)",
                flush=True))
        else:
            from briefgen.serve import serve

            serve(job, args.port, report, error, on_serving=lambda url: print(
                f"briefgen: serving {url} (Ctrl-C to stop)", flush=True))
    except BriefError as exc:  # the port is taken, say
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("briefgen: stopped", file=sys.stderr)
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from briefgen import diff
    from briefgen.revisions import RevisionError, load_version

    if (args.rev is None) == (args.new is None):
        print("briefgen: error: give OLD.yaml NEW.yaml, or BRIEF.yaml --rev GIT_REV",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.rev is not None:
            old, new = load_version(args.old, args.rev), load_version(args.old)
        else:
            old, new = load_version(args.old), load_version(args.new)
    except BriefRefused as exc:
        print_problems(exc.problems)
        return EXIT_REFUSED
    except RevisionError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    result = diff.semantic_diff(old, new)
    if args.format == "json":
        sys.stdout.write(diff.to_json(result))
    elif args.format == "md":
        sys.stdout.write(diff.to_markdown(result))
    else:
        sys.stdout.write(diff.to_text(result, colour=sys.stdout.isatty()))
    return EXIT_OK


def _new(ident: str, source: Path | None, out: Path | None) -> int:
    from briefgen.skeleton import NewBriefError, new_brief

    if out is None:
        out = (Path("seeds") if Path("seeds").is_dir() else Path()) / f"{ident}.yaml"
    try:
        written = new_brief(ident, out, source)
    except NewBriefError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"wrote {display_path(written)}; fill it in, then run: briefgen check "
          f"{display_path(written)}")
    return EXIT_OK


def _init(folder: Path) -> int:
    from briefgen.init import InitError, init_project

    try:
        written = init_project(folder)
    except InitError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    for path in written:
        print(f"wrote {display_path(path)}")
    print(f"next: cd {display_path(folder)} && briefgen build")
    return EXIT_OK


def _schema(out: Path | None) -> int:
    from briefgen.schema import schema_text

    text = schema_text()
    if out is None:
        sys.stdout.write(text)
        return EXIT_OK
    from briefgen.writer import write_atomic

    try:
        write_atomic(out, text.encode("utf-8"))
    except OSError as exc:
        print(f"briefgen: error: cannot write {display_path(out)}: {exc.strerror}",
              file=sys.stderr)
        return EXIT_REFUSED
    print(f"wrote {display_path(out)}")
    return EXIT_OK


def _extract(pdf: Path, out: Path) -> int:
    from briefgen.pdf_files import ExtractError, extract

    try:
        written = extract(pdf, out)
    except ExtractError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    for path in written:
        print(f"wrote {display_path(path)}")
    return EXIT_OK
