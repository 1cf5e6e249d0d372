"""Load, validate and model every listing under `directory/`."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kyodo.content import yamlfile
from kyodo.content.files import content_files
from kyodo.content.problems import Problem, in_file_order, relative_name
from kyodo.content.validation import SchemaFile, quick_document, read_document
from kyodo.content.value_rules import value_problems
from kyodo.content.vocabulary import activity_fields, wards
from kyodo.domain.directory.model import Business, Consent, Contact, Directory, Group, Listing
from kyodo.domain.directory.rules import (
    consent_problems,
    consented_contact,
    duplicate_id_problems,
    duplicate_name_problems,
    id_problems,
)

# Folder under directory/ → schema that its files follow.
KINDS = {"groups": "group", "businesses": "business"}
TEMPLATE_NAME = "_template.yml"


# A listing is a few kilobytes; far more is a mistake or an attack.
LISTING_LIMIT_BYTES = 64 * 1024


def listing_paths(root: Path, repo: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every listing file with the schema it must follow, and a problem for anything else
    found in the listing folders."""
    paths, problems = [], []
    for folder, schema in KINDS.items():
        found, unused = content_files(root / folder, repo, ".yml", TEMPLATE_NAME)
        paths += [(path, schema) for path in found]
        problems += unused
    return paths, problems


def _folder(schema: str) -> str:
    return next(folder for folder, name in KINDS.items() if name == schema)


class ReadCache:
    """Listing files read before, reused while a file's size and modification time stay the
    same: a preview server re-reads only the files that were saved since its last build."""

    def __init__(self) -> None:
        self._reads: dict[Path, tuple[tuple[str, int, int], Read]] = {}

    def read(self, path: Path, schema: str, root: Path) -> Read:
        """`read_listing`, or what it gave for the same file last time."""
        return self.read_all([(path, schema)], root)[0]

    def read_all(
        self, paths: Sequence[tuple[Path, str]], root: Path, read_all: ReadAll | None = None
    ) -> list[Read]:
        """`read` of each file, in order; the files not kept are read together by `read_all`
        (by default `read_listings`)."""
        keys = {}
        for path, schema in paths:
            status = path.stat()
            keys[path] = (schema, status.st_mtime_ns, status.st_size)
        stale = [(p, s) for p, s in paths if self._reads.get(p, (None,))[0] != keys[p]]
        fresh = (read_all or read_listings)(stale, root)
        for (path, _), read in zip(stale, fresh, strict=True):
            self._reads[path] = (keys[path], read)
        return [self._reads[path][1] for path, _ in paths]

    def keep_only(self, paths: set[Path]) -> None:
        """Forget the files that are gone."""
        self._reads = {path: kept for path, kept in self._reads.items() if path in paths}


Read = tuple[SchemaFile | None, list[Problem]]
# Reads listing files (path and schema) of the repository at a root, in their order.
ReadAll = Callable[[Sequence[tuple[Path, str]], Path], list[Read]]


def read_listings(paths: Sequence[tuple[Path, str]], root: Path) -> list[Read]:
    """`read_listing` of each file, in order."""
    return [read_listing(path, schema, root) for path, schema in paths]


def read_listing(path: Path, schema: str, root: Path) -> Read:
    """Read one listing file and report everything wrong with it."""
    name = relative_name(path, root)
    content = path.read_bytes()
    too_big = yamlfile.size_problem(content, name, LISTING_LIMIT_BYTES)
    if too_big:
        return None, [too_big]
    text, problems = yamlfile.decode(content, name)
    if text is None:
        return None, problems
    return read_listing_text(text, name, schema, path.stem)


def read_listing_text(
    text: str, name: str, schema: str, stem: str
) -> tuple[SchemaFile | None, list[Problem]]:
    """Check the text of a listing file called `name` whose file name without .yml is `stem`."""
    quick = quick_document(text, name, schema)
    if quick is not None and not _rule_problems(quick, stem):
        return quick, []
    template = f"directory/{_folder(schema)}/{TEMPLATE_NAME}"
    listing, problems = read_document(text, name, schema, template, "「id: …」「name: …」")
    if listing is None:
        return None, problems
    return listing, problems + _rule_problems(listing, stem)


def _rule_problems(listing: SchemaFile, stem: str) -> list[Problem]:
    own = consented_contact(listing)
    return [
        *id_problems(listing, stem),
        *consent_problems(listing),
        *value_problems(listing.data, listing.schema, listing.document, listing.name, own),
    ]


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


def check_directory(
    root: Path, repo: Path, reads: ReadCache | None = None, read_all: ReadAll = read_listings
) -> tuple[Directory, list[Problem]]:
    """Read every listing with `read_all` (those `reads`, when given, does not keep); return
    the valid ones modelled, and every problem found."""
    paths, problems = listing_paths(root, repo)
    if reads:
        read = reads.read_all(paths, repo, read_all)
        reads.keep_only({path for path, _ in paths})
    else:
        read = read_all(paths, repo)
    problems += [problem for _, found in read for problem in found]
    files = [listing for listing, _ in read if listing is not None]
    problems += duplicate_id_problems(files) + duplicate_name_problems(files)
    bad = {problem.file for problem in problems}
    valid = [to_listing(listing) for listing in files if listing.name not in bad]
    directory = Directory(
        groups=tuple(item for item in valid if isinstance(item, Group)),
        businesses=tuple(item for item in valid if isinstance(item, Business)),
    )
    return directory, in_file_order(problems)
