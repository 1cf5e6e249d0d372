"""Japanese search, measured: Pagefind's own JavaScript in Chromium against built sites."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from kyodo.devtools.bench import site_skeleton, timed_build
from kyodo.devtools.synthetic import write_synthetic_directory
from kyodo.domain.site_content import load_content
from kyodo.search.tokens import query_terms
from tests.conftest import ROOT, BuiltSite, serve
from tests.searchkit import Score, open_search, result_urls, score, search, totals, truth_pages

CONTENT = load_content(ROOT)
QUERIES = [
    "町内会", "見守り", "子育て支援", "協働", "区", "評価シート", "老人クラブ", "ＮＰＯ", "npo",
    "CSR", "ＣＳＲ", "ボランティア", "まちづくり", "ひな形", "協定書", "中間支援組織", "子ども食堂",
    "集会所", "2024", "022-000", "example.jp", "Ｅｘａｍｐｌｅ", "担い手", "コーディネーター",
    "の", "食", "防災訓練", "青葉区 防災訓練", "町内会 見守り 防災", "子育て支援 青葉区",
    "存在しない語句", "qzxv", "町内会 qzxv", "事例", "相互評価",
    *[listing.name for listing in CONTENT.directory.listings[:3]],
    CONTENT.cases[0].title,
]  # fmt: skip


@pytest.fixture(scope="module")
def search_page(site_url: str, browser: Browser) -> Iterator[Page]:
    page = browser.new_page()
    open_search(page, site_url)
    yield page
    page.close()


def report(scores: list[Score]) -> str:
    return "\n".join(
        f"{s.query}: expected {s.expected}, found {s.found}, correct {s.correct}" for s in scores
    )


def assert_quality(scores: list[Score]) -> None:
    recall, precision = totals(scores)
    per_query_recall = sum(
        s.correct / s.expected if s.expected else float(s.found == 0) for s in scores
    ) / len(scores)
    assert recall >= 0.98 and per_query_recall >= 0.98, report(scores)
    assert precision >= 0.95, report(scores)


def test_query_set_covers_the_required_kinds() -> None:
    assert len(QUERIES) >= 30
    assert any(len(q) == 1 for q in QUERIES) and any(" " in q for q in QUERIES)
    assert any(q.isascii() for q in QUERIES) and any(
        not q.isascii() and q.upper() == q for q in QUERIES
    )


def test_javascript_translates_queries_like_python(search_page: Page) -> None:
    words = ["町内会", "区", "ＮＰＯ法人", "子育て支援", "ab", "𠮷野家", "ﾎﾞﾗﾝﾃｨｱ"]
    assert search_page.evaluate("ws => ws.map(w => window.kyodoSearch.queryTerms(w))", words) == [
        query_terms(w) for w in words
    ]


def test_recall_and_precision_on_the_sample_site(site: BuiltSite, search_page: Page) -> None:
    truth, urls = truth_pages(site.path), result_urls(site.path)
    assert set(urls.values()) == set(truth), (
        "every page with a search body is indexed, and only those"
    )
    scores = [score(search_page, q, truth, urls) for q in QUERIES]
    assert_quality(scores)
    assert sum(s.expected for s in scores) > 500


def test_a_query_that_matches_nothing_returns_nothing(search_page: Page) -> None:
    assert search(search_page, "存在しない語句") == []
    assert search(search_page, "町内会 qzxv") == []


def test_titles_rank_first_and_an_exact_title_leads(site: BuiltSite, search_page: Page) -> None:
    truth, urls = truth_pages(site.path), result_urls(site.path)
    for query in [
        "町内会",
        "見守り",
        "協定書",
        "評価シート",
        "協働の進め方",
        CONTENT.cases[0].title,
    ]:
        titles = [truth[urls[i]].title for i in search(search_page, query)]
        with_title = [query in t for t in titles]
        assert with_title == sorted(with_title, reverse=True), (query, titles[:15])
        if query in titles:
            assert titles[0] == query, (query, titles[:3])


def test_filters_combine_with_the_query(site: BuiltSite, search_page: Page) -> None:
    truth, urls = truth_pages(site.path), result_urls(site.path)
    found = {urls[i] for i in search(search_page, "防災", {"種類": ["団体"], "区": ["青葉区"]})}
    expected = {
        f"/directory/groups/{g.id}/"
        for g in CONTENT.directory.groups
        if any(w.name == "青葉区" for w in g.wards)
        and truth[f"/directory/groups/{g.id}/"].contains("防災")
    }
    assert expected and found == expected


def test_search_page_reads_and_writes_the_query_in_the_address(
    site_url: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(site_url + "search/?q=%E7%94%BA%E5%86%85%E4%BC%9A&kind=%E5%9B%A3%E4%BD%93")
    page.wait_for_selector(".kyodo-search__result")
    assert page.input_value("#kyodo-q") == "町内会"
    assert page.is_checked("input[name=kind][value=団体]")
    assert "町内会" in page.inner_text(".kyodo-search__status")
    marks = page.locator(".kyodo-search__excerpt mark").all_inner_texts()
    assert marks and all(m == "町内会" for m in marks)
    page.fill("#kyodo-q", "見守り")
    page.press("#kyodo-q", "Enter")
    page.wait_for_function("location.search.includes('q=%E8%A6%8B%E5%AE%88%E3%82%8A')")
    page.wait_for_function(
        "document.querySelector('.kyodo-search__status').textContent.includes('見守り')"
    )
    page.close()


def test_keyboard_reaches_search_and_its_filters(site_url: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(site_url + "guide/process/")
    page.keyboard.press("Control+k")
    assert page.evaluate("document.activeElement.id") == "kyodo-header-q"
    page.keyboard.type("協定書")
    page.keyboard.press("Enter")
    page.wait_for_selector(".kyodo-search__result")
    assert page.url.startswith(site_url + "search/?q=")
    page.focus("#kyodo-q")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "ガイド"
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "kyodo-q"
    page.keyboard.press("Enter")
    page.wait_for_function("location.search.includes('kind=')")
    page.wait_for_selector(".kyodo-search__result")
    badges = page.locator(".kyodo-search__title .kyodo-badge").all_inner_texts()
    assert badges and set(badges) == {"ガイド"}
    page.close()


def test_search_works_from_a_subpath(site: BuiltSite, browser: Browser, tmp_path: Path) -> None:
    (tmp_path / "kyodo").symlink_to(site.path, target_is_directory=True)
    for base in serve(tmp_path):
        page = browser.new_page()
        page.goto(base + "kyodo/search/?q=%E5%8D%94%E5%AE%9A%E6%9B%B8")
        page.wait_for_selector(".kyodo-search__result a")
        hrefs = page.eval_on_selector_all(".kyodo-search__result a", "as => as.map(a => a.href)")
        assert hrefs and all(h.startswith(base + "kyodo/") for h in hrefs)
        page.close()


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = site_skeleton(ROOT, tmp_path_factory.mktemp("synthetic"))
    write_synthetic_directory(project, 2000)
    result = timed_build(project)
    assert result.returncode == 0, result.output
    return project / "site"


def test_recall_and_precision_on_2000_listings(synthetic_site: Path, browser: Browser) -> None:
    truth, urls = truth_pages(synthetic_site), result_urls(synthetic_site)
    assert len(truth) > 2000
    for base in serve(synthetic_site):
        page = browser.new_page()
        open_search(page, base)
        scores = [score(page, q, truth, urls) for q in [*QUERIES, "星見ヶ丘", "見守り隊", "楓"]]
        page.close()
    assert_quality(scores)


def test_pages_stay_small_at_scale(synthetic_site: Path) -> None:
    biggest = max(synthetic_site.rglob("*.html"), key=lambda p: p.stat().st_size)
    assert biggest.stat().st_size < 150 * 1024, biggest
    assert len(list((synthetic_site / "directory/kana/sa").glob("*/index.html"))) >= 1
