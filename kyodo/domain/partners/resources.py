"""What a listing can give and what it seeks, both in one vocabulary: the needs of groups.

A group offers and seeks the same things (協働の資源), so its offer meets the need of the same
name. A business words its offers differently (会場提供, 社員ボランティア …); the business schema
declares which needs each of them meets (`x-meets`), so the correspondence is written once.
"""

from __future__ import annotations

import datetime
import functools

from kyodo.content.schema import Vocabulary, vocabulary
from kyodo.domain.directory.model import Business, Group, Listing

ACTIVE = "活動中"


@functools.cache
def needs() -> Vocabulary:
    """Everything a group can ask for, in declared order, with the slugs used in addresses."""
    return vocabulary("group", ("needs", 0))


@functools.cache
def business_offer_meets() -> dict[str, tuple[str, ...]]:
    """Each business offer and the needs it meets, as the schema declares them."""
    return {
        term.value: tuple(term.annotations.get("x-meets", ()))
        for term in vocabulary("business", ("offers", 0))
    }


def offers_meeting(listing: Listing, need: str) -> tuple[str, ...]:
    """The listing's offers that meet a need, as the listing words them."""
    if isinstance(listing, Business):
        return tuple(offer for offer in listing.offers if need in business_offer_meets()[offer])
    return (need,) if need in listing.offers else ()


def needs_met(listing: Listing) -> tuple[str, ...]:
    """Every need the listing's offers meet, in declared order."""
    return tuple(need for need in needs().values if offers_meeting(listing, need))


def needs_of(listing: Listing) -> tuple[str, ...]:
    """What the listing seeks (businesses declare no needs)."""
    return listing.needs if isinstance(listing, Group) else ()


def open_to_partners(listing: Listing, today: datetime.date) -> bool:
    """Whether a listing may be suggested: active, and not stale (its data is current enough)."""
    return listing.status == ACTIVE and not listing.is_stale(today)
