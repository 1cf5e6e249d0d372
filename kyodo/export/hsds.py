"""Open Referral HSDS 3.0: the directory as organizations that other directories load as is.

Each listing is an `organization` with its consented `contacts` and `phones`, a `location`
per ward it works in, its activity fields, offers and needs as `attributes` of published
taxonomies, and one `service` that carries its status and the date it was last confirmed.
Every id is a UUID derived from the city code and the listing's id, so it is the same in
every build.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from kyodo.content.schema import Term, vocabulary
from kyodo.content.vocabulary import common_vocabulary
from kyodo.domain.directory.model import Business, Directory, Group, Listing
from kyodo.export.opendata import CITY_CODE_VALUE, LICENSE, LICENSE_URL, TITLE, listing_url
from kyodo.site.settings import SiteSettings

# Fixed for good: changing it would change every id that other directories keep.
NAMESPACE = uuid.UUID("1a096523-34d4-4c82-9032-db02921861c5")
WARD_CODE_TYPE = "全国地方公共団体コード"

JsonObject = dict[str, Any]


def stable_id(*parts: str) -> str:
    """A UUID that stays the same from build to build for the same thing of the same city."""
    return str(uuid.uuid5(NAMESPACE, "/".join((CITY_CODE_VALUE, *parts))))


def _present(data: JsonObject) -> JsonObject:
    """The object without its empty members: HSDS leaves absent what it does not know."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _taxonomy(key: str, name: str, description: str) -> JsonObject:
    return {"id": stable_id("taxonomy", key), "name": name, "description": description}


TAXONOMIES = {
    "activity_field": _taxonomy(
        "activity-field",
        "特定非営利活動促進法 別表の活動分野",
        "特定非営利活動促進法の別表に掲げる20の活動分野。",
    ),
    "resource": _taxonomy(
        "resource",
        "協働の資源",
        "団体が提供できるもの・求めているものの分類（協働の手引き）。",
    ),
    "business_offer": _taxonomy(
        "business-offer",
        "事業者が提供できる支援",
        "事業者が地域の団体に提供できる支援の分類（協働の手引き）。",
    ),
}


def _term(taxonomy: str, code: str, name: str, description: str) -> JsonObject:
    # The taxonomy is named in each term; its full record (taxonomy_detail, optional in HSDS)
    # would repeat in every attribute of every organization.
    return {
        "id": stable_id("taxonomy", taxonomy, code),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": TAXONOMIES[taxonomy]["name"],
    }


def _vocabulary_term(taxonomy: str, term: Term) -> JsonObject:
    description = term.description or f"{TAXONOMIES[taxonomy]['name']}のうち「{term.label}」。"
    return _term(taxonomy, term.slug, term.label, description)


def _attribute(org_id: str, link_type: str, term: JsonObject) -> JsonObject:
    return {
        "id": stable_id("attribute", org_id, link_type, term["code"]),
        "link_id": org_id,
        "link_type": link_type,
        "link_entity": "organization",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


def _attributes(listing: Listing, org_id: str) -> list[JsonObject]:
    """Fields (a business's CSR themes), offers and needs, each a term of its taxonomy."""
    business = isinstance(listing, Business)
    fields = [
        _term(
            "activity_field",
            f.code,
            f.legal_name,
            f"特定非営利活動促進法 別表第{f.number}号の活動。",
        )
        for f in listing.fields
    ]
    offers_taxonomy = "business_offer" if business else "resource"
    offers = vocabulary("business" if business else "group", ("offers", 0))
    needs = vocabulary("group", ("needs", 0))
    return [
        *(_attribute(org_id, "csr_theme" if business else "activity_field", t) for t in fields),
        *(
            _attribute(org_id, "offers", _vocabulary_term(offers_taxonomy, offers[value]))
            for value in listing.offers
        ),
        *(
            _attribute(org_id, "needs", _vocabulary_term("resource", needs[value]))
            for value in (listing.needs if isinstance(listing, Group) else ())
        ),
    ]


def _contact(listing: Listing, org_id: str) -> tuple[list[JsonObject], list[JsonObject]]:
    """The consented contact, and its phone, of a listing (none when nothing was consented)."""
    contact = listing.contact
    if not any([contact.name, contact.email, contact.phone]):
        return [], []
    contact_id = stable_id("contact", listing.id)
    contacts = [
        _present(
            {
                "id": contact_id,
                "organization_id": org_id,
                "name": contact.name,
                "email": contact.email,
            }
        )
    ]
    phone = {
        "id": stable_id("phone", listing.id),
        "organization_id": org_id,
        "contact_id": contact_id,
        "number": contact.phone,
        "type": "voice",
    }
    return contacts, [phone] if contact.phone else []


def _locations(listing: Listing, org_id: str) -> list[JsonObject]:
    """A location per ward the listing works in, identified by the ward's local government code."""
    return [
        {
            "id": stable_id("location", listing.id, ward.slug),
            "location_type": "physical",
            "organization_id": org_id,
            "name": ward.name,
            "description": f"{listing.name}が活動している区です（住所は公開していません）。",
            "external_identifier": ward.code,
            "external_identifier_type": WARD_CODE_TYPE,
        }
        for ward in listing.wards
    ]


_STATUS = {t.value: str(t.annotations["x-hsds"]) for t in common_vocabulary("status")}


def _service(listing: Listing, org_id: str, page: str) -> JsonObject:
    """What the listing does, with its status and the date its data was last confirmed."""
    activity = "社会貢献活動" if isinstance(listing, Business) else "地域活動"
    return {
        "id": stable_id("service", listing.id),
        "organization_id": org_id,
        "name": f"{listing.name}の{activity}",
        "description": listing.summary,
        "url": page,
        "status": _STATUS[listing.status],
        "assured_date": listing.last_confirmed.isoformat(),
    }


def organization(listing: Listing, settings: SiteSettings) -> JsonObject:
    """One listing as an HSDS organization, with only consented contact data."""
    org_id = stable_id("organization", listing.id)
    page = listing_url(listing, settings)
    contacts, phones = _contact(listing, org_id)
    identifiers = [
        {
            "id": stable_id("identifier", listing.id),
            "organization_id": org_id,
            "identifier_scheme": "JP-JCN",
            "identifier_type": "法人番号",
            "identifier": listing.corporate_number,
        }
    ]
    return _present(
        {
            "id": org_id,
            "name": listing.name,
            "description": "\n\n".join(filter(None, [listing.summary, listing.description])),
            "email": listing.contact.email,
            "website": listing.website,
            "year_incorporated": listing.founded if isinstance(listing, Group) else None,
            "legal_status": listing.kind if isinstance(listing, Group) else None,
            "uri": page,
            "contacts": contacts,
            "phones": phones,
            "locations": _locations(listing, org_id),
            "organization_identifiers": identifiers if listing.corporate_number else [],
            "attributes": _attributes(listing, org_id),
            "services": [_service(listing, org_id, page)],
        }
    )


def hsds_bytes(directory: Directory, settings: SiteSettings) -> bytes:
    """Every listing as an HSDS organization, in one page as the HSDS API returns lists."""
    contents = [organization(listing, settings) for listing in directory.listings]
    document = {
        "title": TITLE,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "updated": settings.today.isoformat(),
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }
    # Compact: at 10,000 listings the indented file would be several times larger.
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
