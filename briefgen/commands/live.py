"""`briefgen watch` and `briefgen serve`: build, then rebuild on every save, until Ctrl-C."""

from __future__ import annotations

import argparse
import sys

from briefgen.commands.console import print_report
from briefgen.errors import UsageError
from briefgen.stages import BuildReport


def command(args: argparse.Namespace) -> int:
    """Run `watch` or `serve`; Ctrl-C is a normal way to stop them."""
    from briefgen.commands.watch import LiveBuild
    from briefgen.project.settings import settings
    from briefgen.reading.discover import find_briefs
    from briefgen.stages import parse_formats

    chosen = settings(args.paths, args.out, args.format, audiences=args.audience)
    formats = parse_formats(chosen.formats)
    find_briefs(chosen.paths)
    if args.command == "serve" and "html" not in formats:
        raise UsageError("serve needs the html format")
    if args.command == "serve" and not 0 <= args.port <= 65535:
        raise UsageError(f"--port takes 0 to 65535; got {args.port}")
    job = LiveBuild(tuple(chosen.paths), chosen.out, formats, args.pdf_variant,
                    chosen.audiences, html_first=args.command == "serve")
    reporter = _Reporter()
    try:
        if args.command == "watch":
            from briefgen.commands.watch import watch

            watch(job, reporter, _error, on_ready=lambda folders: print(
                f"briefgen: watching {len(folders)} folders for changes (Ctrl-C to stop)",
                flush=True))
        else:
            from briefgen.commands.serve import serve

            serve(job, args.port, reporter, _error, on_serving=lambda url: print(
                f"briefgen: serving {url} (Ctrl-C to stop)", flush=True))
    except KeyboardInterrupt:
        print("briefgen: stopped", file=sys.stderr)
    return 0


class _Reporter:
    """Says each build's results; after the first, only the briefs a save rebuilt or refused."""

    def __init__(self) -> None:
        self.first = True

    def __call__(self, report: BuildReport) -> None:
        if not self.first:
            report = BuildReport([r for r in report.results if r.status != "current"])
        self.first = False
        print_report(report, quiet=False, wrote=True)
        sys.stdout.flush()


def _error(message: str) -> None:
    print(f"briefgen: error: {message}", file=sys.stderr)
