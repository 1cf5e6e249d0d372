"""Case studies: checks with word-for-word messages, pages, indexes and links both ways."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest

from kyodo.cli import main
from kyodo.content import formats
from kyodo.domain.cases.markers import marker_problems
from kyodo.domain.site_content import SiteContent
from kyodo.site.case_markers import expand_markers
from kyodo.site.urls import case_uri, case_view_uri, listing_uri, page_url
from tests.conftest import ROOT, BuiltSite

VALID = """\
---
title: 見本台の防災マップづくり
summary: 見本台の町内会と大学が、避難経路を歩いて地図にまとめました。
year: 2024
wards: [青葉区]
fields: [disaster-relief]
forms: [共催]
partners:
  listings: [komadorioka-chonaikai]
  departments: [青葉区 地域づくり担当]
purpose: 避難経路を住民が知ること。
challenge: 通りにくい道が地図に載っていませんでした。
actions: 班長と学生が経路を歩きました。
outcomes: 全戸に地図を配りました。
lessons: 保険の分担を先に決めるべきでした。
chapters: [guide/process.md]
published: 2026-05-01
sample: true
---

## きっかけ

防災訓練の後に声が出ました。
"""
FILE = "case_studies/mihondai-map.md"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(formats, "today", lambda: datetime.date(2026, 11, 28))
    shutil.copytree(ROOT / "directory", tmp_path / "directory")
    shutil.copytree(ROOT / "docs" / "guide", tmp_path / "docs" / "guide")
    (tmp_path / "case_studies").mkdir()
    return tmp_path


def errors_for(repo: Path, capsys: pytest.CaptureFixture[str], text: str | bytes) -> list[str]:
    path = repo / FILE
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    code = main(["--root", str(repo), "check"])
    lines = capsys.readouterr().err.splitlines()
    assert code == 1
    return lines[:-1]


def test_valid_case_passes(
    repo: Path, capsys: pytest.CaptureFixture[str], content: SiteContent
) -> None:
    (repo / FILE).write_text(VALID, encoding="utf-8")
    assert main(["--root", str(repo), "check"]) == 0
    assert capsys.readouterr().out.endswith("事例 1件）。\n")


def test_missing_front_matter(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, "## きっかけ\n\n本文だけです。\n") == [
        f"{FILE}:1:1: ファイルの先頭に前付けがありません。1行目に「---」、次の行から「title: …」などの項目、"
        "最後に「---」だけの行を書き、その下に本文を書いてください。ひな形は case_studies/_template.md です。"
    ]


def test_yaml_error_in_front_matter_has_the_file_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.replace("year: 2024", "year: 2024\n\tmonth: 5")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:5:1: 字下げにタブ文字が使われています。YAML の字下げには半角スペースを使ってください"
        "（タブ1つを半角スペース2つに置き換えます）。"
    ]


def test_unknown_form(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors_for(repo, capsys, VALID.replace("forms: [共催]", "forms: [協賛]")) == [
        f"{FILE}:7:9: 協働の形態 (forms) に「協賛」は使えません。次のいずれかを書いてください: "
        "委託, 補助・助成, 負担金, 共催, 後援, 実行委員会・協議会, 事業協力, 情報交換・意見交換, 企画立案への参画"
    ]


def test_partner_not_in_the_directory(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("listings: [komadorioka-chonaikai]", "listings: [komadorioka-chonaikay]")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:9:14: 協働した主体の名簿に載っている主体 (partners.listings) の「komadorioka-chonaikay」は名簿にありません。"
        "もしかして: komadorioka-chonaikai。"
        "directory/groups/ か directory/businesses/ にあるファイル名（.yml を除いた部分）を書いてください。"
    ]


def test_chapter_that_does_not_exist(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("chapters: [guide/process.md]", "chapters: [guide/proces.md]")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:16:12: 関連する章 (chapters) の「guide/proces.md」という章はありません。"
        "もしかして: guide/process.md。docs/ にある章のファイルを書いてください。"
    ]


def test_update_before_publication(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("published: 2026-05-01", "published: 2026-05-01\nupdated: 2026-04-01")
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:18:10: 更新日 (updated) の「2026-04-01」が公開日（2026-05-01）より前です。公開日以降の日付を書いてください。"
    ]


def test_score_out_of_range_and_missing_field(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.replace("lessons: 保険の分担を先に決めるべきでした。\n", "").replace(
        "chapters:",
        "evaluation:\n  methods: [相互評価]\n  scores:\n    - item: 進捗\n      ratings: {町内会: 6}\nchapters:",
    )
    assert errors_for(repo, capsys, text) == [
        f"{FILE}:2:1: 必須の項目 学んだこと (lessons) がありません。"
        "例: lessons: 地図の試作は早めに班長会で見てもらい、住民が読める形に直すこと",
        f"{FILE}:19:22: 評価の評価の点数の主体ごとの点数 (evaluation.scores.ratings.町内会) の「6」は大きすぎます。5以下の数を書いてください。",
    ]


def test_every_case_has_its_page_and_is_in_each_of_its_views(
    site: BuiltSite, content: SiteContent
) -> None:
    assert len(content.cases) >= 15
    index = site.read("cases/")
    for case in content.cases:
        assert f"<h1>{case.title}</h1>" in site.read(page_url(case_uri(case)))
        target = page_url(case_uri(case)).removeprefix("cases/")
        assert f'href="{target}"' in index
        views = [
            ("year", case.year),
            *[("form", f.slug) for f in case.forms],
            *[("field", f.code) for f in case.fields],
            *[("ward", w.slug) for w in case.wards],
        ]
        for kind, key in views:
            assert f'href="../../{target}"' in site.read(page_url(case_view_uri(kind, key))), (
                case.id,
                kind,
                key,
            )


def test_cases_cover_every_form_and_ward(content: SiteContent) -> None:
    assert {f.name for c in content.cases for f in c.forms} == {
        "委託",
        "補助・助成",
        "負担金",
        "共催",
        "後援",
        "実行委員会・協議会",
        "事業協力",
        "情報交換・意見交換",
        "企画立案への参画",
    }
    assert {"青葉区", "宮城野区", "若林区", "太白区", "泉区"} <= {
        w.name for c in content.cases for w in c.wards
    }


def test_partner_links_resolve_both_ways(site: BuiltSite, content: SiteContent) -> None:
    for case in content.cases:
        case_html = site.read(page_url(case_uri(case)))
        for partner in case.partners:
            listing = content.directory.get(partner)
            assert listing is not None
            assert f'href="../../{page_url(listing_uri(listing))}"' in case_html
            listing_html = site.read(page_url(listing_uri(listing)))
            assert f'href="../../../{page_url(case_uri(case))}"' in listing_html, (partner, case.id)


def test_chapter_markers_list_the_cases_of_each_form(site: BuiltSite, content: SiteContent) -> None:
    html = site.read("guide/collaboration-types/")
    assert "[[cases" not in html
    for case in content.cases:
        assert f'href="../../{page_url(case_uri(case))}"' in html, case.id


def test_bad_marker_is_reported_with_its_line() -> None:
    problems = marker_problems("# 章\n\n[[cases form=協賛]]\n", "docs/guide/x.md")
    assert [str(p) for p in problems] == [
        "docs/guide/x.md:3:1: 事例の目印「[[cases form=協賛]]」を読み取れません。次の形で書いてください: [[cases form=委託]]。"
        "使える条件: form=（委託、補助・助成、負担金、共催、後援、実行委員会・協議会、事業協力、情報交換・意見交換、企画立案への参画）; "
        "field=（health-welfare、social-education、community-development、tourism、rural-development、culture-sports、"
        "environment、disaster-relief、community-safety、human-rights-peace、international-cooperation、gender-equality、"
        "children、information-society、science-technology、economic-activity、employment、consumer-protection、"
        "npo-support、ordinance）; ward=（青葉区、宮城野区、若林区、太白区、泉区、市全域）"
    ]


def test_case_lists_show_titles_as_plain_text(content: SiteContent) -> None:
    case = dataclasses.replace(content.cases[0], title="[罠](javascript:x) *強調* & <b>")
    expanded = expand_markers(f"[[cases ward={case.wards[0].name}]]", "guide/x.md", [case])
    link = f'<a href="../../cases/{case.id}/">[罠](javascript:x) *強調* &amp; &lt;b&gt;</a>'
    assert link in expanded
    assert "\\" not in expanded
