"""協働の相手を探す: the finder page, a list per need (and per need and ward) that works
without JavaScript, and the data the finder's script filters in place."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass

from kyodo.content.schema import Term
from kyodo.content.vocabulary import Ward, activity_fields, wards
from kyodo.domain.directory.model import Business, Directory
from kyodo.domain.partners.finder import in_ward, providers
from kyodo.domain.partners.reasons import CITYWIDE, shared_field, shared_ward
from kyodo.domain.partners.resources import needs
from kyodo.domain.partners.suggest import Suggestion
from kyodo.site.browse import gojuon_key
from kyodo.site.facets import NOT_INDEXED
from kyodo.site.listing_pages import partner_meta, render_paginated
from kyodo.site.pages import DIRECTORY_CRUMB, HOME_CRUMB, GeneratedPage, html_page
from kyodo.site.stamps import Stamp
from kyodo.site.templating import render
from kyodo.site.urls import PARTNERS_HOME, href, listing_uri, partner_data_path, partner_view_uri

SCRIPT = "assets/javascripts/kyodo-partners.js"
TITLE = "協働の相手を探す"
DESCRIPTION = (
    "会場、ボランティア、資金・物品、専門知識など、求めていることを提供できる団体・事業者を、"
    "区や活動分野で絞り込んで探せます。"
)


@dataclass(frozen=True)
class NeedView:
    """The listings that can meet one need, in every ward or in one."""

    need: Term
    ward: Ward | None
    items: tuple[Suggestion, ...]

    @property
    def src_uri(self) -> str:
        """Where the list lives."""
        return partner_view_uri(self.need.slug, self.ward.slug if self.ward else "")

    @property
    def title(self) -> str:
        """「会場」を提供できる相手, with the ward when there is one."""
        where = f"（{self.ward.name}）" if self.ward else ""
        return f"「{self.need.value}」を提供できる相手{where}"


def local_wards() -> list[Ward]:
    """The wards a reader can pick; citywide listings appear under each of them."""
    return [ward for ward in wards().values() if ward.name != CITYWIDE]


def need_views(directory: Directory, today: datetime.date) -> dict[str, list[NeedView]]:
    """For each need (by value): the list in every ward, then one list per ward."""
    views = {}
    for need in needs():
        found = sorted(providers(directory, need.value, today), key=lambda s: gojuon_key(s.listing))
        views[need.value] = [
            NeedView(need, None, tuple(found)),
            *(NeedView(need, ward, tuple(in_ward(found, ward))) for ward in local_wards()),
        ]
    return views


def render_need_view(view: NeedView, siblings: Sequence[NeedView]) -> list[GeneratedPage | Stamp]:
    """The pages of one list, 100 listings a page, with links to the same need in other wards."""
    crumbs = [HOME_CRUMB, DIRECTORY_CRUMB, (TITLE, PARTNERS_HOME)]
    if view.ward:
        crumbs.append((f"「{view.need.value}」", siblings[0].src_uri))
    return render_paginated(
        "partner_view.html.j2",
        view.items,
        view.src_uri,
        view.title,
        f"{view.title}として、{len(view.items)}件の団体・事業者を掲載しています。",
        lambda part: {"suggestions": part.items},
        crumbs,
        view=view,
        siblings=siblings,
        show_notes=True,
        partner_meta=partner_meta,
    )


def render_finder(views: dict[str, list[NeedView]]) -> GeneratedPage:
    """The finder: a form the script brings to life, and the lists by need and ward without it."""
    html = render(
        "partner_finder.html.j2",
        PARTNERS_HOME,
        title=TITLE,
        views=views,
        wards=local_wards(),
        fields=list(activity_fields().values()),
    )
    meta = {"hide": ["toc"], "scripts": [SCRIPT], **NOT_INDEXED}
    return html_page(PARTNERS_HOME, TITLE, DESCRIPTION, html, **meta)


def finder_data(view: NeedView) -> bytes:
    """What the finder's script needs for one need: the listings, and the sentences it adds."""
    data = {
        "need": view.need.value,
        "view": href(PARTNERS_HOME, view.src_uri),
        "ward_reasons": {w.slug: shared_ward(None, w).text for w in wards().values()},
        "field_reasons": {
            kind: {f.code: shared_field(None, business, f).text for f in activity_fields().values()}
            for kind, business in (("group", False), ("business", True))
        },
        "items": [
            {
                "name": s.listing.name,
                "href": href(PARTNERS_HOME, listing_uri(s.listing)),
                "meta": partner_meta(s.listing),
                "note": s.listing.offers_note,
                "reasons": [reason.text for reason in s.reasons],
                "business": isinstance(s.listing, Business),
                "wards": [ward.slug for ward in s.listing.wards],
                "fields": [field.code for field in s.listing.fields],
            }
            for s in view.items
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def partner_finder(
    directory: Directory, today: datetime.date
) -> tuple[list[GeneratedPage | Stamp], dict[str, bytes]]:
    """Every page of the finder, and the data files of its script by their path in the site."""
    views = need_views(directory, today)
    pages: list[GeneratedPage | Stamp] = [render_finder(views)]
    pages += [
        page
        for lists in views.values()
        for v in lists
        if v.items
        for page in render_need_view(v, lists)
    ]
    files = {
        partner_data_path(lists[0].need.slug): finder_data(lists[0]) for lists in views.values()
    }
    return pages, files
