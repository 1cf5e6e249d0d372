"""The search filters of each kind of page, put in its front matter and read by the theme."""

from __future__ import annotations

from typing import Any

from kyodo.domain.cases.model import CaseStudy
from kyodo.domain.directory.model import Business, Listing

# Lists of listings or cases repeat their members' text: searching them would only add
# duplicates of the pages that matter, so they stay out of the index.
NOT_INDEXED: dict[str, Any] = {"search": {"exclude": True}}


def listing_facets(listing: Listing) -> dict[str, Any]:
    """種類 (団体 or 企業), 区 and 活動分野 of a listing."""
    return {
        "facets": {
            "種類": ["企業" if isinstance(listing, Business) else "団体"],
            "区": [ward.name for ward in listing.wards],
            "活動分野": [field.label for field in listing.fields],
        }
    }


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
