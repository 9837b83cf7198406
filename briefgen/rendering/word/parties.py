"""The Word brief's parties and positions (with quotes, verbatim, in the Quote style),
its sources, endnote-style, and the annexes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn

from briefgen.model.language import is_rtl
from briefgen.rendering import charts, markdown
from briefgen.rendering.filters.words import (
    likelihood_scale,
)
from briefgen.rendering.word import ooxml
from briefgen.rendering.word.base import Writer
from briefgen.rendering.word.markdown import MarkdownWriter

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

    from briefgen.model.quotes import Quote


class PartiesAndSources(Writer):
    """The sections about who says what, and on what sources."""

    def _parties(self) -> None:
        view, brief = self.view, self.brief
        if brief.parties:
            self.heading(self._("Parties"), 2)
            for party in brief.parties:
                head = self.heading("", 3)
                self.bookmark(head, party.id)
                self.run(head, party.name)
                if party.name_native:
                    self.run(head, " " + party.name_native)
                self.run(head, f" ({self.term(party.type, 'party-type')})")
                if party.aliases:
                    self.fact(self._("Also known as"), self._("; ").join(party.aliases))
                self.md(party.description)
                self.refs(party.representatives, self._("Representatives"))
                self.refs(party.backed_by, self._("Backed by"))
                self.refs(party.allies, self._("Allies"))
        if brief.people:
            self.heading(self._("People"), 2)
            for person in brief.people:
                para = self.paragraph(style="List Bullet")
                self.bookmark(para, person.id)
                self.run(para, person.name + (f" {person.name_native}" if person.name_native
                                              else ""), "Strong")
                if person.role:
                    self.run(para, self._(", ") + person.role)
                if person.party:
                    para.add_run(" (")
                    self.ref(para, person.party)
                    para.add_run(")")
                if person.affiliation:
                    self.run(para, self._("; ") + person.affiliation)
                if person.note:
                    self.run(para, ". " + person.note)
        if brief.positions:
            self.heading(self._("Positions"), 2)
            for placed in view.placed_positions:
                position = placed.position
                head = self.heading("", 3)
                self.run(head, self.colon(view.labels[position.party].text) + " ")
                self.run(head, position.topic)
                pairs: list[tuple[str | None, str]] = [
                    (self._("Stance"), self.term(position.stance, "stance"))]
                if position.basis:
                    pairs.append((self._("Basis"), self.term(position.basis, "basis")))
                if position.kind:
                    pairs.append((None, self.term(position.kind, "kind").capitalize()))
                if position.confidence:
                    pairs.append((self._("Confidence"),
                                  self.term(position.confidence, "confidence")))
                self.chips(self.paragraph(), pairs)
                self.md(position.summary)
                for use in placed.quotes:
                    self.quote(use.quote, use.home)
        if view.loose_quotes:
            self.heading(self._("Other quotes") if brief.positions else self._("Quotes"), 2)
            for quote in view.loose_quotes:
                self.quote(quote, True)
        if view.edges:
            self.heading(self._("Relations"), 2)
            names = {party.id: party.name for party in brief.parties}
            self.chart(charts.relations_diagram(names, view.edges, tr=self.tr), None)

            def linked(ident: str) -> Any:
                return lambda _cell, para: self.ref(para, ident)

            def note(edge: Any) -> Any:
                def fill(cell: Any, para: Paragraph) -> None:
                    if edge.relation is None:
                        return
                    MarkdownWriter(self, None).inline_into(para, edge.relation.note or "")
                    if edge.relation.evidence:
                        para.add_run(" ")
                        self.run(para, self.colon(self._("Evidence")), "Label")
                        for n, ident in enumerate(edge.relation.evidence):
                            para.add_run(" " if n == 0 else self._(", "))
                            self.ref(para, ident)
                return fill

            rows = [[linked(edge.source), self.term(edge.type, "relation-verb"),
                     linked(edge.target), self.term(edge.trend, "relation-trend").capitalize(),
                     note(edge)] for edge in view.edges]
            self.table([self._("From"), self._("Relation"), self._("To"), self._("Trend"),
                        self._("Note")], rows, self._("Relations between parties"),
                       [2, 1.6, 2, 1.2, 4])

    def quote(self, quote: Quote, home: bool) -> None:
        """A quote in the Quote style, verbatim, with its translation, speaker and source."""
        para = self.paragraph(style="Quote")
        if home:
            self.bookmark(para, quote.id)
        language = quote.lang
        if language and is_rtl(language) != self.rtl:
            if is_rtl(language):
                ooxml.set_bidi(para)
            else:
                bidi = para._p.get_or_add_pPr().find(qn("w:bidi"))
                if bidi is not None:
                    bidi.set(qn("w:val"), "0")
        self.run(para, quote.text)
        if quote.translation:
            para = self.paragraph(quote.translation, "Quote")
            if quote.translated_by:
                self.run(para, " — " + self.colon(self._("Translation")) + " "
                         + quote.translated_by)
        speaker = self.view.people[quote.speaker]
        source = self.view.sources[quote.source]
        para = self.paragraph(style="Attribution")
        self.label(para, quote.id)
        self.run(para, speaker.name + (self._(", ") + speaker.role if speaker.role else ""))
        para.add_run(" — ")
        self.ref(para, quote.source)
        tail = " " + source.title
        if quote.locator:
            tail += self._(", ") + quote.locator
        if quote.date:
            tail += self._(", ") + self.date(quote.date)
        self.run(para, tail)
        if quote.attribution == "inferred":
            self.run(para, ". " + self._("Attribution inferred")
                     + (f" {quote.attribution_note}" if quote.attribution_note else ""))
        if quote.context:
            self.run(para, ". " + self.colon(self._("Context")) + " " + quote.context)
        if quote.note:
            self.run(para, ". " + self.colon(self._("Note")) + " " + quote.note)

    def _sources(self) -> None:
        self.md(self.meta.sourcing_note)
        for source in self.brief.sources:
            para = self.paragraph()
            self.bookmark(para, source.id)
            self.label(para, source.id)
            if source.author:
                self.run(para, source.author + self._(", "))
            self.run(para, source.title, "Emphasis")
            if source.title_native:
                self.run(para, " " + source.title_native, "Emphasis")
            tail = ""
            if source.publisher:
                tail += self._(", ") + source.publisher
            if source.issued:
                tail += self._(", ") + self.date(source.issued)
            if source.updated:
                tail += " (" + self._("updated %(date)s", date=self.date(source.updated)) + ")"
            self.run(para, tail + ".")
            pairs: list[tuple[str | None, str]] = []
            if source.type:
                pairs.append((None, self.term(source.type, "source-type")))
            if source.reliability:
                pairs.append((self._("Reliability"), source.reliability))
            if source.language:
                pairs.append((self._("Language"), source.language))
            if pairs:
                para.add_run(" ")
                self.chips(para, pairs)
            if source.standfirst:
                self.paragraph(source.standfirst, "Quote")
            if source.reliability_note:
                self.fact(self._("Reliability"), source.reliability_note)
            if source.locator_scheme:
                self.fact(self._("Locators"), source.locator_scheme)
            if source.url:
                para = self.paragraph()
                if markdown.link_allowed(source.url) and not source.url.startswith("#"):
                    self.link(para, source.url, url=source.url)
                else:
                    self.run(para, source.url)
            if source.local_path:
                para = self.paragraph()
                self.run(para, self.colon(self._("Stored text")), "Label")
                para.add_run(" ")
                self.run(para, source.local_path, "Code")
        if self.meta.disclaimer:
            self.heading(self._("Disclaimer"), 2)
            self.md(self.meta.disclaimer)

    def _annexes(self) -> None:
        if self.view.uses_likelihood:
            heading = self.heading(self._("Likelihood yardstick"), 2)
            self.bookmark(heading, "annex-yardstick")
            rows = [[words.capitalize(), span] for _key, words, span
                    in likelihood_scale(self.context)]
            self.table([self._("Term"), self._("Probability")], rows,
                       self._("Estimative terms (ICD 203) and the probabilities they stand for"),
                       [3, 2])
            self.paragraph(self._("Likelihood and confidence are separate judgements: confidence "
                                  "(low, moderate, high) reflects the quality of the sourcing and "
                                  "reasoning behind a judgement, not its probability."))
        if self.meta.changelog:
            heading = self.heading(self._("Changelog"), 2)
            self.bookmark(heading, "annex-changelog")

            def note(text: str | None) -> Any:
                return lambda _cell, para: MarkdownWriter(self, None).inline_into(para,
                                                                                   text or "")

            rows = [[entry.version or "", self.date(entry.date) if entry.date else "",
                     note(entry.note)] for entry in self.meta.changelog]
            self.table([self._("Version"), self._("Date"), self._("Change")], rows, None,
                       [1, 1.5, 5])
