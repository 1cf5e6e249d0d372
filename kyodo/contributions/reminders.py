"""The standing reminder issue: listings whose last confirmation is over REVIEW_AFTER_MONTHS old."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlencode

from kyodo.domain.directory.model import (
    REVIEW_AFTER_MONTHS,
    STALE_AFTER_MONTHS,
    Business,
    Listing,
)

REMINDER_TITLE = "掲載内容の確認のお願い"
REMINDER_LABEL = "掲載内容の確認"
# One issue body holds at most 65,536 characters; the oldest listings come first.
MAX_LISTED = 200


def due_listings(listings: Iterable[Listing], today: datetime.date) -> list[Listing]:
    """Listings due for review (dissolved groups excepted), the longest unconfirmed first."""
    due = [item for item in listings if item.status != "解散" and item.review_due(today)]
    return sorted(due, key=lambda item: (item.last_confirmed, item.id))


def update_link(listing: Listing, repo_url: str) -> str:
    """The update form, with the listing's ID already filled in."""
    form = "business-update.yml" if isinstance(listing, Business) else "group-update.yml"
    return f"{repo_url.rstrip('/')}/issues/new?{urlencode({'template': form, 'id': listing.id})}"


def _line(listing: Listing, today: datetime.date, repo_url: str, site: tuple[str, ...]) -> str:
    who = (
        " ".join(f"@{login}" for login in listing.maintainers)
        if listing.maintainers
        else f"編集担当が登録されていません（サイト管理者 {' '.join(f'@{s}' for s in site)} が連絡します）"
    )
    stale = (
        f" **{STALE_AFTER_MONTHS}か月を過ぎたため、サイトに「情報が古い可能性があります」と表示しています。**"
        if listing.is_stale(today)
        else ""
    )
    return (
        f"- [ ] {listing.name}（`{listing.source}`、最終確認日 {listing.last_confirmed.isoformat()}）"
        f" — {who} — [確認・更新の用紙]({update_link(listing, repo_url)}){stale}"
    )


def reminder_body(
    listings: Iterable[Listing], today: datetime.date, repo_url: str, site: tuple[str, ...]
) -> str:
    """The Markdown body of the reminder issue; it says so when nothing is due."""
    due = due_listings(listings, today)
    if not due:
        return f"{today.isoformat()} の時点で、確認が必要な掲載はありません。\n"
    shown = [_line(item, today, repo_url, site) for item in due[:MAX_LISTED]]
    rest = len(due) - len(shown)
    more = (
        ["", f"ほかに{rest}件あります（最終確認日の古い順に{MAX_LISTED}件を載せています）。"]
        if rest
        else []
    )
    return "\n".join(
        [
            f"最終確認日から{REVIEW_AFTER_MONTHS}か月を過ぎた掲載が{len(due)}件あります"
            f"（{today.isoformat()} の時点。この issue は毎週自動で書き直します）。",
            "",
            "編集担当の方は、掲載内容を確かめて、リンク先の「掲載内容の更新」の用紙を送ってください。"
            "内容に変わりがなければ、ID のほかは空欄のまま「確認」に印を付けて送るだけで、最終確認日が今日になります。"
            f"{STALE_AFTER_MONTHS}か月を過ぎると、サイトの一覧とページに「情報が古い可能性があります」と表示します。",
            "",
            *shown,
            *more,
            "",
        ]
    )
