"""Partner suggestions for every listing, ranked by how many reasons apply.

Matching never looks at all pairs. Each listing is indexed under what it brings (the needs
it meets, the needs it has, its cases, its fields), refined by ward and field; a listing's
candidates are read from the entries complementary to its own, the most specific first, until
POOL_SIZE are found. The candidates are then scored exactly and the best MAX_SUGGESTIONS kept,
so the work grows with the number of listings, not with its square. In a directory small
enough for every candidate to fit in the pool, the result is the exact ranking.
"""

from __future__ import annotations

import datetime
import functools
import heapq
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from kyodo.content.vocabulary import activity_fields, wards
from kyodo.domain.cases.model import CaseStudy, cases_by_listing
from kyodo.domain.directory.model import Business, Directory, Listing
from kyodo.domain.partners import reasons
from kyodo.domain.partners.reasons import Reason
from kyodo.domain.partners.resources import (
    needs,
    needs_met,
    needs_of,
    offers_meeting,
    open_to_partners,
)

MAX_SUGGESTIONS = 5
POOL_SIZE = 60

Token = tuple[str, str]
# What a listing brings → what a partner must bring for the two to match.
PARTNER_TOKEN = {
    "gives": "seeks",
    "seeks": "gives",
    "case": "case",
    "case-field": "case-field",
    "theme": "field",
    "field": "theme",
}


@dataclass(frozen=True)
class Profile:
    """What matching reads of a listing, computed once: never its contact data."""

    listing: Listing
    business: bool
    gives: frozenset[str]
    seeks: frozenset[str]
    wards: frozenset[str]
    fields: frozenset[str]
    cases: tuple[CaseStudy, ...]
    case_ids: frozenset[str]
    case_fields: frozenset[str]
    bits: Bits

    @property
    def tokens(self) -> tuple[Token, ...]:
        """What the listing brings to a match, for the index."""
        field_kind = "theme" if self.business else "field"
        return (
            *(("gives", need) for need in sorted(self.gives)),
            *(("seeks", need) for need in sorted(self.seeks)),
            *(("case", case_id) for case_id in sorted(self.case_ids)),
            *(("case-field", code) for code in sorted(self.case_fields)),
            *((field_kind, code) for code in sorted(self.fields)),
        )


@dataclass(frozen=True)
class Bits:
    """A profile's sets as bit masks over their vocabularies, for scoring many candidates."""

    gives: int
    seeks: int
    wards: int
    fields: int
    case_fields: int


@functools.cache
def _bit_of() -> dict[str, int]:
    """One bit per vocabulary value (needs, wards and field codes never share a value)."""
    values = [*needs().values, *wards(), *activity_fields()]
    return {value: 1 << i for i, value in enumerate(dict.fromkeys(values))}


def _mask(values: frozenset[str]) -> int:
    bit = _bit_of()
    return sum(bit[value] for value in values)


def profile(listing: Listing, cases: Sequence[CaseStudy]) -> Profile:
    """The profile of a listing and the cases it took part in."""
    gives, seeks = frozenset(needs_met(listing)), frozenset(needs_of(listing))
    ward_names = frozenset(ward.name for ward in listing.wards)
    fields = frozenset(field.code for field in listing.fields)
    case_fields = frozenset(field.code for case in cases for field in case.fields)
    return Profile(
        listing,
        isinstance(listing, Business),
        gives,
        seeks,
        ward_names,
        fields,
        tuple(cases),
        frozenset(case.id for case in cases),
        case_fields,
        Bits(_mask(gives), _mask(seeks), _mask(ward_names), _mask(fields), _mask(case_fields)),
    )


@dataclass(frozen=True)
class Match:
    """What two listings have in common, seen from `own`, before it is put into words."""

    cases: frozenset[str]
    gives: frozenset[str]
    seeks: frozenset[str]
    case_fields: frozenset[str]
    fields: frozenset[str]
    wards: frozenset[str]
    across: bool

    @property
    def count(self) -> int:
        """How many reasons apply: similar cases make one reason, however many fields they share."""
        shared = len(self.cases) + len(self.gives) + len(self.seeks)
        return shared + len(self.fields) + len(self.wards) + bool(self.case_fields)

    @property
    def qualifies(self) -> bool:
        """A need met either way, a case, or a field shared by a group and a business."""
        return bool(
            self.cases
            or self.gives
            or self.seeks
            or self.case_fields
            or (self.fields and self.across)
        )


def match(own: Profile, other: Profile) -> Match:
    """What `other` has in common with `own`; a similar case counts only without a common one."""
    cases = own.case_ids & other.case_ids
    return Match(
        cases,
        own.seeks & other.gives,
        own.gives & other.seeks,
        frozenset() if cases else own.case_fields & other.case_fields,
        own.fields & other.fields,
        own.wards & other.wards,
        own.business != other.business,
    )


def explain(own: Profile, other: Profile, found: Match) -> tuple[Reason, ...]:
    """The reasons of a match as sentences, in a fixed order."""
    mine, theirs = own.listing, other.listing
    by_code = activity_fields()
    return (
        *(reasons.common_case(mine, c) for c in own.cases if c.id in found.cases),
        *(reasons.gives(mine, n, offers_meeting(theirs, n)) for n in _in_order(found.gives)),
        *(reasons.seeks(mine, n, offers_meeting(mine, n)) for n in _in_order(found.seeks)),
        *(
            reasons.similar_case(mine, by_code[code], *_cases_in(code, other, own))
            for code in [c for c in by_code if c in found.case_fields][:1]
        ),
        *(
            reasons.shared_field(mine, isinstance(theirs, Business), f)
            for c, f in by_code.items()
            if c in found.fields
        ),
        *(reasons.shared_ward(mine, w) for w in wards().values() if w.name in found.wards),
    )


def _in_order(found: frozenset[str]) -> list[str]:
    return [need for need in _need_order() if need in found]


@functools.cache
def _need_order() -> tuple[str, ...]:
    return tuple(needs().values)


def _cases_in(code: str, *profiles: Profile) -> tuple[CaseStudy, ...]:
    return tuple(
        next(c for c in p.cases if any(f.code == code for f in c.fields)) for p in profiles
    )


@dataclass(frozen=True)
class Suggestion:
    """A listing suggested as a partner, with every reason that applies."""

    listing: Listing
    reasons: tuple[Reason, ...]


Key = tuple[int, str, str, str, str]


def _keys(item: Profile, kind: str, value: str) -> Iterator[Key]:
    """Index entries for one token, from the most specific (ward and field) to the token alone."""
    for ward in sorted(item.wards):
        for code in sorted(item.fields):
            yield (0, kind, value, ward, code)
    for code in sorted(item.fields):
        yield (1, kind, value, "", code)
    for ward in sorted(item.wards):
        yield (2, kind, value, ward, "")
    yield (3, kind, value, "", "")


def _index(profiles: Sequence[Profile]) -> dict[Key, list[Profile]]:
    index: dict[Key, list[Profile]] = {}
    for item in profiles:
        for kind, value in item.tokens:
            for key in _keys(item, kind, value):
                index.setdefault(key, []).append(item)
    return index


def _candidates(own: Profile, index: Mapping[Key, list[Profile]]) -> list[Profile]:
    """Up to POOL_SIZE listings that complement `own`, the most specific entries first."""
    wanted = sorted(
        key for kind, value in own.tokens for key in _keys(own, PARTNER_TOKEN[kind], value)
    )
    seen: dict[str, Profile] = {}
    for key in wanted:
        for other in index.get(key, ()):
            if other.listing.id != own.listing.id:
                seen.setdefault(other.listing.id, other)
                if len(seen) >= POOL_SIZE:
                    return list(seen.values())
    return list(seen.values())


def score(own: Profile, other: Profile) -> int:
    """How many reasons `match(own, other)` gives, or 0 when it does not qualify; on bit masks,
    so that a listing's whole pool is scored quickly."""
    a, b = own.bits, other.bits
    cases = len(own.case_ids & other.case_ids)
    gives, seeks = (a.seeks & b.gives).bit_count(), (a.gives & b.seeks).bit_count()
    similar = 0 if cases else bool(a.case_fields & b.case_fields)
    fields = (a.fields & b.fields).bit_count()
    if not (cases or gives or seeks or similar or (fields and own.business != other.business)):
        return 0
    return cases + gives + seeks + similar + fields + (a.wards & b.wards).bit_count()


def _ranked(own: Profile, candidates: Sequence[Profile]) -> tuple[Suggestion, ...]:
    scored = [
        (-count, other.listing.name_kana, other.listing.id, other)
        for other in candidates
        if (count := score(own, other))
    ]
    best = heapq.nsmallest(MAX_SUGGESTIONS, scored, key=lambda row: row[:3])
    return tuple(
        Suggestion(other.listing, explain(own, other, match(own, other))) for *_, other in best
    )


def profiles(
    directory: Directory, cases: Sequence[CaseStudy], today: datetime.date
) -> list[Profile]:
    """The profiles of every listing open to partners, in reading order."""
    by_listing = cases_by_listing(cases)
    listings = sorted(
        (item for item in directory.listings if open_to_partners(item, today)),
        key=lambda item: (item.name_kana, item.id),
    )
    return [profile(item, by_listing.get(item.id, [])) for item in listings]


def suggest_partners(
    directory: Directory,
    cases: Sequence[CaseStudy],
    today: datetime.date,
    only: Collection[str] | None = None,
) -> dict[str, tuple[Suggestion, ...]]:
    """Up to MAX_SUGGESTIONS partners for every listing open to partners (or for those of
    them whose ids are in `only`), by listing id."""
    everyone = profiles(directory, cases, today)
    index = _index(everyone)
    wanted = everyone if only is None else [own for own in everyone if own.listing.id in only]
    return {own.listing.id: _ranked(own, _candidates(own, index)) for own in wanted}
