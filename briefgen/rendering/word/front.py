"""The Word brief's front and back matter: markings, the banners in every header and
footer with Page N of M, the particulars, the "What changed" box, the contents, the
colophon, and the one-pager's whole body."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.enum.style import WD_STYLE_TYPE

from briefgen.rendering.what_changed import describe_change, elide
from briefgen.rendering.word import ooxml
from briefgen.rendering.word.base import Writer
from briefgen.rendering.word.markdown import MarkdownWriter

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph


class FrontMatter(Writer):
    """Everything of the brief that is not one of its sections."""

    def _marking_text(self) -> str:
        parts = []
        if self.meta.classification:
            parts.append(self.term(self.meta.classification, "classification").upper())
        if self.meta.tlp:
            parts.append(f"TLP:{self.meta.tlp.upper()}")
        if self.meta.fictional:
            parts.append(self._("FICTIONAL — NOT A REAL SITUATION"))
        return " · ".join(parts)

    def _markings(self, para: Paragraph, short: bool = False) -> None:
        """The classification and TLP, the TLP in its colour's style."""
        first = True
        if self.meta.classification:
            self.run(para, self.term(self.meta.classification, "classification").upper())
            first = False
        if self.meta.tlp:
            if not first:
                para.add_run("  ·  ")
            self.run(para, f"TLP:{self.meta.tlp.upper()}", f"TLP {self.meta.tlp.upper()}")
            first = False
        if self.meta.fictional:
            if not first:
                para.add_run("  ·  ")
            self.run(para, self._("FICTIONAL") if short
                     else self._("FICTIONAL — NOT A REAL SITUATION"))

    def _markings_block(self) -> None:
        if self.meta.classification or self.meta.tlp or self.meta.fictional:
            self._markings(self.paragraph(style="Marking"))
        if self.branding.organisation:
            self.paragraph(self.branding.organisation, "Brief Details")

    def _header_footer(self, section: Any) -> None:
        """The banners at the top and bottom of every page of every section, and the page
        number, "Page N of M", in the brief's language."""
        for part, with_page in ((section.header, False), (section.footer, True)):
            part.is_linked_to_previous = False
            body = part._element
            for child in list(body):
                body.remove(child)
            para = part.add_paragraph(style="Header" if not with_page else "Footer")
            if self.rtl:
                ooxml.set_bidi(para)
            self._markings(para, short=True)  # one line, so the header keeps its height
            if with_page:
                before, between, after = self.tr.page_parts()
                para.add_run("    ")
                self.run(para, before)
                ooxml.add_field(para, "PAGE", "1")
                self.run(para, between)
                ooxml.add_field(para, "NUMPAGES", "1")
                if after:
                    self.run(para, after)

    def _details(self) -> None:
        meta = self.meta
        rows: list[tuple[str, str]] = [(self._("Date"), self.date(meta.date))]
        if meta.version:
            rows.append((self._("Version"), meta.version))
        if meta.status:
            rows.append((self._("Status"), self.term(meta.status, "status").capitalize()))
        if meta.authors:
            names = []
            for author in meta.authors:
                name = author.name + (f" {author.name_native}" if author.name_native else "")
                extra = [x for x in (author.role, author.org) if x]
                names.append(name + (f" ({self._(', ').join(extra)})" if extra else ""))
            rows.append((self._("Authors") if len(meta.authors) > 1 else self._("Author"),
                         self._("; ").join(names)))
        if meta.coverage and meta.coverage.countries:
            rows.append((self._("Countries"), self._(", ").join(meta.coverage.countries)))
        if meta.coverage and meta.coverage.areas:
            rows.append((self._("Areas"), self._("; ").join(meta.coverage.areas)))
        if meta.tags:
            rows.append((self._("Tags"), self._(", ").join(meta.tags)))
        for name, value in rows:
            para = self.paragraph(style="Brief Details")
            self.run(para, self.colon(name), "Label")
            para.add_run(" ")
            self.run(para, value)

    def _since(self) -> None:
        since = self.view.since
        if since is None:
            return
        title = (self._("What changed since version %(version)s", version=since.version)
                 if since.version else
                 self._("What changed since %(against)s", against=since.against))
        self.paragraph(title, "Intense Quote")
        diff = since.diff
        if diff is None:
            self.paragraph(self._("This brief is new: it did not exist at %(against)s.",
                                  against=since.against), "Quote")
            return
        if diff.empty:
            self.paragraph(self._("Nothing a reader would notice: the judgements, items and "
                                  "markings are as they were."), "Quote")
            return
        if since.bluf_changed:
            para = self.paragraph(style="Quote")
            self.run(para, self.colon(self._("Bottom line, reworded")), "Label")
            for op, words in diff.bluf:
                para.add_run(" ")
                style = {"-": "Deleted Text", "+": "Inserted Text"}.get(op)
                self.run(para, words if style else elide(words), style)
        for change in diff.changes:
            para = self.paragraph(style="List Bullet")
            self.run(para, self.colon(self.term(change.section, "change-section")), "Label")
            para.add_run(" ")
            label = self.view.labels.get(change.item)
            if change.kind != "removed" and label and label.kind not in ("party", "person"):
                self.ref(para, change.item)
                para.add_run(" ")
            if change.name != change.field:
                self.run(para, f"{change.name} — ")
            self.run(para, describe_change(self.context, change))

    def _contents(self) -> None:
        """A contents list of links to the sections; Word's navigation pane has the rest."""
        toc = (WD_STYLE_TYPE.PARAGRAPH, "TOC Heading")
        self.paragraph(self._("Contents"), toc[1] if toc in self.style_ids else "Heading 4")
        for key, title in self.view.sections:
            para = self.paragraph(style="List Number")
            self.link(para, self._(title), anchor=self.bookmark_name(self.view.anchors[key]))
            if key == self.view.sections[0][0]:
                ooxml.restart_numbering(self.doc, para)

    def _colophon(self) -> None:
        meta = self.meta
        parts = [meta.title, self.date(meta.date)]
        if meta.version:
            parts.append(self._("version %(version)s", version=meta.version))
        if meta.classification:
            parts.append(self.term(meta.classification, "classification").upper())
        if meta.tlp:
            parts.append(f"TLP:{meta.tlp.upper()}")
        self.paragraph(" — ".join(parts), "Caption")

    # ------------------------------------------------------------------ the sections

    def _one_pager(self) -> None:
        """The one-pager's sections, as its HTML theme has them."""
        view, meta = self.view, self.meta
        line = [self.date(meta.date)]
        if meta.version:
            line.append(f"{self._('Version')} {meta.version}")
        if meta.authors:
            line.append(self._("; ").join(a.name + (f" ({a.org})" if a.org else "")
                                          for a in meta.authors))
        self.paragraph(" · ".join(line), "Brief Details")
        self.heading(self._("Bottom line up front"), 1)
        self.md(self.brief.summary.bluf, "Intense Quote")
        if self.brief.key_figures:
            self.heading(self._("Key figures"), 1)
            for figure in self.brief.key_figures:
                para = self.paragraph(style="List Bullet")
                self.run(para, figure.display, "Strong")
                self.run(para, " " + figure.label + (f" ({self.date(figure.date)})"
                                                     if figure.date else ""))
        if view.risks:
            self.heading(self._("Top risks"), 1)
            for item in view.top_risks:
                self.heading(item.risk.title, 2)
                self.chips(self.paragraph(), [pair for n, pair in
                                              enumerate(self.risk_labels(item)) if n != 3])
                self.md(item.risk.description)
        if self.brief.recommendations:
            self.heading(self._("Recommendations"), 1)
            for n, rec in enumerate(view.top_recommendations):
                MarkdownWriter(self, "List Number", restart=n == 0).write(rec.text)
        sources = self._("; ").join(
            s.title + (self._(", ") + s.publisher if s.publisher else "")
            + (self._(", ") + self.date(s.issued) if s.issued else "")
            for s in self.brief.sources)
        para = self.paragraph(style="Caption")
        self.run(para, self.colon(self._("Sources")) + " " + sources + ". ")
        self.run(para, self._("A one-page summary of the full brief, %(id)s.", id=meta.id))
