"""Build-time page rules: headings, image alt text, table headers, link texts, language."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyodo.devtools.bench import site_skeleton, timed_build
from kyodo.postbuild.pagerules import page_problems
from tests.conftest import ROOT, BuiltSite


def article(body: str, lang: str = "ja") -> str:
    return f'<html lang="{lang}"><body><article class="md-content__inner md-typeset">{body}</article></body></html>'


def test_each_rule_has_its_message() -> None:
    assert page_problems(article("<h1>章</h1><h2>節</h2><h3>項</h3>")) == []
    assert page_problems(article("<h1>章</h1><h3>項</h3>")) == [
        "見出しが h1 から h3 に飛んでいます。h2 を使ってください。"
    ]
    assert page_problems(article("<h1>a</h1><h1>b</h1>")) == [
        "h1 見出しが 2 個あります。ページの見出し（# で始まる行）は1つにしてください。"
    ]
    assert page_problems(article('<h1>a</h1><img src="map.png">')) == [
        "画像 map.png に代替テキストがありません。![画像の内容を説明する文](…) のように書いてください"
        "（飾りだけの画像は ![](…){ .decorative } と書きます）。"
    ]
    assert page_problems(article('<h1>a</h1><img src="line.png" alt="" class="decorative">')) == []
    assert page_problems(article("<h1>a</h1><table><tr><td>1</td></tr></table>")) == [
        "見出しのセル（th）がない表があります。表の1行目を見出し行にしてください。"
    ]
    assert page_problems(article('<h1>a</h1><p><a href="x/">こちら</a></p>')) == [
        "リンクの文字「こちら」だけでは行き先がわかりません。行き先の名前をリンクにしてください。"
    ]
    assert page_problems(article("<h1>a</h1>", lang="en")) == [
        "ページの言語が ja になっていません。"
    ]


def test_every_built_page_keeps_the_rules(site: BuiltSite) -> None:
    broken = {
        page.relative_to(site.path).as_posix(): page_problems(page.read_text(encoding="utf-8"))
        for page in site.pages()
    }
    assert {name: found for name, found in broken.items() if found} == {}


@pytest.mark.build
def test_a_chapter_breaking_the_rules_fails_the_strict_build(tmp_path: Path) -> None:
    project = site_skeleton(ROOT, tmp_path / "project")
    chapter = project / "docs/guide/about.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text + "\n#### 飛んだ見出し\n\n![](map.png)\n", encoding="utf-8")
    (project / "docs/guide/map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = timed_build(project)
    assert result.returncode == 1
    assert (
        "guide/about.md: 見出しが h2 から h4 に飛んでいます。h3 を使ってください。" in result.output
    )
    assert "guide/about.md: 画像 ../map.png に代替テキストがありません。" in result.output
