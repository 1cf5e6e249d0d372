"""Build the Pagefind index from the built pages, in the token language of `tokens`, and the
result cards the search page shows."""

from __future__ import annotations

import concurrent.futures
import gzip
import json
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kyodo.search import pagefind_files
from kyodo.search.offload import Offload
from kyodo.search.pagetext import SearchRecord, record_of
from kyodo.search.postings import GAP_WORDS, postings
from kyodo.search.tokens import stream_length

# Readable text per card file: an excerpt loads only the slice that holds the match.
SLICE_CHARS = 600
# The filter that marks listings which are not active; the search page sorts them last.
STATUS_FILTER = "状態"


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
    offset = stream_length(record.title) + GAP_WORDS
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


def write_cards(records: Iterable[SearchRecord], ids: Iterable[str], output: Path) -> None:
    """A gzip-compressed card per page and slice, named after the page's result id."""
    output.mkdir(parents=True, exist_ok=True)
    for record, page_id in zip(records, ids, strict=True):
        for number, card in enumerate(cards(record)):
            name = page_id + (f".{number}" if number else "")
            data = json.dumps(card, ensure_ascii=False, separators=(",", ":")).encode()
            (output / f"{name}.card").write_bytes(gzip.compress(data, compresslevel=6, mtime=0))


def write_index(
    records: list[SearchRecord], site: Path, helper: concurrent.futures.Executor | None = None
) -> None:
    """Index the records into site/pagefind/ and write their cards to site/search/cards/;
    a `helper` process, when there is one, compresses and writes the index's chunks and
    writes cards, while this one lays the words out and takes the jobs the helper is too
    busy for (`Offload`).

    The index is written from the token layout directly (`pagefind_files`), in the format
    Pagefind's binary would write for each page's tokens; the binary itself needs gigabytes
    and minutes for a few thousand listings. The site's own pages are left untouched.
    """
    folder = site / "search" / "cards"
    shutil.rmtree(folder, ignore_errors=True)
    index = postings(records)
    order = shortest_first(index.word_counts)
    ordered = [records[n] for n in order]
    ids = pagefind_files.result_ids(ordered)
    offload = Offload(helper)
    pagefind_files.write_index(ordered, index.reordered(order), site / "pagefind", offload)
    for start in range(0, len(ordered), CARDS_PER_JOB):
        end = start + CARDS_PER_JOB
        offload.run(write_cards, ordered[start:end], ids[start:end], folder)
    offload.wait()


# Cards written by one job: a few tenths of a second of work.
CARDS_PER_JOB = 200


def shortest_first(word_counts: Sequence[int]) -> list[int]:
    """The pages by their number of words, fewest first (in their order where equal).

    pf_meta, which every search downloads, lists each page's word count in page order; counts
    in order compress to half (a tenth less of a search's download at 10,000 listings)."""
    return sorted(range(len(word_counts)), key=word_counts.__getitem__)


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
