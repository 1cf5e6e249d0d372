"""The quick reading path (libyaml + jsonschema-rs) agrees with the full reader: it accepts
only what the full reader accepts, with the same data, and hands everything else over. The full
reader explains groups of fields in Japanese, pointing at the file to copy them from."""

from __future__ import annotations

import pytest

from kyodo.content.validation import quick_document, read_document
from tests.listingkit import VALID

pytestmark = pytest.mark.usefixtures("fixed_today")


def full(text: str) -> tuple[object, list[str]]:
    document, problems = read_document(text, "x.yml", "group", "t", "k")
    return (document.data if document else None), [str(p) for p in problems]


def test_a_plain_listing_is_read_quickly_with_the_same_data() -> None:
    quick = quick_document(VALID, "x.yml", "group")
    assert quick is not None
    data, problems = full(VALID)
    assert problems == []
    assert quick.data == data
    assert quick.document.position(("wards", 0)).line == 6


@pytest.mark.parametrize(
    "change",
    [
        ("members: 1", "members: 0x7B8"),
        ("members: 1", "members: 1.0e+3"),
        ("members: 1", "members: yes"),
        ("fields: [children]", "fields: [子どもの健全育成を図る活動]"),
        ("phone: 022-000-0001", "phone: ０２２－０００－０００１"),
        ("phone: 022-000-0001", "phone: 0220000001"),
        ("wards: [泉区]", "wards: 泉区"),
        ("status: 活動中", "status: 活動中\nstatus: 解散"),
        ("summary: 星空", "summary: &a 星空"),
        ("last_confirmed: 2026-10-01", "last_confirmed: 2026-02-30"),
        ("members: 1", "founded: 2999"),
    ],
)
def test_anything_unusual_goes_to_the_full_reader(change: tuple[str, str]) -> None:
    text = (VALID + "members: 1\n").replace(*change)
    assert quick_document(text, "x.yml", "group") is None


def messages_about(text: str, schema: str, template: str, field: str) -> list[str]:
    _, problems = read_document(text, "x.md", schema, template, "k")
    return [str(p) for p in problems if f"({field}" in p.message]


def test_an_empty_group_of_ratings_is_explained_in_japanese() -> None:
    text = "evaluation:\n  scores:\n  - item: 進捗\n    ratings: {}\n"
    assert messages_about(text, "case", "case_studies/_template.md", "evaluation") == [
        "x.md:4:14: 評価の評価の点数の主体ごとの点数 (evaluation.scores.ratings) が空です。"
        "「項目名: 値」を1つ以上書いてください。"
        "ひな形（_template.md）の ratings: の部分をコピーして書き換えてください。"
    ]


@pytest.mark.parametrize(
    ("template", "hint"),
    [
        (
            "case_studies/_template.md",
            "ひな形（_template.md）の evaluation: の部分をコピーして書き換えてください。",
        ),
        (
            "ほかの様式のファイル",
            "ほかの様式のファイルの evaluation: の部分をコピーして書き換えてください。",
        ),
        ("", ""),
    ],
)
def test_a_group_of_fields_points_at_the_file_to_copy_it_from(template: str, hint: str) -> None:
    """A case's template is _template.md; an issue form has no template to point at."""
    assert messages_about("evaluation: 相互評価\n", "case", template, "evaluation") == [
        "x.md:1:13: 評価 (evaluation) は「項目名: 値」の組で書いてください（いまは「相互評価」です）。"
        + hint
    ]
