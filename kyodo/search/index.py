"""Build the Pagefind index from the built pages, in the token language of `tokens`, and the
result cards the search page shows."""

from __future__ import annotations

import gzip
import html
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from kyodo.search.pagetext import SearchRecord, record_of
from kyodo.search.tokens import (
    EVERY_PAGE,
    exact_title_token,
    key_tokens,
    stream_length,
    stream_tokens,
    title_tokens,
)

# Readable text per card file: an excerpt loads only the slice that holds the match.
SLICE_CHARS = 600
# Words of punctuation take a word position but are not indexed: a gap between the parts of
# a token page keeps terms of different parts from ever sitting at a query word's distances.
GAP = " ".join(["-"] * 16)
# The filter that marks listings which are not active; the search page sorts them last.
STATUS_FILTER = "状態"


def indexed_html(record: SearchRecord) -> str:
    """The page as Pagefind is given it: the title's and the text's stream tokens (so that word
    positions are character offsets), then the keys and title marks, and the filters."""
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


def _slices(record: SearchRecord, size: int) -> list[list[int]]:
    """Block indexes cut into groups of about `size` characters."""
    groups: list[list[int]] = [[]]
    length = 0
    for number, block in enumerate(record.blocks):
        if length >= size and groups[-1]:
            groups.append([])
            length = 0
        groups[-1].append(number)
        length += len(block)
    return groups


def cards(record: SearchRecord, size: int = SLICE_CHARS) -> list[dict[str, object]]:
    """What the results page shows of a page: its title, kind, status and address, then its text
    as blocks in slices, each file small, so that an excerpt needs only the slice holding the
    match. `starts` gives each slice's first position in Pagefind's word positions; `labels`
    lists the blocks (headings, field names) that excerpts skip."""
    groups = _slices(record, size)
    offset = stream_length(record.title) + len(GAP.split())
    starts, position = [], offset
    for group in groups:
        starts.append(position)
        position += sum(stream_length(record.blocks[i]) for i in group)
    bodies = [
        {
            "blocks": [record.blocks[i] for i in group],
            "labels": [n for n, i in enumerate(group) if i in record.labels],
        }
        for group in groups
    ]
    head: dict[str, object] = {
        "title": record.title,
        "url": record.url,
        "kind": record.filters.get("種類", []),
        "status": (record.filters.get(STATUS_FILTER) or [""])[0],
        "starts": starts,
    }
    return [{**head, **bodies[0]}, *bodies[1:]]


def fragment_urls(pagefind: Path) -> dict[str, str]:
    """Pagefind's result ids (its fragment files) by page address.

    Relies on Pagefind's private format: a gzip file holding `pagefind_dcd` and then JSON
    with `url` (tests/test_search.py pins it)."""
    found = {}
    for fragment in (pagefind / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        found[json.loads(data[data.index(b"{") :])["url"]] = fragment.stem
    return found


def write_cards(records: Iterable[SearchRecord], pagefind: Path, output: Path) -> None:
    """A gzip-compressed card per page and slice, named after Pagefind's result id."""
    ids = fragment_urls(pagefind)
    output.mkdir(parents=True, exist_ok=True)
    for record in records:
        for number, card in enumerate(cards(record)):
            name = ids[record.url] + (f".{number}" if number else "")
            data = json.dumps(card, ensure_ascii=False, separators=(",", ":")).encode()
            (output / f"{name}.card").write_bytes(gzip.compress(data, compresslevel=6, mtime=0))


def _run_pagefind(scratch: str, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", scratch, "--output-path", str(output)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{result.stdout}{result.stderr}")


def write_index(records: list[SearchRecord], site: Path) -> None:
    """Index the records with Pagefind into site/pagefind/, and write their cards to site/search/cards/.

    The token pages are written to a scratch folder for Pagefind's command line: its Python
    API indexes the same pages fifteen times slower. The site's own pages are left untouched.
    """
    for stale in (site / "pagefind", site / "search" / "cards"):
        shutil.rmtree(stale, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="kyodo-search-") as scratch:
        for record in records:
            # Pagefind names each result after its file: mirror the site's addresses.
            page = Path(scratch, record.url.strip("/"), "index.html")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(indexed_html(record), encoding="utf-8")
        _run_pagefind(scratch, site / "pagefind")
    write_cards(records, site / "pagefind", site / "search" / "cards")


def site_records(site: Path) -> Iterator[SearchRecord]:
    """The search records of every built page of a site folder."""
    for path in sorted(site.rglob("*.html")):
        url = "/" + path.relative_to(site).as_posix().removesuffix("index.html")
        record = record_of(path.read_text(encoding="utf-8"), url)
        if record is not None:
            yield record


if __name__ == "__main__":
    # The index step alone, over a built site: `python -m kyodo.search.index site/`.
    write_index(list(site_records(Path(sys.argv[1]))), Path(sys.argv[1]))
