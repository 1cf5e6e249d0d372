"""The partner finder: who can meet a need, optionally in a ward, with the reasons why."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from kyodo.content.vocabulary import Ward, wards
from kyodo.domain.directory.model import Directory
from kyodo.domain.partners.reasons import CITYWIDE, gives, shared_ward
from kyodo.domain.partners.resources import offers_meeting, open_to_partners
from kyodo.domain.partners.suggest import Suggestion


def providers(directory: Directory, need: str, today: datetime.date) -> list[Suggestion]:
    """Listings open to partners whose offers meet a need, in directory order."""
    return [
        Suggestion(item, (gives(None, need, offers),))
        for item in directory.listings
        if open_to_partners(item, today) and (offers := offers_meeting(item, need))
    ]


def in_ward(found: Sequence[Suggestion], ward: Ward) -> list[Suggestion]:
    """Those working in a ward, or across the whole city, with where they work as a reason."""
    citywide = wards()[CITYWIDE]
    return [
        Suggestion(item.listing, (*item.reasons, shared_ward(None, where)))
        for item in found
        for where in [ward if ward in item.listing.wards else citywide]
        if where in item.listing.wards
    ]
