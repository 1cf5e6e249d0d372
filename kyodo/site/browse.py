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
from kyodo.site.pages import (
    BUSINESS_CRUMB,
    DIRECTORY_CRUMB,
    GROUPS_CRUMB,
    HOME_CRUMB,
    Crumb,
    GeneratedPage,
    breadcrumbs,
    html_page,
    paginate,
)
from kyodo.site.sections import Section, section_pages, view_crumbs
from kyodo.site.settings import SiteSettings
from kyodo.site.stamps import Stamp
from kyodo.site.templating import render
from kyodo.site.urls import (
    BUSINESS_HOME,
    BUSINESSES_INDEX,
    HOME,
    field_uri,
    kana_uri,
    kind_uri,
    offer_uri,
    ward_uri,
)

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
    ("わ", "wa", "わゐゑをん"),
)
# The row of the table each plain kana is in.
ROW_OF = {kana: row for row, _, letters in KANA_ROWS for kana in letters}
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
    views.append(
        _view(
            GROUPS_CRUMB[1],
            GROUPS_CRUMB[0],
            "掲載しているすべての団体です。",
            groups,
            by_initial=True,
        )
    )
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
            BUSINESSES_INDEX,
            "すべての事業者",
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


def row_starts(sections: Sequence[Sequence[tuple[str, object]]]) -> list[tuple[str, int, str]]:
    """Where each row of the 五十音 table starts in a list split into pages of sections by
    initial: the row, the index of its page and the initial heading its first section there."""
    starts: dict[str, tuple[int, str]] = {}
    for index, page in enumerate(sections):
        for heading, _ in page:
            starts.setdefault(ROW_OF[heading], (index, heading))
    return [(row, index, mark) for row, (index, mark) in starts.items()]


def render_view(
    view: View, settings: SiteSettings, crumbs: Sequence[Crumb]
) -> list[GeneratedPage | Stamp]:
    """The pages of one browse view, 100 listings a page, below the pages in `crumbs`; a list
    in sections by initial that spans rows of the 五十音 table leads to where each starts."""
    sections = [_sections(p.items, view.by_initial) for p in paginate(view.listings, view.src_uri)]
    rows = row_starts(sections) if view.by_initial else []
    rows = rows if len(rows) > 1 else []  # a list within one row needs no way to the others
    return render_paginated(
        "listing_index.html.j2",
        view.listings,
        view.src_uri,
        view.title,
        f"{view.lead}{len(view.listings)}件を掲載しています。",
        lambda part: {"sections": sections[part.number - 1], "rows": rows},
        crumbs,
        view=view,
        today=settings.today,
    )


def group_sections() -> list[Section]:
    """The ways to browse groups, in the order the directory home shows them."""
    return [
        Section(
            "区からさがす",
            "区から団体をさがす",
            "団体が活動している区ごとの一覧です。市の全体で活動している団体は「市全域」にあります。",
            ward_uri(),
            tuple((w.name, ward_uri(w.slug)) for w in wards().values()),
        ),
        Section(
            "活動分野からさがす",
            "活動分野から団体をさがす",
            "特定非営利活動促進法に定める20の活動分野です。1つの団体が複数の分野に入っていることがあります。",
            field_uri(),
            tuple((f.label, field_uri(f.code)) for f in activity_fields().values()),
        ),
        Section(
            "種別からさがす",
            "種別から団体をさがす",
            "町内会・自治会、NPO法人など、団体の種別ごとの一覧です。",
            kind_uri(),
            tuple((t.value, kind_uri(t.slug)) for t in vocabulary("group", ("kind",))),
        ),
        Section(
            "五十音順でさがす",
            "五十音順で団体をさがす",
            "団体の名前の読みを、五十音の行ごとに分けた一覧です。",
            kana_uri(),
            tuple((f"{row}行", kana_uri(slug)) for row, slug, _ in KANA_ROWS),
        ),
    ]


def business_sections() -> list[Section]:
    """The ways to browse businesses, in the order the business home shows them."""
    return [
        Section(
            "提供できる支援からさがす",
            "提供できる支援から事業者をさがす",
            "社員ボランティア、寄付・協賛、会場など、事業者が地域の活動に提供できる支援ごとの一覧です。",
            offer_uri(),
            tuple((t.value, offer_uri(t.slug)) for t in vocabulary("business", ("offers", 0))),
        ),
        Section(
            "社会貢献のテーマからさがす",
            "社会貢献のテーマから事業者をさがす",
            "事業者が力を入れている社会貢献のテーマごとの一覧です。団体の活動分野と同じ20の分野で分けています。",
            field_uri(business=True),
            tuple((f.label, field_uri(f.code, True)) for f in activity_fields().values()),
        ),
    ]


HOME_PAGES = {
    HOME: (
        "directory_home.html.j2",
        DIRECTORY_CRUMB[0],
        "市内で活動する町内会・NPO・市民活動団体と、事業者の社会貢献窓口の名簿です。区・活動分野・種別・五十音順で探せます。",
        (HOME_CRUMB,),
    ),
    BUSINESS_HOME: (
        "business_home.html.j2",
        BUSINESS_CRUMB[0],
        "地域の団体に社員ボランティア、寄付・協賛、会場、専門知識などを提供できる事業者の窓口です。",
        (HOME_CRUMB, DIRECTORY_CRUMB),
    ),
}


def render_homes(directory: Directory, counts: dict[str, int]) -> list[GeneratedPage]:
    """The directory home (groups) and the business home, with counts and every view linked."""
    totals = {
        "groups": len(listed(directory.groups)),
        "businesses": len(listed(directory.businesses)),
    }
    pages = []
    for uri, sections in ((HOME, group_sections()), (BUSINESS_HOME, business_sections())):
        template, title, description, crumbs = HOME_PAGES[uri]
        html = render(template, uri, sections=sections, counts=counts, totals=totals)
        meta = {**breadcrumbs(*crumbs), **NOT_INDEXED}
        pages.append(html_page(uri, title, description, html, hide=["toc"], **meta))
    return pages


def directory_pages(directory: Directory, settings: SiteSettings) -> list[GeneratedPage | Stamp]:
    """Every browse page of the directory: the homes, an index per way to browse, the views."""
    groups, businesses = group_views(directory), business_views(directory)
    counts = {view.src_uri: len(view.listings) for view in [*groups, *businesses]}
    pages: list[GeneratedPage | Stamp] = [*render_homes(directory, counts)]
    for views, sections, above in (
        (groups, group_sections(), (HOME_CRUMB, DIRECTORY_CRUMB)),
        (businesses, business_sections(), (HOME_CRUMB, DIRECTORY_CRUMB, BUSINESS_CRUMB)),
    ):
        pages += section_pages(sections, counts, above)
        for view in views:
            pages += render_view(view, settings, view_crumbs(sections, above, view.src_uri))
    return pages
