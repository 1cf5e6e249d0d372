"""Hostile contributions, one class of attack per test: each is refused with a plain Japanese
message at its place, or stays inert on the page, in the exports and in the CI log."""

from __future__ import annotations

import csv
import io
import os
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kyodo.cli import main
from kyodo.content.problems import Problem, github_annotation, step_summary
from kyodo.domain.directory.load import check_directory
from kyodo.export.opendata import GROUP_COLUMNS, csv_bytes
from kyodo.site.richtext import render_rich_text
from kyodo.site.settings import SiteSettings
from tests.listingkit import BUSINESS_FILE, FILE, VALID, VALID_BUSINESS, check, errors_for, write

pytestmark = pytest.mark.usefixtures("fixed_today")

CASE = """\
---
title: 星空観察会を公民館で
summary: 子ども会と公民館が、星空観察会を一緒に開いた例です。
year: 2025
wards: [泉区]
fields: [children]
forms: [共催]
partners:
  listings: [hoshizora-kai]
purpose: 子どもが夜空に親しむ場をつくること。
challenge: 望遠鏡の扱いに慣れた人がいませんでした。
actions: 公民館の講座として、月に1回の観察会を開きました。
outcomes: 延べ120人が参加しました。
lessons: 天候に左右されるため、雨の日の代わりの内容を決めておくことが大切です。
published: '2026-04-01'
---

## きっかけ

公民館の館長が、子ども会の観察会を見学したことから始まりました。
"""
CASE_FILE = "case_studies/hoshizora-kominkan.md"


def write_case(repo: Path, text: str, name: str = CASE_FILE) -> None:
    (repo / "case_studies").mkdir(exist_ok=True)
    (repo / "docs" / "guide").mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")


# --- Markup: one sanitising path ---------------------------------------------------------

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "code", "blockquote", "a", "span"}
ALLOWED_TAGS_IN_BODIES = ALLOWED_TAGS | {
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
HOSTILE_MARKDOWN = [
    "<script>window.__x=1</script>",
    '<img src=x onerror="window.__x=2">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<form action="https://evil.example/"><input name=p></form>',
    '<iframe src="https://evil.example/"></iframe>',
    "<style>body{background:url(https://evil.example/x)}</style>",
    '<div class="mermaid">graph TD; A-->B</div>',
    "[a](javascript:alert(1)) [b](data:text/html,x) [c](vbscript:x) [d](http://plain.example/)",
    "[e](//evil.example/x) [f](\\\\evil.example/x) [g](mailto:a@b.example?bcc=c@d.example)",
    "![画像](https://evil.example/pixel.png) <https://evil.example/autolink>",
    "[h][ref]\n\n[ref]: javascript:alert(1)",
    'テキスト {: onclick="x()" } と <b onmouseover=x>太字</b>',
    "<!-- hidden --> &lt;script&gt; &#x3C;script&#x3E;",
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("page_uri", [None, "cases/x.md"])
@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_contributor_markdown_keeps_only_allowed_tags_and_targets(
    text: str, page_uri: str | None
) -> None:
    tags = parsed(render_rich_text(text, page_uri))
    assert tags.tags <= (ALLOWED_TAGS if page_uri is None else ALLOWED_TAGS_IN_BODIES)
    for tag, name, value in tags.attributes:
        assert (tag, name) in {("a", "href"), ("a", "rel"), ("h2", "id"), ("h3", "id")}, name
        if name == "href":
            assert value.startswith(("https://", "mailto:", "tel:", "../")), value
            assert "?" not in value.partition(":")[2] or value.startswith("https://"), value


def test_links_between_site_pages_become_addresses_and_others_lose_their_target() -> None:
    html = render_rich_text(
        "[章](../guide/process.md#実施) [外](https://ok.example/) [危](javascript:x)",
        "cases/x.md",
    )
    assert html == (
        '<p><a href="../../guide/process/#実施" rel="nofollow ugc noopener noreferrer">章</a> '
        '<a href="https://ok.example/" rel="nofollow ugc noopener noreferrer">外</a> '
        "危</p>"
    )


def test_html_in_a_case_body_is_refused_with_its_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, VALID)
    write_case(repo, CASE + '\n<script src="https://evil.example/x.js"></script>\n')
    code, lines = check(repo, capsys)
    assert code == 1
    assert lines[:-1] == [
        f'{CASE_FILE}:22:1: 本文 (body) に HTML「<script src="https://evil.example/x.js">」が書かれています。'
        "HTML は使えません（画面には文字のまま表示されます）。見出しは「## 」、強調は「**…**」、"
        "リンクは「[文字](https://…)」で書いてください。"
    ]


# --- Parsing limits ---------------------------------------------------------------------

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)


def test_yaml_aliases_are_refused_quickly(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start = time.perf_counter()
    lines = errors_for(repo, capsys, VALID + ALIAS_BOMB)
    assert time.perf_counter() - start < 5
    alias = (
        "「&名前」と「*名前」（アンカーと別名）で値をくり返す書き方は使えません。"
        "くり返す値も、その場所にそのまま書いてください。"
    )
    assert f"{FILE}:20:4: {alias}" in lines


def test_oversized_file_and_too_many_values(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, VALID + "#" * 70_000 + "\n") == [
        f"{FILE}:1:1: ファイルが大きすぎます（68 KB）。64 KB 以内にしてください。"
        "1つのファイルには1件の掲載（または事例）だけを書きます。"
    ]
    many = VALID + "sns:\n" + "".join(f"  - https://e{i}.example.jp/\n" for i in range(2100))
    assert (
        f"{FILE}:1996:5: 値の数が多すぎます（2000個まで）。"
        "1つのファイルには1件の掲載（または事例）だけを書いてください。"
    ) in errors_for(repo, capsys, many)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            VALID.replace("summary: 星空", "summary: 星\x00空"),
            "一行紹介 (summary) に制御文字（U+0000）が含まれています。",
        ),
        (
            VALID.replace(
                "summary: 星空観察会を開いている子ども会です。", 'summary: "星空\\a観察会"'
            ),
            "一行紹介 (summary) に制御文字（U+0007）が含まれています。",
        ),
        (
            VALID.replace("name: ほしぞら子ども会", "name: ほしぞら\u202e会ども子"),
            "名称 (name) に見えない文字（U+202E）が含まれています。",
        ),
    ],
)
def test_control_and_hidden_characters_are_refused_with_the_field(
    repo: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    [line] = errors_for(repo, capsys, text)
    assert expected in line
    assert line.startswith(f"{FILE}:")


def test_a_nul_byte_in_a_case_gives_a_located_message_not_a_traceback(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, VALID)
    write_case(repo, CASE.replace("year: 2025", "year: 20\x0025"))
    code, lines = check(repo, capsys)
    assert code == 1
    assert lines[0].startswith(f"{CASE_FILE}:4:")
    assert "Traceback" not in "\n".join(lines)


# --- Files --------------------------------------------------------------------------------


def test_links_folders_and_skipped_files_are_reported_not_followed(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yml"
    outside.write_text(VALID, encoding="utf-8")
    groups = repo / "directory" / "groups"
    (groups / "linked.yml").symlink_to(outside)
    (groups / "sub").mkdir()
    (groups / "sub" / "nested.yml").write_text(VALID, encoding="utf-8")
    (groups / "_draft.yml").write_text(VALID, encoding="utf-8")
    (groups / ".hidden.yml").write_text(VALID, encoding="utf-8")
    code, lines = check(repo, capsys)
    assert code == 1
    assert lines == [
        "directory/groups/.hidden.yml:1:1: 名前が「.」で始まる隠しファイルは読み込まれません。"
        "不要なファイルなので消してください。",
        "directory/groups/_draft.yml:1:1: 名前が「_」で始まるファイルは読み込まれません（ひな形のためのきまりです）。"
        "掲載するなら「_」を外した名前にしてください（例: draft.yml）。",
        "directory/groups/linked.yml:1:1: シンボリックリンクは読み込みません（リンク先のファイルは使われません）。"
        "リンクを消して、内容をこのフォルダーのファイルとして書いてください（拡張子 .yml）。",
        "directory/groups/sub:1:1: フォルダーの中のファイルは読み込まれません。"
        "中のファイルを directory/groups/ の直下に移し、このフォルダーを消してください。",
        "4件のファイルに、合わせて4件の誤りがあります。",
    ]
    assert str(tmp_path_factory.getbasetemp()) not in "\n".join(lines)


RESERVED = (
    "（使えない ID: all, businesses, field, groups, index, kana, kind, offer, theme, ward）。"
)


@pytest.mark.parametrize(
    ("listing_id", "why"),
    [
        *((n, "は数字だけなので使えません（数字だけの名前は、長い一覧の2ページ目以降のアドレスに使います）。"
           "団体名をもとにした、英字を含む ID") for n in ("2", "15")),
        *((n, f"は、サイトの一覧ページの名前なので使えません{RESERVED}団体名をもとにした別の ID")
          for n in ("index", "all", "theme", "offer")),
    ],
)  # fmt: skip
def test_ids_that_would_clash_with_a_list_page_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str], listing_id: str, why: str
) -> None:
    name = f"directory/businesses/{listing_id}.yml"
    write(repo, VALID_BUSINESS.replace("id: hoshizora-kai", f"id: '{listing_id}'"), name)
    code, lines = check(repo, capsys)
    assert code == 1
    assert lines[0] == (
        f"{name}:2:5: ID (id) の「{listing_id}」{why} にして、ファイル名も同じ名前に変えてください。"
    )
    assert name != BUSINESS_FILE


@pytest.mark.parametrize(
    "reading", ["'　ほしぞら'", "' ほしぞら'", "ーほしぞら", "・ほしぞら", "ホシゾラ"]
)
def test_a_reading_must_start_with_a_hiragana_letter(
    repo: Path, capsys: pytest.CaptureFixture[str], reading: str
) -> None:
    """The reading's first letter heads the listing's section in the 五十音 lists and names
    its anchor there: a space, 「ー」 or 「・」 could head no section."""
    lines = errors_for(
        repo, capsys, VALID.replace("name_kana: ほしぞらこどもかい", f"name_kana: {reading}")
    )
    shown = reading.strip("'")
    assert lines == [
        f"{FILE}:4:12: 読み (name_kana) の「{shown}」は使えません。読みはひらがなで書き、"
        "ひらがなで始めてください（先頭に空白、「ー」、「・」は置けません）。"
        "例: name_kana: こまどりおかちょうないかい"
    ]


@pytest.mark.parametrize(
    "reading", ["らーめんのかい", "ほし・ぞら", "'ほしぞら　こどもかい'", "ゔぃら", "っと"]
)
def test_a_reading_may_hold_long_vowels_dots_and_spaces_after_its_first_letter(
    repo: Path, capsys: pytest.CaptureFixture[str], reading: str
) -> None:
    write(repo, VALID.replace("name_kana: ほしぞらこどもかい", f"name_kana: {reading}"))
    assert check(repo, capsys) == (0, [])  # the summary goes to stdout


# --- Identity -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lookalike",
    ["ホシゾラ子ども会", "ほしぞら 子ども会", "ほしぞら子ども会\u200b", "ＨＯＳＨＩＺＯＲＡ"],
)
def test_names_that_readers_cannot_tell_apart_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str], lookalike: str
) -> None:
    original = VALID.replace("ほしぞら子ども会", "HOSHIZORA") if "Ｈ" in lookalike else VALID
    write(repo, original)
    copy = "directory/groups/copycat.yml"
    write(
        repo,
        original.replace("id: hoshizora-kai", "id: copycat").replace(
            "name: HOSHIZORA" if "Ｈ" in lookalike else "name: ほしぞら子ども会",
            f"name: {lookalike}",
        ),
        copy,
    )
    code, lines = check(repo, capsys)
    assert code == 1
    assert any(
        line.startswith(f"{copy}:3:7: 名称 (name) の「") and "同じ名前とみなされます" in line
        for line in lines
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "website: https://user:pass@hoshizora.example.jp/",
            "ウェブサイト (website) の「https://user:pass@hoshizora.example.jp/」には「@」の前に名前やパスワードが入っています。",
        ),
        (
            "website: https://city.example.jp@evil.example/",
            "ウェブサイト (website) の「https://city.example.jp@evil.example/」には「@」の前に名前やパスワードが入っています。",
        ),
        (
            "website: https://hoshizora\u200b.example.jp/",
            "ウェブサイト (website) に見えない文字（U+200B）が含まれています。",
        ),
        (
            "website: http://hoshizora.example.jp/",
            "ウェブサイト (website) の「http://hoshizora.example.jp/」は暗号化されていない http:// のアドレスです。",
        ),
    ],
)
def test_deceptive_addresses_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str], line: str, message: str
) -> None:
    [error] = errors_for(repo, capsys, VALID + line + "\n")
    assert error.startswith(f"{FILE}:19:10: {message}")


def test_mail_headers_in_an_address_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.replace("info@hoshizora.example.jp", "info?bcc=all@hoshizora.example.jp")
    [error] = errors_for(repo, capsys, text)
    assert error == (
        f"{FILE}:11:10: 連絡先のメールアドレス (contact.email) の「info?bcc=all@hoshizora.example.jp」"
        "はメールアドレスの形になっていません。@ の前は半角の英数字と . _ + - だけで書いてください"
        "（? や & は使えません）。例: info@komadorioka.example.jp"
    )


# --- Personal data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "found"),
    [
        ("担当の携帯 090-1234-5678 まで", "電話番号「090-1234-5678」"),
        ("会長宅（白鷺台3丁目4-5）で受け付けます", "住所（番地）「3丁目4-5」"),
        (
            "申し込みは taro.yamada@mail.example.com へ",
            "メールアドレス「taro.yamada@mail.example.com」",
        ),
    ],
)
def test_contact_details_in_prose_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str], description: str, found: str
) -> None:
    [error] = errors_for(repo, capsys, VALID + f"description: {description}\n")
    assert error == (
        f"{FILE}:19:14: 紹介文 (description) に{found}が書かれています。このファイルは誰でも見られ、"
        "変更の履歴も消せないため、本文に連絡先や住所は書けません。"
        "団体の窓口として公開する連絡先は contact に書き、consent の fields に記録してください。"
    )


def test_the_listings_own_consented_contact_may_be_repeated(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, VALID + "description: 事務局（022-000-0001）までお電話ください。\n")
    assert main(["--root", str(repo), "check"]) == 0


def test_contact_details_in_a_case_body_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, VALID)
    write_case(repo, CASE + "\n問い合わせは 022-111-2222 まで。\n")
    code, lines = check(repo, capsys)
    assert code == 1
    assert lines[0] == (
        f"{CASE_FILE}:22:1: 本文 (body) に電話番号「022-111-2222」が書かれています。このファイルは誰でも見られ、"
        "変更の履歴も消せないため、本文に連絡先や住所は書けません。"
        "事例には連絡先を書けません。団体の名前（名簿へのリンク）で書いてください。"
    )


# --- Exports ------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "＝"])
def test_csv_cells_that_start_like_formulas_stay_text(
    repo: Path, start: str, fixed_today: object
) -> None:
    text = VALID.replace(
        "summary: 星空観察会を開いている子ども会です。", f'summary: "{start}cmd|星空"'
    )
    write(repo, text.replace("\t", "\\t").replace("\r", "\\r"))
    directory, problems = check_directory(repo / "directory", repo)
    assert problems == []
    settings = SiteSettings("https://example.jp/", "", "", fixed_today)  # type: ignore[arg-type]
    data = csv_bytes(directory.groups, GROUP_COLUMNS, settings).decode("utf-8-sig")
    [row] = csv.DictReader(io.StringIO(data, newline=""))
    assert row["一行紹介"] == f"'{start}cmd|星空"


@pytest.mark.parametrize(
    ("typed", "shown"), [("0x7B8", "0x7B8"), ("1.0e+3", "1.0e+3"), ("yes", "yes")]
)
def test_numbers_must_be_plain_integers(
    repo: Path, capsys: pytest.CaptureFixture[str], typed: str, shown: str
) -> None:
    [error] = errors_for(repo, capsys, VALID + f"members: {typed}\n")
    assert (
        error
        == f"{FILE}:19:10: 会員数 (members) は半角数字の整数で書いてください（いまは「{shown}」です）。例: members: 320"
    )


# --- CI output ----------------------------------------------------------------------------


def test_values_cannot_write_workflow_commands_or_break_the_summary(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    hostile = '"泉\\n::add-mask::secret\\n::error::forged | x"'
    write(repo, VALID.replace("wards: [泉区]", f"wards: [{hostile}]"))
    assert main(["--root", str(repo), "check"]) == 1
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert commands
    assert all(line.startswith(f"::error file={FILE},line=") for line in commands)
    assert not any(line.startswith("::add-mask::") for line in lines)
    table = [
        row for row in summary.read_text(encoding="utf-8").splitlines() if row.startswith("| ")
    ]
    assert len(table) == 2
    assert table[1].count(" | ") == 3


def test_one_problem_is_one_line_everywhere() -> None:
    problem = Problem("a.yml", 1, 1, "x\r\n::error::y\u2028z\x07")
    assert str(problem) == "a.yml:1:1: x⏎::error::y[U+2028]z[U+0007]"
    assert "\n" not in github_annotation(problem)
    assert "\n" not in step_summary([problem]).split("|---|---|---|---|\n")[1].rstrip("\n")


def test_no_message_carries_an_absolute_path(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, b"\xff\xfe" + VALID.encode("utf-16-le"))
    code, lines = check(repo, capsys)
    assert code == 1
    assert os.sep + "tmp" not in "\n".join(lines)
    assert str(repo) not in "\n".join(lines)
