"""Listings as the site and the exports use them."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from kyodo.content.vocabulary import ActivityField, Ward

# A listing not confirmed for this long gets a reminder addressed to its maintainers.
REVIEW_AFTER_MONTHS = 12
# A listing not confirmed for this long is marked on the site as possibly out of date.
STALE_AFTER_MONTHS = 24


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day some months later; the 31st becomes the month's last day where needed."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


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

    def review_due(self, today: datetime.date) -> bool:
        """Whether the listing was last confirmed more than REVIEW_AFTER_MONTHS ago."""
        return today > months_later(self.last_confirmed, REVIEW_AFTER_MONTHS)

    def is_stale(self, today: datetime.date) -> bool:
        """Whether the listing was last confirmed more than STALE_AFTER_MONTHS ago."""
        return today > months_later(self.last_confirmed, STALE_AFTER_MONTHS)


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
