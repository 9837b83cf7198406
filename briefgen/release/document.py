"""A released version's YAML: written from the released model, never from the analyst's file.

The full version's PDF carries the analyst's file as it was read, comments
and all. A released version's PDF carries this instead: the released brief
as plain YAML, so that nothing withheld (an item, a variant, a comment) can
travel with it, and so that `briefgen extract` gives back a brief that
`briefgen check` accepts as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from briefgen.model import Brief


def released_name(ident: str, audience: str) -> str:
    """The file name a released version's YAML carries: its id and level, nothing else."""
    return f"{ident}.tlp-{audience}.yaml"


class _Dumper(yaml.SafeDumper):
    """Plain YAML: multi-line text as literal blocks, as an analyst would write it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def released_yaml(brief: Brief, raised: dict[tuple[str | int, ...], str] | None = None) -> bytes:
    """The released brief as YAML text that loads back to the same brief. A text in
    `raised` (by its place) was chosen from a variant above the level of its item, and is
    written as that one variant, `{level: text}`, so that the YAML still passes `check`
    and would be released again exactly as it is."""
    data: Any = brief.model_dump(mode="json", by_alias=True, exclude_unset=True)
    for loc, level in (raised or {}).items():
        holder = data
        for part in loc[:-1]:
            holder = holder[part]
        holder[loc[-1]] = {level: holder[loc[-1]]}
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88,
                     default_flow_style=False)
    return text.encode("utf-8")
