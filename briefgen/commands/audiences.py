"""`briefgen audiences BRIEF`: what each TLP audience would see, checked before release.

For each level up to the brief's own it prints how many items of each
section that reader sees, then what is withheld from them, and whether that
level's version would be refused (and why). It writes nothing.
"""

from __future__ import annotations

import argparse

from briefgen.commands.console import print_problems
from briefgen.errors import BriefRefused, UsageError, display_path

EXIT_OK, EXIT_REFUSED = 0, 1


def command(args: argparse.Namespace) -> int:
    from briefgen.model.values import TLP_LEVELS
    from briefgen.project.config import load_project
    from briefgen.project.paths import project_root
    from briefgen.reading.discover import find_briefs
    from briefgen.reading.loader import load_brief
    from briefgen.release.audit import COUNTED, audit
    from briefgen.release.levels import banner, ceiling, rank
    from briefgen.validation.validate import check_brief

    found = find_briefs([args.brief])
    if len(found) != 1:
        raise UsageError(f"audiences takes one brief; {display_path(args.brief)} holds "
                         f"{len(found)}")
    path = found[0]
    loaded = load_brief(path)
    default = load_project(project_root(path)).config.defaults.tlp
    own = ceiling(loaded.data, default)
    if own is None:
        raise BriefRefused([loaded.problem(("meta",), "the brief has no TLP of its own (set "
                                           "meta.tlp, or [defaults] tlp in briefgen.toml), so "
                                           "it has no audiences to tell apart", key=True)])
    seen = audit(loaded, own)
    lower = tuple(level for level in TLP_LEVELS if rank(level) < rank(own))
    refused: list[BriefRefused] = []
    try:
        check_brief(loaded, lower, default)
    except BriefRefused as exc:
        refused.append(exc)
    headers = [banner(s.level) + (" (full)" if s.level == own else "") for s in seen.levels]
    rows = [[label] + [f"{s.counts[label]} of {seen.total[label]}" for s in seen.levels]
            for label, _loc in COUNTED if seen.total[label]]
    print(f"{display_path(path)}: a {banner(own)} brief; what each audience sees")
    _table(["", *headers], rows)
    for level in seen.levels[:-1]:
        if level.withheld:
            print(f"\nwithheld from {banner(level.level)}:")
            for name in level.withheld:
                print(f"  {name}")
    if refused:
        print(flush=True)
        print_problems(refused[0].problems)
        return EXIT_REFUSED
    return EXIT_OK


def _table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:],
                                                                          strict=True)]
        print("  ".join(cells).rstrip())
