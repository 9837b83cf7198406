"""`humanitarian`: the outlook for people caught up in the crisis."""

from __future__ import annotations

from briefgen.model.fields import (
    Confidence,
    Item,
    Kind,
    Likelihood,
    Markdown,
    Ref,
    RequiredMarkdown,
    Text,
)


class Need(Item):
    sector: Text | None = None
    text: RequiredMarkdown


class Outlook(Item):
    text: RequiredMarkdown
    kind: Kind | None = None
    likelihood: Likelihood | None = None
    confidence: Confidence | None = None


class Humanitarian(Item):
    summary: Markdown | None = None
    figures: list[Ref("key_figure")] = []
    displacement: Markdown | None = None
    access: Markdown | None = None
    needs: list[Need] = []
    outlook: Outlook | None = None
    quotes: list[Ref("quote")] = []

    def is_empty(self) -> bool:
        return not any((self.summary, self.figures, self.displacement, self.access,
                        self.needs, self.outlook, self.quotes))
