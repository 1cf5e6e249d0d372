"""The search filters of each kind of page, put in its front matter and read by the theme."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from kyodo.domain.cases.model import CaseStudy
from kyodo.domain.directory.model import Business, Listing

# Lists of listings or cases repeat their members' text: searching them would only add
# duplicates of the pages that matter, so they stay out of the index.
NOT_INDEXED: dict[str, Any] = {"search": {"exclude": True}}

# The facts block of a listing (kind, fields, wards, status, dates) is field names and values
# that the filters already offer: search skips it, so that excerpts come from the prose.
FACTS_ATTRIBUTES = Markup(" data-pagefind-ignore")

# Listings that are not active carry their status as a filter, which the search page uses to
# put them after active ones and mark them; active listings carry none, to keep it small.
ACTIVE = "活動中"


def listing_facets(listing: Listing) -> dict[str, Any]:
    """種類 (団体 or 企業), 区, 活動分野 and, unless active, 状態 of a listing."""
    facets = {
        "種類": ["企業" if isinstance(listing, Business) else "団体"],
        "区": [ward.name for ward in listing.wards],
        "活動分野": [field.label for field in listing.fields],
    }
    if listing.status != ACTIVE:
        facets["状態"] = [listing.status]
    return {"facets": facets}


def case_facets(case: CaseStudy) -> dict[str, Any]:
    """種類 (事例), 区, 活動分野 and 協働の形態 of a case."""
    return {
        "facets": {
            "種類": ["事例"],
            "区": [ward.name for ward in case.wards],
            "活動分野": [field.label for field in case.fields],
            "協働の形態": [form.name for form in case.forms],
        }
    }
