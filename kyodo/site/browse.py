"""Browse views that need no JavaScript: by ward, field, kind, 五十音 row, CSR theme and offer."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kyodo.content.schema import vocabulary
from kyodo.content.vocabulary import activity_fields, wards
from kyodo.domain.directory.model import Directory, Listing
from kyodo.site.facets import NOT_INDEXED
from kyodo.site.listing_pages import render_paginated
from kyodo.site.pages import GeneratedPage, html_page
from kyodo.site.settings import SiteSettings
from kyodo.site.templating import render
from kyodo.site.urls import BUSINESS_HOME, HOME, field_uri, kana_uri, kind_uri, offer_uri, ward_uri

KANA_ROWS = (
    ("あ", "a", "あいうえお"),
    ("か", "ka", "かきくけこ"),
    ("さ", "sa", "さしすせそ"),
    ("た", "ta", "たちつてと"),
    ("な", "na", "なにぬねの"),
    ("は", "ha", "はひふへほ"),
    ("ま", "ma", "まみむめも"),
    ("や", "ya", "やゆよ"),
    ("ら", "ra", "らりるれろ"),
    ("わ", "wa", "わをん"),
)
_SMALL_KANA = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")


def seion(kana: str) -> str:
    """Reading without voicing marks or small kana, the basis of 五十音 order."""
    bare = "".join(c for c in unicodedata.normalize("NFD", kana) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).translate(_SMALL_KANA)


def gojuon_key(listing: Listing) -> tuple[str, str, str]:
    """Sort key by reading: voiced sounds next to their plain ones, as Japanese lists do."""
    return (seion(listing.name_kana), listing.name_kana, listing.id)


def in_gojuon_order(listings: Sequence[Listing]) -> list[Listing]:
    """Listings sorted by reading."""
    return sorted(listings, key=gojuon_key)


def initial(listing: Listing) -> str:
    """The plain kana a listing's reading starts with."""
    return seion(listing.name_kana)[:1]


@dataclass(frozen=True)
class View:
    """A browse list: which listings, under what title, at which address."""

    src_uri: str
    title: str
    lead: str
    listings: tuple[Listing, ...]
    by_initial: bool = False


def listed(listings: Sequence[Listing]) -> list[Listing]:
    """The listings shown in browse views: dissolved ones are left out."""
    return in_gojuon_order([item for item in listings if item.status != "解散"])


def _view(
    src_uri: str, title: str, lead: str, listings: Sequence[Listing], by_initial: bool = False
) -> View:
    return View(src_uri, title, lead, tuple(listed(listings)), by_initial)


def group_views(directory: Directory) -> list[View]:
    """Group lists by ward, activity field, kind and 五十音 row (empty ones omitted)."""
    groups = directory.groups
    views = [
        _view(
            ward_uri(w.slug),
            f"{w.name}の団体",
            f"{w.name}で活動している団体です。",
            [g for g in groups if w in g.wards],
        )
        for w in wards().values()
    ]
    views += [
        _view(
            field_uri(f.code),
            f"{f.label}の団体",
            f"活動分野に「{f.label}」を挙げている団体です。",
            [g for g in groups if f in g.fields],
        )
        for f in activity_fields().values()
    ]
    views += [
        _view(
            kind_uri(t.slug),
            f"{t.value}の一覧",
            f"種別が「{t.value}」の団体です。",
            [g for g in groups if g.kind == t.value],
        )
        for t in vocabulary("group", ("kind",))
    ]
    views += [
        _view(
            kana_uri(slug),
            f"五十音順: {row}行",
            f"読みが{row}行で始まる団体です。",
            [g for g in groups if initial(g) in letters],
            by_initial=True,
        )
        for row, slug, letters in KANA_ROWS
    ]
    return [view for view in views if view.listings]


def business_views(directory: Directory) -> list[View]:
    """Business lists by CSR theme and by the support offered, plus all of them."""
    businesses = directory.businesses
    views = [
        _view(
            field_uri(f.code, business=True),
            f"社会貢献のテーマ: {f.label}",
            f"「{f.label}」に力を入れている事業者です。",
            [b for b in businesses if f in b.fields],
        )
        for f in activity_fields().values()
    ]
    views += [
        _view(
            offer_uri(t.slug),
            f"提供できる支援: {t.value}",
            f"「{t.value}」を提供できる事業者です。",
            [b for b in businesses if t.value in b.offers],
        )
        for t in vocabulary("business", ("offers", 0))
    ]
    views.append(
        _view(
            "directory/businesses/all/index.md",
            "すべての事業者（五十音順）",
            "社会貢献の窓口を掲載しているすべての事業者です。",
            businesses,
            by_initial=True,
        )
    )
    return [view for view in views if view.listings]


def _sections(items: Sequence[Listing], by_initial: bool) -> list[tuple[str, Sequence[Listing]]]:
    if not by_initial:
        return [("", items)]
    sections: dict[str, list[Listing]] = {}
    for item in items:
        sections.setdefault(initial(item), []).append(item)
    return list(sections.items())


def render_view(view: View, settings: SiteSettings, parent: str) -> list[GeneratedPage]:
    """The pages of one browse view, 100 listings a page."""
    return render_paginated(
        "listing_index.html.j2",
        view.listings,
        view.src_uri,
        view.title,
        f"{view.lead}{len(view.listings)}件を掲載しています。",
        lambda part: {"sections": _sections(part.items, view.by_initial)},
        view=view,
        parent=parent,
        today=settings.today,
    )


def home_sections() -> dict[str, list[tuple[str, str, list[tuple[str, str]]]]]:
    """The headings and browse links of the two home pages, as (heading, lead, [(label, uri)])."""
    fields = activity_fields().values()
    return {
        HOME: [
            ("区からさがす", "", [(w.name, ward_uri(w.slug)) for w in wards().values()]),
            (
                "活動分野からさがす",
                "特定非営利活動促進法に定める20の活動分野です。1つの団体が複数の分野に入っていることがあります。",
                [(f.label, field_uri(f.code)) for f in fields],
            ),
            (
                "種別からさがす",
                "",
                [(t.value, kind_uri(t.slug)) for t in vocabulary("group", ("kind",))],
            ),
            ("五十音順でさがす", "", [(f"{row}行", kana_uri(slug)) for row, slug, _ in KANA_ROWS]),
        ],
        BUSINESS_HOME: [
            (
                "提供できる支援からさがす",
                "",
                [(t.value, offer_uri(t.slug)) for t in vocabulary("business", ("offers", 0))],
            ),
            (
                "社会貢献のテーマからさがす",
                "",
                [(f.label, field_uri(f.code, True)) for f in fields],
            ),
        ],
    }


HOME_PAGES = {
    HOME: (
        "directory_home.html.j2",
        "団体・企業をさがす",
        "市内で活動する町内会・NPO・市民活動団体と、事業者の社会貢献窓口の名簿です。区・活動分野・種別・五十音順で探せます。",
    ),
    BUSINESS_HOME: (
        "business_home.html.j2",
        "企業の社会貢献窓口",
        "地域の団体に社員ボランティア、寄付・協賛、会場、専門知識などを提供できる事業者の窓口です。",
    ),
}


def render_homes(directory: Directory, views: Sequence[View]) -> list[GeneratedPage]:
    """The directory home (groups) and the business home, with counts and every view linked."""
    counts = {view.src_uri: len(view.listings) for view in views}
    totals = {
        "groups": len(listed(directory.groups)),
        "businesses": len(listed(directory.businesses)),
    }
    pages = []
    for uri, sections in home_sections().items():
        template, title, description = HOME_PAGES[uri]
        html = render(template, uri, sections=sections, counts=counts, totals=totals)
        pages.append(html_page(uri, title, description, html, hide=["toc"], **NOT_INDEXED))
    return pages


def directory_pages(directory: Directory, settings: SiteSettings) -> list[GeneratedPage]:
    """Every browse page of the directory."""
    groups, businesses = group_views(directory), business_views(directory)
    pages = render_homes(directory, [*groups, *businesses])
    pages += [page for view in groups for page in render_view(view, settings, HOME)]
    pages += [page for view in businesses for page in render_view(view, settings, BUSINESS_HOME)]
    return pages
