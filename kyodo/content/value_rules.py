"""Rules every value a contributor writes must keep, whatever its field: no control or hidden
characters, and no contact details typed into prose."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

from kyodo.content import schema as schemas
from kyodo.content.characters import bidi_in, control_in, has_unusual_characters, hidden_in
from kyodo.content.personal_data import (
    KIND_NAMES,
    Finding,
    contact_details,
    may_hold_contact_details,
)
from kyodo.content.problems import Problem
from kyodo.content.validation import field_name
from kyodo.content.yamlfile import Path_, YamlDocument

# Values that name or address something: a hidden character there makes one look like another.
IDENTITY_KEYS = frozenset({"id", "name", "name_kana", "title", "given_by"})
IDENTITY_FORMATS = frozenset({"uri", "email", "phone"})
# Fields where contact details belong, and so are not searched for them.
CONTACT_KEYS = frozenset({"contact", "consent", "maintainers", "website", "sns"})


def strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value in the data with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def _is_identity(schema: str, path: Path_) -> bool:
    node = schemas.subschema(schema, path) or {}
    key = next((step for step in reversed(path) if isinstance(step, str)), "")
    return key in IDENTITY_KEYS or node.get("format") in IDENTITY_FORMATS


def character_message(field: str, value: str, identity: bool) -> str | None:
    """Why a value's characters cannot be published, or None."""
    control = control_in(value)
    if control:
        return (
            f"{field} に制御文字（{control}）が含まれています。画面に見えない文字なので、"
            "この値を消して、キーボードで入力し直してください。"
        )
    hidden = hidden_in(value) if identity else bidi_in(value)
    if hidden:
        return (
            f"{field} に見えない文字（{hidden}）が含まれています。文字の並びを入れ替えたり、"
            "ほかの名前に見せかけたりできるため使えません。この値を入力し直してください。"
        )
    return None


def personal_data_message(field: str, finding: Finding, listing: bool) -> str:
    """Why a contact detail in prose cannot be published, and what to do instead."""
    kind = KIND_NAMES[finding.kind]
    instead = (
        "団体の窓口として公開する連絡先は contact に書き、consent の fields に記録してください。"
        if listing
        else "事例には連絡先を書けません。団体の名前（名簿へのリンク）で書いてください。"
    )
    return (
        f"{field} に{kind}「{finding.text}」が書かれています。このファイルは誰でも見られ、"
        f"変更の履歴も消せないため、本文に連絡先や住所は書けません。{instead}"
    )


def _message(
    schema: str, path: Path_, value: str, own: Collection[str], *, characters: bool
) -> str | None:
    if characters:
        message = character_message(field_name(schema, path), value, _is_identity(schema, path))
        if message:
            return message
    if CONTACT_KEYS & {s for s in path if isinstance(s, str)}:
        return None
    found = contact_details(value, own)
    return (
        personal_data_message(field_name(schema, path), found[0], schema != "case")
        if found
        else None
    )


def value_problems(
    data: dict[str, Any], schema: str, document: YamlDocument, file: str, own: Collection[str]
) -> list[Problem]:
    """Every value that breaks the rules above; `own` are the contact details the file may
    repeat in prose (a listing's consented contact)."""
    problems = []
    for path, value in strings(data):
        # Most values hold neither odd characters nor anything like a contact detail: two
        # quick searches let them pass without the closer look.
        characters = has_unusual_characters(value)
        if not characters and not may_hold_contact_details(value):
            continue
        message = _message(schema, path, value, own, characters=characters)
        if message:
            where = document.position(path)
            problems.append(Problem(file, where.line, where.column, message))
    return problems


# How messages name the Markdown body below a case's front matter.
BODY = "本文 (body)"
# Markup typed into a Markdown body: tags, comments, processing instructions (autolinks such
# as <https://…> are Markdown's own and allowed).
_MARKUP = re.compile(r"<(?!https://|mailto:)[A-Za-z!/?][^>\n]*>?")


def body_problems(body: str, file: str, first_line: int) -> list[Problem]:
    """Every line of a Markdown body (a case narrative) that breaks the rules above, or that
    carries HTML, which is shown as plain text, never run."""
    problems = []
    for number, line in enumerate(body.split("\n"), start=first_line):
        message = character_message(BODY, line, identity=False)
        found = contact_details(line)
        markup = _MARKUP.search(line)
        if message is None and found:
            message = personal_data_message(BODY, found[0], listing=False)
        if message is None and markup:
            message = (
                f"{BODY} に HTML「{markup[0][:40]}」が書かれています。HTML は使えません（画面には文字のまま"
                "表示されます）。見出しは「## 」、強調は「**…**」、リンクは「[文字](https://…)」で書いてください。"
            )
        if message:
            problems.append(Problem(file, number, 1, message))
    return problems
