"""The token language the search index is written in, and that queries are translated into.

Pagefind cannot find a Japanese word inside a longer word, and the browser splits Japanese
queries differently from the indexer. So the index holds no words at all. A page's text
(NFKC-normalised, lowercased) is written as tokens in ASCII, which no segmenter or stemmer
touches, in two parts:

- a stream with one token per character position, naming that character and the next three
  (padded with END at the end of a word); a query word of four characters is one of these
  tokens, and a longer word is the phrase (consecutive positions) of its four-character
  windows;
- keys: every distinct token of one to three characters in the page, once, for shorter
  query words.

Every query term is thus a whole token, found exactly: prefix matches are never relied on,
because Pagefind expands a prefix only within one chunk of its index. A word matches exactly
the pages whose text contains it. `kyodo-search.js` carries the same rules for queries; a
test keeps the two in step.
"""

from __future__ import annotations

import functools
import unicodedata

RADIX = "0123456789abcdefghijklmnopqrstuvwxyz"
WIDTH = 3  # 36**3 = 46656 code points fit; characters above share codes (harmless, very rare)
SPAN = 4  # characters named by one stream token; shorter query words are keys
LIMIT = 36**WIDTH - 1
END = "zzz"  # pads stream tokens at the end of a word; LIMIT is never a character's code


def normalise(text: str) -> str:
    """What both sides compare: NFKC (so ＮＰＯ is NPO) and lowercase."""
    return unicodedata.normalize("NFKC", text).lower()


@functools.cache
def code(character: str) -> str:
    """A character as three base-36 digits."""
    point = ord(character)
    if point >= LIMIT:
        point = 46000 + point % 655
    digits = ""
    for _ in range(WIDTH):
        point, digit = divmod(point, 36)
        digits = RADIX[digit] + digits
    return digits


def _words(text: str) -> list[list[str]]:
    return [[code(c) for c in word] for word in normalise(text).split()]


def stream_tokens(text: str) -> list[str]:
    """One token per character of the text: the character and the next two of its word."""
    tokens = []
    for codes in _words(text):
        padded = codes + [END] * (SPAN - 1)
        tokens += ["".join(padded[i : i + SPAN]) for i in range(len(codes))]
    return tokens


def stream_length(text: str) -> int:
    """How many stream tokens (index positions) the text takes: its non-space characters."""
    return sum(len(word) for word in normalise(text).split())


def key_tokens(text: str) -> list[str]:
    """Every distinct token of one to SPAN - 1 characters in the text, sorted."""
    keys: set[str] = set()
    for codes in _words(text):
        for size in range(1, SPAN):
            keys.update("".join(codes[i : i + size]) for i in range(len(codes) - size + 1))
    return sorted(keys)


def query_terms(word: str) -> list[str]:
    """The terms a query word is searched with: one token, or a phrase of several."""
    codes = [code(c) for c in normalise(word)]
    if len(codes) <= SPAN:
        return ["".join(codes)]
    return ["".join(codes[i : i + SPAN]) for i in range(len(codes) - SPAN + 1)]
