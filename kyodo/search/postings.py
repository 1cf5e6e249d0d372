"""The token layout of every page as postings: which term sits at which word position of which
page, with which weight, computed with numpy for a batch of pages at a time.

A page is laid out as a token page whose words are, in order: the title's stream tokens
(heading weight), a gap, the text's stream tokens, a gap, the keys, a gap, the title's marked
tokens, the exact-title token and EVERY_PAGE. Gap words take a position but are not indexed.
(tests/searchkit.py writes that page as HTML for Pagefind's binary, to check this layout.)
A token is a number of SPAN slots, each the rank of a character code (or of PAD or END) among
the codes in use, so that numeric order is the order of the tokens' text.

Memory: a batch's postings are kept as two 64-bit numbers each (the term's key, and page,
weight and position packed), and are sorted and written a run of terms at a time, so that
the whole site's postings never sit in the dozen wide arrays that sorting and encoding take.
At 2,000 listings the step's peak fell from about 540 MB to 180 MB."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kyodo.search.pagetext import SearchRecord
from kyodo.search.tokens import (
    END,
    EVERY_PAGE,
    EXACT_MARK,
    PAD,
    RADIX,
    SPAN,
    TITLE_MARK,
    WIDTH,
    exact_title_token,
    normalise,
)

# Words between the parts of a page (punctuation: a position, but not indexed), so that terms of
# different parts never sit at a query word's distances from each other.
GAP_WORDS = 16
BODY, HEADING = 0, 1  # weight classes: Pagefind weighs text 24 and an h1 168
PLAIN, TITLE, EXACT = 0, 1, 2  # a token, its copy marked as the title's, the exact title

Ints = npt.NDArray[np.int64]
Uints = npt.NDArray[np.uint64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Postings:
    """A run of whole terms' postings (term, page, weight, position), sorted, with the text of
    each of its terms."""

    terms: list[str]  # in text order: a posting's term is an index into this list
    term_ids: Ints
    pages: Ints
    weights: Ints
    positions: Ints


@dataclass(frozen=True)
class _Characters:
    """Every page's title and text as character codes; -1 ends each word."""

    points: Ints
    page: Ints
    heading: Mask
    titles: list[list[str]]


def _characters(records: Sequence[SearchRecord]) -> _Characters:
    """All titles and texts as one array: each word's characters then -1, title before text."""
    pieces, lengths, titles = [], [], []
    for record in records:
        title, text = normalise(record.title).split(), normalise(record.text).split()
        titles.append(title)
        for words in (title, text):
            joined = "\0".join(words) + "\0" if words else ""
            pieces.append(joined)
            lengths.append(len(joined))
    points = np.frombuffer("".join(pieces).encode("utf-32-le"), dtype=np.uint32).astype(np.int32)
    counts = np.array(lengths, dtype=np.int64)
    page = np.repeat(np.arange(len(records), dtype=np.int64), counts[0::2] + counts[1::2])
    heading = np.repeat(np.tile(np.array([True, False]), len(records)), counts)
    return _Characters(np.where(points == 0, -1, points), page, heading, titles)


@dataclass(frozen=True)
class _Slots:
    """Characters as slot numbers, and what slot numbers mean."""

    slots: Ints  # -1 between words
    values: Ints  # the code (or PAD, END) of each slot number, ascending
    bits: int

    @property
    def pad(self) -> int:
        return len(self.values) - 2

    @property
    def end(self) -> int:
        return len(self.values) - 1

    def texts(self, tokens: Uints) -> list[str]:
        """Each token's text: each slot's code (a character's, PAD or END), all at once."""
        powers = 36 ** np.arange(WIDTH - 1, -1, -1, dtype=np.int64)
        radix = np.frombuffer(RADIX.encode("ascii"), dtype=np.uint8)
        codes = radix[self.values[:, None] // powers % 36]  # every slot's WIDTH digits
        shifts = np.uint64(self.bits) * np.arange(SPAN - 1, -1, -1, dtype=np.uint64)
        slots = (tokens[:, None] >> shifts) & np.uint64((1 << self.bits) - 1)
        letters = np.ascontiguousarray(
            codes[slots.astype(np.int64)].reshape(len(tokens), WIDTH * SPAN)
        )
        return letters.view(f"S{WIDTH * SPAN}").ravel().astype(f"U{WIDTH * SPAN}").tolist()

    def token(self, text: str) -> int:
        """The number of a token's text (SPAN codes of WIDTH digits)."""
        number = 0
        for i in range(SPAN):
            slot = int(np.searchsorted(self.values, int(text[WIDTH * i : WIDTH * (i + 1)], 36)))
            number |= slot << (self.bits * (SPAN - 1 - i))
        return number


def _bits(value: int) -> int:
    return max(1, int(value).bit_length())


def _alphabet(points: Sequence[Ints]) -> _Slots:
    """The slot numbers of every character in use, and PAD and END after them."""
    codes = [_distinct(p[p >= 0].astype(np.uint64)) for p in points]
    ends = np.array([int(PAD, 36), int(END, 36)], dtype=np.uint64)
    values = _distinct(np.concatenate([*codes, ends])).astype(np.int64)
    bits = _bits(len(values))
    # A term's number is its token shifted by two bits for its kind (KINDS).
    if SPAN * bits > 62:
        raise ValueError(f"{len(values)} distinct characters: too many for the search index")
    return _Slots(np.zeros(0, dtype=np.int64), values, bits)


def _slots(points: Ints, alphabet: _Slots) -> _Slots:
    slots = np.where(points >= 0, np.searchsorted(alphabet.values, points), -1)
    return _Slots(slots.astype(np.int64), alphabet.values, alphabet.bits)


def _shifted(slots: Ints, by: int) -> Ints:
    """The slots `by` places on, -1 past the end (also when there are fewer than `by`)."""
    return np.concatenate((slots[by:], np.full(min(by, len(slots)), -1)))


def _pack(parts: list[Ints], bits: int) -> Uints:
    token = np.zeros(len(parts[0]), dtype=np.uint64)
    for i, part in enumerate(parts):
        token |= part.astype(np.uint64) << np.uint64(bits * (SPAN - 1 - i))
    return token


def _windows(s: _Slots) -> Uints:
    """The stream token at each place: the character and the next three of its word (END
    after the word ends)."""
    alive = s.slots >= 0
    parts = []
    for i in range(SPAN):
        alive = alive & (_shifted(s.slots, i) >= 0)
        parts.append(np.where(alive, _shifted(s.slots, i), s.end))
    return _pack(parts, s.bits)


def _grams(s: _Slots, size: int) -> tuple[Uints, Mask]:
    """The key of `size` characters starting at each place (PAD after it), and whether it
    stays within one word."""
    inside = s.slots >= 0
    parts = []
    for i in range(SPAN):
        if i < size:
            inside = inside & (_shifted(s.slots, i) >= 0)
        parts.append(_shifted(s.slots, i) if i < size else np.full(len(s.slots), s.pad))
    return _pack([np.maximum(p, 0) for p in parts], s.bits), inside


def _counts(pages: Ints, mask: Mask, count: int) -> Ints:
    return np.bincount(pages[mask], minlength=count).astype(np.int64)


def _place_in_page(pages: Ints, mask: Mask, count: int) -> Ints:
    """For each character, how many marked characters of its page come before it."""
    marked = mask.astype(np.int64)
    before = np.cumsum(marked) - marked
    starts = np.searchsorted(pages, np.arange(count))
    return before - np.concatenate((before, [0]))[starts][pages]


@dataclass(frozen=True)
class _Keys:
    """Each page's distinct keys (grams of one to three characters), in token order."""

    tokens: Uints
    pages: Ints
    ranks: Ints  # place among its page's keys
    counts: Ints  # keys per page


def _keys(grams: list[tuple[Uints, Mask]], bounds: Ints, count: int) -> _Keys:
    """Distinct keys page by page: a small sort per page costs less than one sort of all."""
    found, counts = [], np.zeros(count, dtype=np.int64)
    for page in range(count):
        start, stop = bounds[page], bounds[page + 1]
        distinct = np.unique(np.concatenate([g[start:stop][m[start:stop]] for g, m in grams]))
        found.append(distinct)
        counts[page] = len(distinct)
    tokens = np.concatenate(found) if found else np.zeros(0, dtype=np.uint64)
    ranks = np.arange(len(tokens)) - np.repeat(np.cumsum(counts) - counts, counts)
    return _Keys(tokens, np.repeat(np.arange(count), counts), ranks, counts)


def _distinct(values: Uints) -> Uints:
    """The distinct values, ascending (sorting values is many times faster than np.unique)."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


@dataclass(frozen=True)
class _Layout:
    """Where each part of each page begins."""

    title_len: Ints
    text_start: Ints
    key_start: Ints
    marks_start: Ints
    exact_at: Ints


def _main_rows(c: _Characters, s: _Slots, count: int, first: int) -> tuple[_Batch, _Layout]:
    """The stream, key and title-mark postings of pages `first`, `first + 1` … as a batch."""
    is_char = s.slots >= 0
    heading, body = c.heading & is_char, ~c.heading & is_char
    title_len, text_len = _counts(c.page, heading, count), _counts(c.page, body, count)
    place = (
        _place_in_page(c.page, heading, count) * heading
        + _place_in_page(c.page, body, count) * body
    )
    windows = _windows(s)
    grams = [_grams(s, size) for size in range(1, SPAN)]
    bounds = np.searchsorted(c.page, np.arange(count + 1))
    keys = _keys(grams, bounds, count)
    title_keys = _keys([(g, m & c.heading) for g, m in grams], bounds, count)
    text_start = title_len + GAP_WORDS
    key_start = text_start + text_len + GAP_WORDS
    marks_start = key_start + keys.counts + GAP_WORDS
    layout = _Layout(
        title_len, text_start, key_start, marks_start, marks_start + title_len + title_keys.counts
    )
    parts: list[tuple[Uints, int, Ints, Ints | int, Ints]] = [
        (windows[is_char], PLAIN, c.page[is_char], np.where(heading, HEADING, BODY)[is_char],
         np.where(heading, place, text_start[c.page] + place)[is_char]),
        (keys.tokens, PLAIN, keys.pages, BODY, key_start[keys.pages] + keys.ranks),
        (windows[heading], TITLE, c.page[heading], BODY,
         marks_start[c.page[heading]] + place[heading]),
        (title_keys.tokens, TITLE, title_keys.pages, BODY,
         marks_start[title_keys.pages] + title_len[title_keys.pages] + title_keys.ranks),
    ]  # fmt: skip
    terms = np.concatenate([np.asarray(t, dtype=np.uint64) << _KIND_BITS | k for t, k, *_ in parts])
    rows = np.concatenate([_packed(g + first, w, x, len(t)) for t, _, g, w, x in parts])
    order = np.argsort(terms)
    return _Batch(terms[order], rows[order]), layout


# Pages laid out at a time, and postings per run of terms: bound the memory of the arrays.
PAGES_PER_BATCH = 256
RUN_ROWS = 250_000
_SAMPLE = 64  # every so many keys of a batch tell where runs of terms begin


def _packed(pages: Ints, weights: Ints | int, positions: Ints, count: int) -> Uints:
    """A posting's page, weight and position as one number, in that order of significance."""
    packed = np.broadcast_to(np.asarray(pages, dtype=np.uint64), count) << np.uint64(33)
    packed |= np.broadcast_to(np.asarray(weights, dtype=np.uint64), count) << np.uint64(32)
    return packed | np.asarray(positions, dtype=np.uint64)


def _unpacked(rows: Uints) -> tuple[Ints, Ints, Ints]:
    pages = (rows >> np.uint64(33)).astype(np.int64)
    weights = (rows >> np.uint64(32) & np.uint64(1)).astype(np.int64)
    return pages, weights, (rows & np.uint64(0xFFFFFFFF)).astype(np.int64)


@dataclass(frozen=True)
class _Batch:
    """Postings of a batch of pages: each term's key (its token, then its kind) ascending, and
    each posting's page, weight and position packed (`_packed`)."""

    keys: Uints
    rows: Uints


@dataclass(frozen=True)
class _Exact:
    """The exact-title terms: one posting per page whose title has one."""

    keys: Uints
    digests: Ints  # rank of the title's digest among all digests
    rows: Uints


@dataclass(frozen=True)
class Index:
    """Every posting of every page, read in runs of whole terms in text order (`runs`); the
    postings of the whole site are held packed, in batches of pages."""

    alphabet: _Slots
    batches: list[_Batch]
    exact: _Exact
    digests: list[str]
    every: Ints  # where EVERY_PAGE sits on each page
    word_counts: list[int]  # words on each page, gap words included

    def runs(self) -> Iterator[Postings]:
        """The postings, sorted by term text, page, weight and position, a run at a time."""
        cuts = self._cuts()
        for low, high in itertools.pairwise(cuts):
            yield self._run(low, high)
        if len(self.every):
            count = len(self.every)
            pages = np.arange(count, dtype=np.int64)
            yield Postings(
                [EVERY_PAGE], np.zeros(count, np.int64), pages, np.full(count, BODY), self.every
            )

    def reordered(self, order: Sequence[int]) -> Index:
        """The same postings with the pages renumbered: page `order[n]` becomes page n.

        The batches are renumbered one at a time in place, so that the postings are never
        held twice: this index is not to be read afterwards."""
        renumber = np.empty(len(order), dtype=np.uint64)
        renumber[np.asarray(order, dtype=np.int64)] = np.arange(len(order), dtype=np.uint64)

        def moved(rows: Uints) -> Uints:
            low = rows & np.uint64((1 << 33) - 1)
            return renumber[(rows >> np.uint64(33)).astype(np.int64)] << np.uint64(33) | low

        exact = _Exact(self.exact.keys, self.exact.digests, moved(self.exact.rows))
        for number, batch in enumerate(self.batches):
            self.batches[number] = _Batch(batch.keys, moved(batch.rows))
        return Index(
            self.alphabet,
            self.batches,
            exact,
            self.digests,
            self.every[np.asarray(order, dtype=np.int64)] if len(self.every) else self.every,
            [self.word_counts[n] for n in order],
        )

    def _cuts(self) -> list[int]:
        """Keys where runs of about RUN_ROWS postings begin, and the end of all keys."""
        if not self.batches:
            return []
        sample = np.sort(np.concatenate([b.keys[::_SAMPLE] for b in self.batches]))
        starts = sample[:: max(1, RUN_ROWS // _SAMPLE)].tolist()
        return sorted({0, *starts[1:], _NO_KEY})

    def _run(self, low: int, high: int) -> Postings:
        keys, rows = [], []
        for batch in self.batches:
            a, b = np.searchsorted(batch.keys, np.array([low, high], dtype=np.uint64))
            keys.append(batch.keys[a:b])
            rows.append(batch.rows[a:b])
        exact = (self.exact.keys >= low) & (self.exact.keys < high)
        plain = sum(len(k) for k in keys)
        digest = np.concatenate((np.zeros(plain, np.int64), self.exact.digests[exact]))
        key = np.concatenate([*keys, self.exact.keys[exact]])
        row = np.concatenate([*rows, self.exact.rows[exact]])
        order = np.lexsort((row, digest, key))
        key, row, digest = key[order], row[order], digest[order]
        new = np.ones(len(key), dtype=bool)
        new[1:] = (key[1:] != key[:-1]) | (digest[1:] != digest[:-1])
        firsts = np.flatnonzero(new)
        pages, weights, positions = _unpacked(row)
        texts = self._texts(key[firsts], digest[firsts])
        return Postings(texts, np.cumsum(new) - 1, pages, weights, positions)

    def _texts(self, keys: Uints, digests: Ints) -> list[str]:
        """Each term's text: its token's, marked as the title's or the exact title."""
        kinds = (keys & np.uint64(_KIND_MASK)).tolist()
        texts = self.alphabet.texts(keys >> _KIND_BITS)
        return [
            text + TITLE_MARK if kind == TITLE
            else text + EXACT_MARK + self.digests[digest] if kind == EXACT
            else text
            for text, kind, digest in zip(texts, kinds, digests.tolist(), strict=True)
        ]  # fmt: skip


_KIND_BITS = np.uint64(2)
_KIND_MASK = 3
_NO_KEY = (1 << 64) - 1  # above every key: the end of the last run


def postings(records: Sequence[SearchRecord]) -> Index:
    """Every posting of every page, laid out a batch of pages at a time."""
    characters = [
        _characters(records[i : i + PAGES_PER_BATCH])
        for i in range(0, len(records), PAGES_PER_BATCH)
    ]
    alphabet = _alphabet([c.points for c in characters])
    batches, exact, every, counts = [], [], [], []
    for number in range(len(characters)):
        chars = characters.pop(0)  # each batch's characters are freed once it is laid out
        first, count = number * PAGES_PER_BATCH, len(chars.titles)
        batch, layout = _main_rows(chars, _slots(chars.points, alphabet), count, first)
        batches.append(batch)
        has_exact = np.zeros(count, dtype=np.int64)
        for page, title in enumerate(chars.titles):
            found = exact_title_token(" ".join(title))
            if found is not None:
                digest = found[WIDTH * SPAN + len(EXACT_MARK) :]
                exact.append((alphabet.token(found), digest, first + page, layout.exact_at[page]))
                has_exact[page] = 1
        every.append(layout.exact_at + has_exact)
        counts += (layout.exact_at + has_exact + 1).tolist()
    digests = sorted({e[1] for e in exact})
    rank = {digest: n for n, digest in enumerate(digests)}
    exact_rows = _Exact(
        np.array([e[0] for e in exact], dtype=np.uint64) << _KIND_BITS | np.uint64(EXACT),
        np.array([rank[e[1]] for e in exact], dtype=np.int64),
        _packed(np.array([e[2] for e in exact]), BODY, np.array([e[3] for e in exact]), len(exact)),
    )
    positions = np.concatenate(every) if every else np.zeros(0, dtype=np.int64)
    return Index(alphabet, batches, exact_rows, digests, positions, counts)
