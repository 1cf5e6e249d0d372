"""Helpers for search tests: ground truth from built pages, the reference token page, and
queries run in Chromium."""

from __future__ import annotations

import gzip
import html
import json
import shutil
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from kyodo.content.vocabulary import activity_fields
from kyodo.devtools.browser import served
from kyodo.devtools.synthetic import synthetic_listings
from kyodo.search.index import write_index
from kyodo.search.page import search_body
from kyodo.search.pagetext import SearchRecord
from kyodo.search.postings import GAP_WORDS
from kyodo.search.tokens import (
    EVERY_PAGE,
    SPAN,
    TITLE_MARK,
    exact_title_token,
    key,
    window,
)

ROOT = Path(__file__).resolve().parent.parent

# Tags whose boundaries separate words, as a browser lays them out.
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
}  # fmt: skip
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"}


class _BodyText(HTMLParser):
    """The text of the element marked data-pagefind-body, without what search ignores.

    Kept apart from `kyodo.search.pagetext` on purpose, on the standard library's parser rather
    than Lexbor, with its own list of block tags: it is the ground truth that search results are
    scored against, so it must not share the code it checks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # elements open inside the body (0: outside)
        self.skip = 0  # depth at which an ignored element started
        self.parts: list[str] = []
        self.title: list[str] = []
        self.in_h1 = False
        self.filters = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.depth == 0:
            if "data-pagefind-body" in values:
                self.depth = 1
                self.filters = values.get("data-pagefind-filter") or ""
            return
        if tag in VOID:
            self.parts.append(" " if tag in BLOCKS else "")
            return
        self.depth += 1
        ignored = tag in ("script", "style", "nav", "template", "noscript", "svg")
        ignored = ignored or "data-pagefind-ignore" in values
        ignored = ignored or "headerlink" in (values.get("class") or "")
        if not self.skip and ignored:
            self.skip = self.depth
        if tag in BLOCKS:
            self.parts.append(" ")
        self.in_h1 = self.in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in VOID:
            return
        if self.skip == self.depth:
            self.skip = 0
        self.depth -= 1
        if tag in BLOCKS:
            self.parts.append(" ")
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)
            if self.in_h1:
                self.title.append(data)


# Gap words: punctuation takes a word position in Pagefind but is not indexed.
GAP = " ".join(["-"] * GAP_WORDS)


def stream_tokens(text: str) -> list[str]:
    """One token per character of the text: the character and the next SPAN - 1 of its word."""
    return [
        window(word[i : i + SPAN]) for word in normalise(text).split() for i in range(len(word))
    ]


def key_tokens(text: str) -> set[str]:
    """Every distinct key (piece of one to SPAN - 1 characters) of the text."""
    words = normalise(text).split()
    return {
        key(word[i : i + size])
        for word in words
        for size in range(1, SPAN)
        for i in range(len(word) - size + 1)
    }


def title_tokens(title: str) -> list[str]:
    """The title's stream tokens (in order) and keys, marked as the title's."""
    return [token + TITLE_MARK for token in [*stream_tokens(title), *sorted(key_tokens(title))]]


def indexed_html(record: SearchRecord) -> str:
    """The token page of a record, token by token as `kyodo.search.tokens` describes it: the
    title's and the text's stream tokens (word positions are character offsets), the keys, the
    title marks, and the filters.

    The index is written without it (`postings` computes the same layout for every page at
    once, with numpy); tests give it to Pagefind's own binary to check that writer."""
    filters = "".join(
        f'<span data-pagefind-filter="{html.escape(name)}">{html.escape(value)}</span>'
        for name, values in record.filters.items()
        for value in values
    )
    exact = exact_title_token(record.title) or ""
    keys = " ".join(sorted(key_tokens(record.title) | key_tokens(record.text)))
    return (
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"></head><body>'
        f"<main data-pagefind-body><h1>{' '.join(stream_tokens(record.title))}</h1>"
        f"<p>{GAP} {' '.join(stream_tokens(record.text))}</p>"
        f"<p>{GAP} {keys} {GAP} {' '.join(title_tokens(record.title))} {exact} {EVERY_PAGE}</p>"
        f"<div data-pagefind-ignore>{filters}</div></main></body></html>"
    )


@dataclass(frozen=True)
class TruthPage:
    """A searchable page as a reader sees it."""

    url: str
    title: str
    text: str  # normalised: NFKC, lowercase

    def contains(self, query: str) -> bool:
        """Whether the page contains every space-separated word of the query."""
        words = normalise(query).split()
        return bool(words) and all(word in self.text for word in words)


def normalise(text: str) -> str:
    """What a reader would call the same text: NFKC (ＮＰＯ is NPO), lowercase."""
    return unicodedata.normalize("NFKC", text).lower()


def truth_pages(site: Path) -> dict[str, TruthPage]:
    """Every page with a search body, by its URL path (`/guide/process/`)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = _BodyText()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.depth == 0 and not parser.parts:
            continue
        url = "/" + path.relative_to(site).as_posix().removesuffix("index.html")
        title = " ".join("".join(parser.title).split())
        text = normalise(" ".join("".join(parser.parts).split()))
        pages[url] = TruthPage(url, title, text)
    return pages


def result_urls(site: Path) -> dict[str, str]:
    """Result ids mapped to page URLs, from each page's first card (named after its id)."""
    urls = {}
    for card in (site / "search" / "cards").glob("*.card"):
        if "." not in card.stem:
            urls[card.stem] = json.loads(gzip.decompress(card.read_bytes()))["url"]
    return urls


def open_search(page: Page, base_url: str) -> None:
    page.goto(base_url + "search/")
    page.wait_for_selector(".kyodo-search[data-ready=true]")


@contextmanager
def served_search(browser: Browser, folder: Path) -> Iterator[Page]:
    """The search page of a folder served on 127.0.0.1, open in a new tab until the block ends."""
    with served(folder) as base:
        page = browser.new_page()
        open_search(page, base)
        try:
            yield page
        finally:
            page.close()


def search(page: Page, query: str, filters: dict[str, list[str]] | None = None) -> list[str]:
    """The result ids for a query, in ranked order, from the site's own search code."""
    pagefind_filters = {name: {"any": values} for name, values in (filters or {}).items()}
    return list(
        page.evaluate("([q, f]) => window.kyodoSearch.ids(q, f)", [query, pagefind_filters])
    )


@dataclass(frozen=True)
class Score:
    """Recall and precision of one query."""

    query: str
    expected: int
    found: int
    correct: int


def score(page: Page, query: str, truth: dict[str, TruthPage], urls: dict[str, str]) -> Score:
    """How many pages contain the query, how many the search finds, and how many of those are
    right."""
    expected = {url for url, p in truth.items() if p.contains(query)}
    found = {urls[i] for i in search(page, query)}
    return Score(query, len(expected), len(found), len(expected & found))


def totals(scores: list[Score]) -> tuple[float, float]:
    """Recall and precision over all queries (pooled)."""
    expected = sum(s.expected for s in scores)
    found = sum(s.found for s in scores)
    correct = sum(s.correct for s in scores)
    return (correct / expected if expected else 1.0, correct / found if found else 1.0)


@dataclass(frozen=True)
class SearchOnlySite:
    """A folder with only what search needs: the index, the cards and the search page."""

    path: Path
    statuses: dict[str, str]  # URL of each listing that is not active: its status
    truth: dict[str, TruthPage]  # every indexed page, as its record's text reads


def _synthetic_record(listing_id: str, data: dict[str, Any]) -> SearchRecord:
    """What search would read from a synthetic listing's page: its prose and its filters."""
    labels = {field.code: field.label for field in activity_fields().values()}
    paragraphs = data["description"].replace("- ", "").split("\n")
    blocks = [data["name"], data["summary"], *paragraphs, data["offers_note"], data["needs_note"]]
    filters = {
        "種類": ["団体"],
        "区": list(data["wards"]),
        "活動分野": [labels[code] for code in data["fields"]],
    }
    if data["status"] != "活動中":
        filters["状態"] = [data["status"]]
    return SearchRecord(
        f"/directory/groups/{listing_id}/",
        data["name"],
        tuple(filter(None, blocks)),
        frozenset(),
        filters,
    )


def search_only_site(folder: Path, count: int, exact_title: str) -> SearchOnlySite:
    """`count` synthetic listings and one page titled `exact_title`, indexed without MkDocs."""
    records = [_synthetic_record(i, d) for i, d in synthetic_listings(count)]
    records.append(
        SearchRecord("/exact/", exact_title, (exact_title, "説明です。"), frozenset(), {})
    )
    write_index(records, folder)
    page = search_body()
    (folder / "search" / "index.html").write_text(
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>検索</title></head>'
        f'<body>{page}<script src="../assets/javascripts/kyodo-search.js"></script></body></html>',
        encoding="utf-8",
    )
    scripts = folder / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "assets" / "javascripts" / "kyodo-search.js", scripts)
    statuses = {r.url: r.filters["状態"][0] for r in records if "状態" in r.filters}
    truth = {
        r.url: TruthPage(r.url, r.title, normalise(" ".join(" ".join(r.blocks).split())))
        for r in records
    }
    return SearchOnlySite(folder, statuses, truth)
