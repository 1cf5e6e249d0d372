"""Load, validate and model every listing under `directory/`."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kyodo.content import yamlfile
from kyodo.content.problems import Problem, in_file_order, relative_name
from kyodo.content.schema import properties
from kyodo.content.validation import SchemaFile, field_name, read_document
from kyodo.content.vocabulary import activity_fields, wards
from kyodo.domain.directory.model import Business, Consent, Contact, Directory, Group, Listing

# Folder under directory/ → schema that its files follow.
KINDS = {"groups": "group", "businesses": "business"}
TEMPLATE_NAME = "_template.yml"


def listing_paths(root: Path) -> list[tuple[Path, str]]:
    """Every file in the listing folders with the schema it must follow; templates excluded."""
    return [
        (path, schema)
        for folder, schema in KINDS.items()
        for path in sorted((root / folder).glob("*"))
        if path.is_file() and not path.name.startswith(("_", "."))
    ]


def _folder(schema: str) -> str:
    return next(folder for folder, name in KINDS.items() if name == schema)


def _rule_problems(listing: SchemaFile, stem: str) -> list[Problem]:
    """Rules that span fields: the id matches the file name; published contacts are consented."""
    data, document, problems = listing.data, listing.document, []
    if data.get("id") != stem:
        where = document.position(("id",))
        problems.append(
            Problem(
                listing.name,
                where.line,
                where.column,
                f"{field_name(listing.schema, ('id',))} の「{data.get('id')}」がファイル名「{stem}.yml」と違います。"
                "ID とファイル名（.yml を除いた部分）を同じにしてください。",
            )
        )
    consented = set((data.get("consent") or {}).get("fields") or [])
    declared = properties(listing.schema, ("contact",)).keys()
    for part in sorted((data.get("contact") or {}).keys() & declared - consented):
        where = document.position(("contact", part), key=True)
        problems.append(
            Problem(
                listing.name,
                where.line,
                where.column,
                f"{field_name(listing.schema, ('contact', part))} を公開する同意が記録されていません。"
                f"掲載同意 (consent) の fields に {part} を書き加えてください。"
                "同意がない場合はこの行を消してください（このファイルは誰でも見られます）。",
            )
        )
    return problems


def read_listing(path: Path, schema: str, root: Path) -> tuple[SchemaFile | None, list[Problem]]:
    """Read one listing file and report everything wrong with it."""
    name = relative_name(path, root)
    if path.suffix != ".yml":
        message = f"拡張子が .yml ではないため読み込まれません。ファイル名を「{path.stem.split('.')[0]}.yml」にしてください。"
        return None, [Problem(name, 1, 1, message)]
    text, problems = yamlfile.decode(path.read_bytes(), name)
    if text is None:
        return None, problems
    template = f"directory/{_folder(schema)}/{TEMPLATE_NAME}"
    listing, problems = read_document(text, name, schema, template, "「id: …」「name: …」")
    return listing, problems + (_rule_problems(listing, path.stem) if listing else [])


def duplicate_id_problems(listings: Iterable[SchemaFile]) -> list[Problem]:
    """Report an id used by more than one listing on each file that must change.

    A file whose name matches the id keeps it; the others are told to change. When every
    file's name matches (the same id in two folders), each is told about the others.
    """
    by_id: dict[str, list[SchemaFile]] = {}
    for listing in listings:
        if isinstance(listing.data.get("id"), str):
            by_id.setdefault(listing.data["id"], []).append(listing)
    problems = []
    for listing_id, users in by_id.items():
        owners = [u for u in users if Path(u.name).stem == listing_id]
        keeper = owners[0] if len(owners) == 1 else None
        for user in users:
            if user is keeper:
                continue
            others = "、".join(o.name for o in ([keeper] if keeper else users) if o is not user)
            if others:
                problems.append(_duplicate_problem(user, listing_id, others))
    return problems


def _duplicate_problem(listing: SchemaFile, listing_id: str, others: str) -> Problem:
    where = listing.document.position(("id",))
    return Problem(
        listing.name,
        where.line,
        where.column,
        f"{field_name(listing.schema, ('id',))} の「{listing_id}」は {others} でも使われています。"
        "ほかと重ならない ID にして、ファイル名も同じ名前に変えてください。",
    )


def _common(data: dict[str, Any], source: str) -> dict[str, Any]:
    consent = data["consent"]
    consented = set(consent.get("fields", []))
    contact = {k: v for k, v in (data.get("contact") or {}).items() if k in consented}
    return {
        "id": data["id"],
        "name": data["name"],
        "name_kana": data["name_kana"],
        "wards": tuple(wards()[name] for name in data["wards"]),
        "summary": data["summary"],
        "description": data.get("description", ""),
        "offers": tuple(data.get("offers", [])),
        "offers_note": data.get("offers_note", ""),
        "contact": Contact(**contact),
        "website": data.get("website"),
        "sns": tuple(data.get("sns", [])),
        "status": data["status"],
        "last_confirmed": datetime.date.fromisoformat(data["last_confirmed"]),
        "consent": Consent(
            consent["given_by"],
            datetime.date.fromisoformat(consent["date"]),
            tuple(consent.get("fields", [])),
        ),
        "maintainers": tuple(data.get("maintainers", [])),
        "corporate_number": data.get("corporate_number"),
        "source": source,
    }


def to_listing(listing: SchemaFile) -> Listing:
    """Model a validated listing."""
    data, common = listing.data, _common(listing.data, listing.name)
    if listing.schema == "business":
        themes = tuple(activity_fields()[code] for code in data["csr_themes"])
        return Business(**common, fields=themes, industry=data["industry"])
    return Group(
        **common,
        fields=tuple(activity_fields()[code] for code in data["fields"]),
        kind=data["kind"],
        needs=tuple(data.get("needs", [])),
        needs_note=data.get("needs_note", ""),
        founded=data.get("founded"),
        members=data.get("members"),
    )


def check_directory(root: Path, repo: Path) -> tuple[Directory, list[Problem]]:
    """Read every listing; return the valid ones modelled, and every problem found."""
    read = [read_listing(path, schema, repo) for path, schema in listing_paths(root)]
    problems = [problem for _, found in read for problem in found]
    files = [listing for listing, _ in read if listing is not None]
    problems += duplicate_id_problems(files)
    bad = {problem.file for problem in problems}
    valid = [to_listing(listing) for listing in files if listing.name not in bad]
    directory = Directory(
        groups=tuple(item for item in valid if isinstance(item, Group)),
        businesses=tuple(item for item in valid if isinstance(item, Business)),
    )
    return directory, in_file_order(problems)
