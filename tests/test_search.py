"""Japanese search, measured: Pagefind's own JavaScript in Chromium against built sites."""

from __future__ import annotations

import concurrent.futures
import gzip
import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cbor2
import pytest
from playwright.sync_api import Browser, Page
from selectolax.lexbor import LexborHTMLParser

from kyodo.devtools.bench import site_skeleton, timed_build
from kyodo.devtools.synthetic import write_synthetic_directory
from kyodo.domain.site_content import load_content
from kyodo.search import pagefind_files
from kyodo.search.index import shortest_first, site_records, write_index
from kyodo.search.offload import Offload
from kyodo.search.pagetext import SearchRecord, read_blocks
from kyodo.search.postings import postings
from kyodo.search.tokens import (
    EVERY_PAGE,
    EXACT_LENGTH,
    SPAN,
    WIDTH,
    code,
    exact_title_token,
    normalise,
    query_plan,
    window,
)
from kyodo.site.browse import ROW_OF
from kyodo.site.pages import PAGE_WINDOW
from tests.conftest import ROOT, BuiltSite, serve
from tests.searchkit import (
    GAP,
    Score,
    SearchOnlySite,
    indexed_html,
    open_search,
    result_urls,
    score,
    search,
    search_only_site,
    served_search,
    totals,
    truth_pages,
)

CONTENT = load_content(ROOT)
LONG_PHRASE = (
    "様式集のひな形は、必要な部分だけを選んで"  # twenty characters: checked against the text
)
QUERIES = [
    "町内会", "見守り", "子育て支援", "協働", "区", "評価シート", "老人クラブ", "ＮＰＯ", "npo",
    "CSR", "ＣＳＲ", "ボランティア", "まちづくり", "ひな形", "協定書", "中間支援組織", "子ども食堂",
    "集会所", "2024", "022-000", "example.jp", "Ｅｘａｍｐｌｅ", "担い手", "コーディネーター",
    "の", "食", "防災訓練", "青葉区 防災訓練", "町内会 見守り 防災", "子育て支援 青葉区",
    "存在しない語句", "qzxv", "町内会 qzxv", "事例", "相互評価", LONG_PHRASE,
    "協働の進め方について", "地域の課題を解決するために",
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
    """Every page containing the query is found, and only those: recall and precision 1.000."""
    recall, precision = totals(scores)
    assert recall == 1.0 and precision == 1.0, report(scores)
    assert all(s.correct == s.expected == s.found for s in scores), report(scores)


# --- The token language --------------------------------------------------------------------


def test_every_character_has_a_code_of_its_own() -> None:
    characters = ["😀", "😁", "한", "힣", "𠮷", "\U0010ffff", "\uffff", "あ", "a"]
    codes = [code(c) for c in characters]
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 4 and c[0] <= "n" for c in codes), codes


def test_query_plans_cover_words_up_to_the_exact_length() -> None:
    for length in range(1, EXACT_LENGTH + 1):
        word = "あいうえおかきくけこさしすせそ"[:length]
        covered = {offset + i for offset, _ in query_plan(word) for i in range(min(4, length))}
        assert covered == set(range(length)), (word, query_plan(word))
        assert len(query_plan(word)) <= 2
    assert len(query_plan("あ" * 40)) == 2


def test_distinct_emoji_and_hangul_are_distinct_terms() -> None:
    assert query_plan("😀") != query_plan("😁")
    assert query_plan("한국") != query_plan("힣국")


# --- What a page's search text is ----------------------------------------------------------


def test_page_text_honours_ignore_anywhere_and_drops_comments() -> None:
    title, blocks, labels = read_blocks(
        '<h1>題名<a class="headerlink" href="#x">¶</a></h1>'
        "<p>前<!-- 注釈 a > b 隠れた語 -->後</p>"
        "<section><p>残る<span data-pagefind-ignore>無視<b>入れ子</b></span>文</p></section>"
        "<dl><dt>種別</dt><dd>町内会</dd></dl>"
        "<div data-pagefind-ignore><p>外す</p><div>深い</div></div><p>最後<br>行</p>"
        '<script>var s = "<p>脚本</p>";</script><style>p { }</style>'
    )
    assert title == "題名"
    assert blocks == ["題名", "前後", "残る文", "種別", "町内会", "最後", "行"]
    assert labels == {0, 3}


# --- Pagefind's private format, which the search relies on -------------------------------------


def _binary_index(tmp_path: Path, records: list[SearchRecord]) -> Path:
    """The index Pagefind's own binary writes for the records' token pages."""
    for record in records:
        page = tmp_path / "pages" / record.url.strip("/") / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(indexed_html(record), encoding="utf-8")
    command = [sys.executable, "-m", "pagefind", "--site", str(tmp_path / "pages")]
    subprocess.run(
        [*command, "--output-path", str(tmp_path / "pf")], check=True, capture_output=True
    )
    return tmp_path / "pf"


def _decoded(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd"), (
        f"{path.name}: Pagefind files no longer start with pagefind_dcd"
    )
    return cbor2.loads(data[len(b"pagefind_dcd") :])


def _positions(locations: list[int]) -> dict[int, int]:
    """Decoded locations: runs opened by -(weight + 1), each a list of deltas from 0."""
    found, weight, position = {}, 0, 0
    for value in locations:
        if value < 0:
            weight, position = -value - 1, 0
        else:
            position += value
            found[position] = weight
    return found


@dataclass
class DecodedIndex:
    version: str
    pages: list[tuple[str, int]]  # (address, word count) in Pagefind's page order
    words: dict[str, list[tuple[str, tuple[int, ...], tuple[int, ...]]]]
    filters: dict[str, dict[str, list[str]]]
    tail: list[object]  # pf_meta's sorts and meta fields


def _files(folder: Path) -> dict[Path, bytes]:
    """Every file under a folder, by its path in it, with its bytes."""
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _decoded_index(pagefind: Path, address: dict[str, str]) -> DecodedIndex:
    """An index as plain data, with pages named by their address (`address` maps result ids)."""
    meta = _decoded(next(pagefind.glob("*.pf_meta")))
    assert isinstance(meta, list) and meta[0] == "1.5.2", "pf_meta: [version, pages, chunks, …]"
    pages = [(address[page_id], count) for page_id, count in meta[1]]
    words = {}
    for first, last, name in meta[2]:
        chunk = _decoded(pagefind / "index" / f"{name}.pf_index")
        assert isinstance(chunk, list)
        assert chunk[0][0][0].startswith(first) and chunk[0][-1][0].startswith(last)
        for word, found, _ in chunk[0]:
            page, listed = 0, []
            for step, locations, meta_locations in found:
                page += step
                listed.append((pages[page][0], tuple(locations), tuple(meta_locations)))
            words[word] = sorted(listed)
    filters = {}
    for _, file in meta[3]:
        filter_name, values = _decoded(pagefind / "filter" / f"{file}.pf_filter")  # type: ignore[misc]
        filters[filter_name] = {v: sorted(pages[n][0] for n in found) for v, found in values}
    return DecodedIndex(meta[0], sorted(pages), words, filters, meta[4:])


def _binary_addresses(pagefind: Path) -> dict[str, str]:
    """The binary's result ids (its fragment files, which hold the address) by id."""
    found = {}
    for fragment in (pagefind / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        found[fragment.stem] = json.loads(data[data.index(b"{") :])["url"]
    return found


def test_pagefind_format_is_the_one_search_relies_on(tmp_path: Path) -> None:
    """Upgrading Pagefind past 1.5.2 must fail here first, naming what changed."""
    record = SearchRecord("/a/", "見守り", ("見守り", "見守り隊 と 見守り"), frozenset({0}), {})
    pagefind = _binary_index(tmp_path, [record])
    entry = json.loads((pagefind / "pagefind-entry.json").read_text())
    assert entry["version"] == "1.5.2", "Pagefind was upgraded: check the format and this test"
    index = _decoded_index(pagefind, _binary_addresses(pagefind))
    # Word positions are character offsets: the title (3 characters), a gap, then the text.
    ((page, locations, meta_locations),) = index.words[window("見守り")]
    gap = len(GAP.split())
    assert page == "/a/" and _positions(list(locations)) == {
        0: 168,
        3 + gap: 24,
        3 + gap + 8: 24,
    }, (
        "Pagefind no longer numbers word positions as kyodo.search.index lays them out "
        f"(title, {gap} unindexed gap words, text), or encodes them differently: {locations}"
    )
    assert meta_locations == (-1, 0), "a title word's place in the title meta"
    assert "-" not in index.words, "gap words must take a position without being indexed"


def test_the_index_writer_writes_what_pagefind_writes(site: BuiltSite, tmp_path: Path) -> None:
    """`pagefind_files` and Pagefind's binary index the sample site's token pages alike.

    The binary also indexes the parts of a token split where digits meet letters: words
    shorter than any query term, which no search can ask for; they are left out."""
    records = list(site_records(site.path))
    binary = tmp_path / "binary"
    binary.mkdir()
    theirs = _decoded_index(_binary_index(binary, records), _binary_addresses(binary / "pf"))
    ours_folder = tmp_path / "ours"
    ids = pagefind_files.write_index(records, postings(records), ours_folder)
    ours = _decoded_index(ours_folder, {i: r.url for i, r in zip(ids, records, strict=True)})
    shortest = WIDTH * SPAN
    assert min(len(word) for word in ours.words) == shortest
    parts = {w for w in theirs.words if len(w) < shortest}
    assert ours.words == {w: v for w, v in theirs.words.items() if w not in parts}
    assert (ours.version, ours.pages, ours.filters, ours.tail) == (
        theirs.version, theirs.pages, theirs.filters, theirs.tail
    )  # fmt: skip
    assert len(ours.words) > 100_000 and len(ours.filters) >= 3


def test_batches_of_pages_and_runs_of_terms_do_not_change_the_index(
    site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The postings are laid out a batch of pages at a time and written a run of terms at a
    time (to bound memory at scale); small batches and runs give the same index. Every third
    page of the sample site still makes dozens of each."""
    records = list(site_records(site.path))[::3]
    monkeypatch.setattr("kyodo.search.postings.PAGES_PER_BATCH", len(records))
    monkeypatch.setattr("kyodo.search.postings.RUN_ROWS", 10**9)
    assert len(list(postings(records).runs())) == 2  # the terms, then EVERY_PAGE
    whole = pagefind_files.write_index(records, postings(records), tmp_path / "whole")
    monkeypatch.setattr("kyodo.search.postings.PAGES_PER_BATCH", 7)
    monkeypatch.setattr("kyodo.search.postings.RUN_ROWS", 2_000)
    assert len(list(postings(records).runs())) > 50
    split = pagefind_files.write_index(records, postings(records), tmp_path / "split")
    address = {i: r.url for i, r in zip(whole, records, strict=True)}
    assert whole == split
    assert _decoded_index(tmp_path / "whole", address) == _decoded_index(
        tmp_path / "split", address
    )
    chunks = [len(list((tmp_path / run / "index").iterdir())) for run in ("whole", "split")]
    assert chunks[0] == chunks[1], "a chunk takes words across runs"


def test_renumbered_postings_are_the_postings_of_the_pages_in_that_order(
    site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build lays the pages out once and renumbers them, fewest words first, rather than
    laying them out again in that order; both give the same index, byte for byte."""
    monkeypatch.setattr("kyodo.search.postings.PAGES_PER_BATCH", 16)
    records = list(site_records(site.path))
    laid_out = postings(records)
    order = shortest_first(laid_out.word_counts)
    assert order != sorted(order)
    ordered = [records[n] for n in order]
    again = pagefind_files.write_index(ordered, postings(ordered), tmp_path / "again")
    moved = pagefind_files.write_index(ordered, laid_out.reordered(order), tmp_path / "moved")
    assert again == moved
    written = _files(tmp_path / "again")
    assert len(written) > 100 and written == _files(tmp_path / "moved")


def test_result_ids_are_short_distinct_and_change_with_any_page() -> None:
    """Every search downloads every page's id: a tag of the whole index and a number, which
    compress to almost nothing; a change to any page gives every id another tag."""
    records = [
        SearchRecord(f"/directory/groups/g{n}/", "", ("花壇",), frozenset(), {})
        for n in range(12_000)
    ]
    tag = pagefind_files.index_tag(records)
    ids = pagefind_files.page_ids(records, tag)
    assert len(set(ids)) == 12_000 and all(i.startswith(tag) for i in ids)
    assert max(len(i) for i in ids) == pagefind_files.TAG_LENGTH + 3  # 32³ > 12,000
    # As pf_meta lists them, against ids as random as digests of the addresses.
    random_ids = [hashlib.sha256(r.url.encode()).hexdigest()[:6] for r in records]
    listed = [gzip.compress(cbor2.dumps([[i, 120 + n % 900] for n, i in enumerate(some)]))
              for some in (ids, random_ids)]  # fmt: skip
    assert len(listed[0]) < 0.7 * len(listed[1])
    edited = [*records[:-1], SearchRecord(records[-1].url, "", ("花",), frozenset(), {})]
    assert pagefind_files.index_tag(edited) != tag
    assert pagefind_files.index_tag(list(records)) == tag


def test_the_index_writer_takes_text_shorter_than_a_token(tmp_path: Path) -> None:
    """A site whose whole text is one character is indexed as the binary indexes it; a site
    with no page at all gets an empty index."""
    records = [SearchRecord("/a/", "", ("あ",), frozenset(), {})]
    pagefind = _binary_index(tmp_path, records)
    theirs = _decoded_index(pagefind, _binary_addresses(pagefind))
    ids = pagefind_files.write_index(records, postings(records), tmp_path / "ours")
    ours = _decoded_index(tmp_path / "ours", {ids[0]: "/a/"})
    assert ours.words == {w: v for w, v in theirs.words.items() if len(w) >= WIDTH * SPAN}
    assert ours.words and ours.pages == theirs.pages == [("/a/", ours.pages[0][1])]
    assert list(postings([]).runs()) == []
    shipped = {f.name for f in (tmp_path / "ours").glob("pagefind*.js")}
    assert shipped == {"pagefind.js", "pagefind-worker.js"}, "Pagefind's own UIs are not used"


# --- Search in the browser, on the sample site -----------------------------------------------


def test_javascript_translates_queries_like_python(search_page: Page) -> None:
    words = ["町内会", "区", "ＮＰＯ法人", "子育て支援", "ab", "𠮷野家", "ﾎﾞﾗﾝﾃｨｱ", "😀", "한국어"]
    words += ["あいうえおかきくけこさしすせ", "協働の進め方 について"]
    assert search_page.evaluate(
        "ws => ws.map(w => [window.kyodoSearch.queryPlan(w), window.kyodoSearch.exactTitleToken(w)])",
        words,
    ) == [[[list(step) for step in query_plan(w)], exact_title_token(w)] for w in words]
    assert search_page.evaluate("window.kyodoSearch.everyPage") == EVERY_PAGE


def test_recall_and_precision_on_the_sample_site(site: BuiltSite, search_page: Page) -> None:
    truth, urls = truth_pages(site.path), result_urls(site.path)
    assert set(urls.values()) == set(truth), (
        "every page with a search body is indexed, and only those"
    )
    scores = [score(search_page, q, truth, urls) for q in QUERIES]
    assert_quality(scores)
    assert sum(s.expected for s in scores) > 500
    assert any(s.expected and len(normalise(s.query)) > EXACT_LENGTH for s in scores)


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
        if query in titles:
            assert titles[0] == query, (query, titles[:3])
            titles = titles[1:]
        active = [t for t in titles if t not in DISSOLVED_OR_PAUSED]
        with_title = [query in t for t in active]
        assert with_title == sorted(with_title, reverse=True), (query, titles[:15])


DISSOLVED_OR_PAUSED = {g.name for g in CONTENT.directory.listings if g.status != "活動中"}


def test_listings_that_are_not_active_come_last_and_are_marked(
    site_url: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(site_url + "search/?q=%E7%94%BA%E5%86%85%E4%BC%9A")  # 町内会
    page.wait_for_selector(".kyodo-search__result")
    while page.is_visible(".kyodo-search__more button"):
        count = page.locator(".kyodo-search__result").count()
        page.click(".kyodo-search__more button")
        page.wait_for_function(
            f"() => document.querySelectorAll('.kyodo-search__result').length > {count}"
        )
    statuses = page.eval_on_selector_all(
        ".kyodo-search__result", "rs => rs.map(r => r.dataset.status || '')"
    )
    assert "解散" in statuses
    rank = {"": 0, "休止中": 1, "解散": 2}
    assert [rank[s] for s in statuses] == sorted(rank[s] for s in statuses), statuses
    dissolved = page.locator(".kyodo-search__result[data-status=解散] .kyodo-badge--status")
    assert dissolved.first.inner_text() == "解散"
    page.close()


def test_excerpts_come_from_the_prose(site_url: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(site_url + "search/?q=%E7%94%BA%E5%86%85%E4%BC%9A&kind=%E5%9B%A3%E4%BD%93")
    page.wait_for_selector(".kyodo-search__result")
    excerpts = page.locator(".kyodo-search__excerpt").all_inner_texts()
    labels = ("概要", "種別", "活動分野", "最終確認日")
    assert excerpts and not [e for e in excerpts if any(e.startswith(x) for x in labels)], excerpts
    assert all(e.strip() for e in excerpts)
    page.close()


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
    page.wait_for_function("() => location.search.includes('q=%E8%A6%8B%E5%AE%88%E3%82%8A')")
    page.wait_for_function(
        "() => document.querySelector('.kyodo-search__status').textContent.includes('見守り')"
    )
    page.close()


def test_a_new_query_replaces_one_still_running(site_url: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(site_url + "search/")
    page.wait_for_selector(".kyodo-search[data-ready=true]")
    # The first query's cards arrive slowly: the second query must win all the same.
    page.route("**/search/cards/**", lambda route: page.wait_for_timeout(300) or route.continue_())
    page.evaluate(
        """() => {
        const form = document.querySelector('.kyodo-search form');
        form.elements.q.value = '町内会';
        form.requestSubmit();
        form.elements.q.value = '協定書';
        form.requestSubmit();
    }"""
    )
    page.wait_for_function(
        "() => document.querySelector('.kyodo-search__status').textContent.includes('協定書')"
    )
    page.wait_for_timeout(1500)
    status = page.inner_text(".kyodo-search__status")
    assert "町内会" not in status and status.count("見つかりました") == 1, status
    titles = page.locator(".kyodo-search__title a").all_inner_texts()
    expected = page.evaluate("async () => (await window.kyodoSearch.ids('協定書')).length")
    assert len(titles) == min(10, expected), titles
    page.close()


def test_reset_clears_the_query_filters_and_address(site_url: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(site_url + "search/?q=%E7%94%BA%E5%86%85%E4%BC%9A&kind=%E5%9B%A3%E4%BD%93")
    page.wait_for_selector(".kyodo-search__result")
    page.click("button[type=reset]")
    page.wait_for_function("() => location.search === ''")
    assert page.input_value("#kyodo-q") == ""
    assert not page.is_checked("input[name=kind][value=団体]")
    page.wait_for_function("() => document.querySelectorAll('.kyodo-search__result').length === 0")
    assert page.inner_text(".kyodo-search__status") == ""
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
    page.wait_for_function("() => location.search.includes('kind=')")
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


def test_pagefind_is_fetched_once_as_the_search_page_is_read(
    site: BuiltSite, site_url: str, browser: Browser
) -> None:
    """The search page preloads Pagefind's script and WebAssembly, and the search uses those
    downloads: a preload it did not match (a wrong `as` or `crossorigin`) is fetched again, and
    without the preload the WebAssembly is asked for only after Pagefind's entry file."""
    page = browser.new_page()
    fetched: list[str] = []
    messages: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.removeprefix(site_url)))
    page.on("console", lambda message: messages.append(message.text))
    page.goto(site_url + "search/?q=%E7%94%BA%E5%86%85%E4%BC%9A")
    page.wait_for_selector(".kyodo-search__result")
    links = page.eval_on_selector_all("link[href*=pagefind]", "ls => ls.map(l => l.href)")
    assert links == [site_url + "pagefind/" + file for file, _ in pagefind_files.PRELOADS]
    for file, _ in pagefind_files.PRELOADS:
        assert (site.path / "pagefind" / file).is_file(), file
        assert fetched.count("pagefind/" + file) == 1, fetched
    assert [url for url in fetched if url.startswith("pagefind/wasm.")] == [
        "pagefind/" + pagefind_files.WASM_FILE
    ]
    entry = next(i for i, url in enumerate(fetched) if url.startswith("pagefind/pagefind-entry"))
    assert fetched.index("pagefind/" + pagefind_files.WASM_FILE) < entry, fetched
    assert not [message for message in messages if "preload" in message], messages
    page.close()


# --- At scale --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site built by MkDocs with 500 synthetic listings: browse views paginate. As
    in bigger builds, a second process writes stamped pages and then the result cards."""
    project = site_skeleton(ROOT, tmp_path_factory.mktemp("synthetic"))
    write_synthetic_directory(project, 500)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KYODO_STAMP_HELPER", "1")
        result = timed_build(project)
    assert result.returncode == 0, result.output
    return project / "site"


@pytest.fixture(scope="module")
def search_2000(tmp_path_factory: pytest.TempPathFactory) -> SearchOnlySite:
    return search_only_site(tmp_path_factory.mktemp("search2000"), 2000, exact_title="協働")


def test_recall_and_precision_on_2000_listings(
    search_2000: SearchOnlySite, browser: Browser
) -> None:
    """Search at scale, on the records MkDocs pages give (the page-to-record step is tested on
    the sample site): 2,000 listings, the sample queries and phrases of the synthetic text."""
    truth, urls = search_2000.truth, result_urls(search_2000.path)
    assert len(truth) > 2000
    extra = [
        "星見ヶ丘",
        "見守り隊",
        "楓",
        "報告会でお知らせしています。市民センターの掲示板にも予定を貼り出しています",
    ]
    with served_search(browser, search_2000.path) as page:
        scores = [score(page, q, truth, urls) for q in [*QUERIES, *extra]]
    assert_quality(scores)
    assert sum(s.expected for s in scores) > 5000


def test_every_indexed_page_has_its_card(synthetic_site: Path) -> None:
    entry = json.loads((synthetic_site / "pagefind" / "pagefind-entry.json").read_text())
    cards = [p for p in (synthetic_site / "search" / "cards").glob("*.card") if "." not in p.stem]
    assert len(cards) == entry["languages"]["ja"]["page_count"] > 500


def test_a_helper_process_writes_the_same_index_and_cards(site: BuiltSite, tmp_path: Path) -> None:
    records = list(site_records(site.path))
    write_index(records, tmp_path / "alone")
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as helper:
        write_index(records, tmp_path / "helped", helper)
    alone = _files(tmp_path / "alone")
    assert _files(tmp_path / "helped") == alone
    assert sum(1 for name in alone if name.suffix == ".card") > len(records)


def test_pages_stay_small_at_scale(synthetic_site: Path) -> None:
    biggest = max(synthetic_site.rglob("*.html"), key=lambda p: p.stat().st_size)
    assert biggest.stat().st_size < 150 * 1024, biggest
    assert len(list((synthetic_site / "directory/ward").glob("*/2/index.html"))) >= 5, "paginated"


def test_the_later_pages_of_long_lists_are_written_and_listed(synthetic_site: Path) -> None:
    """They are stamped from one frame (kyodo.site.stamps), the second drawn by the theme too."""
    later = sorted(synthetic_site.glob("directory/groups/[0-9]*/index.html"))
    assert len(later) >= 3
    sitemap = (synthetic_site / "sitemap.xml").read_text(encoding="utf-8")
    for page in later:
        number = page.parent.name
        assert f"（{number}/{len(later) + 1}ページ）</h1>" in page.read_text(encoding="utf-8")
        assert f"/directory/groups/{number}/</loc>" in sitemap
    assert "kyodo_stamp" not in sitemap and not list(synthetic_site.rglob("kyodo_stamp_*"))


def test_long_lists_link_a_few_pages_and_where_each_row_of_the_table_starts(
    synthetic_site: Path,
) -> None:
    """Each page of a long list links the first page, the last and those near its own, above
    and below the list; a list by initial links where each row of the 五十音 table starts."""
    pages = sorted(
        synthetic_site.glob("directory/groups/[0-9]*/index.html"), key=lambda p: int(p.parent.name)
    )
    pages.insert(0, synthetic_site / "directory/groups/index.html")
    trees = [LexborHTMLParser(page.read_text(encoding="utf-8")) for page in pages]
    for number, tree in enumerate(trees, 1):
        for nav in tree.css(".kyodo-pagination"):
            links = [a.text() for a in nav.css("a") if not a.attributes.get("rel")]
            near = range(max(1, number - PAGE_WINDOW), min(len(pages), number + PAGE_WINDOW) + 1)
            assert {"1ページ目", f"{len(pages)}ページ目"} | {f"{n}ページ目" for n in near} <= set(
                links
            )
            assert len(links) <= 2 * PAGE_WINDOW + 5, links
            assert nav.css_first("[aria-current=page]").text() == f"{number}ページ目"
        assert len(tree.css(".kyodo-pagination")) == 2
        # Each navigation a screen reader lists is told apart by its name.
        labels = [nav.attributes["aria-label"] for nav in tree.css("nav[aria-label]")]
        assert len(set(labels)) == len(labels), labels
    # Where each initial first heads a section: the page and the initial, by row.
    starts: dict[str, tuple[Path, str]] = {}
    for page, tree in zip(pages, trees, strict=True):
        for heading in tree.css("h2[id]"):
            mark = heading.attributes["id"] or ""
            starts.setdefault(ROW_OF[mark], (page, mark))
    assert len(starts) >= 5
    for page, tree in zip(pages, trees, strict=True):
        rows = {a.text(): a.attributes["href"] or "" for a in tree.css(".kyodo-rows a")}
        assert list(rows) == [f"{row}行" for row in starts]  # in the order of the list
        for row, (start, mark) in starts.items():
            path, _, fragment = rows[f"{row}行"].partition("#")
            assert ((page.parent / path).resolve() / "index.html", fragment) == (start, mark)


@pytest.fixture(scope="module")
def search_5000(tmp_path_factory: pytest.TempPathFactory) -> SearchOnlySite:
    return search_only_site(tmp_path_factory.mktemp("search5000"), 5000, exact_title="子ども食堂")


def test_an_exact_title_leads_among_5000_listings(
    search_5000: SearchOnlySite, browser: Browser
) -> None:
    urls = result_urls(search_5000.path)
    with served_search(browser, search_5000.path) as page:
        found = [urls[i] for i in search(page, "子ども食堂")]
    assert len(found) > 500
    assert found[0] == "/exact/", found[:12]
    rank = {"": 0, "休止中": 1, "解散": 2}
    ranks = [rank[search_5000.statuses.get(url, "")] for url in found[1:]]
    assert ranks == sorted(ranks) and ranks[-1] == 2, "listings not active come last"


def _write_pid_once_there(path: Path, wait_for: Path | None = None) -> None:
    """Write this process's id to `path` once `wait_for` exists (or 10 s have passed, so that
    a test whose job is waited for fails instead of hanging)."""
    deadline = time.monotonic() + 10
    while wait_for is not None and not wait_for.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    path.write_text(str(os.getpid()), encoding="utf-8")


def test_a_job_the_busy_helper_cannot_take_now_is_done_here_at_once(tmp_path: Path) -> None:
    spawn = multiprocessing.get_context("spawn")
    go = tmp_path / "go"
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as helper:
        offload = Offload(helper, waiting=1)
        offload.run(_write_pid_once_there, tmp_path / "a", go)  # busy until `go` exists
        try:
            offload.run(_write_pid_once_there, tmp_path / "b")
            assert (tmp_path / "b").read_text(encoding="utf-8") == str(os.getpid())
            assert not (tmp_path / "a").exists()
        finally:
            go.touch()  # a failed assertion must not leave the helper waiting forever
        offload.wait()
    assert (tmp_path / "a").read_text(encoding="utf-8") != str(os.getpid())


def test_offloaded_jobs_are_done_here_when_the_helper_dies(tmp_path: Path) -> None:
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as helper:
        offload = Offload(helper, waiting=1)
        offload.run(Path.write_text, tmp_path / "a.txt", "a")
        died = helper.submit(os._exit, 1)
        with pytest.raises(concurrent.futures.BrokenExecutor):
            died.result()
        for name in "bc":
            offload.run(Path.write_text, tmp_path / f"{name}.txt", name)
        offload.wait()
    assert sorted(p.read_text() for p in tmp_path.glob("*.txt")) == ["a", "b", "c"]
