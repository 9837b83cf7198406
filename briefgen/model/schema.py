"""The JSON Schema of the brief format, generated from the models, for editors.

Editors with the YAML language server read it through a
`# yaml-language-server: $schema=…` line and then complete keys, offer the
words of each vocabulary and underline a misspelt key as it is typed. The
schema is a help for writing, never the judge: `briefgen check` is, and it
also checks what no schema can (references, verbatim quotes, judgements).
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_FILE = "brief.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def brief_schema() -> dict[str, Any]:
    from briefgen import __version__
    from briefgen.model import Brief

    schema = Brief.model_json_schema()
    for model in [schema, *schema.get("$defs", {}).values()]:
        _empty_is_absent(model)
    return {"$schema": DIALECT, "title": "briefgen brief",
            "description": f"A briefgen policy brief (format briefgen/1; briefgen "
                           f"{__version__}). Made by `briefgen schema`; `briefgen check` "
                           "is the full check.", **{k: v for k, v in schema.items()
                                                    if k != "title"}}


def schema_text() -> str:
    return json.dumps(brief_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _empty_is_absent(model: dict[str, Any]) -> None:
    """`key:` with nothing after it is allowed wherever the key may be left out."""
    required = set(model.get("required", ()))
    for name, prop in model.get("properties", {}).items():
        if name in required or {"type": "null"} in prop.get("anyOf", ()):
            continue
        kept = {k: prop.pop(k) for k in ("title", "default", "description") if k in prop}
        model["properties"][name] = {**kept, "anyOf": [prop, {"type": "null"}]}
