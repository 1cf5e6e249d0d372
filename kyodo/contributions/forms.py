"""The issue forms through which groups ask for a listing, an update, a withdrawal or a case.

Each form is derived from its schema, so a form field exists for every field a contributor
writes, with the schema's Japanese label, help text and vocabulary (as Japanese labels).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from kyodo.content import schema as schemas

# Fields the intake fills in itself, or that need an editor's hand (scores, chapter links).
AUTOMATIC = {"last_confirmed", "published", "updated", "sample", "evaluation", "chapters"}
# Vocabularies this long read better as a dropdown than as a column of checkboxes.
CHECKBOX_LIMIT = 8
LONG_TEXT = 200
ID_LABEL = "ID（ページのアドレス）"
REMOVE_LABEL = "消す項目"
CONFIRM_LABEL = "確認"
REASON_LABEL = "取り下げの理由"
NARRATIVE_LABEL = "経過"


@dataclass(frozen=True)
class FormField:
    """One question of an issue form and the listing field its answer fills."""

    id: str
    path: tuple[str, ...]
    label: str
    widget: str
    options: tuple[str, ...] = ()
    required: bool = False
    help: str = ""
    multiple: bool = False
    example: str = ""


@dataclass(frozen=True)
class Form:
    """One issue form: which schema it fills, what it does, and its questions."""

    name: str
    title: str
    action: str
    schema: str
    about: str
    fields: tuple[FormField, ...]

    def field(self, label: str) -> FormField | None:
        """The question with this heading, if the form asks it."""
        return next((f for f in self.fields if f.label == label), None)


def _example(node: dict[str, Any]) -> str:
    value = (node.get("examples") or [""])[0]
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value)


def _choice_field(
    schema: str, path: tuple[str, ...], label: str, required: bool
) -> FormField | None:
    node = schemas.subschema(schema, path) or {}
    items = schemas.subschema(schema, (*path, 0)) if node.get("type") == "array" else None
    ident = _ident(path)
    terms = schemas.vocabulary_of(items or node)
    if terms is None:
        return None
    options = tuple(term.label for term in terms)
    help_text = str(node.get("description", ""))
    if items is None:
        return FormField(ident, path, label, "dropdown", options, required, help_text)
    if len(options) <= CHECKBOX_LIMIT:
        return FormField(ident, path, label, "checkboxes", options, required, help_text)
    return FormField(ident, path, label, "dropdown", options, required, help_text, multiple=True)


def schema_field(schema: str, path: tuple[str, ...], label: str, required: bool) -> FormField:
    """The question that fills one schema field."""
    choice = _choice_field(schema, path, label, required)
    if choice is not None:
        return choice
    node = schemas.subschema(schema, path) or {}
    help_text = str(node.get("description", ""))
    if node.get("type") == "array":
        help_text += " 1行に1つずつ書きます。"
    long = node.get("type") == "array" or (
        "format" not in node and int(node.get("maxLength", 0)) > LONG_TEXT
    )
    widget = "textarea" if long else "input"
    return FormField(
        _ident(path), path, label, widget, (), required, help_text, example=_example(node)
    )


def _ident(path: tuple[str, ...]) -> str:
    return "-".join(path).replace("_", "-")


def schema_fields(schema: str, optional: bool = False) -> tuple[FormField, ...]:
    """A question for every field a contributor writes, nested fields after their parent."""
    found: list[FormField] = []
    top = schemas.subschema(schema, ()) or {}
    for key, node in schemas.properties(schema).items():
        if key in AUTOMATIC:
            continue
        label = ID_LABEL if key == "id" else str(node.get("title", key))
        if node.get("type") == "object":
            inner = node.get("required", [])
            for child, child_node in schemas.properties(schema, (key,)).items():
                child_label = f"{label}：{child_node.get('title', child)}"
                needed = not optional and key in top.get("required", []) and child in inner
                found.append(schema_field(schema, (key, child), child_label, needed))
            continue
        needed = not optional and key in top.get("required", [])
        found.append(schema_field(schema, (key,), label, needed or key == "id"))
    return tuple(found)


def _confirm(options: tuple[str, ...]) -> FormField:
    return FormField("confirm", (), CONFIRM_LABEL, "checkboxes", options, True)


PUBLIC_NOTICE = (
    "書いた内容はだれでも見られる形で公開され、あとで消しても変更の履歴に残ることを理解しています。"
)
NEW_CONFIRMATIONS = (
    "団体（事業者）の代表者などから、この名簿への掲載に同意を得ています。",
    "連絡先は団体の窓口で、個人の自宅や携帯電話ではありません。",
    PUBLIC_NOTICE,
)
UPDATE_CONFIRMATIONS = (
    "いまの掲載内容を確かめました。最終確認日を今日の日付にします。",
    PUBLIC_NOTICE,
)
WITHDRAW_REASONS = {
    "活動を休止する（「休止中」と表示します）": "休止中",
    "解散した（一覧から外します）": "解散",
    "掲載をやめる（掲載ファイルを削除します）": "",
}
CASE_CONFIRMATIONS = (
    "事例に登場する団体・事業者・市の部署から、公開の了解を得ています。",
    PUBLIC_NOTICE,
)


def _removable(schema: str) -> FormField:
    required = (schemas.subschema(schema, ()) or {}).get("required", [])
    labels = tuple(
        f.label for f in schema_fields(schema, optional=True) if f.path[0] not in required
    )
    help_text = "掲載から消したい項目に印を付けます。消さない項目はそのままにしてください。"
    return FormField("remove", (), REMOVE_LABEL, "checkboxes", labels, False, help_text)


def listing_forms(schema: str, noun: str) -> tuple[Form, ...]:
    """The new, update and withdrawal forms for one kind of listing."""
    new = Form(
        f"{schema}-new",
        f"{noun}の掲載の申請",
        "new",
        schema,
        f"名簿に{noun}を新しく載せるための申請です。書いた内容を自動で確かめ、担当者の確認のあとで掲載します。",
        (*schema_fields(schema), _confirm(NEW_CONFIRMATIONS)),
    )
    id_field = FormField(
        "id", ("id",), ID_LABEL, "input", (), True, f"更新する{noun}の ID です。", example=""
    )
    update = Form(
        f"{schema}-update",
        f"{noun}の掲載内容の更新",
        "update",
        schema,
        f"掲載している{noun}の内容を直すための申請です。変える項目だけを書いてください。空欄の項目はいまのままです。",
        (
            id_field,
            *schema_fields(schema, optional=True)[1:],
            _removable(schema),
            _confirm(UPDATE_CONFIRMATIONS),
        ),
    )
    withdraw = Form(
        f"{schema}-withdraw",
        f"{noun}の掲載の取り下げ",
        "withdraw",
        schema,
        f"{noun}の掲載を休止・終了するための申請です。",
        (
            id_field,
            FormField(
                "reason", (), REASON_LABEL, "dropdown", tuple(WITHDRAW_REASONS), True, "", False
            ),
            _confirm(("この掲載の編集担当として、取り下げを申請します。",)),
        ),
    )
    return new, update, withdraw


def case_form() -> Form:
    """The form for proposing a case study; editors turn it into a case page."""
    narrative = FormField(
        "narrative",
        (),
        NARRATIVE_LABEL,
        "textarea",
        (),
        True,
        "きっかけ・進め方・つまずきと工夫・その後を、思い出せる範囲で書いてください。",
    )
    case_id = FormField(
        "id",
        ("id",),
        ID_LABEL,
        "input",
        (),
        True,
        "事例のページのアドレスになる、半角の英小文字・数字・ハイフンだけの名前です。",
        example="bousai-map-komadorioka",
    )
    return Form(
        "case",
        "事例の投稿",
        "case",
        "case",
        "協働の事例を投稿するための用紙です。編集チームが内容を確かめ、事例のページにまとめます。",
        (case_id, *schema_fields("case"), narrative, _confirm(CASE_CONFIRMATIONS)),
    )


def all_forms() -> tuple[Form, ...]:
    """Every issue form, in the order the new-issue page lists them."""
    return (*listing_forms("group", "団体"), *listing_forms("business", "企業"), case_form())


def form_named(name: str) -> Form | None:
    """The form with this file name (without .yml), if there is one."""
    return next((form for form in all_forms() if form.name == name), None)


def form_for_labels(labels: list[str]) -> Form | None:
    """The form an issue was written with, known by the label the form gives its issues.

    Only people with triage rights can change labels, so an author cannot switch forms."""
    found = [form for form in all_forms() if form.title in labels]
    return found[0] if len(found) == 1 else None


def _element(field: FormField) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": field.label}
    if field.help:
        attributes["description"] = field.help
    if field.widget == "checkboxes":
        attributes["options"] = [
            {"label": option, **({"required": True} if field.id == "confirm" else {})}
            for option in field.options
        ]
    elif field.widget == "dropdown":
        attributes["options"] = list(field.options)
        if field.multiple:
            attributes["multiple"] = True
    elif field.example:
        attributes["placeholder"] = f"例: {field.example}"
    element: dict[str, Any] = {"type": field.widget, "id": field.id, "attributes": attributes}
    if field.required and field.widget != "checkboxes":
        element["validations"] = {"required": True}
    return element


def render_issue_form(form: Form, guide_url: str) -> str:
    """The issue form as GitHub reads it from .github/ISSUE_TEMPLATE/<name>.yml."""
    intro = (
        f"{form.about}\n\n"
        "GitHub のアカウントがあれば、この用紙に書いて「Create」を押すだけで手続きできます。"
        "書いた内容は自動で確かめ、直すところがあればこの issue にコメントでお知らせします。"
        "そのときは、issue の本文を編集して直してください。\n\n"
        f"書き方は[掲載・更新のしかた]({guide_url})にあります。"
    )
    document = {
        "name": form.title,
        "description": form.about,
        "title": f"[{form.title}] ",
        "labels": [form.title],
        "body": [
            {"type": "markdown", "attributes": {"value": intro}},
            *(_element(field) for field in form.fields),
        ],
    }
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000)
    return f"# make generate が kyodo/contributions/forms.py から作ります。\n{text}"
