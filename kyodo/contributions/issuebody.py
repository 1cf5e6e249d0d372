"""Read the body GitHub writes for a submitted issue form: one `### 見出し` section per question.

The body is written by whoever opened the issue and may have been edited by hand, so it is
read as untrusted text: only the form's own headings start a section, a heading given twice
is refused, and every answer is plain text for the schema to judge.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kyodo.contributions.forms import Form, FormField

NO_RESPONSE = "_No response_"
MAX_BODY = 65536
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
_CHECKBOX = re.compile(r"^- \[([ xX])\] (.+)$")


@dataclass(frozen=True)
class Answers:
    """The text under each of a form's headings, and what was wrong with the body's shape."""

    text: dict[str, str]
    problems: tuple[str, ...]


def sections(body: str, form: Form) -> Answers:
    """Split an issue body into the answers to the form's questions."""
    if len(body) > MAX_BODY:
        return Answers(
            {}, (f"本文が長すぎます（{len(body)}文字）。{MAX_BODY}文字以内にしてください。",)
        )
    labels = {field.label for field in form.fields}
    found: dict[str, list[str]] = {}
    problems: list[str] = []
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = _HEADING.match(line)
        if match and match[1] in labels:
            if match[1] in found:
                problems.append(f"見出し「{match[1]}」が2回あります。1回だけにしてください。")
            current = found.setdefault(match[1], [])
            continue
        if current is not None:
            current.append(line)
    text = {label: _answer("\n".join(lines)) for label, lines in found.items()}
    for field in form.fields:
        if field.label not in text and field.required:
            problems.append(
                f"「{field.label}」の欄が見つかりません。用紙（テンプレート）から作り直してください。"
            )
    return Answers(text, tuple(problems))


def _answer(text: str) -> str:
    stripped = text.strip()
    return "" if stripped == NO_RESPONSE else stripped


def ticked(text: str) -> list[str]:
    """The options ticked in a checkboxes answer (`- [X] label`)."""
    return [
        m[2].strip()
        for line in text.splitlines()
        if (m := _CHECKBOX.match(line.strip())) and m[1] != " "
    ]


def chosen(field: FormField, text: str) -> list[str]:
    """The options chosen in a dropdown or checkboxes answer, in the order given."""
    if field.widget == "checkboxes":
        return ticked(text)
    if field.multiple:
        # GitHub joins the options of a multiple dropdown with ", "; labels use "、" inside.
        return [part.strip() for part in text.split(", ") if part.strip()]
    return [text] if text else []


def lines_of(text: str) -> list[str]:
    """The items of a one-per-line answer, without list markers, an @ or blank lines."""
    items = []
    for line in text.splitlines():
        item = line.strip().removeprefix("- ").removeprefix("* ").strip().removeprefix("@")
        if item:
            items.append(item)
    return items


def one_line(field: FormField, text: str) -> tuple[str, str | None]:
    """A single-line answer, normalised; with a problem when it spans several lines."""
    if "\n" in text:
        return text, f"「{field.label}」は1行で書いてください（改行が入っています）。"
    return unicodedata.normalize("NFC", text), None
