"""Rules over whole listings and across listings: ids, consent, names told apart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from kyodo.content.characters import identity
from kyodo.content.problems import Problem
from kyodo.content.schema import properties
from kyodo.content.validation import SchemaFile, field_name

# Names the site gives its own pages beside the listings' (directory/businesses/all/ …), and
# numbers, which name the later pages of a long list (directory/groups/2/): a listing with
# such an id would clash with a list page. tests/test_directory_site.py checks that every
# other page in the listing folders uses a name from this set.
RESERVED_IDS = frozenset(
    {"index", "all", "theme", "offer", "ward", "field", "kind", "kana", "groups", "businesses"}
)


def id_problems(listing: SchemaFile, stem: str) -> list[Problem]:
    """The id matches the file name and is not a name the site uses for its own pages."""
    listing_id, field = listing.data.get("id"), field_name(listing.schema, ("id",))
    if listing_id != stem:
        return [
            listing.problem(
                ("id",),
                f"{field} の「{listing_id}」がファイル名「{stem}.yml」と違います。"
                "ID とファイル名（.yml を除いた部分）を同じにしてください。",
            )
        ]
    if isinstance(listing_id, str) and listing_id.isdecimal():
        return [
            listing.problem(
                ("id",),
                f"{field} の「{listing_id}」は数字だけなので使えません"
                "（数字だけの名前は、長い一覧の2ページ目以降のアドレスに使います）。"
                "団体名をもとにした、英字を含む ID にして、ファイル名も同じ名前に変えてください。",
            )
        ]
    if listing_id in RESERVED_IDS:
        return [
            listing.problem(
                ("id",),
                f"{field} の「{listing_id}」は、サイトの一覧ページの名前なので使えません"
                f"（使えない ID: {', '.join(sorted(RESERVED_IDS))}）。"
                "団体名をもとにした別の ID にして、ファイル名も同じ名前に変えてください。",
            )
        ]
    return []


def consent_problems(listing: SchemaFile) -> list[Problem]:
    """Every contact part written without the consent to publish it."""
    data = listing.data
    consented = set((data.get("consent") or {}).get("fields") or [])
    declared = properties(listing.schema, ("contact",)).keys()
    return [
        listing.problem(
            ("contact", part),
            f"{field_name(listing.schema, ('contact', part))} を公開する同意が記録されていません。"
            f"掲載同意 (consent) の fields に {part} を書き加えてください。"
            "同意がない場合はこの行を消してください（このファイルは誰でも見られます）。",
            key=True,
        )
        for part in sorted((data.get("contact") or {}).keys() & declared - consented)
    ]


def consented_contact(listing: SchemaFile) -> list[str]:
    """The contact details the listing may publish, and so may also repeat in its prose."""
    consented = set((listing.data.get("consent") or {}).get("fields") or [])
    contact = listing.data.get("contact") or {}
    return [str(v) for k, v in contact.items() if k in consented and isinstance(v, str)]


def _grouped(listings: Iterable[SchemaFile], key: str, fold: bool) -> list[list[SchemaFile]]:
    found: dict[str, list[SchemaFile]] = {}
    for listing in listings:
        value = listing.data.get(key)
        if isinstance(value, str):
            found.setdefault(identity(value) if fold else value, []).append(listing)
    return [users for users in found.values() if len(users) > 1]


def duplicate_id_problems(listings: Iterable[SchemaFile]) -> list[Problem]:
    """Report an id used by more than one listing on each file that must change.

    A file whose name matches the id keeps it; the others are told to change. When every
    file's name matches (the same id in two folders), each is told about the others.
    """
    problems = []
    for users in _grouped(listings, "id", fold=False):
        listing_id = users[0].data["id"]
        owners = [u for u in users if Path(u.name).stem == listing_id]
        keeper = owners[0] if len(owners) == 1 else None
        for user in users:
            others = [o.name for o in ([keeper] if keeper else users) if o is not user]
            if user is not keeper and others:
                problems.append(
                    user.problem(
                        ("id",),
                        f"{field_name(user.schema, ('id',))} の「{listing_id}」は {'、'.join(others)} でも使われています。"
                        "ほかと重ならない ID にして、ファイル名も同じ名前に変えてください。",
                    )
                )
    return problems


def duplicate_name_problems(listings: Sequence[SchemaFile]) -> list[Problem]:
    """Report names that readers could not tell apart, on every file that uses one."""
    problems = []
    for users in _grouped(listings, "name", fold=True):
        for user in users:
            others = "、".join(f"{o.name} の「{o.data['name']}」" for o in users if o is not user)
            problems.append(
                user.problem(
                    ("name",),
                    f"{field_name(user.schema, ('name',))} の「{user.data['name']}」は {others}と同じ名前とみなされます"
                    "（全角と半角、ひらがなとカタカナ、空白や記号、見えない文字の違いは区別しません）。"
                    "ほかの団体と見分けられる名前にしてください。同じ団体なら、どちらか一方のファイルを消してください。",
                )
            )
    return problems
