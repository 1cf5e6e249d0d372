"""The guide's handouts as the build sees them: the forms and their Word documents, the date
each page last changed, and each guide page's body with its handout parts."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kyodo.handouts.dates import last_changed
from kyodo.handouts.form_docx import render_docx
from kyodo.handouts.form_html import render_sheet
from kyodo.handouts.forms import Form, load_forms
from kyodo.handouts.pages import GUIDE, PageFacts, docx_path, handout_page, is_handout


@dataclass(frozen=True)
class GuideHandouts:
    """What the handouts of one build know before any page is written."""

    forms: Mapping[str, Form]
    dates: Mapping[str, datetime.date]
    documents: Mapping[str, bytes]
    site_url: str

    def facts(self, src_uri: str) -> PageFacts:
        """What a guide page's handout parts say about the page."""
        document = self.documents.get(docx_path(src_uri))
        return PageFacts(
            src_uri,
            self.site_url,
            self.dates[src_uri],
            is_form=src_uri in self.forms,
            docx_size=len(document) if document is not None else None,
        )

    def page(self, src_uri: str, content: str, with_pdf: bool) -> str:
        """A page's body with its handout parts, if it is a guide page; else unchanged."""
        if not is_handout(src_uri) or src_uri not in self.dates:
            return content
        form = self.forms.get(src_uri)
        sheet = render_sheet(form) if form is not None else None
        return handout_page(content, self.facts(src_uri), sheet, with_pdf)


def prepare_handouts(root: Path, docs: Path, site_url: str) -> GuideHandouts:
    """Read the forms (raising ContentError naming every problem), date every guide page,
    and make each form's Word document."""
    forms = load_forms(root, docs)
    folder = (docs / GUIDE).relative_to(root).as_posix()
    sources = {
        path.relative_to(docs).as_posix(): path.relative_to(root).as_posix()
        for path in sorted((docs / GUIDE).rglob("*.md"))
    }
    changed = last_changed(root, sources.values(), folder)
    dates = {src_uri: changed[source] for src_uri, source in sources.items()}
    documents = {
        docx_path(src_uri): render_docx(form, dates[src_uri]) for src_uri, form in forms.items()
    }
    return GuideHandouts(forms, dates, documents, site_url)
