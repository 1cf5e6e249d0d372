"""Build the Pagefind index from the built pages, in the token language of `tokens`."""

from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kyodo.search.tokens import key_tokens, stream_length, stream_tokens

_BODY = re.compile(
    r'<div data-pagefind-body data-pagefind-filter="([^"]*)">(.*?)</div><!--/pagefind-body-->', re.S
)
# Scripts, breadcrumbs, permalink marks and the footers of generated pages (marked
# data-pagefind-ignore, the same on every listing) are not part of what a page says.
_DROPPED = re.compile(
    r"<(script|style|template|nav)\b.*?</\1>|<footer\b[^>]*data-pagefind-ignore[^>]*>.*?</footer>"
    r"|<a [^>]*class=\"headerlink\"[^>]*>.*?</a>",
    re.S | re.I,
)
# Tags that end a line of text; all other tags join their text to the words around them.
_BLOCK = re.compile(
    r"</?(?:address|article|aside|blockquote|br|caption|dd|details|div|dl|dt|figcaption|figure|footer|"
    r"h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]+>")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
_SPACES = re.compile(r"\s+")
# Readable text per card file: an excerpt loads only the slice that holds the match.
SLICE_CHARS = 400


@dataclass(frozen=True)
class SearchRecord:
    """What search knows of one page: its address, title, readable text and filters."""

    url: str
    title: str
    text: str
    filters: dict[str, list[str]]


def readable_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment, one space between blocks."""
    without = _DROPPED.sub(" ", fragment)
    joined = _TAG.sub("", _BLOCK.sub(" ", without))
    return _SPACES.sub(" ", html.unescape(joined)).strip()


def parse_filters(attribute: str) -> dict[str, list[str]]:
    """Pagefind's `name:value, name:value` filter attribute as a dict of lists."""
    filters: dict[str, list[str]] = {}
    for pair in html.unescape(attribute).split(", "):
        name, _, value = pair.partition(":")
        if name and value:
            filters.setdefault(name, []).append(value)
    return filters


def record_of(page_html: str, url: str) -> SearchRecord | None:
    """The search record of a built page, or None when the page is not indexed."""
    body = _BODY.search(page_html)
    if body is None:
        return None
    title = _H1.search(body[2])
    return SearchRecord(
        url=url,
        title=readable_text(title[1]) if title else "",
        text=readable_text(body[2]),
        filters=parse_filters(body[1]),
    )


def indexed_html(record: SearchRecord) -> str:
    """The page as Pagefind is given it: the title's and the text's tokens, and the filters."""
    filters = "".join(
        f'<span data-pagefind-filter="{html.escape(name)}">{html.escape(value)}</span>'
        for name, values in record.filters.items()
        for value in values
    )
    title, body, keys = (" ".join(part) for part in token_layout(record))
    return (
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"></head><body>'
        f"<main data-pagefind-body><h1>{title}</h1><p>{body}</p><p>{keys}</p>"
        f"<div data-pagefind-ignore>{filters}</div></main></body></html>"
    )


def token_layout(record: SearchRecord) -> tuple[list[str], list[str], list[str]]:
    """The page's tokens in index order: the title (stream and keys, weighted as a heading),
    the text's stream, then the keys of the text that the title lacks."""
    title = [*stream_tokens(record.title), *key_tokens(record.title)]
    known = set(title)
    return title, stream_tokens(record.text), [k for k in key_tokens(record.text) if k not in known]


def slices(text: str, size: int = SLICE_CHARS) -> list[str]:
    """The text cut into pieces of about `size` characters, at spaces where possible."""
    pieces = []
    while len(text) > size:
        cut = text.rfind(" ", size // 2, size)
        cut = cut if cut > 0 else size
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def cards(record: SearchRecord) -> list[dict[str, object]]:
    """What the results page shows of a page: its title, kind and address, then its text in
    slices, each file small, so that an excerpt needs only the slice holding the match.
    `starts` gives each slice's first position in Pagefind's word positions."""
    pieces = slices(record.text)
    offset = stream_length(record.title) + len(key_tokens(record.title))
    starts = [offset + sum(stream_length(p) for p in pieces[:i]) for i in range(len(pieces))]
    head: dict[str, object] = {
        "title": record.title,
        "url": record.url,
        "kind": record.filters.get("種類", []),
        "starts": starts,
    }
    rest: list[dict[str, object]] = [{"text": piece} for piece in pieces[1:]]
    return [{**head, "text": pieces[0]}, *rest]


def _fragment_urls(pagefind: Path) -> dict[str, str]:
    """Pagefind's result ids (its fragment files) by page address."""
    found = {}
    for fragment in (pagefind / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        found[json.loads(data[data.index(b"{") :])["url"]] = fragment.stem
    return found


def write_cards(records: Iterable[SearchRecord], pagefind: Path, output: Path) -> None:
    """A gzip-compressed card per page and slice, named after Pagefind's result id."""
    ids = _fragment_urls(pagefind)
    output.mkdir(parents=True, exist_ok=True)
    for record in records:
        for number, card in enumerate(cards(record)):
            name = ids[record.url] + (f".{number}" if number else "")
            data = json.dumps(card, ensure_ascii=False, separators=(",", ":")).encode()
            (output / f"{name}.card").write_bytes(gzip.compress(data, mtime=0))


def write_index(records: list[SearchRecord], site: Path) -> None:
    """Index the records with Pagefind into site/pagefind/, and write their cards to site/search/cards/.

    The token pages are written to a scratch folder for Pagefind's command line: its Python
    API indexes the same pages fifteen times slower. The site's own pages are left untouched.
    """
    with tempfile.TemporaryDirectory(prefix="kyodo-search-") as scratch:
        for record in records:
            # Pagefind names each result after its file: mirror the site's addresses.
            page = Path(scratch, record.url.strip("/"), "index.html")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(indexed_html(record), encoding="utf-8")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                scratch,
                "--output-path",
                str(site / "pagefind"),
            ],
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{result.stdout}{result.stderr}")
    write_cards(records, site / "pagefind", site / "search" / "cards")
