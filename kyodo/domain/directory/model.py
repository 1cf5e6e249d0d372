"""Listings as the site and the exports use them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kyodo.content.vocabulary import ActivityField, Ward

STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Contact:
    """A role-based contact; only the parts whose publication was consented to are set."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    form_url: str | None = None


@dataclass(frozen=True)
class Consent:
    """Who agreed to the listing, when, and which contact parts may be published."""

    given_by: str
    date: datetime.date
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """What groups and businesses have in common. `fields` are a business's CSR themes."""

    id: str
    name: str
    name_kana: str
    wards: tuple[Ward, ...]
    fields: tuple[ActivityField, ...]
    summary: str
    description: str
    offers: tuple[str, ...]
    offers_note: str
    contact: Contact
    website: str | None
    sns: tuple[str, ...]
    status: str
    last_confirmed: datetime.date
    consent: Consent
    maintainers: tuple[str, ...]
    corporate_number: str | None
    source: str

    def is_stale(self, today: datetime.date) -> bool:
        """Whether the listing was last confirmed more than 12 months ago."""
        return (today - self.last_confirmed).days > STALE_AFTER_DAYS


@dataclass(frozen=True)
class Group(Listing):
    """A 町内会, NPO, civic group or other organisation."""

    kind: str
    needs: tuple[str, ...]
    needs_note: str
    founded: int | None
    members: int | None


@dataclass(frozen=True)
class Business(Listing):
    """A business's contact for social contribution (CSR)."""

    industry: str


@dataclass(frozen=True)
class Directory:
    """Every listing, groups and businesses apart."""

    groups: tuple[Group, ...]
    businesses: tuple[Business, ...]

    @property
    def listings(self) -> tuple[Listing, ...]:
        """Groups, then businesses."""
        return (*self.groups, *self.businesses)

    def get(self, listing_id: str) -> Listing | None:
        """The listing with this id, if any."""
        return next((item for item in self.listings if item.id == listing_id), None)
