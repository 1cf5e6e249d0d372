"""The issue forms: derived from the schemas, committed, and shaped as GitHub requires."""

from __future__ import annotations

import re

import pytest
import yaml

from kyodo.content.schema import properties
from kyodo.contributions.forms import AUTOMATIC, Form, all_forms, form_for_labels
from kyodo.contributions.generated import contribution_files, guide_url
from tests.conftest import ROOT

FORMS = all_forms()


def test_committed_forms_and_codeowners_are_regenerated() -> None:
    """After changing a schema, a form or the site maintainers, run `make generate` and commit."""
    files = contribution_files(ROOT)
    assert {p.relative_to(ROOT).as_posix() for p in files} == {
        *(f".github/ISSUE_TEMPLATE/{form.name}.yml" for form in FORMS),
        ".github/ISSUE_TEMPLATE/config.yml",
        ".github/CODEOWNERS",
    }
    for path, text in files.items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run `make generate`"


def test_one_form_for_each_request() -> None:
    assert [(f.name, f.title) for f in FORMS] == [
        ("group-new", "団体の掲載の申請"),
        ("group-update", "団体の掲載内容の更新"),
        ("group-withdraw", "団体の掲載の取り下げ"),
        ("business-new", "企業の掲載の申請"),
        ("business-update", "企業の掲載内容の更新"),
        ("business-withdraw", "企業の掲載の取り下げ"),
        ("case", "事例の投稿"),
    ]


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_issue_form_is_what_github_accepts(form: Form) -> None:
    data = yaml.safe_load((ROOT / f".github/ISSUE_TEMPLATE/{form.name}.yml").read_text("utf-8"))
    assert data["name"] == form.title and data["description"] and data["labels"] == [form.title]
    body = data["body"]
    assert body[0]["type"] == "markdown" and guide_url(ROOT) in body[0]["attributes"]["value"]
    ids = [element["id"] for element in body[1:]]
    labels = [element["attributes"]["label"] for element in body[1:]]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    for element in body[1:]:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
        assert element["type"] in ("input", "textarea", "dropdown", "checkboxes")
        options = element["attributes"].get("options", [])
        names = [o["label"] if isinstance(o, dict) else o for o in options]
        assert len(set(names)) == len(names) and "None" not in names
        assert not any(", " in name for name in names), "dropdown answers are joined with ', '"


@pytest.mark.parametrize(("name", "schema"), [("group-new", "group"), ("business-new", "business")])
def test_new_listing_forms_ask_for_every_field_a_contributor_writes(name: str, schema: str) -> None:
    form = next(f for f in FORMS if f.name == name)
    asked = {field.path[0] for field in form.fields if field.path}
    assert asked == set(properties(schema)) - AUTOMATIC


def test_vocabularies_are_offered_by_their_japanese_labels() -> None:
    form = next(f for f in FORMS if f.name == "group-new")
    fields = form.field("活動分野")
    assert fields is not None and fields.widget == "dropdown" and fields.multiple
    assert "子どもの健全育成" in fields.options
    wards = form.field("区")
    assert wards is not None and wards.widget == "checkboxes"
    assert wards.options == ("青葉区", "宮城野区", "若林区", "太白区", "泉区", "市全域")
    consent = form.field("掲載同意：公開に同意した連絡先")
    assert consent is not None and consent.options == (
        "窓口名",
        "メールアドレス",
        "電話番号",
        "問い合わせフォーム",
    )


def test_a_form_is_known_by_its_label_alone() -> None:
    assert form_for_labels(["団体の掲載内容の更新"]) == FORMS[1]
    assert form_for_labels(["団体の掲載内容の更新", "企業の掲載の申請"]) is None
    assert form_for_labels(["bug"]) is None
