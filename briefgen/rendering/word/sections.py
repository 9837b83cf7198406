"""The Word brief's sections of judgements: summary, key figures, risks, the
humanitarian outlook, timeline, recommendations and open questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn

from briefgen.model.language import is_rtl
from briefgen.rendering import charts
from briefgen.rendering.filters.words import figure_amount, likelihood_words
from briefgen.rendering.word import ooxml
from briefgen.rendering.word.base import Writer
from briefgen.rendering.word.markdown import MarkdownWriter

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

    from briefgen.model.view import RiskView


class Sections(Writer):
    """The sections, each a method named for its key in `View.sections`."""

    def _summary(self) -> None:
        summary = self.brief.summary
        self.heading(self._("Bottom line up front"), 2)
        self.md(summary.bluf, "Intense Quote")
        for n, point in enumerate(summary.points):
            MarkdownWriter(self, "List Number", restart=n == 0).write(point.text)
            self.judgement(point.kind, point.likelihood, point.confidence)
            if point.basis:
                para = self.paragraph()
                self.run(para, self.colon(self._("Basis")), "Label")
                para.add_run(" ")
                MarkdownWriter(self, None).inline_into(para, point.basis)
            self.refs(point.evidence)

    def _key_figures(self) -> None:
        for figure in self.brief.key_figures:
            head = self.heading("", 2)
            self.bookmark(head, figure.id)
            self.label(head, figure.id)
            self.run(head, figure.label)
            self.paragraph(figure.display, "Subtitle")
            amount = figure_amount(figure, self.tr)
            if amount:
                self.paragraph(amount)
            para = self.paragraph()
            if figure.date:
                self.run(para, self._("As of %(date)s.", date=self.date(figure.date)) + " ")
            if figure.source:
                self.run(para, self.colon(self._("Source")), "Label")
                para.add_run(" ")
                self.ref(para, figure.source)
                self.run(para, " " + self.view.sources[figure.source].title
                         + (self._(", ") + figure.locator if figure.locator else "") + ".")
            if figure.hxl:
                para.add_run(" ")
                self.run(para, figure.hxl, "Code")
            if figure.excerpt:
                self.excerpt(figure.excerpt, figure.source)
            self.md(figure.note)

    def excerpt(self, text: str, source_id: str | None) -> None:
        language = self.view.sources[source_id].language if source_id else None
        para = self.paragraph(style="Quote")
        if language and is_rtl(language) != self.rtl:
            if is_rtl(language):
                ooxml.set_bidi(para)
            else:
                ppr = para._p.get_or_add_pPr()
                bidi = ppr.find(qn("w:bidi"))
                if bidi is not None:
                    bidi.set(qn("w:val"), "0")
        self.run(para, text)

    def _risks(self) -> None:
        view = self.view
        self.chart(charts.risk_matrix(view.risks, view.matrix, tr=self.tr),
                   self._("Risk matrix. Level = likelihood points × impact points: low "
                          "%(low)s, medium %(medium)s, high %(high)s.", **view.level_bands))

        def risk_cell(item: RiskView) -> Any:
            def fill(_cell: Any, para: Paragraph) -> None:
                self.ref(para, item.risk.id)
                self.run(para, " " + item.risk.title)
            return fill

        rows = [[risk_cell(item),
                 f"{self.term(item.level, 'level').capitalize()} ({self.tr.number(item.score)})",
                 likelihood_words(item.risk.likelihood, self.tr),
                 self.term(item.risk.impact, "impact").capitalize(),
                 self.term(item.risk.trend, "risk-trend").capitalize(),
                 self.term(item.risk.confidence, "confidence").capitalize()]
                for item in view.risks_by_level]
        self.table([self._("Risk"), self._("Level"), self._("Likelihood"), self._("Impact"),
                    self._("Trend"), self._("Confidence")], rows,
                   self._("Risks by derived level"), [3.4, 1.4, 2.0, 1.3, 1.3, 1.9])
        for item in view.risks:
            risk = item.risk
            head = self.heading("", 2)
            self.bookmark(head, risk.id)
            self.label(head, risk.id)
            self.run(head, risk.title)
            self.chips(self.paragraph(), self.risk_labels(item))
            self.md(risk.description)
            if risk.condition:
                self.fact(self._("Condition"), risk.condition)
            if risk.horizon:
                self.fact(self._("Horizon"), risk.horizon)
            if risk.indicators:
                self.heading(self._("Indicators to watch"), 3)
                for indicator in risk.indicators:
                    self.paragraph(indicator, "List Bullet")
            if risk.affected:
                self.refs(risk.affected, self._("Affected"))
            self.refs(risk.evidence)

    def risk_labels(self, item: RiskView) -> list[tuple[str | None, str]]:
        risk = item.risk
        return [(self._("Level"), f"{self.term(item.level, 'level')} "
                                  f"({self.tr.number(item.score)})"),
                (self._("Likelihood"), likelihood_words(risk.likelihood, self.tr)),
                (self._("Impact"), self.term(risk.impact, "impact")),
                (self._("Trend"), self.term(risk.trend, "risk-trend")),
                (self._("Confidence"), self.term(risk.confidence, "confidence"))]

    def fact(self, name: str, value: str) -> None:
        para = self.paragraph()
        self.run(para, self.colon(name), "Label")
        para.add_run(" ")
        self.run(para, value)

    def _humanitarian(self) -> None:
        hum = self.brief.humanitarian
        self.md(hum.summary)
        for ident in hum.figures:
            figure = self.view.figures[ident]
            para = self.paragraph(style="List Bullet")
            self.ref(para, ident)
            para.add_run(" ")
            self.run(para, figure.display, "Strong")
            self.run(para, " " + figure.label)
        for title, text in ((self._("Displacement"), hum.displacement),
                            (self._("Access"), hum.access)):
            if text:
                self.heading(title, 2)
                self.md(text)
        if hum.needs:
            self.heading(self._("Needs"), 2)
            for need in hum.needs:
                if need.sector:
                    para = self.paragraph(style="List Bullet")
                    self.run(para, need.sector, "Strong")
                    self.md(need.text)
                else:
                    MarkdownWriter(self, "List Bullet").write(need.text)
        if hum.outlook:
            self.heading(self._("Outlook"), 2)
            self.md(hum.outlook.text)
            self.judgement(hum.outlook.kind, hum.outlook.likelihood, hum.outlook.confidence)
        for use in self.view.humanitarian_quotes:
            self.quote(use.quote, use.home)

    def _timeline(self) -> None:
        view = self.view
        events = [(view.labels[e.id].text, e.event, e.date, e.kind or "event")
                  for e in view.timeline]
        self.chart(charts.timeline_strip(events, tr=self.tr),
                   self._("Timeline. Dots are dated events; a bar shows the month or year a "
                          "partly dated event falls in."))
        for event in view.timeline:
            para = self.paragraph()
            self.bookmark(para, event.id)
            self.label(para, event.id)
            self.run(para, self.date(event.date), "Strong")
            if event.kind:
                self.run(para, f" ({self.term(event.kind, 'event-kind')})")
            self.run(para, " " + event.event)
            if event.date_note:
                self.fact(self._("Date"), event.date_note)
            self.refs(event.parties, self._("Parties"))
            if event.excerpt:
                self.excerpt(event.excerpt, event.source)
            if event.source:
                self.refs([event.source], self._("Source"))

    def _recommendations(self) -> None:
        for rec in self.brief.recommendations:
            head = self.paragraph(style="Item Heading")
            self.bookmark(head, rec.id)
            self.label(head, rec.id)
            pairs: list[tuple[str | None, str]] = []
            if rec.priority:
                pairs.append((self._("Priority"), self.term(rec.priority, "priority")))
            if rec.audience:
                pairs.append((self.tr.pgettext("audience", "For"), rec.audience))
            if rec.confidence:
                pairs.append((self._("Confidence"), self.term(rec.confidence, "confidence")))
            self.chips(head, pairs)
            self.md(rec.text)
            if rec.rationale:
                para = self.paragraph()
                self.run(para, self.colon(self._("Rationale")), "Label")
                para.add_run(" ")
                MarkdownWriter(self, None).inline_into(para, rec.rationale)
            for title, items in ((self.tr.pgettext("arguments", "For"), rec.pros),
                                 (self.tr.pgettext("arguments", "Against"), rec.cons)):
                if items:
                    self.run(self.paragraph(style="Item Heading"), title)
                    for item in items:
                        self.paragraph(item, "List Bullet")
            self.refs(rec.related, self._("Related"))

    def _open_questions(self) -> None:
        for question in self.brief.open_questions:
            head = self.paragraph(style="Item Heading")
            self.bookmark(head, question.id)
            self.label(head, question.id)
            self.run(head, question.question)
            if question.why_it_matters:
                para = self.paragraph()
                self.run(para, self.colon(self._("Why it matters")), "Label")
                para.add_run(" ")
                MarkdownWriter(self, None).inline_into(para, question.why_it_matters)
            self.refs(question.related, self._("Related"))
