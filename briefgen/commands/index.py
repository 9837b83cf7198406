"""`briefgen index DIR`: the desk index and feed of an output folder, from its kept summaries.

A build of a folder writes them itself. This is for the output folders of
`--shard` builds gathered into one: each shard kept its briefs' summaries,
and the index of the whole is made from them without loading any brief.
"""

from __future__ import annotations

import argparse

from briefgen.errors import BriefError, UsageError, display_path


def command(args: argparse.Namespace) -> int:
    from briefgen.index.desk import index_folder, kept_audiences
    from briefgen.writing.cache import summaries

    out = args.out
    if not out.is_dir():
        raise UsageError(f"{display_path(out)}: no such folder")
    if not summaries(out):
        raise UsageError(f"{display_path(out)} holds no brief built by this briefgen (no "
                         "summaries in its .briefgen-cache); build the briefs into it first")
    try:
        written = index_folder(out, None, kept_audiences(out))
    except OSError as exc:
        raise BriefError(f"cannot write the desk index in {display_path(out)}: "
                         f"{exc.strerror}") from None
    print("briefgen: desk index " + ", ".join(display_path(p) for p in written))
    return 0
