"""Who may change which listing: every case of the rule, with its Japanese explanation."""

from __future__ import annotations

import pytest

from kyodo.contributions.ownership import (
    Change,
    Review,
    approvers,
    is_listing,
    listing_changes,
    maintainers_of,
    verdict,
)

SITE = ("kyodo-admin", "kyodo-editor")
SAKURA = "directory/groups/sakuragaoka.yml"
MIDORI = "directory/businesses/midorino.yml"
BASE = {SAKURA: ("sakura-office", "sakura-kaicho"), MIDORI: ("midorino-csr",)}
SITE_TEXT = "サイト管理者（@kyodo-admin、@kyodo-editor）のどなたかの承認が必要です。"


def judge(
    changes: list[Change],
    author: str,
    head: dict[str, tuple[str, ...] | None] | None = None,
    approvals: frozenset[str] = frozenset(),
) -> list[tuple[str, bool, str]]:
    found = verdict(changes, author, BASE, head if head is not None else BASE, set(approvals), SITE)
    return [(f.path, f.allowed, f.reason) for f in found.findings]


def test_a_maintainer_changes_their_own_listing() -> None:
    assert judge([Change(SAKURA, "modified")], "Sakura-Office") == [
        (SAKURA, True, "変更した @Sakura-Office さんは、この掲載の編集担当です。")
    ]


def test_someone_else_changes_a_listing() -> None:
    assert judge([Change(SAKURA, "modified")], "mallory") == [
        (
            SAKURA,
            False,
            "@mallory さんは、この掲載の編集担当ではありません。"
            f"編集担当（@sakura-office、@sakura-kaicho）ご本人が変更するか、{SITE_TEXT}",
        )
    ]


def test_a_maintainer_of_another_listing_is_someone_else() -> None:
    assert judge([Change(SAKURA, "modified")], "midorino-csr")[0][1] is False


def test_changing_the_maintainers_needs_a_site_maintainer() -> None:
    head = {SAKURA: ("sakura-office", "mallory")}
    assert judge([Change(SAKURA, "modified")], "sakura-office", head) == [
        (
            SAKURA,
            False,
            "編集担当 (maintainers) が変わります（@sakura-office、@sakura-kaicho → @sakura-office、@mallory）。"
            + SITE_TEXT,
        )
    ]


def test_reordering_or_recasing_the_maintainers_is_no_change() -> None:
    head = {SAKURA: ("Sakura-Kaicho", "sakura-office")}
    assert judge([Change(SAKURA, "modified")], "sakura-office", head)[0][1] is True


def test_unreadable_maintainers_need_a_site_maintainer() -> None:
    assert judge([Change(SAKURA, "modified")], "sakura-office", {SAKURA: None}) == [
        (SAKURA, False, "編集担当 (maintainers) を読み取れません。" + SITE_TEXT)
    ]


def test_a_new_listing_needs_a_site_maintainer() -> None:
    new = "directory/groups/hoshizora.yml"
    assert judge([Change(new, "added")], "hoshizora", {new: ("hoshizora",)}) == [
        (new, False, "新しい掲載です。" + SITE_TEXT)
    ]


def test_a_listing_without_maintainers_needs_a_site_maintainer() -> None:
    orphan = "directory/groups/orphan.yml"
    assert judge([Change(orphan, "modified")], "someone", {orphan: ()}) == [
        (orphan, False, "この掲載には編集担当 (maintainers) が登録されていません。" + SITE_TEXT)
    ]


def test_deletion_by_its_maintainer_and_by_someone_else() -> None:
    assert judge([Change(MIDORI, "removed")], "midorino-csr") == [
        (MIDORI, True, "削除した @midorino-csr さんは、この掲載の編集担当です。")
    ]
    assert judge([Change(MIDORI, "removed")], "sakura-office")[0][1] is False


def test_a_rename_is_a_deletion_and_a_new_listing() -> None:
    moved = "directory/groups/sakuragaoka-chonaikai.yml"
    found = judge([Change(moved, "renamed", SAKURA)], "sakura-office", {moved: BASE[SAKURA]})
    assert [(path, allowed) for path, allowed, _ in found] == [(SAKURA, True), (moved, False)]


def test_several_listings_each_judged_and_all_must_pass() -> None:
    changes = [Change(SAKURA, "modified"), Change(MIDORI, "modified")]
    found = verdict(changes, "sakura-office", BASE, BASE, set(), SITE)
    assert [f.allowed for f in found.findings] == [True, False]
    assert not found.passed
    assert found.report().splitlines()[2] == "2件の掲載ファイルのうち、1件はまだ承認が必要です。"


def test_a_site_maintainers_approval_allows_everything() -> None:
    changes = [Change(SAKURA, "modified"), Change("directory/groups/new.yml", "added")]
    found = judge(changes, "mallory", approvals=frozenset({"kyodo-editor"}))
    assert found == [
        (SAKURA, True, "サイト管理者 @kyodo-editor さんが承認しています。"),
        ("directory/groups/new.yml", True, "サイト管理者 @kyodo-editor さんが承認しています。"),
    ]


def test_an_approval_by_anyone_else_counts_for_nothing() -> None:
    approvals = frozenset({"sakura-office", "midorino-csr"})
    assert judge([Change(SAKURA, "modified")], "mallory", approvals=approvals)[0][1] is False


def test_a_site_maintainer_may_change_any_listing() -> None:
    assert judge([Change("directory/groups/new.yml", "added")], "kyodo-admin") == [
        ("directory/groups/new.yml", True, "サイト管理者 @kyodo-admin さんの変更です。")
    ]


def test_files_other_than_listings_are_not_judged_here() -> None:
    changes = [
        Change("directory/groups/_template.yml", "modified"),
        Change("kyodo/cli.py", "modified"),
        Change("case_studies/x.md", "added"),
        Change("directory/groups/.hidden.yml", "added"),
    ]
    found = verdict(changes, "mallory", BASE, BASE, set(), SITE)
    assert found.passed and found.findings == ()
    assert found.report() == "## 編集担当の確認\n\n名簿の掲載ファイルは変更されていません。\n"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (SAKURA, True),
        ("directory/groups/x.yaml", True),
        ("directory/groups/_template.yml", False),
        ("directory/groups/sub/x.yml", False),
        ("directory/other/x.yml", False),
        ("docs/directory/groups/x.yml", False),
    ],
)
def test_what_counts_as_a_listing(path: str, expected: bool) -> None:
    assert is_listing(path) is expected


def test_only_the_last_word_of_each_reviewer_on_the_head_commit_counts() -> None:
    reviews = [
        Review("kyodo-admin", "APPROVED", "old"),
        Review("kyodo-editor", "APPROVED", "head"),
        Review("kyodo-editor", "COMMENTED", "head"),
        Review("Kyodo-Admin", "APPROVED", "head"),
        Review("Kyodo-Admin", "CHANGES_REQUESTED", "head"),
        Review("someone", "APPROVED", "head"),
    ]
    assert approvers(reviews, "head") == {"kyodo-editor", "someone"}
    assert approvers([Review("kyodo-admin", "APPROVED", "old")], "head") == set()


def test_maintainers_are_read_from_the_file_text() -> None:
    assert maintainers_of("id: x\nmaintainers: [a, b]\n") == ("a", "b")
    assert maintainers_of("id: x\nmaintainers: a\n") == ("a",)
    assert maintainers_of("id: x\n") == ()
    assert maintainers_of(None) == ()
    assert maintainers_of("id: [x\n") is None
    assert maintainers_of("maintainers: {a: b}\n") is None


def test_listing_changes_of_a_copy() -> None:
    assert listing_changes([Change("directory/groups/b.yml", "copied", SAKURA)]) == [
        Change("directory/groups/b.yml", "added")
    ]
