"""The token language the search index is written in, and that queries are translated into.

Pagefind cannot find a Japanese word inside a longer word, and the browser splits Japanese
queries differently from the indexer. So the index holds no words at all. A page's text
(NFKC-normalised, lowercased) is written as ASCII tokens that no segmenter or stemmer touches.
Every character is four base-36 digits (all of Unicode fits, so no two characters share a
code), and every token is exactly SPAN codes long:

- the stream: one token per character position, naming that character and the next three
  (padded with END at the end of a word). Pagefind's word positions are then the text's
  character offsets, which the browser uses to check where terms sit relative to each other;
- keys: every distinct piece of one to three characters in the page, once, padded with PAD,
  for shorter query words;
- title marks: each stream token and key of the title again with TITLE_MARK appended, and one
  exact-title token (the title's first term, EXACT_MARK and a hash of the whole title);
- EVERY_PAGE, sorting after every other token: a search with filters but no words goes
  through it, since Pagefind downloads every chunk for a search without terms.

A query word of up to three characters is one key. A longer word is found through at most two
stream tokens (its first and last four characters) at the right distance from each other, which
is exact up to eight characters; longer words are then checked against the text. Each term
costs an index chunk (about 20 KB at 5,000 listings), so a long phrase costs no more than two.

Marked tokens differ from their term only at the end, so they sort next to it and come in the
same index chunk: the title checks cost no extra download. Every term is a whole token, found
exactly: Pagefind's prefix matches, which it expands only within one chunk, are never relied on.
`kyodo-search.js` carries the same rules for queries; a test keeps the two in step.
"""

from __future__ import annotations

import functools
import unicodedata

RADIX = "0123456789abcdefghijklmnopqrstuvwxyz"
WIDTH = 4  # 36**4 > 0x10FFFF: every code point has a code of its own, whose first digit is 0-n
SPAN = 4  # characters named by one stream token; shorter query words are keys
END = "z" * WIDTH  # pads stream tokens at the end of a word; never a character's code
PAD = "y" * WIDTH  # pads keys to the length of a stream token; never a character's code
TITLE_MARK = "t"
EXACT_MARK = "x"
EVERY_PAGE = "z" * (WIDTH * SPAN + 1)  # on every page: filters alone are searched through it
MAX_TERMS = 2  # stream tokens a long query word is searched with: its first and last
EXACT_LENGTH = SPAN * MAX_TERMS  # words up to this length are matched exactly by the index


def normalise(text: str) -> str:
    """What both sides compare: NFKC (so ＮＰＯ is NPO) and lowercase."""
    return unicodedata.normalize("NFKC", text).lower()


@functools.cache
def code(character: str) -> str:
    """A character as WIDTH base-36 digits."""
    point = ord(character)
    digits = ""
    for _ in range(WIDTH):
        point, digit = divmod(point, 36)
        digits = RADIX[digit] + digits
    return digits


@functools.cache
def key(piece: str) -> str:
    """The key token of one to SPAN - 1 characters."""
    return "".join(map(code, piece)) + PAD * (SPAN - len(piece))


@functools.cache
def window(piece: str) -> str:
    """The stream token of up to SPAN characters, padded with END where the word ends."""
    return "".join(map(code, piece)) + END * (SPAN - len(piece))


def stream_length(text: str) -> int:
    """How many stream tokens (index positions) the text takes: its non-space characters."""
    return sum(len(word) for word in normalise(text).split())


def title_hash(title: str) -> str:
    """FNV-1a (32 bits) of the normalised title's code points, in base 36."""
    value = 0x811C9DC5
    for character in " ".join(normalise(title).split()):
        value = ((value ^ ord(character)) * 0x01000193) & 0xFFFFFFFF
    digits = ""
    for _ in range(7):
        value, digit = divmod(value, 36)
        digits = RADIX[digit] + digits
    return digits


def exact_title_token(title: str) -> str | None:
    """The token that pages titled exactly `title` carry, next to the title's first term."""
    words = normalise(title).split()
    if not words:
        return None
    return query_plan(words[0])[0][1] + EXACT_MARK + title_hash(title)


def query_plan(word: str) -> list[tuple[int, str]]:
    """The terms a query word is searched with, each with its offset in the word."""
    normal = normalise(word)
    if len(normal) < SPAN:
        return [(0, key(normal))]
    return [
        (offset, window(normal[offset : offset + SPAN]))
        for offset in sorted({0, len(normal) - SPAN})
    ]
