"""A page for every listing: the facts, the contacts that may be published, and JSON-LD."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from kyodo.content.schema import vocabulary
from kyodo.domain.directory.model import Business, Group, Listing
from kyodo.domain.partners.reasons import noun
from kyodo.domain.partners.suggest import MAX_SUGGESTIONS, Suggestion
from kyodo.site.facets import FACTS_ATTRIBUTES, NOT_INDEXED, listing_facets
from kyodo.site.pages import (
    BUSINESS_CRUMB,
    DIRECTORY_CRUMB,
    GROUPS_CRUMB,
    HOME_CRUMB,
    Crumb,
    GeneratedPage,
    Slice,
    breadcrumbs,
    html_page,
    json_ld,
    paginate,
)
from kyodo.site.richtext import render_rich_text
from kyodo.site.settings import SiteSettings
from kyodo.site.stamps import Stamp
from kyodo.site.templating import render
from kyodo.site.urls import SITE_ROOT, href, listing_uri

# A list of this many pages or more has its later pages stamped (`kyodo.site.stamps`): the
# theme then draws two of them (prototype and witness) instead of all.
STAMPED_LIST_PAGES = 4
# Groups that speak for the residents, shops or farmers of a place are plain organizations;
# the other kinds work for a public cause, which is what schema.org's NGO stands for.
_PLAIN_ORGANIZATIONS = {"町内会・自治会", "商店会・商店街振興組合", "農事組合法人・農業団体"}


def _schema_type(listing: Listing) -> str:
    if isinstance(listing, Group) and listing.kind == "学校・大学":
        return "EducationalOrganization"
    if isinstance(listing, Group) and listing.kind not in _PLAIN_ORGANIZATIONS:
        return "NGO"
    return "Organization"


def structured_data(listing: Listing, settings: SiteSettings) -> dict[str, Any]:
    """schema.org data for the listing: only what the page itself shows."""
    contact = listing.contact
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": _schema_type(listing),
        "name": listing.name,
        "description": listing.summary,
        "url": urljoin(settings.site_url, href(SITE_ROOT, listing_uri(listing))),
        "areaServed": [{"@type": "AdministrativeArea", "name": w.name} for w in listing.wards],
        "knowsAbout": [field.label for field in listing.fields],
        "sameAs": [u for u in (listing.website, *listing.sns) if u],
    }
    point = {
        "@type": "ContactPoint",
        "contactType": contact.name,
        "email": contact.email,
        "telephone": contact.phone,
        "url": contact.form_url,
    }
    if any([contact.email, contact.phone, contact.form_url]):
        data["contactPoint"] = {k: v for k, v in point.items() if v}
    if listing.corporate_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "法人番号",
            "value": listing.corporate_number,
        }
    if isinstance(listing, Group) and listing.founded:
        data["foundingDate"] = str(listing.founded)
    return {k: v for k, v in data.items() if v}


def partner_meta(listing: Listing) -> str:
    """What kind of listing it is and where it works, as lists of partners show it."""
    kind = listing.kind if isinstance(listing, Group) else getattr(listing, "industry", "")
    where = "、".join(ward.name for ward in listing.wards)
    return f"{noun(listing)}（{kind}） ／ 区: {where}"


def listing_stamp(
    listing: Listing,
    settings: SiteSettings,
    extra: Markup | None = None,
    suggestions: Sequence[Suggestion] = (),
) -> Stamp:
    """The page of one group or business, its body made when it is written; `extra` and the
    suggested partners come before the page's footer."""
    parent = BUSINESS_CRUMB if isinstance(listing, Business) else GROUPS_CRUMB
    meta = {"hide": ["toc"], **breadcrumbs(HOME_CRUMB, DIRECTORY_CRUMB, parent)}
    body = functools.partial(_listing_body, listing, settings, extra or Markup(), suggestions)
    uri = listing_uri(listing)
    inputs = (listing, settings, extra, tuple(suggestions))
    facets = listing_facets(listing)
    return Stamp(uri, listing.name, listing.summary, {**meta, **facets}, body, inputs)


def _listing_body(
    listing: Listing, settings: SiteSettings, extra: Markup, suggestions: Sequence[Suggestion]
) -> str:
    return render(
        "business.html.j2" if isinstance(listing, Business) else "group.html.j2",
        listing_uri(listing),
        listing=listing,
        stale=listing.is_stale(settings.today),
        description=render_rich_text(listing.description),
        edit_url=settings.edit_url(listing.source),
        structured=json_ld(structured_data(listing, settings)),
        extra=extra,
        suggestions=suggestions,
        max_suggestions=MAX_SUGGESTIONS,
        partner_meta=partner_meta,
        facts_attributes=FACTS_ATTRIBUTES,
        offer_slugs={term.value: term.slug for term in vocabulary("business", ("offers", 0))},
    )


def render_paginated(
    template: str,
    items: Sequence[Any],
    src_uri: str,
    title: str,
    description: str,
    part_values: Callable[[Slice], dict[str, object]],
    crumbs: Sequence[Crumb],
    **values: object,
) -> list[GeneratedPage | Stamp]:
    """A list as pages of 100 items, each rendered from `template` with its part of the list,
    below the pages in `crumbs`; the later pages of a long list are stamped."""
    pages: list[GeneratedPage | Stamp] = []
    meta = {"hide": ["toc"], **breadcrumbs(*crumbs), **NOT_INDEXED}
    for part in paginate(items, src_uri):
        heading = part.title(title)
        html = render(
            template, part.src_uri, title=heading, part=part, **part_values(part), **values
        )
        if part.number > 1 and part.count >= STAMPED_LIST_PAGES:
            body = functools.partial(str, html)
            pages.append(Stamp(part.src_uri, heading, description, meta, body, html, "list"))
        else:
            pages.append(html_page(part.src_uri, heading, description, html, **meta))
    return pages
