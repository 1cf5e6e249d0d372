"""The token layout of every page as postings: which term sits at which word position of which
page, with which weight, computed for all pages at once with numpy.

A page is laid out as a token page whose words are, in order: the title's stream tokens
(heading weight), a gap, the text's stream tokens, a gap, the keys, a gap, the title's marked
tokens, the exact-title token and EVERY_PAGE. Gap words take a position but are not indexed.
(tests/searchkit.py writes that page as HTML for Pagefind's binary, to check this layout.)
A token is a number of SPAN slots, each the rank of a character code (or of PAD or END) among
the codes in use, so that numeric order is the order of the tokens' text."""

from __future__ import annotations

from collections.abc import Sequence
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
PLAIN, TITLE = 0, 1  # a token, or its copy marked as the title's

Ints = npt.NDArray[np.int64]
Uints = npt.NDArray[np.uint64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Postings:
    """Every posting (term, page, weight, position), sorted, with the text of every term."""

    terms: list[str]  # in text order: a posting's term is an index into this list
    term_ids: Ints
    pages: Ints
    weights: Ints
    positions: Ints
    word_counts: list[int]  # words on each page, gap words included


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
    points = np.frombuffer("".join(pieces).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
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


def _slots(points: Ints) -> _Slots:
    codes = np.concatenate((points[points >= 0], [int(PAD, 36), int(END, 36)]))
    values = _distinct(codes.astype(np.uint64)).astype(np.int64)
    bits = _bits(len(values))
    if SPAN * bits > 63:
        raise ValueError(f"{len(values)} distinct characters: too many for the search index")
    return _Slots(np.where(points >= 0, np.searchsorted(values, points), -1), values, bits)


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


def _sorted(terms: Ints, pages: Ints, weights: Ints, positions: Ints) -> list[Ints]:
    """Rows in order of term, page, weight and position: one sort of a packed key when the
    fields fit in 64 bits (sorting values is fast), an indirect sort otherwise."""
    widths = [_bits(int(a.max(initial=0))) for a in (terms, pages, weights, positions)]
    if sum(widths) > 64:
        order = np.lexsort((positions, weights, pages, terms))
        return [a[order] for a in (terms, pages, weights, positions)]
    packed = np.zeros(len(terms), dtype=np.uint64)
    for array, width in zip((terms, pages, weights, positions), widths, strict=True):
        packed = packed << np.uint64(width) | array.astype(np.uint64)
    packed.sort()
    fields = []
    for width in reversed(widths):
        fields.append((packed & np.uint64((1 << width) - 1)).astype(np.int64))
        packed = packed >> np.uint64(width)
    return fields[::-1]


@dataclass(frozen=True)
class _Layout:
    """Where each part of each page begins."""

    title_len: Ints
    text_start: Ints
    key_start: Ints
    marks_start: Ints
    exact_at: Ints


def _main_rows(c: _Characters, s: _Slots, count: int) -> tuple[list[Ints], Uints, _Layout]:
    """The stream, key and title-mark postings: (marks, pages, weights, positions), tokens."""
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
    parts = [
        (windows[is_char], PLAIN, c.page[is_char], np.where(heading, HEADING, BODY)[is_char],
         np.where(heading, place, text_start[c.page] + place)[is_char]),
        (keys.tokens, PLAIN, keys.pages, BODY, key_start[keys.pages] + keys.ranks),
        (windows[heading], TITLE, c.page[heading], BODY,
         marks_start[c.page[heading]] + place[heading]),
        (title_keys.tokens, TITLE, title_keys.pages, BODY,
         marks_start[title_keys.pages] + title_len[title_keys.pages] + title_keys.ranks),
    ]  # fmt: skip
    columns = [
        np.concatenate([np.broadcast_to(np.asarray(p[i]), len(p[0])) for p in parts])
        for i in range(5)
    ]
    return [a.astype(np.int64) for a in columns[1:]], columns[0].astype(np.uint64), layout


def postings(records: Sequence[SearchRecord]) -> Postings:
    """Every posting of every page, sorted by term text, page, weight and position."""
    chars = _characters(records)
    count = len(records)
    s = _slots(chars.points)
    (marks, pages, weights, positions), tokens, layout = _main_rows(chars, s, count)
    table, inverse = np.unique(
        tokens << np.uint64(1) | marks.astype(np.uint64), return_inverse=True
    )
    # Exact-title terms sort after their first term's plain and marked copies; every page's
    # EVERY_PAGE after all.
    exact = sorted(
        (int(np.searchsorted(table, token << 1 | 1, side="right")), token, digest, page)
        for page, title in enumerate(chars.titles)
        if (found := exact_title_token(" ".join(title))) is not None
        for token, digest in [(s.token(found), found[WIDTH * SPAN + len(EXACT_MARK) :])]
    )
    inserted = np.array([e[0] for e in exact], dtype=np.int64)
    term_ids = np.arange(len(table)) + np.searchsorted(inserted, np.arange(len(table)), "right")
    every = len(table) + len(exact)
    texts = [""] * (every + 1)
    plain = s.texts(table >> np.uint64(1))
    marked = (table & np.uint64(1)).astype(bool).tolist()
    for number, text, title in zip(term_ids.tolist(), plain, marked, strict=True):
        texts[number] = text + TITLE_MARK if title else text
    first_of: dict[tuple[int, str], int] = {}
    exact_texts = s.texts(np.array([e[1] for e in exact], dtype=np.uint64))
    for number, (_, token, digest, _page), text in zip(
        inserted + np.arange(len(exact)), exact, exact_texts, strict=True
    ):
        texts[int(number)] = text + EXACT_MARK + digest
        first_of.setdefault((token, digest), int(number))
    texts[every] = EVERY_PAGE
    exact_pages = np.array([e[3] for e in exact], dtype=np.int64)
    has_exact = np.zeros(count, dtype=np.int64)
    has_exact[exact_pages] = 1
    rows = _sorted(
        np.concatenate(
            (term_ids[inverse], [first_of[(e[1], e[2])] for e in exact], np.full(count, every))
        ).astype(np.int64),
        np.concatenate((pages, exact_pages, np.arange(count))),
        np.concatenate((weights, np.full(len(exact) + count, BODY))),
        np.concatenate(
            (positions, layout.exact_at[exact_pages], layout.exact_at + has_exact)
        ).astype(np.int64),
    )
    used = _distinct(rows[0].astype(np.uint64)).astype(np.int64)
    renumber = np.zeros(len(texts), dtype=np.int64)
    renumber[used] = np.arange(len(used))
    return Postings(
        [texts[i] for i in used.tolist()],
        renumber[rows[0]],
        rows[1],
        rows[2],
        rows[3],
        (layout.exact_at + has_exact + 1).tolist(),
    )
