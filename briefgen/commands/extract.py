"""`briefgen extract`: the YAML and source texts a briefgen PDF carries, written back out.

Someone who only received the PDF gets back the exact YAML it was built
from, edits it and builds again. It never overwrites a file.
"""

from __future__ import annotations

import argparse
from pathlib import Path, PurePosixPath

from briefgen.errors import display_path
from briefgen.writing.atomic import write_new
from briefgen.writing.attachments import ExtractError, embedded_in


def extract(pdf: Path, out_dir: Path) -> list[Path]:
    """Write the brief and its sources from `pdf` into `out_dir`; never overwrite a file."""
    files = embedded_in(pdf)
    if not any(PurePosixPath(name).suffix in (".yaml", ".yml") for name in files):
        raise ExtractError(f"{display_path(pdf)}: this PDF carries no briefgen brief; only PDFs "
                           "built by briefgen hold their YAML")
    targets: dict[Path, bytes] = {}
    for name, data in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ExtractError(f"{display_path(pdf)}: refusing the embedded name '{name}', "
                               "which would land outside the output folder")
        targets[out_dir.joinpath(*relative.parts)] = data
    in_the_way = [display_path(t) for t in targets if t.exists()]
    if in_the_way:
        raise ExtractError("not overwriting " + ", ".join(in_the_way)
                           + "; choose another folder with --out")
    for target, data in targets.items():
        try:
            write_new(target, data)
        except FileExistsError:  # it appeared while we wrote the others
            raise ExtractError(f"not overwriting {display_path(target)}, which appeared "
                               "meanwhile") from None
    return list(targets)


def command(args: argparse.Namespace) -> int:
    for path in extract(args.pdf, args.out):
        print(f"wrote {display_path(path)}")
    return 0
