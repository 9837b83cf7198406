"""Every file besides its YAML that a brief reads: its local sources and its images.

The cache records their bytes, so that editing one rebuilds the brief, and
`watch` watches them.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.model import Brief
from briefgen.model.shape import walk_fields
from briefgen.project.paths import local_source, readable_roots
from briefgen.reading.loader import Loaded
from briefgen.rendering.markdown import Images, image_sources


def inputs_of(brief: Brief, loaded: Loaded) -> list[Path]:
    """Every file besides the YAML that the build read: local sources and images."""
    found = [p for s in brief.sources if s.local_path
             for p in [local_source(loaded.path, s.local_path)] if p is not None]
    images = Images(base=loaded.path.resolve().parent,
                    roots=tuple(readable_roots(loaded.path)))
    for _loc, shape, value, _parent in walk_fields(loaded.data):
        if shape.markdown and isinstance(value, str):
            found += [p.resolve() for src in image_sources(value)
                      for p in [images.local_file(src)] if p is not None]
    return found
