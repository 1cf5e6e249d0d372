"""`kyodo check` on listings: every class of mistake gets its own message, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyodo.cli import main
from kyodo.domain.directory.load import check_directory
from tests.listingkit import BUSINESS_FILE, FILE, VALID, VALID_BUSINESS, check, errors_for, write

pytestmark = pytest.mark.usefixtures("fixed_today")


def test_valid_listing_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, VALID)
    assert main(["--root", str(repo), "check"]) == 0
    assert capsys.readouterr().out == "誤りはありません（団体 1件、企業 0件、事例 0件）。\n"


def test_yaml_syntax_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("summary: 星空観察会", "summary: 時間: 星空観察会")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:8:12: 書き方に誤りがあります: 「:」の使い方が正しくありません。"
        '値の中に「: 」を含めるときは、値全体を "…" で囲んでください。'
        "（YAML の説明: mapping values are not allowed in this context）"
    ]


def test_unclosed_quote_points_at_its_start(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("summary: 星空", 'summary: "星空')
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:8:10: 書き方に誤りがあります: 引用符（\" または '）が閉じられていません。"
        "値の終わりにも同じ引用符を書いてください。"
        "（YAML の説明: while scanning a quoted scalar found unexpected end of stream）"
    ]


def test_tabs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("  name: 事務局", "\tname: 事務局")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:10:1: 字下げにタブ文字が使われています。YAML の字下げには半角スペースを使ってください"
        "（タブ1つを半角スペース2つに置き換えます）。"
    ]


def test_duplicate_keys(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID + "name: ほしぞら会\n"
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:19:1: 項目「name」が2回書かれています（1回目は3行目）。どちらか一方を消してください。"
    ]


def test_shift_jis_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, VALID.encode("cp932")) == [
        f"{FILE}:3:7: 文字コードが UTF-8 ではありません（Shift_JIS で保存されているようです）。"
        "メモ帳なら「名前を付けて保存」で文字コードに「UTF-8」を選び、保存し直してください。"
        "Excel で作った文字をコピーした場合も、保存し直すと直ります。"
    ]


def test_utf8_bom_is_accepted(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert check(repo, capsys) == (0, [])


def test_empty_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, "# まだ書いていません\n") == [
        f"{FILE}:1:1: ファイルが空です。directory/groups/_template.yml をコピーして、必要な項目を書いてください。"
    ]


def test_list_instead_of_mapping(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, "- id: hoshizora-kai\n- name: ほしぞら子ども会\n") == [
        f"{FILE}:1:1: ファイル全体が「項目名: 値」の形になっていません（いまはリスト（「- 」で始まる行の並び）です）。"
        "行頭の「- 」などを外し、directory/groups/_template.yml と同じく「id: …」「name: …」の形で書いてください。"
    ]


def test_string_instead_of_mapping(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, "ほしぞら子ども会です\n") == [
        f"{FILE}:1:1: ファイル全体が「項目名: 値」の形になっていません（いまは文字だけです）。"
        "行頭の「- 」などを外し、directory/groups/_template.yml と同じく「id: …」「name: …」の形で書いてください。"
    ]


def test_wrong_type(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, VALID + "members: 約30人\n") == [
        f"{FILE}:19:10: 会員数 (members) は半角数字の整数で書いてください（いまは「約30人」です）。例: members: 320"
    ]


def test_empty_value(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("summary: 星空観察会を開いている子ども会です。", "summary:")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:8:9: 一行紹介 (summary) に値が書かれていません。値を書くか、使わない項目なら行ごと消してください。"
    ]


def test_missing_required_fields(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("kind: 市民活動団体\n", "").replace("fields: [children]\n", "")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:2:1: 必須の項目 種別 (kind) がありません。例: kind: 町内会・自治会",
        f"{FILE}:2:1: 必須の項目 活動分野 (fields) がありません。例: fields: [community-safety, children]",
    ]


def test_missing_object_points_at_the_template(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.split("consent:")[0].replace(
        "  email: info@hoshizora.example.jp\n  phone: 022-000-0001\n", ""
    )
    text = text.replace("contact:\n  name: 事務局\n", "")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:2:1: 必須の項目 掲載同意 (consent) がありません。"
        "ひな形（_template.yml）の consent: の部分をコピーして書き換えてください。"
    ]


def test_unknown_key_with_suggestion(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, VALID + "websit: https://hoshizora.example.jp/\n") == [
        f"{FILE}:19:1: 項目名「websit」は使えません。もしかして: website（ウェブサイト）。項目名を直してください。"
    ]


def test_unknown_key_written_as_its_label(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, VALID + "会員数: 30\n") == [
        f"{FILE}:19:1: 項目名「会員数」は使えません。もしかして: members（会員数）。項目名を直してください。"
    ]


def test_unknown_nested_key_lists_allowed_keys(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.replace("  name: 事務局\n", "  name: 事務局\n  fax: 022-000-0002\n")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:11:3: 連絡先 (contact) の中に項目名「fax」は使えません。使える項目名: name, email, phone, form_url"
    ]


def test_value_outside_vocabulary(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("wards: [泉区]", "wards: [青葉]")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:6:9: 区 (wards) に「青葉」は使えません。もしかして: 青葉区。"
        "次のいずれかを書いてください: 青葉区, 宮城野区, 若林区, 太白区, 泉区, 市全域"
    ]


def test_activity_field_misspelt(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("fields: [children]", "fields: [子ども健全育成]")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:7:10: 活動分野 (fields) に「子ども健全育成」は使えません。"
        "もしかして: children（子どもの健全育成）。次のいずれかを書いてください: "
        "health-welfare（保健・医療・福祉）, social-education（社会教育）, "
        "community-development（まちづくり）, tourism（観光）, "
        "rural-development（農山漁村・中山間地域）, culture-sports（学術・文化・芸術・スポーツ）, "
        "environment（環境の保全）, disaster-relief（災害救援）, community-safety（地域安全）, "
        "human-rights-peace（人権・平和）, international-cooperation（国際協力）, "
        "gender-equality（男女共同参画）, children（子どもの健全育成）, "
        "information-society（情報化社会）, science-technology（科学技術）, "
        "economic-activity（経済活動の活性化）, employment（職業能力・雇用機会）, "
        "consumer-protection（消費者の保護）, npo-support（団体の運営・活動の支援）, "
        "ordinance（条例で定める活動）"
    ]


def test_japanese_labels_stand_for_codes(repo: Path) -> None:
    text = VALID.replace(
        "fields: [children]", "fields: [子どもの健全育成を図る活動, 環境の保全, disaster-relief]"
    )
    text = text.replace("fields: [name, email, phone]", "fields: [窓口名, メールアドレス, phone]")
    write(repo, text)
    directory, problems = check_directory(repo / "directory", repo)
    assert problems == []
    [group] = directory.groups
    assert [field.code for field in group.fields] == ["children", "environment", "disaster-relief"]
    assert group.consent.fields == ("name", "email", "phone")


def test_label_and_code_of_one_term_are_one_value(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.replace("fields: [children]", "fields: [children, 子どもの健全育成を図る活動]")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:7:9: 活動分野 (fields) に同じ値が2回以上書かれています。1回だけにしてください。"
    ]


def test_malformed_email(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("info@hoshizora.example.jp", "info@@hoshizora")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:11:10: 連絡先のメールアドレス (contact.email) の「info@@hoshizora」はメールアドレスの形になっていません。"
        "@ の前は半角の英数字と . _ + - だけで書いてください（? や & は使えません）。"
        "例: info@komadorioka.example.jp"
    ]


def test_malformed_url(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, VALID + "website: www.hoshizora.example.jp\n") == [
        f"{FILE}:19:10: ウェブサイト (website) の「www.hoshizora.example.jp」はアドレス（URL）の形になっていません。"
        "ブラウザーのアドレス欄から https:// を含めてコピーしてください。例: https://komadorioka.example.jp/"
    ]


def test_malformed_phone(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("022-000-0001", "22-0001")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:12:10: 連絡先の電話番号 (contact.phone) の「22-0001」は電話番号の形になっていません。"
        "市外局番から、数字とハイフンで書いてください。例: 022-000-0000"
    ]


def test_full_width_phone_and_email_are_normalised(tmp_path: Path, repo: Path) -> None:
    text = VALID.replace("022-000-0001", "０２２ー０００ー０００１").replace(
        "info@hoshizora.example.jp", "ｉｎｆｏ＠ｈｏｓｈｉｚｏｒａ．ｅｘａｍｐｌｅ．ｊｐ"
    )
    write(repo, text)
    directory, problems = check_directory(repo / "directory", repo)
    assert problems == []
    assert directory.groups[0].contact.phone == "022-000-0001"
    assert directory.groups[0].contact.email == "info@hoshizora.example.jp"


def test_unquoted_phone_digits_are_kept_as_typed(repo: Path) -> None:
    # YAML would read 0220000001 as an octal number; the listing means the digits.
    write(repo, VALID.replace("022-000-0001", "0220000001"))
    directory, problems = check_directory(repo / "directory", repo)
    assert problems == []
    assert directory.groups[0].contact.phone == "0220000001"


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,<b>x</b>"])
def test_unsafe_link_scheme(repo: Path, capsys: pytest.CaptureFixture[str], link: str) -> None:
    scheme = link.split(":")[0]
    assert errors_for(repo, capsys, VALID + f'sns: ["{link}"]\n') == [
        f"{FILE}:19:7: SNS (sns) の「{link}」は使えないリンクです（{scheme}: で始まっています）。"
        "https:// で始まるアドレスだけを書けます。"
    ]


def test_id_differs_from_file_name(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("id: hoshizora-kai", "id: hoshizora")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:2:5: ID (id) の「hoshizora」がファイル名「hoshizora-kai.yml」と違います。"
        "ID とファイル名（.yml を除いた部分）を同じにしてください。"
    ]


def test_same_id_in_both_folders(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, VALID)
    write(repo, VALID_BUSINESS, BUSINESS_FILE)
    code, lines = check(repo, capsys)
    assert code == 1
    assert lines == [
        f"{BUSINESS_FILE}:2:5: ID (id) の「hoshizora-kai」は {FILE} でも使われています。"
        "ほかと重ならない ID にして、ファイル名も同じ名前に変えてください。",
        f"{FILE}:2:5: ID (id) の「hoshizora-kai」は {BUSINESS_FILE} でも使われています。"
        "ほかと重ならない ID にして、ファイル名も同じ名前に変えてください。",
        "2件のファイルに、合わせて2件の誤りがあります。",
    ]


def test_copied_file_keeping_the_id(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = "directory/groups/hoshizora-kai-2.yml"
    write(repo, VALID)
    write(repo, VALID, copy)
    code, lines = check(repo, capsys)
    assert code == 1
    assert lines == [
        f"{copy}:2:5: ID (id) の「hoshizora-kai」がファイル名「hoshizora-kai-2.yml」と違います。"
        "ID とファイル名（.yml を除いた部分）を同じにしてください。",
        f"{copy}:2:5: ID (id) の「hoshizora-kai」は {FILE} でも使われています。"
        "ほかと重ならない ID にして、ファイル名も同じ名前に変えてください。",
        f"{copy}:3:7: 名称 (name) の「ほしぞら子ども会」は {FILE} の「ほしぞら子ども会」と同じ名前とみなされます"
        "（全角と半角、ひらがなとカタカナ、空白や記号、見えない文字の違いは区別しません）。"
        "ほかの団体と見分けられる名前にしてください。同じ団体なら、どちらか一方のファイルを消してください。",
        f"{FILE}:3:7: 名称 (name) の「ほしぞら子ども会」は {copy} の「ほしぞら子ども会」と同じ名前とみなされます"
        "（全角と半角、ひらがなとカタカナ、空白や記号、見えない文字の違いは区別しません）。"
        "ほかの団体と見分けられる名前にしてください。同じ団体なら、どちらか一方のファイルを消してください。",
        "2件のファイルに、合わせて4件の誤りがあります。",
    ]


def test_future_date(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("last_confirmed: 2026-10-01", "last_confirmed: 2027-01-15")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:14:17: 最終確認日 (last_confirmed) の「2027-01-15」は未来の日付です。"
        "今日（2026-11-28）までの日付を書いてください。"
    ]


def test_date_that_does_not_exist(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("  date: 2026-10-01", "  date: 2026-02-30")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:17:9: 掲載同意の同意した日 (consent.date) の「2026-02-30」は実在しない日付です。"
        "カレンダーにある日付を書いてください。例: 2026-04-01"
    ]


def test_date_in_another_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("last_confirmed: 2026-10-01", "last_confirmed: 2026/10/1")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:14:17: 最終確認日 (last_confirmed) の「2026/10/1」は日付の形になっていません。"
        "年-月-日の順に半角で書いてください。例: 2026-04-01"
    ]


def test_future_founding_year(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, VALID + "founded: 2030\n") == [
        f"{FILE}:19:10: 設立年 (founded) の「2030」は未来の年です。2026年までの年を書いてください。"
    ]


def test_text_over_its_limit(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("summary: 星空観察会を開いている子ども会です。", "summary: " + "星" * 61)
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:8:10: 一行紹介 (summary) が長すぎます（61文字）。60文字以内に縮めてください。"
    ]


def test_published_contact_without_consent(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("fields: [name, email, phone]", "fields: [name, email]")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:12:3: 連絡先の電話番号 (contact.phone) を公開する同意が記録されていません。"
        "掲載同意 (consent) の fields に phone を書き加えてください。"
        "同意がない場合はこの行を消してください（このファイルは誰でも見られます）。"
    ]


def test_wrong_extension(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, VALID, "directory/groups/hoshizora-kai.yaml")
    code, lines = check(repo, capsys)
    assert (code, lines[0]) == (
        1,
        "directory/groups/hoshizora-kai.yaml:1:1: 拡張子が .yml ではないため読み込まれません。"
        "ファイル名を「hoshizora-kai.yml」にしてください。",
    )


def test_html_in_text_is_kept_as_text(repo: Path) -> None:
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    write(repo, VALID.replace("星空観察会を開いている子ども会です。", f"'{hostile}'"))
    directory, problems = check_directory(repo / "directory", repo)
    assert problems == []
    assert directory.groups[0].summary == hostile


def test_all_errors_of_all_files_then_a_count(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, VALID.replace("wards: [泉区]", "wards: [泉]").replace("kind: 市民活動団体\n", ""))
    write(repo, "", "directory/groups/empty.yml")
    write(repo, VALID_BUSINESS.replace("id: hoshizora-kai", "id: hoshizora"), BUSINESS_FILE)
    code, lines = check(repo, capsys)
    assert code == 1
    assert [line.split(": ")[0] for line in lines] == [
        f"{BUSINESS_FILE}:2:5",
        "directory/groups/empty.yml:1:1",
        f"{FILE}:2:1",
        f"{FILE}:5:9",
        "3件のファイルに、合わせて4件の誤りがあります。",
    ]


def test_github_actions_annotations_and_summary(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write(repo, VALID.replace("wards: [泉区]", "wards: [泉]"))
    assert main(["--root", str(repo), "check"]) == 1
    out = capsys.readouterr().out
    assert out == (
        f"::error file={FILE},line=6,col=9,title=掲載内容の誤り::区 (wards) に「泉」は使えません。"
        "もしかして: 泉区。次のいずれかを書いてください: 青葉区, 宮城野区, 若林区, 太白区, 泉区, 市全域\n"
    )
    text = summary.read_text(encoding="utf-8")
    assert "1件のファイルに、合わせて1件の誤りがあります。" in text
    assert (
        "| directory/groups/hoshizora-kai.yml | 6 | 9 | 区 (wards) に「泉」は使えません。" in text
    )
