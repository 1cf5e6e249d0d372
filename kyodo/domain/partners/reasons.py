"""Why two listings could work together, as data and as a plain Japanese sentence.

Every sentence is written from the page of one listing ("own") about another ("other"); on
the partner finder there is no own listing, and the sentences speak of the other alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kyodo.content.vocabulary import ActivityField, Ward
from kyodo.domain.cases.model import CaseStudy
from kyodo.domain.directory.model import Business, Listing

CITYWIDE = "市全域"


class ReasonKind(StrEnum):
    """The kinds of reason, in the order a suggestion lists them."""

    CASE = "case"
    GIVES = "gives"
    SEEKS = "seeks"
    SIMILAR_CASE = "similar-case"
    FIELD = "field"
    WARD = "ward"


@dataclass(frozen=True)
class Reason:
    """One statement about the other listing: what it claims (the data) and how it reads.

    GIVES: the other's `offers` meet own's `need`. SEEKS: the other seeks `need`, which own's
    `offers` meet. FIELD, WARD: both have `field`, `ward`. CASE: both took part in `case`.
    SIMILAR_CASE: the other took part in `case` and own in `own_case`, both in `field`.
    """

    kind: ReasonKind
    text: str
    need: str = ""
    offers: tuple[str, ...] = ()
    field: ActivityField | None = None
    ward: Ward | None = None
    case: CaseStudy | None = None
    own_case: CaseStudy | None = None


def noun(listing: Listing) -> str:
    """団体 or 事業者, as pages call a listing."""
    return "事業者" if isinstance(listing, Business) else "団体"


def _quoted(values: tuple[str, ...]) -> str:
    return "".join(f"「{value}」" for value in values)


def gives(own: Listing | None, need: str, offers: tuple[str, ...]) -> Reason:
    """The other's offers meet a need of own (on the finder: the need chosen)."""
    whose = f"この{noun(own)}が求めている" if own else ""
    text = (
        f"{whose}「{need}」を提供できます。"
        if offers == (need,)
        else f"提供できる支援の{_quoted(offers)}が、{whose}「{need}」に当たります。"
    )
    return Reason(ReasonKind.GIVES, text, need=need, offers=offers)


def seeks(own: Listing, need: str, offers: tuple[str, ...]) -> Reason:
    """The other seeks something own's offers meet."""
    text = (
        f"この{noun(own)}が提供できる「{need}」を求めています。"
        if offers == (need,)
        else f"「{need}」を求めています。この{noun(own)}の{_quoted(offers)}が当たります。"
    )
    return Reason(ReasonKind.SEEKS, text, need=need, offers=offers)


# (own's noun, or "" on the finder; whether the other is a business) → the sentence.
_FIELD_TEXTS = {
    ("", False): "「{label}」の分野で活動しています。",
    ("", True): "社会貢献のテーマに「{label}」を挙げています。",
    ("団体", False): "この団体と同じ「{label}」の分野で活動しています。",
    ("団体", True): "社会貢献のテーマに、この団体の活動分野「{label}」を挙げています。",
    ("事業者", False): "この事業者が社会貢献のテーマにしている「{label}」の分野で活動しています。",
    ("事業者", True): "この事業者と同じ「{label}」を社会貢献のテーマにしています。",
}


def shared_field(own: Listing | None, business: bool, field: ActivityField) -> Reason:
    """Both work in a field; `business`: the other is a business, whose fields are CSR themes."""
    text = _FIELD_TEXTS[(noun(own) if own else "", business)].format(label=field.label)
    return Reason(ReasonKind.FIELD, text, field=field)


def shared_ward(own: Listing | None, ward: Ward) -> Reason:
    """Both work in a ward (or both citywide)."""
    if own is None:
        text = f"{ward.name}で活動しています。"
    elif ward.name == CITYWIDE:
        text = f"この{noun(own)}と同じく市全域で活動しています。"
    else:
        text = f"この{noun(own)}と同じ{ward.name}で活動しています。"
    return Reason(ReasonKind.WARD, text, ward=ward)


def common_case(own: Listing, case: CaseStudy) -> Reason:
    """Both took part in the same case."""
    return Reason(ReasonKind.CASE, f"この{noun(own)}と一緒に協働した事例があります。", case=case)


def similar_case(
    own: Listing, field: ActivityField, case: CaseStudy, own_case: CaseStudy
) -> Reason:
    """The other took part in a case of a field in which own also took part in one."""
    text = f"この{noun(own)}が参加した事例と同じ「{field.label}」の分野の事例に参加しています。"
    return Reason(ReasonKind.SIMILAR_CASE, text, field=field, case=case, own_case=own_case)
