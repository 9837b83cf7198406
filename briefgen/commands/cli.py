"""The command line: parse arguments, call the library, map the result to an exit code.

0: done. 1: a brief was refused or failed. 2: bad usage. Every user error
is a `BriefError`, and `main` alone says it; a bug keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable

from briefgen.commands.console import Printer, print_problems
from briefgen.commands.parser import parser
from briefgen.errors import BriefError, BriefRefused, UsageError, display_path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command != "check":  # only what renders logs (WeasyPrint); check starts leaner
        import logging

        logging.basicConfig(level=logging.WARNING,
                            format="briefgen: %(levelname)s: %(message)s")
    try:
        return _command(args.command)(args)
    except UsageError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BriefRefused as exc:  # briefgen.toml, or a brief a command reads, is wrong
        print_problems(exc.problems)
        return EXIT_REFUSED
    except BriefError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_REFUSED


# The module under briefgen/commands/ whose `command(args)` runs each command; build, check
# and schema are run here.
_MODULES = {"watch": "live", "serve": "live", "diff": "diff", "extract": "extract",
            "new": "new", "init": "init", "audiences": "audiences", "index": "index"}


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The handler of a command, imported only when it runs, so that `--help` stays fast."""
    if name in _MODULES:
        return importlib.import_module(f"briefgen.commands.{_MODULES[name]}").command
    return _build if name in ("build", "check") else _schema


def _build(args: argparse.Namespace) -> int:
    """`build` and `check`: each brief's outcome as it happens, then a summary."""
    from briefgen import build as library
    from briefgen.project.settings import settings
    from briefgen.stages import parse_formats

    started = time.monotonic()
    printer = Printer(args.quiet, wrote=args.command == "build")
    try:
        chosen = settings(args.paths, getattr(args, "out", None), getattr(args, "format", None),
                          audiences=args.audience)
        if args.command == "check":
            report = library.check(chosen.paths, chosen.audiences, today=args.today)
            for result in report.results:
                printer.result(result)
        else:
            from briefgen.workers import cores

            report = library.build(chosen.paths, chosen.out, parse_formats(chosen.formats),
                                   args.pdf_variant, force=args.force, since=args.since,
                                   theme=args.theme, jobs=args.jobs or cores(),
                                   shard=args.shard, progress=printer.progress,
                                   audiences=chosen.audiences, today=args.today)
    except KeyboardInterrupt:
        printer.close()
        print("briefgen: interrupted; every output is either its last good version or "
              "complete", file=sys.stderr)
        return 130
    finally:
        printer.close()
    printer.summary(report, time.monotonic() - started)
    printer.index(report)
    return EXIT_OK if report.ok else EXIT_REFUSED


def _schema(args: argparse.Namespace) -> int:
    from briefgen.model.schema import schema_text

    text = schema_text()
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    from briefgen.writing.atomic import write_atomic

    try:
        write_atomic(args.out, text.encode("utf-8"))
    except OSError as exc:
        raise BriefError(f"cannot write {display_path(args.out)}: {exc.strerror}") from None
    print(f"wrote {display_path(args.out)}")
    return EXIT_OK
