"""`briefgen index DIR`: the desk index and feed of an output folder, from kept summaries.

A build of a folder writes them itself. This is for the output folders of
`--shard` builds gathered into one: each shard kept its briefs' summaries in
its project's `.briefgen-cache/` (never in the output folder), a gather job
collects those beside the outputs, and the index of the whole is made from
them without loading any brief. Staleness is judged on `--today`.
"""

from __future__ import annotations

import argparse

from briefgen.errors import BriefError, UsageError, display_path


def command(args: argparse.Namespace) -> int:
    from briefgen.index.desk import index_folder, kept_audiences
    from briefgen.index.listing import entries
    from briefgen.writing.cache import folder_cache, summaries

    out = args.out
    if not out.is_dir():
        raise UsageError(f"{display_path(out)}: no such folder")
    kept = args.cache if args.cache is not None else folder_cache(out)
    records = summaries(out, kept)
    if not entries(records, out, None, args.today):
        raise UsageError(f"{display_path(out)} holds no brief built by this briefgen (no "
                         f"summary of its outputs in {display_path(kept)}); build the briefs "
                         "into it first, or gather the shards' .briefgen-cache/*.summary.json "
                         "there too")
    try:
        written = index_folder(out, None, kept_audiences(records, out), args.today, kept)
    except OSError as exc:
        raise BriefError(f"cannot write the desk index in {display_path(out)}: "
                         f"{exc.strerror}") from None
    print("briefgen: desk index " + ", ".join(display_path(p) for p in written))
    return 0
