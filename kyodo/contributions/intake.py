"""Turn a submitted issue form into the listing file it asks for, checked like any listing.

Nothing from the issue reaches a shell or a path unchecked: the ID must match the schema's
pattern before it names a file, every answer is written through the YAML dumper, and the
written text is read back and checked with the same rules as a pull request.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kyodo.content import schema as schemas
from kyodo.content import yamlfile
from kyodo.content.validation import codes_by_label, read_document
from kyodo.contributions.forms import (
    CONFIRM_LABEL,
    ID_LABEL,
    REASON_LABEL,
    REMOVE_LABEL,
    WITHDRAW_REASONS,
    Form,
    FormField,
)
from kyodo.contributions.issuebody import Answers, chosen, lines_of, one_line, sections, ticked
from kyodo.contributions.ownership import Change
from kyodo.domain.directory.load import KINDS, read_listing_text

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SHOWN = 80
PLACEHOLDER_ID = "new-listing"
_MISSING = "必須の項目 "
FOLDERS = {schema: folder for folder, schema in KINDS.items()}


@dataclass(frozen=True)
class Intake:
    """What a form asks for: the file to write (None to delete it) and every problem found."""

    form: Form
    action: str
    path: str | None
    text: str | None
    problems: tuple[str, ...]
    base_text: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the request can become a pull request as it is."""
        return not self.problems and self.path is not None

    def change(self) -> Change | None:
        """The change the pull request makes, as the ownership rule sees it."""
        if self.path is None:
            return None
        status = {"create": "added", "delete": "removed"}.get(self.action, "modified")
        return Change(self.path, status)


def shown(value: str) -> str:
    """A contributor's value quoted in a message, cut short when it is long."""
    return value if len(value) <= SHOWN else value[:SHOWN] + "…"


class _ListingDumper(yaml.SafeDumper):
    """Lists on one line as in the hand-written files; text with line breaks as a block."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _sequence(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_ListingDumper.add_representer(str, _text)
_ListingDumper.add_representer(list, _sequence)


def dump_listing(data: dict[str, Any], schema: str) -> str:
    """The YAML text of a listing, its keys in the schema's order."""
    return yaml.dump(
        _ordered(data, schema, ()),
        Dumper=_ListingDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100000,
    )


def _ordered(data: dict[str, Any], schema: str, path: tuple[str, ...]) -> dict[str, Any]:
    order = list(schemas.properties(schema, path))
    keys = sorted(data, key=lambda k: order.index(k) if k in order else len(order))
    return {
        key: _ordered(data[key], schema, (*path, key)) if isinstance(data[key], dict) else data[key]
        for key in keys
    }


def _value(schema: str, field: FormField, text: str) -> tuple[Any, str | None]:
    """The value an answer gives a field, or a problem with the answer."""
    node = schemas.subschema(schema, field.path) or {}
    if field.widget in ("dropdown", "checkboxes"):
        vocabulary_path = (*field.path, 0) if node.get("type") == "array" else field.path
        codes = codes_by_label(schema, vocabulary_path)
        values = [codes.get(option, option) for option in chosen(field, text)]
        return (values if node.get("type") == "array" else values[0]), None
    if node.get("type") == "array":
        return lines_of(text), None
    if field.widget == "textarea":
        return unicodedata.normalize("NFC", text), None
    line, problem = one_line(field, text)
    digits = unicodedata.normalize("NFKC", line)
    if node.get("type") == "integer" and digits.isdigit():
        return int(digits), problem
    return line, problem


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data.setdefault(step, {})
    data[path[-1]] = value


def _drop(data: dict[str, Any], path: tuple[str, ...]) -> None:
    parent = data
    for step in path[:-1]:
        parent = parent.get(step) or {}
    parent.pop(path[-1], None)
    if len(path) > 1 and not data.get(path[0]):
        data.pop(path[0], None)


def apply_answers(form: Form, answers: Answers, data: dict[str, Any]) -> list[str]:
    """Write every answered field into the data; return problems with the answers."""
    problems = []
    for field in form.fields:
        text = answers.text.get(field.label, "")
        if not field.path or field.path == ("id",) or not text:
            continue
        if field.widget in ("dropdown", "checkboxes") and not chosen(field, text):
            continue
        value, problem = _value(form.schema, field, text)
        if problem:
            problems.append(problem)
        _put(data, field.path, value)
    for label in ticked(answers.text.get(REMOVE_LABEL, "")):
        target = form.field(label)
        if target is not None and target.path:
            _drop(data, target.path)
    return problems


def confirmation_problems(form: Form, answers: Answers) -> list[str]:
    """Every required confirmation left unticked."""
    field = form.field(CONFIRM_LABEL)
    given = set(ticked(answers.text.get(CONFIRM_LABEL, "")))
    missing = [option for option in (field.options if field else ()) if option not in given]
    return [f"「{CONFIRM_LABEL}」の「{option}」に印を付けてください。" for option in missing]


def unanswered(form: Form, answers: Answers) -> list[str]:
    """Every required question left empty, named as the form names it."""
    problems = []
    for field in form.fields:
        if not field.required or not field.path or field.path == ("id",):
            continue
        text = answers.text.get(field.label, "")
        if field.widget == "checkboxes" and not ticked(text):
            problems.append(f"「{field.label}」を1つ以上選んでください。")
        elif not text:
            verb = "選んで" if field.widget == "dropdown" else "書いて"
            problems.append(f"「{field.label}」を{verb}ください。")
    return problems


def listing_id(answers: Answers) -> tuple[str | None, list[str]]:
    """The ID the request names, when it is a safe file name; otherwise the problem."""
    value = answers.text.get(ID_LABEL, "")
    if not value:
        return None, [f"「{ID_LABEL}」を書いてください。例: {_id_example()}"]
    if ID_PATTERN.fullmatch(value) and len(value) <= 60:
        return value, []
    return None, [
        f"「{ID_LABEL}」の「{shown(value)}」は使えません。"
        f"ID は半角の英小文字・数字・ハイフン（-）だけで、60文字以内で書いてください。例: {_id_example()}"
    ]


def _id_example() -> str:
    return str(schemas.load_schema("common")["definitions"]["id"]["examples"][0])


def _existing(root: Path, listing: str) -> Path | None:
    """The listing file with this ID in any folder, if there is one."""
    found = [root / "directory" / f / f"{listing}.yml" for f in KINDS]
    return next((path for path in found if path.is_file()), None)


def _checked(form: Form, path: str, data: dict[str, Any], stem: str) -> tuple[str, list[str]]:
    text = dump_listing(data, form.schema)
    _, problems = read_listing_text(text, path, form.schema, stem)
    # An empty required answer is already told in the form's words (see `unanswered`).
    return text, [p.message for p in problems if not p.message.startswith(_MISSING)]


def _new(
    form: Form, answers: Answers, ident: str, root: Path, author: str, today: datetime.date
) -> Intake:
    path = f"directory/{FOLDERS[form.schema]}/{ident}.yml"
    taken = _existing(root, ident) if ident != PLACEHOLDER_ID else None
    if taken is not None:
        message = (
            f"「{ID_LABEL}」の「{ident}」はすでに使われています（{taken.relative_to(root).as_posix()}）。"
            "ほかと重ならない ID にしてください。掲載内容を直したいときは「掲載内容の更新」の用紙を使ってください。"
        )
        return Intake(form, "create", None, None, (message,))
    data: dict[str, Any] = {"id": ident, "last_confirmed": today.isoformat()}
    problems = apply_answers(form, answers, data)
    maintainers = list(data.get("maintainers", []))
    if author.casefold() not in {m.casefold() for m in maintainers}:
        data["maintainers"] = [*maintainers, author]
    return _finish(form, "create", path, data, problems)


def _finish(
    form: Form,
    action: str,
    path: str,
    data: dict[str, Any],
    problems: list[str],
    base_text: str | None = None,
) -> Intake:
    text, found = _checked(form, path, data, Path(path).stem)
    return Intake(form, action, path, text, (*problems, *found), base_text)


def _current(form: Form, ident: str, root: Path) -> tuple[str | None, dict[str, Any] | None, str]:
    """The text and data of the listing to change, or a problem saying why there is none."""
    path = root / "directory" / FOLDERS[form.schema] / f"{ident}.yml"
    noun = "団体" if form.schema == "group" else "企業"
    if not path.is_file():
        return (
            None,
            None,
            (
                f"「{ID_LABEL}」の「{ident}」の{noun}は名簿にありません。"
                f"{noun}のページの一番下にある掲載ファイルの名前（.yml の前の部分）を書いてください。"
            ),
        )
    text = path.read_text(encoding="utf-8")
    document, problems = yamlfile.parse(text, path.name)
    if document is None or problems or not isinstance(document.data, dict):
        return (
            text,
            None,
            "いまの掲載ファイルが読み取れないため、用紙からは更新できません。担当者にお知らせください。",
        )
    return text, document.data, ""


def _update(form: Form, answers: Answers, ident: str, root: Path, today: datetime.date) -> Intake:
    path = f"directory/{FOLDERS[form.schema]}/{ident}.yml"
    base_text, data, problem = _current(form, ident, root)
    if data is None:
        return Intake(form, "update", None, None, (problem,), base_text)
    problems = apply_answers(form, answers, data)
    data["last_confirmed"] = today.isoformat()
    return _finish(form, "update", path, data, problems, base_text)


def _withdraw(form: Form, answers: Answers, ident: str, root: Path, today: datetime.date) -> Intake:
    path = f"directory/{FOLDERS[form.schema]}/{ident}.yml"
    base_text, data, problem = _current(form, ident, root)
    if data is None:
        return Intake(form, "withdraw", None, None, (problem,), base_text)
    reason = answers.text.get(REASON_LABEL, "")
    if reason not in WITHDRAW_REASONS:
        choices = "、".join(f"「{r}」" for r in WITHDRAW_REASONS)
        return Intake(
            form, "withdraw", None, None, (f"「{REASON_LABEL}」は次から選んでください: {choices}",)
        )
    status = WITHDRAW_REASONS[reason]
    if not status:
        return Intake(form, "delete", path, None, (), base_text)
    data["status"] = status
    data["last_confirmed"] = today.isoformat()
    return _finish(form, "update", path, data, [], base_text)


def _case(form: Form, answers: Answers, ident: str, today: datetime.date) -> Intake:
    """Check a proposed case's facts; editors write the page, so no file is made."""
    data: dict[str, Any] = {"published": today.isoformat()}
    problems = apply_answers(form, answers, data)
    text = dump_listing(data, "case")
    _, found = read_document(text, f"case_studies/{ident}.md", "case", "", "")
    messages = [p.message for p in found if not p.message.startswith(_MISSING)]
    return Intake(form, "case", None, None, (*problems, *messages))


def intake(form: Form, body: str, author: str, root: Path, today: datetime.date) -> Intake:
    """Read a submitted form against the repository at `root` and say what it asks for."""
    answers = sections(body, form)
    ident, id_problems = listing_id(answers)
    early = [
        *answers.problems,
        *id_problems,
        *unanswered(form, answers),
        *confirmation_problems(form, answers),
    ]
    if ident is None and form.action not in ("new", "case"):
        return Intake(form, form.action, None, None, tuple(early))
    # Without a usable ID the other answers are still checked, so every problem is told at once.
    name = ident or PLACEHOLDER_ID
    match form.action:
        case "new":
            found = _new(form, answers, name, root, author, today)
        case "update":
            found = _update(form, answers, name, root, today)
        case "withdraw":
            found = _withdraw(form, answers, name, root, today)
        case _:
            found = _case(form, answers, name, today)
    if ident is None:
        return Intake(form, found.action, None, None, (*early, *found.problems))
    return Intake(
        form, found.action, found.path, found.text, (*early, *found.problems), found.base_text
    )
