"""The stored source texts of a synthetic brief: the articles its quotes come from.

briefgen checks every quote and excerpt word for word against the source's
`local_path`. So the generator writes each quote into an article first and
then cites the article, and locators ("para. N") are filled in only once
the paragraphs have their final order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

LOCATOR_SCHEME = "para. N, where N counts the paragraphs of the article body from 1"


@dataclass
class Article:
    """One source text: a headline, a standfirst, then numbered body paragraphs."""

    title: str
    standfirst: str
    lead: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    cited: list[tuple[dict[str, Any], int]] = field(default_factory=list)

    def cite(self, paragraph: str, item: dict[str, Any]) -> None:
        """Add `paragraph` and give `item` a locator that will point at it."""
        self.body.append(paragraph)
        item["locator"] = None  # a placeholder that keeps the key's place in the YAML
        self.cited.append((item, len(self.body) - 1))

    def text(self, rng: random.Random) -> str:
        """Shuffle the body (the lead stays first), set every locator, and return the text."""
        order = list(range(len(self.body)))
        rng.shuffle(order)
        position = {index: len(self.lead) + place + 1 for place, index in enumerate(order)}
        for item, index in self.cited:
            item["locator"] = f"para. {position[index]}"
        paragraphs = self.lead + [self.body[i] for i in order]
        return "\n\n".join([self.title, self.standfirst, *paragraphs]) + "\n"


def quote_paragraph(text: str, name: str, role: str, rng: random.Random) -> str:
    """A paragraph that quotes `text` the way a newspaper would."""
    said = rng.choice(("said", "told reporters", "said in a statement"))
    if rng.random() < 0.5:
        return f"\u201c{text},\u201d {said} {name}, {role}."
    return f"{name}, {role}, {said}: \u201c{text}.\u201d"
