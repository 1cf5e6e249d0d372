"""Case pages, the case index with its views, and the cases shown on listing pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from kyodo.content.vocabulary import activity_fields, collaboration_forms, wards
from kyodo.domain.cases.model import CaseStudy
from kyodo.domain.directory.model import Business, Directory, Listing
from kyodo.site.facets import NOT_INDEXED, case_facets
from kyodo.site.pages import (
    CASES_CRUMB,
    HOME_CRUMB,
    Crumb,
    GeneratedPage,
    breadcrumbs,
    html_page,
)
from kyodo.site.richtext import render_rich_text
from kyodo.site.sections import Section, section_pages, view_crumbs
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
    """The views of each way to browse, by the kind of key, as (label, view); empty ones included."""
    years = sorted({c.year for c in cases}, reverse=True)
    forms, fields = collaboration_forms().values(), activity_fields().values()
    return {
        "form": [
            (
                f.name,
                _view("form", f.slug, f"協働の形態: {f.name}", [c for c in cases if f in c.forms]),
            )
            for f in forms
        ],
        "field": [
            (
                f.label,
                _view("field", f.code, f"活動分野: {f.label}", [c for c in cases if f in c.fields]),
            )
            for f in fields
        ],
        "ward": [
            (w.name, _view("ward", w.slug, f"{w.name}の事例", [c for c in cases if w in c.wards]))
            for w in wards().values()
        ],
        "year": [
            (f"{y}年", _view("year", y, f"{y}年の事例", [c for c in cases if c.year == y]))
            for y in years
        ],
    }


# Each way to browse: its heading on the index of cases, its own page's title, and its lead.
_SECTIONS = {
    "form": (
        "協働の形態からさがす",
        "協働の形態から事例をさがす",
        "委託、共催、補助・助成など、協働の形ごとの事例の一覧です。",
    ),
    "field": (
        "活動分野からさがす",
        "活動分野から事例をさがす",
        "事例の活動分野ごとの一覧です。1つの事例が複数の分野に入っていることがあります。",
    ),
    "ward": ("区からさがす", "区から事例をさがす", "事例の舞台になった区ごとの一覧です。"),
    "year": ("実施年からさがす", "実施年から事例をさがす", "事例を実施した年ごとの一覧です。"),
}


def case_sections(views: dict[str, list[tuple[str, CaseView]]]) -> list[Section]:
    """The ways to browse cases, each with a link per view."""
    return [
        Section(
            *_SECTIONS[kind], case_view_uri(kind), tuple((label, v.src_uri) for label, v in entries)
        )
        for kind, entries in views.items()
    ]


def _page(
    uri: str,
    title: str,
    lead: str,
    cases: Sequence[CaseStudy],
    crumbs: Sequence[Crumb],
    sections: Sequence[Section] = (),
    counts: Mapping[str, int] | None = None,
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
    meta = {**breadcrumbs(*crumbs), **NOT_INDEXED}
    return html_page(uri, title, lead, html, hide=["toc"], **meta)


def case_index_pages(cases: Sequence[CaseStudy]) -> list[GeneratedPage]:
    """The index of all cases with counts per view, a page per way to browse, and one page
    per non-empty view."""
    views = _views(cases)
    counts = {v.src_uri: len(v.cases) for entries in views.values() for _, v in entries}
    sections = case_sections(views)
    lead = "協働の進め方を、実際の流れに沿って学べる事例です。うまくいかなかったことと、その直し方も載せています。"
    above = (HOME_CRUMB, CASES_CRUMB)
    pages = [_page(CASES_HOME, CASES_CRUMB[0], lead, cases, (HOME_CRUMB,), sections, counts)]
    pages += section_pages(sections, counts, above)
    for entries in views.values():
        pages += [
            _page(
                v.src_uri,
                v.title,
                f"{len(v.cases)}件の事例があります。",
                v.cases,
                view_crumbs(sections, above, v.src_uri),
            )
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
    meta = {**breadcrumbs(HOME_CRUMB, CASES_CRUMB), **case_facets(case)}
    return html_page(uri, case.title, case.summary, html, hide=["toc"], **meta)


def listing_cases_section(listing: Listing, cases: Sequence[CaseStudy], from_uri: str) -> Markup:
    """The section of a listing page that links the cases it took part in."""
    if not cases:
        return Markup()
    noun = "事業者" if isinstance(listing, Business) else "団体"
    items = render("_case_items.html.j2", from_uri, cases=cases)
    return Markup(f'<h2 id="協働の事例">この{noun}が参加した協働の事例</h2>\n') + Markup(items)
