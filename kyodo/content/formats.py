"""Formats of dates, years, addresses and phone numbers: normalisation and the reason a value fails."""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import urlsplit

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
# Letters, digits and . _ + - only before the @: a ? or & would add headers (bcc, body) to
# the mailto: link readers click.
_EMAIL = re.compile(
    r"[A-Za-z0-9._+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_PHONE = re.compile(r"0\d{1,4}-\d{1,4}-\d{3,4}|0\d{9,10}")
_HYPHENS = re.compile(r"[‐‑‒–—―−ーｰ－]")


def today() -> datetime.date:
    """The date the content is judged against; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def normalise_phone(value: str) -> str:
    """Full-width digits and the many hyphen look-alikes become ASCII."""
    return _HYPHENS.sub("-", unicodedata.normalize("NFKC", value)).replace(" ", "")


def normalise_email(value: str) -> str:
    """Full-width letters and ＠ become ASCII; surrounding spaces go."""
    return unicodedata.normalize("NFKC", value).strip()


def date_problem(value: str | int) -> str | None:
    """Why a value is not a real, past or present date, or None when it is one."""
    text = str(value)
    if not DATE_PATTERN.fullmatch(text):
        return f"「{text}」は日付の形になっていません。年-月-日の順に半角で書いてください。例: 2026-04-01"
    try:
        parsed = datetime.date.fromisoformat(text)
    except ValueError:
        return (
            f"「{text}」は実在しない日付です。カレンダーにある日付を書いてください。例: 2026-04-01"
        )
    if parsed > today():
        return (
            f"「{text}」は未来の日付です。今日（{today().isoformat()}）までの日付を書いてください。"
        )
    return None


def year_problem(value: str | int) -> str | None:
    """Why a year is in the future, or None."""
    if isinstance(value, int) and value > today().year:
        return f"「{value}」は未来の年です。{today().year}年までの年を書いてください。"
    return None


def email_problem(value: str | int) -> str | None:
    """Why a value is not a plain e-mail address, or None."""
    if _EMAIL.fullmatch(str(value)):
        return None
    return (
        f"「{value}」はメールアドレスの形になっていません。@ の前は半角の英数字と . _ + - だけで書いてください"
        "（? や & は使えません）。例: info@komadorioka.example.jp"
    )


def url_problem(value: str | int) -> str | None:
    """Why a value is not an https address a reader can safely open, or None."""
    text = str(value)
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return (
            f"「{text}」は使えないリンクです（{parts.scheme}: で始まっています）。"
            "https:// で始まるアドレスだけを書けます。"
        )
    if not scheme or not parts.netloc or any(c.isspace() or c == "\\" for c in text):
        return (
            f"「{text}」はアドレス（URL）の形になっていません。"
            "ブラウザーのアドレス欄から https:// を含めてコピーしてください。例: https://komadorioka.example.jp/"
        )
    if "@" in parts.netloc:
        return (
            f"「{text}」には「@」の前に名前やパスワードが入っています。"
            "別のサイトに見せかけられるため使えません。「@」より前を消して、https:// のあとにサイトの名前が来るようにしてください。"
        )
    if scheme == "http":
        return (
            f"「{text}」は暗号化されていない http:// のアドレスです。"
            "https:// で始まるアドレスを書いてください（サイトが https に対応していなければ、この項目は書かずにおいてください）。"
        )
    return None


def phone_problem(value: str | int) -> str | None:
    """Why a (normalised) value is not a Japanese phone number, or None."""
    if _PHONE.fullmatch(str(value)) and 10 <= sum(c.isdigit() for c in str(value)) <= 11:
        return None
    return (
        f"「{value}」は電話番号の形になっていません。"
        "市外局番から、数字とハイフンで書いてください。例: 022-000-0000"
    )


FORMAT_PROBLEMS: dict[str, Callable[[str | int], str | None]] = {
    "date": date_problem,
    "past-year": year_problem,
    "email": email_problem,
    "uri": url_problem,
    "phone": phone_problem,
}
