"""Contact details typed into free text: phone numbers, e-mail addresses and street addresses.

The repository is public and its history permanent, so such details belong only in a
listing's consented `contact`, never in prose."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

_HYPHENS = re.compile(r"[‐‑‒–—―−ーｰ－]")
# A Japanese phone number with its separators: 0 + area code, or a mobile/free-dial prefix.
_PHONE = re.compile(r"(?<![\d-])0\d{1,4}[-(（ ]?\d{1,4}[-)） ]?\d{3,4}(?![\d-])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A street address: a block number written with 丁目/番地/番…号, or a chome-ban-go triple.
_ADDRESS = re.compile(
    r"\d{1,4}丁目\s?\d{1,4}(?:番地?(?:\s?\d{1,4}号?)?|[-の]\d{1,4}(?:-\d{1,4})?)"
    r"|\d{1,5}番地(?:の\d{1,4})?"
    r"|\d{1,4}番\d{1,4}号"
    r"|[\u3005\u4e00-\u9fff\u30a0-\u30ff]{1,12}(?:町|丁目|台|丘|野|坂|原|沢|浜|通|村)"
    r"\s?\d{1,4}-\d{1,4}(?:-\d{1,4})?(?!\d)"
)


@dataclass(frozen=True)
class Finding:
    """A contact detail found in text: what kind, and the text as written."""

    kind: str
    text: str


KIND_NAMES = {"phone": "電話番号", "email": "メールアドレス", "address": "住所（番地）"}


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


_HINT = re.compile(r"[0-9０-９@＠]")


def may_hold_contact_details(text: str) -> bool:
    """Whether text has a digit or an at sign, without which it holds no contact detail."""
    return _HINT.search(text) is not None


def contact_details(text: str, allowed: Collection[str] = ()) -> list[Finding]:
    """Every phone number, e-mail address and street address in `text`, in order, except
    those in `allowed` (a listing's own consented contact, compared without separators)."""
    normal = _HYPHENS.sub("-", unicodedata.normalize("NFKC", text))
    allowed_keys = {_digits(a) or a.lower() for a in allowed}
    found: list[tuple[int, Finding]] = []
    for kind, pattern in (("email", _EMAIL), ("phone", _PHONE), ("address", _ADDRESS)):
        for match in pattern.finditer(normal):
            key = match[0].lower() if kind == "email" else _digits(match[0])
            if kind == "phone" and not 10 <= len(key) <= 11:
                continue
            if key not in allowed_keys and not _inside(match.start(), found):
                found.append((match.start(), Finding(kind, match[0])))
    return [finding for _, finding in sorted(found, key=lambda item: item[0])]


def _inside(start: int, found: list[tuple[int, Finding]]) -> bool:
    """Whether a match starts inside one found before (digits of an address in an e-mail)."""
    return any(at <= start < at + len(finding.text) for at, finding in found)
