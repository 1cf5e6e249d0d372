"""The reminder issue and the two thresholds: 12 months to a reminder, 24 months to a mark."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from kyodo.contributions.reminders import MAX_LISTED, due_listings, reminder_body, update_link
from kyodo.domain.directory.model import Listing, months_later
from kyodo.domain.site_content import load_content
from tests.conftest import ROOT

TODAY = datetime.date(2026, 11, 28)
SAMPLE = load_content(ROOT).directory
SITE = ("kyodo-admin",)
REPO = "https://github.com/example/kyodo"


def listing(
    confirmed: datetime.date, maintainers: tuple[str, ...] = ("sakura-office",), **changes: object
) -> Listing:
    base = SAMPLE.groups[0]
    return dataclasses.replace(base, last_confirmed=confirmed, maintainers=maintainers, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2025, 11, 28), 12, datetime.date(2026, 11, 28)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 2, 29), 24, datetime.date(2026, 2, 28)),
        (datetime.date(2025, 1, 31), 1, datetime.date(2025, 2, 28)),
        (datetime.date(2025, 12, 15), 1, datetime.date(2026, 1, 15)),
    ],
)
def test_months_later(day: datetime.date, months: int, expected: datetime.date) -> None:
    assert months_later(day, months) == expected


def test_review_after_twelve_months_and_marked_after_twenty_four() -> None:
    exactly_a_year = listing(datetime.date(2025, 11, 28))
    a_day_more = listing(datetime.date(2025, 11, 27))
    assert not exactly_a_year.review_due(TODAY) and a_day_more.review_due(TODAY)
    assert not a_day_more.is_stale(TODAY)
    assert not listing(datetime.date(2024, 11, 28)).is_stale(TODAY)
    assert listing(datetime.date(2024, 11, 27)).is_stale(TODAY)


def test_due_listings_oldest_first_without_dissolved_groups() -> None:
    old = listing(datetime.date(2024, 1, 5), id="old")
    older = listing(datetime.date(2023, 6, 1), id="older")
    dissolved = listing(datetime.date(2023, 1, 1), id="gone", status="解散")
    fresh = listing(datetime.date(2026, 6, 1), id="fresh")
    assert [item.id for item in due_listings([old, fresh, dissolved, older], TODAY)] == [
        "older",
        "old",
    ]


def test_the_body_mentions_the_maintainers_and_links_the_filled_form() -> None:
    item = listing(datetime.date(2025, 9, 30), ("sakura-office", "sakura-kaicho"))
    body = reminder_body([item], TODAY, REPO, SITE)
    assert body.splitlines()[0] == (
        "最終確認日から12か月を過ぎた掲載が1件あります（2026-11-28 の時点。この issue は毎週自動で書き直します）。"
    )
    assert body.splitlines()[4] == (
        f"- [ ] {item.name}（`{item.source}`、最終確認日 2025-09-30） — @sakura-office @sakura-kaicho — "
        f"[確認・更新の用紙]({REPO}/issues/new?template=group-update.yml&id={item.id})"
    )


def test_a_listing_over_twenty_four_months_says_it_is_marked() -> None:
    body = reminder_body([listing(datetime.date(2024, 10, 1))], TODAY, REPO, SITE)
    assert body.splitlines()[4].endswith(
        "**24か月を過ぎたため、サイトに「情報が古い可能性があります」と表示しています。**"
    )


def test_a_listing_without_maintainers_falls_to_the_site_maintainers() -> None:
    body = reminder_body([listing(datetime.date(2025, 1, 1), ())], TODAY, REPO, SITE)
    assert "編集担当が登録されていません（サイト管理者 @kyodo-admin が連絡します）" in body


def test_nothing_due() -> None:
    assert reminder_body([listing(TODAY)], TODAY, REPO, SITE) == (
        "2026-11-28 の時点で、確認が必要な掲載はありません。\n"
    )


def test_the_list_is_bounded() -> None:
    many = [listing(datetime.date(2025, 1, 1), id=f"g{n}") for n in range(MAX_LISTED + 5)]
    body = reminder_body(many, TODAY, REPO, SITE)
    assert body.count("- [ ] ") == MAX_LISTED
    assert "ほかに5件あります（最終確認日の古い順に200件を載せています）。" in body


def test_business_listings_link_the_business_form() -> None:
    business = SAMPLE.businesses[0]
    assert update_link(business, REPO) == (
        f"{REPO}/issues/new?template=business-update.yml&id={business.id}"
    )
