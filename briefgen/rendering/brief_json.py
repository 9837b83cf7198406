"""`--format json`: the validated brief as JSON, in the shape `briefgen schema` describes.

It is the brief as validated, not as typed: dates normalised, the
project's default markings filled in, and for a released version only
what that audience may see (it is made from the released brief alone).
Keys absent from the brief stay absent; derived values (risk levels) are
not added, so that the file validates against the format's own schema.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefgen.model import Brief


def render_json(brief: Brief) -> str:
    """The brief as pretty-printed UTF-8 JSON, in the format's key order; the same brief
    always gives the same bytes."""
    data = brief.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
