"""Pagefind 1.5.2's index, written directly in the format its browser code reads.

Pagefind's own binary needs about 5 µs and 0.6 KB for each distinct (token, page) pair, and
the token layout of `postings` has some 1,500 of them per listing: gigabytes and minutes at a
few thousand listings. The same index is written here from the postings, with numpy: the terms,
word positions, weights and filters the binary writes for the token pages, so that Pagefind's
JavaScript and WebAssembly, and the search page's code, work unchanged. The binary still writes
its runtime files (JavaScript, WebAssembly) from one stub page, once per process.
tests/test_search.py compares this index with the binary's for the sample site and pins the
format.

A chunk file is gzip(b"pagefind_dcd" + CBOR [[word, …]]); a word is [text, [[page, locations,
meta locations], …], []] (each page as the difference from the word's previous one); locations
are runs of a negative weight marker (-1 - weight) followed by position deltas; the heading's
words also appear in the title meta (marker -1)."""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cbor2
import numpy as np
import numpy.typing as npt

from kyodo.search import cbor
from kyodo.search.cbor import ARRAY, NEGATIVE, TEXT, UNSIGNED, Ints
from kyodo.search.offload import Offload
from kyodo.search.pagetext import SearchRecord
from kyodo.search.postings import HEADING, Index, Postings

VERSION = "1.5.2"
LANGUAGE = "ja"
SIGNATURE = b"pagefind_dcd"
WEIGHTS = np.array([24, 168], dtype=np.int64)  # body text, h1: Pagefind's weights
# Characters of the digest of the whole index that start every page id and chunk name.
TAG_LENGTH = 4
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
# Uncompressed bytes per index chunk: each query term downloads one chunk, and every search
# downloads the list of chunks, so the size balances the two.
CHUNK_BYTES = 48 * 1024


def _exclusive_cumsum(values: Ints) -> Ints:
    return np.concatenate(([0], np.cumsum(values)[:-1])).astype(np.int64)


def _within(starts: Ints, group: Ints, values: Ints) -> Ints:
    """For each element, the sum of `values` before it within its group (groups contiguous)."""
    before = _exclusive_cumsum(values)
    return before - before[starts][group]


@dataclass(frozen=True)
class EncodedTerms:
    """Every term's CBOR encoding, one after the other, and where each term starts."""

    data: bytes
    offsets: Ints  # one more than the terms: the end of the last


def encode_terms(p: Postings) -> EncodedTerms:
    """The words of the index, laid out with numpy: offsets first, then every byte put."""
    t, g, w, x = p.term_ids, p.pages, p.weights, p.positions
    n = len(t)
    if n == 0:
        return EncodedTerms(b"", np.zeros(1, dtype=np.int64))
    first = np.ones(n, dtype=bool)
    new_term = first.copy()
    new_term[1:] = t[1:] != t[:-1]
    new_pair = new_term.copy()
    new_pair[1:] |= g[1:] != g[:-1]
    new_group = new_pair.copy()
    new_group[1:] |= w[1:] != w[:-1]
    delta = np.where(new_group, x, x - np.concatenate(([0], x[:-1])))
    delta_size = cbor.sizes(delta)
    row_size = 2 * new_group + delta_size  # a weight marker takes two bytes
    pair_of_row = np.cumsum(new_pair) - 1
    pair_first = np.flatnonzero(new_pair)
    pairs = len(pair_first)

    def count(values: npt.NDArray[Any]) -> Ints:
        return np.bincount(pair_of_row, weights=values, minlength=pairs).astype(np.int64)

    heading = w == HEADING
    locations = count(np.ones(n)) + count(new_group)
    headings = count(heading)
    # Pages of a word are numbered by their difference from the word's previous page.
    page = g[pair_first] - np.where(
        new_term[pair_first], 0, np.concatenate(([0], g[pair_first][:-1]))
    )
    pair_head = 1 + cbor.sizes(page) + cbor.sizes(locations)
    rows_size = count(row_size)
    meta_size = np.where(
        headings > 0, cbor.sizes(headings + 1) + 1 + count(heading * delta_size), 1
    )
    pair_size = pair_head + rows_size + meta_size
    term_of_pair = t[pair_first]
    term_first_pair = np.flatnonzero(new_term[pair_first])
    term_pairs = np.diff(np.append(term_first_pair, pairs))
    texts = [p.terms[i].encode("ascii") for i in term_of_pair[term_first_pair].tolist()]
    text_size = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    term_head = 1 + cbor.sizes(text_size) + text_size + cbor.sizes(term_pairs)
    terms_of_pairs = np.cumsum(new_term[pair_first]) - 1
    term_size = term_head + np.bincount(terms_of_pairs, weights=pair_size).astype(np.int64) + 1
    term_offset = _exclusive_cumsum(term_size)
    pair_offset = (
        term_offset[terms_of_pairs]
        + term_head[terms_of_pairs]
        + _within(term_first_pair, terms_of_pairs, pair_size)
    )
    row_offset = (
        pair_offset[pair_of_row]
        + pair_head[pair_of_row]
        + _within(pair_first, pair_of_row, row_size)
    )
    meta_offset = pair_offset + pair_head + rows_size
    out = np.zeros(int(term_size.sum()), dtype=np.uint8)
    # Words: [text, [pages…], []]
    out[term_offset] = 0x83
    cbor.put(out, term_offset + 1, TEXT, text_size)
    text_at = term_offset + 1 + cbor.sizes(text_size)
    _copy(out, text_at, texts, text_size)
    cbor.put(out, text_at + text_size, ARRAY, term_pairs)
    out[term_offset + term_size - 1] = 0x80
    # Pages: [page, locations, meta locations]
    out[pair_offset] = 0x83
    cbor.put(out, pair_offset + 1, UNSIGNED, page)
    cbor.put(out, pair_offset + 1 + cbor.sizes(page), ARRAY, locations)
    markers = np.flatnonzero(new_group)
    cbor.put(out, row_offset[markers], NEGATIVE, WEIGHTS[w[markers]])
    cbor.put(out, row_offset + 2 * new_group, UNSIGNED, delta)
    titled = headings > 0
    out[meta_offset[~titled]] = 0x80
    cbor.put(out, meta_offset[titled], ARRAY, headings[titled] + 1)
    out[meta_offset[titled] + cbor.sizes(headings[titled] + 1)] = 0x20  # -1: the title meta
    rows = np.flatnonzero(heading)
    meta_start = meta_offset + cbor.sizes(headings + 1) + 1
    within = _within(pair_first, pair_of_row, heading * delta_size)
    cbor.put(out, meta_start[pair_of_row[rows]] + within[rows], UNSIGNED, delta[rows])
    return EncodedTerms(out.tobytes(), np.append(term_offset, len(out)))


def _copy(out: npt.NDArray[np.uint8], at: Ints, texts: Sequence[bytes], sizes: Ints) -> None:
    blob = np.frombuffer(b"".join(texts), dtype=np.uint8)
    within = np.arange(len(blob)) - np.repeat(_exclusive_cumsum(sizes), sizes)
    out[np.repeat(at, sizes) + within] = blob


def _name(data: bytes, length: int = 12) -> str:
    return f"{LANGUAGE}_{hashlib.sha256(data).hexdigest()[:length]}"


def _compressed(data: bytes) -> bytes:
    return gzip.compress(SIGNATURE + data, compresslevel=6, mtime=0)


def _boundaries(firsts: list[str], lasts: list[str]) -> list[tuple[str, str]]:
    """Each chunk's range as Pagefind writes it: the shortest prefixes of its first and last
    words that still tell it from the chunks beside it."""
    ranges = []
    for i, (first, last) in enumerate(zip(firsts, lasts, strict=True)):
        if i > 0:
            first = first[: len(_common(lasts[i - 1], first)) + 1]
        if i + 1 < len(firsts):
            last = last[: len(_common(last, firsts[i + 1])) + 1]
        ranges.append((first, last))
    return ranges


def _common(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]


@dataclass
class _Chunk:
    """Encoded words waiting to be written as one chunk file."""

    body: bytes = b""
    count: int = 0
    first: str = ""
    last: str = ""

    def add(self, body: bytes, terms: Sequence[str]) -> None:
        self.first = self.first if self.count else terms[0]
        self.body, self.count, self.last = self.body + body, self.count + len(terms), terms[-1]


def write_chunks(
    index: Index, folder: Path, tag: str, offload: Offload | None = None
) -> list[list[str]]:
    """The index chunk files, and [from, to, name] of each, as pf_meta lists them. A chunk
    holds words up to CHUNK_BYTES, across the runs of postings; it is named by its number
    after `tag` (see `index_tag`). Chunks are compressed and written CHUNKS_PER_JOB at a
    time, by the `offload`'s helper when there is one (the caller waits for it)."""
    folder.mkdir(parents=True, exist_ok=True)
    offload = offload or Offload(None)
    written: list[tuple[str, str]] = []  # each chunk's first and last word
    names: list[str] = []
    files: list[tuple[Path, bytes]] = []

    def write(chunk: _Chunk) -> None:
        data = cbor.header(ARRAY, 1) + cbor.header(ARRAY, chunk.count) + chunk.body
        names.append(tag + _number(len(names)))
        files.append((folder / f"{names[-1]}.pf_index", data))
        if len(files) == CHUNKS_PER_JOB:
            offload.run(_write_compressed, files.copy())
            files.clear()
        written.append((chunk.first, chunk.last))

    chunk = _Chunk()
    for run in index.runs():
        encoded = encode_terms(run)
        ends = encoded.offsets[1:]
        start, terms = 0, len(run.terms)
        while start < terms:
            limit = encoded.offsets[start] + CHUNK_BYTES - len(chunk.body)
            stop = min(terms, max(start + 1, int(np.searchsorted(ends, limit, side="right"))))
            chunk.add(
                encoded.data[encoded.offsets[start] : encoded.offsets[stop]], run.terms[start:stop]
            )
            if stop < terms:  # the chunk is full; one that ends the run may take the next's words
                write(chunk)
                chunk = _Chunk()
            start = stop
    if chunk.count:
        write(chunk)
    if files:
        offload.run(_write_compressed, files)
    ranges = _boundaries([first for first, _ in written], [last for _, last in written])
    return [[a, b, name] for (a, b), name in zip(ranges, names, strict=True)]


# Chunks compressed and written by one job: about a megabyte and a half to hand over.
CHUNKS_PER_JOB = 32


def _write_compressed(files: Sequence[tuple[Path, bytes]]) -> None:
    for path, data in files:
        path.write_bytes(_compressed(data))


def _number(number: int) -> str:
    """A number in base 32, as short as it can be."""
    digits = _BASE32[number % 32]
    while number >= 32:
        number //= 32
        digits = _BASE32[number % 32] + digits
    return digits


def index_tag(records: Sequence[SearchRecord]) -> str:
    """TAG_LENGTH characters of the digest of everything indexed.

    Every search downloads the name of each chunk and the id of each page (in pf_meta), so
    they are a tag and a number, which compress to almost nothing; any change to any page
    changes the tag, and so every name, so that a browser never takes a cached file of an
    older build for a file of this one."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(repr((record.url, record.title, record.blocks, record.filters)).encode())
        digest.update(repr(sorted(record.labels)).encode())
    return base64.b32encode(digest.digest()).decode().lower()[:TAG_LENGTH]


def page_ids(records: Sequence[SearchRecord], tag: str) -> list[str]:
    """The id of each page's result (its card's name): `tag` and the page's number."""
    return [tag + _number(number) for number in range(len(records))]


def result_ids(records: Sequence[SearchRecord]) -> list[str]:
    """The id of each page's result, as `write_index` names them."""
    return page_ids(records, index_tag(records))


def write_index(
    records: Sequence[SearchRecord], index: Index, out: Path, offload: Offload | None = None
) -> list[str]:
    """Pagefind's index for the records in `out`; returns each page's result id. With an
    `offload`, its chunk files are written once the caller waits for it.

    Fragments (what Pagefind's `data()` loads: a page's text for its own excerpts) are not
    written: the search page shows the cards of `index.py` instead, named after these ids."""
    shutil.rmtree(out, ignore_errors=True)
    include_characters = _write_runtime(out)
    tag = index_tag(records)
    ids = page_ids(records, tag)
    chunks = write_chunks(index, out / "index", tag, offload)
    filters = _write_filters(records, out / "filter")
    meta = cbor2.dumps(
        [
            VERSION,
            [list(pair) for pair in zip(ids, index.word_counts, strict=True)],
            chunks,
            filters,
            [],
            ["title"],
        ]
    )
    meta_name = _name(meta, 10)
    (out / f"pagefind.{meta_name}.pf_meta").write_bytes(_compressed(meta))
    entry = {
        "version": VERSION,
        "languages": {LANGUAGE: {"hash": meta_name, "wasm": None, "page_count": len(records)}},
        "include_characters": include_characters,
    }
    (out / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False), encoding="utf-8"
    )
    return ids


def _write_filters(records: Sequence[SearchRecord], folder: Path) -> list[list[str]]:
    """A filter file per filter name: [name, [[value, [pages…]], …]]."""
    values: dict[str, dict[str, list[int]]] = {}
    for number, record in enumerate(records):
        for name, chosen in record.filters.items():
            for value in chosen:
                values.setdefault(name, {}).setdefault(value, []).append(number)
    folder.mkdir(parents=True, exist_ok=True)
    listed = []
    for name, pages in values.items():
        data = cbor2.dumps([name, [[value, found] for value, found in pages.items()]])
        file = _name(data)
        (folder / f"{file}.pf_filter").write_bytes(_compressed(data))
        listed.append([name, file])
    return listed


# What pagefind.js loads besides the index: its WebAssembly (wasm.*) and, unless told not to,
# its worker. Pagefind's own search interfaces (pagefind-ui.js and the like) are not used.
RUNTIME_FILES = {"pagefind.js", "pagefind-worker.js"}
# The WebAssembly pagefind.js loads for an index whose entry names no language's own
# ("wasm": None in `write_index`); a browser test checks that it is the one fetched.
WASM_FILE = "wasm.unknown.pagefind"
# What the search page fetches as it is read, before its script asks, and how: Pagefind's
# script (imported as a module) and its WebAssembly. The page's own fetch can use the second
# only because kyodo-search.js runs Pagefind without its worker (`noWorker`).
PRELOADS = (("pagefind.js", "module"), (WASM_FILE, "fetch"))


def _write_runtime(out: Path) -> list[str]:
    """Pagefind's JavaScript and WebAssembly; returns the characters its entry file says it
    includes in words."""
    files, characters = _runtime()
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
    return list(characters)


@functools.cache
def _runtime() -> tuple[dict[str, bytes], tuple[str, ...]]:
    """The runtime files of Pagefind's own binary, written for a stub page, and its entry file's
    `include_characters`: once per process (a server rebuilding the site runs it once)."""
    with tempfile.TemporaryDirectory(prefix="kyodo-pagefind-") as scratch:
        site, built = Path(scratch, "site"), Path(scratch, "built")
        site.mkdir()
        (site / "index.html").write_text(
            '<!DOCTYPE html><html lang="ja"><body><main data-pagefind-body>x</main></body></html>',
            encoding="utf-8",
        )
        command = [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--output-path",
            str(built),
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"Pagefind failed:\n{result.stdout}{result.stderr}")
        entry = json.loads((built / "pagefind-entry.json").read_text(encoding="utf-8"))
        if entry["version"] != VERSION:
            raise RuntimeError(f"Pagefind {entry['version']} is installed; the index is {VERSION}")
        files = {
            file.name: file.read_bytes()
            for file in built.iterdir()
            if file.name in RUNTIME_FILES or file.name.startswith("wasm.")
        }
    return files, tuple(entry.get("include_characters", []))
