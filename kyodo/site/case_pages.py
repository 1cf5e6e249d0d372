"""Case pages, the case index with its views, and the cases shown on listing pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from kyodo.content.vocabulary import activity_fields, collaboration_forms, wards
from kyodo.domain.cases.model import CaseStudy
from kyodo.domain.directory.model import Business, Directory, Listing
from kyodo.site.facets import NOT_INDEXED, case_facets
from kyodo.site.pages import GeneratedPage, html_page
from kyodo.site.richtext import render_rich_text
from kyodo.site.settings import SiteSettings
from kyodo.site.templating import render
from kyodo.site.urls import CASES_HOME, case_uri, case_view_uri


@dataclass(frozen=True)
class CaseView:
    """A list of cases sharing one form, field, ward or year."""

    src_uri: str
    title: str
    cases: tuple[CaseStudy, ...]


def _view(kind: str, key: object, title: str, cases: Sequence[CaseStudy]) -> CaseView:
    return CaseView(case_view_uri(kind, key), title, tuple(cases))


def _views(cases: Sequence[CaseStudy]) -> dict[str, list[tuple[str, CaseView]]]:
    """The views under each heading of the index, as (label, view); empty ones included."""
    years = sorted({c.year for c in cases}, reverse=True)
    forms, fields = collaboration_forms().values(), activity_fields().values()
    return {
        "協働の形態からさがす": [
            (
                f.name,
                _view("form", f.slug, f"協働の形態: {f.name}", [c for c in cases if f in c.forms]),
            )
            for f in forms
        ],
        "活動分野からさがす": [
            (
                f.label,
                _view("field", f.code, f"活動分野: {f.label}", [c for c in cases if f in c.fields]),
            )
            for f in fields
        ],
        "区からさがす": [
            (w.name, _view("ward", w.slug, f"{w.name}の事例", [c for c in cases if w in c.wards]))
            for w in wards().values()
        ],
        "実施年からさがす": [
            (f"{y}年", _view("year", y, f"{y}年の事例", [c for c in cases if c.year == y]))
            for y in years
        ],
    }


def _page(
    uri: str,
    title: str,
    lead: str,
    cases: Sequence[CaseStudy],
    sections: object = (),
    counts: object = None,
) -> GeneratedPage:
    html = render(
        "case_index.html.j2",
        uri,
        title=title,
        lead=lead,
        cases=cases,
        sections=sections,
        counts=counts or {},
    )
    return html_page(uri, title, lead, html, hide=["toc"], **NOT_INDEXED)


def case_index_pages(cases: Sequence[CaseStudy]) -> list[GeneratedPage]:
    """The index of all cases with counts per view, and one page per non-empty view."""
    views = _views(cases)
    counts = {v.src_uri: len(v.cases) for entries in views.values() for _, v in entries}
    sections = [
        (heading, "", [(label, v.src_uri) for label, v in entries])
        for heading, entries in views.items()
    ]
    lead = "協働の進め方を、実際の流れに沿って学べる事例です。うまくいかなかったことと、その直し方も載せています。"
    pages = [_page(CASES_HOME, "協働の事例", lead, cases, sections, counts)]
    for entries in views.values():
        pages += [
            _page(v.src_uri, v.title, f"{len(v.cases)}件の事例があります。", v.cases)
            for _, v in entries
            if v.cases
        ]
    return pages


def render_case_page(
    case: CaseStudy, directory: Directory, settings: SiteSettings, chapter_titles: dict[str, str]
) -> GeneratedPage:
    """A case: summary table of the facts, the narrative, evaluation, partners and chapters."""
    uri = case_uri(case)
    partners = [listing for listing in map(directory.get, case.partners) if listing is not None]
    html = render(
        "case.html.j2",
        uri,
        case=case,
        partners=partners,
        narrative=render_rich_text(case.narrative, uri),
        chapters=[(c, chapter_titles.get(c, c)) for c in case.chapters],
        edit_url=settings.edit_url(case.source),
    )
    return html_page(uri, case.title, case.summary, html, hide=["toc"], **case_facets(case))


def listing_cases_section(listing: Listing, cases: Sequence[CaseStudy], from_uri: str) -> Markup:
    """The section of a listing page that links the cases it took part in."""
    if not cases:
        return Markup()
    noun = "事業者" if isinstance(listing, Business) else "団体"
    items = render("_case_items.html.j2", from_uri, cases=cases)
    return Markup(f'<h2 id="協働の事例">この{noun}が参加した協働の事例</h2>\n') + Markup(items)
