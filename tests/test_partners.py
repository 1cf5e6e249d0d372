"""Partner suggestions: every reason is true, the ranking counts reasons, and the rules hold."""

from __future__ import annotations

import datetime
import functools
import json
import random
from collections import Counter
from dataclasses import replace

import pytest

from kyodo.content.vocabulary import activity_fields, wards
from kyodo.domain.cases.model import CaseStudy
from kyodo.domain.directory.model import Business, Contact, Directory, Group, Listing
from kyodo.domain.partners import suggest
from kyodo.domain.partners.finder import in_ward, providers
from kyodo.domain.partners.reasons import Reason, ReasonKind
from kyodo.domain.partners.suggest import Suggestion, explain, match, profiles, suggest_partners
from kyodo.domain.site_content import SiteContent, load_content
from tests.conftest import ROOT
from tests.test_directory_render import fixture_listing

TODAY = datetime.date(2026, 11, 28)
SCHEMAS = ROOT / "kyodo/content/schemas"
# Read from the schema here, apart from the code under test: business offer → needs it meets.
BUSINESS_MEETS = {
    choice["const"]: choice["x-meets"]
    for choice in json.loads((SCHEMAS / "business.schema.json").read_text(encoding="utf-8"))[
        "properties"
    ]["offers"]["items"]["oneOf"]
}


def meets(listing: Listing, offer: str, need: str) -> bool:
    """Whether one of the listing's offers meets a need, read straight from the data."""
    if offer not in listing.offers:
        return False
    return need in BUSINESS_MEETS[offer] if isinstance(listing, Business) else offer == need


def needs_of(listing: Listing) -> tuple[str, ...]:
    return listing.needs if isinstance(listing, Group) else ()


def claim_holds(reason: Reason, own: Listing, other: Listing) -> bool:
    """The reason's claim, checked against both listings' own data."""
    both = {own.id, other.id}
    if reason.kind is ReasonKind.GIVES:
        return reason.need in needs_of(own) and all(
            meets(other, offer, reason.need) for offer in reason.offers or ("-",)
        )
    if reason.kind is ReasonKind.SEEKS:
        return reason.need in needs_of(other) and all(
            meets(own, offer, reason.need) for offer in reason.offers or ("-",)
        )
    if reason.kind is ReasonKind.FIELD:
        return reason.field in own.fields and reason.field in other.fields
    if reason.kind is ReasonKind.WARD:
        return reason.ward in own.wards and reason.ward in other.wards
    if reason.kind is ReasonKind.CASE:
        return reason.case is not None and both <= set(reason.case.partners)
    case, own_case, field = reason.case, reason.own_case, reason.field
    return (
        case is not None
        and own_case is not None
        and other.id in case.partners
        and own.id in own_case.partners
        and field in case.fields
        and field in own_case.fields
    )


def mentioned(reason: Reason) -> str:
    """What the sentence must name for the reader to check the claim."""
    if reason.kind in (ReasonKind.GIVES, ReasonKind.SEEKS):
        return f"「{reason.need}」"
    if reason.field is not None:
        return f"「{reason.field.label}」"
    if reason.ward is not None:
        return reason.ward.name
    return "事例"


def all_suggestions(content: SiteContent) -> list[tuple[Listing, Suggestion]]:
    found = suggest_partners(content.directory, content.cases, TODAY)
    by_id = {item.id: item for item in content.directory.listings}
    return [(by_id[own], s) for own, suggestions in found.items() for s in suggestions]


def test_every_reason_is_stated_and_true(content: SiteContent) -> None:
    pairs = all_suggestions(content)
    kinds = Counter(reason.kind for _, s in pairs for reason in s.reasons)
    assert set(kinds) == set(ReasonKind), kinds
    for own, suggestion in pairs:
        assert suggestion.reasons, (own.id, suggestion.listing.id)
        for reason in suggestion.reasons:
            assert claim_holds(reason, own, suggestion.listing), (own.id, reason)
            assert mentioned(reason) in reason.text, reason
            assert reason.text.endswith("。")


def test_a_listing_is_never_suggested_to_itself_nor_twice(content: SiteContent) -> None:
    for own, suggestions in suggest_partners(content.directory, content.cases, TODAY).items():
        ids = [s.listing.id for s in suggestions]
        assert own not in ids
        assert len(ids) == len(set(ids)) <= suggest.MAX_SUGGESTIONS


def test_suggestions_are_ranked_by_how_many_reasons_apply(content: SiteContent) -> None:
    everyone = profiles(content.directory, content.cases, TODAY)
    found = suggest_partners(content.directory, content.cases, TODAY)
    assert any(len({len(s.reasons) for s in found[p.listing.id]}) > 1 for p in everyone)
    for own in everyone:
        # All pairs, only here: the sample is small enough for the exact answer to be known.
        matches = [(match(own, other), other) for other in everyone if other is not own]
        best = sorted(
            ((m.count, other) for m, other in matches if m.qualifies),
            key=lambda pair: (-pair[0], pair[1].listing.name_kana, pair[1].listing.id),
        )[: suggest.MAX_SUGGESTIONS]
        got = found[own.listing.id]
        assert [s.listing.id for s in got] == [other.listing.id for _, other in best]
        assert [len(s.reasons) for s in got] == [count for count, _ in best]


def fact(reason: Reason, from_the_other_side: bool = False) -> tuple[str, ...]:
    """A reason's claim; seen from the other side, giving is seeking and the cases swap."""
    kind, cases = reason.kind, [c.id for c in (reason.case, reason.own_case) if c]
    if from_the_other_side:
        kind = {ReasonKind.GIVES: ReasonKind.SEEKS, ReasonKind.SEEKS: ReasonKind.GIVES}.get(
            kind, kind
        )
        cases.reverse()
    field, ward = reason.field.code if reason.field else "", reason.ward.name if reason.ward else ""
    return (kind, reason.need, *reason.offers, field, ward, *cases)


def test_the_relation_is_symmetric(content: SiteContent) -> None:
    everyone = profiles(content.directory, content.cases, TODAY)
    for a in everyone:
        for b in everyone:
            if a is b:
                continue
            there, back = match(a, b), match(b, a)
            assert (there.count, there.qualifies) == (back.count, back.qualifies)
            assert Counter(fact(r, True) for r in explain(a, b, there)) == Counter(
                fact(r) for r in explain(b, a, back)
            )


def test_the_count_is_the_number_of_reasons_stated(content: SiteContent) -> None:
    everyone = profiles(content.directory, content.cases, TODAY)
    for a in everyone:
        for b in everyone:
            assert match(a, b).count == len(explain(a, b, match(a, b)))


def comparable(found: dict[str, tuple[Suggestion, ...]]) -> dict[str, list[tuple[str, ...]]]:
    return {
        own: [(s.listing.id, *(r.text for r in s.reasons)) for s in suggestions]
        for own, suggestions in found.items()
    }


def test_stable_across_builds_whatever_the_order_files_are_read_in(content: SiteContent) -> None:
    first = comparable(suggest_partners(content.directory, content.cases, TODAY))
    again = load_content(ROOT)
    shuffled = Directory(
        tuple(random.Random(3).sample(again.directory.groups, len(again.directory.groups))),
        tuple(reversed(again.directory.businesses)),
    )
    assert comparable(suggest_partners(shuffled, tuple(reversed(again.cases)), TODAY)) == first


def test_contact_data_is_never_used(content: SiteContent) -> None:
    def without_contact(item: Listing) -> Listing:
        return replace(item, contact=Contact("別の窓口", "other@example.jp", "022-999-9999"))

    changed = Directory(
        tuple(map(without_contact, content.directory.groups)),  # type: ignore[arg-type]
        tuple(map(without_contact, content.directory.businesses)),  # type: ignore[arg-type]
    )
    assert comparable(suggest_partners(changed, content.cases, TODAY)) == comparable(
        suggest_partners(content.directory, content.cases, TODAY)
    )


@functools.cache
def template(name: str) -> Listing:
    return fixture_listing(name)


def group(listing_id: str, **changes: object) -> Group:
    item = template("golden-group")
    assert isinstance(item, Group)
    return replace(item, **{"id": listing_id, "last_confirmed": TODAY, **changes})  # type: ignore[arg-type]


def business(listing_id: str, **changes: object) -> Business:
    item = template("golden-business")
    assert isinstance(item, Business)
    values = {"id": listing_id, "status": "活動中", "last_confirmed": TODAY, **changes}
    return replace(item, **values)  # type: ignore[arg-type]


def test_dissolved_inactive_and_stale_listings_are_left_out() -> None:
    seeker = group("seeker", needs=("会場",))
    gone = [
        group("dissolved", status="解散"),
        group("resting", status="休止中"),
        group("stale", last_confirmed=datetime.date(2020, 1, 1)),
    ]
    found = suggest_partners(Directory((seeker, *gone), ()), (), TODAY)
    assert set(found) == {"seeker"}
    assert found["seeker"] == ()
    found = suggest_partners(Directory((seeker, group("venue")), ()), (), TODAY)
    assert [s.listing.id for s in found["seeker"]] == ["venue"]


def texts(found: dict[str, tuple[Suggestion, ...]], own: str) -> list[list[str]]:
    return [[r.text for r in s.reasons] for s in found[own]]


def test_reasons_read_as_plain_japanese_from_each_side() -> None:
    seeker = group("seeker", needs=("会場", "担い手"), wards=(wards()["泉区"],))
    firm = business("firm", wards=(wards()["泉区"],), fields=(activity_fields()["children"],))
    found = suggest_partners(Directory((seeker,), (firm,)), (), TODAY)
    assert texts(found, "seeker") == [
        [
            "提供できる支援の「会場提供」が、この団体が求めている「会場」に当たります。",
            "社会貢献のテーマに、この団体の活動分野「子どもの健全育成」を挙げています。",
            "この団体と同じ泉区で活動しています。",
        ]
    ]
    assert texts(found, "firm") == [
        [
            "「会場」を求めています。この事業者の「会場提供」が当たります。",
            "この事業者が社会貢献のテーマにしている「子どもの健全育成」の分野で活動しています。",
            "この事業者と同じ泉区で活動しています。",
        ]
    ]


def case(content: SiteContent, case_id: str, partners: tuple[str, ...], *codes: str) -> CaseStudy:
    return replace(
        content.cases[0],
        id=case_id,
        partners=partners,
        fields=tuple(activity_fields()[code] for code in codes),
    )


def test_common_and_similar_cases_are_reasons_with_their_case(content: SiteContent) -> None:
    a, b, c = group("a", needs=()), group("b", needs=()), group("c", needs=())
    cases = (
        case(content, "together", ("a", "b"), "children"),
        case(content, "apart", ("c",), "children"),
    )
    found = suggest_partners(Directory((a, b, c), ()), cases, TODAY)
    common = [r for r in found["a"][0].reasons if r.kind is ReasonKind.CASE]
    assert [(found["a"][0].listing.id, r.text, r.case.id if r.case else "") for r in common] == [
        ("b", "この団体と一緒に協働した事例があります。", "together")
    ]
    similar = [r for s in found["c"] for r in s.reasons if r.kind is ReasonKind.SIMILAR_CASE]
    assert [(r.text, r.case.id if r.case else "") for r in similar] == [
        (
            "この団体が参加した事例と同じ「子どもの健全育成」の分野の事例に参加しています。",
            "together",
        )
    ] * 2


def test_a_group_pair_needs_more_than_a_shared_field_or_ward() -> None:
    a, b = group("a", needs=(), offers=()), group("b", needs=(), offers=())
    assert suggest_partners(Directory((a, b), ()), (), TODAY) == {"a": (), "b": ()}


def test_the_finder_lists_who_meets_a_need_and_citywide_listings_in_every_ward() -> None:
    local = group("local", offers=("会場",), wards=(wards()["若林区"],))
    citywide = business("citywide", wards=(wards()["市全域"],))
    elsewhere = group("elsewhere", offers=("会場",), wards=(wards()["泉区"],))
    stale = group("stale", offers=("会場",), last_confirmed=datetime.date(2020, 1, 1))
    found = providers(Directory((local, elsewhere, stale), (citywide,)), "会場", TODAY)
    assert [s.listing.id for s in found] == ["local", "elsewhere", "citywide"]
    in_wakabayashi = in_ward(found, wards()["若林区"])
    assert [[r.text for r in s.reasons] for s in in_wakabayashi] == [
        ["「会場」を提供できます。", "若林区で活動しています。"],
        ["提供できる支援の「会場提供」が、「会場」に当たります。", "市全域で活動しています。"],
    ]


def synthetic_directory(count: int) -> Directory:
    """Listings with random wards, fields, offers and needs, made in memory."""
    rng = random.Random(7)
    places, fields = list(wards().values()), list(activity_fields().values())
    resources = ["会場", "ボランティア", "資金・物品", "専門知識", "広報協力", "担い手"]
    offers = list(
        json.loads((SCHEMAS / "business.schema.json").read_text())["properties"]["offers"]["items"][
            "oneOf"
        ]
    )

    def common(number: int) -> dict[str, object]:
        return {
            "name_kana": f"{'あかさたなはまやらわ'[number % 10]}{number}",
            "wards": tuple(rng.sample(places, rng.randint(1, 2))),
            "fields": tuple(rng.sample(fields, rng.randint(1, 3))),
        }

    groups = tuple(
        group(
            f"g{n}",
            offers=tuple(rng.sample(resources, 2)),
            needs=tuple(rng.sample(resources, rng.randint(0, 2))),
            **common(n),
        )
        for n in range(count * 9 // 10)
    )
    firms = tuple(
        business(f"b{n}", offers=tuple(o["const"] for o in rng.sample(offers, 2)), **common(n))
        for n in range(count // 10)
    )
    return Directory(groups, firms)


@pytest.mark.parametrize("count", [400, pytest.param(4000, marks=pytest.mark.slow)])
def test_work_grows_with_the_listings_not_with_their_pairs(
    count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = Counter[str]()

    def counted(own: suggest.Profile, other: suggest.Profile) -> suggest.Match:
        calls["match"] += 1
        return match(own, other)

    monkeypatch.setattr(suggest, "match", counted)
    found = suggest_partners(synthetic_directory(count), (), TODAY)
    assert len(found) == count
    assert all(len(s) == suggest.MAX_SUGGESTIONS for s in found.values())
    assert calls["match"] <= suggest.POOL_SIZE * count < count * (count - 1)


def test_the_quick_score_equals_the_reasons_counted(content: SiteContent) -> None:
    everyone = profiles(content.directory, content.cases, TODAY)
    checked = 0
    for own in everyone:
        for other in everyone:
            found = match(own, other)
            assert suggest.score(own, other) == (found.count if found.qualifies else 0)
            checked += found.qualifies
    assert checked > 100
