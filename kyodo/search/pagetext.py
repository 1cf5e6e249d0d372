"""What search knows of a built page: its title, its text as a reader sees it, and its filters.

The page's search body is read with a small tokenizer of tags, comments and text (Python's
HTMLParser takes five times as long on thousands of pages), which honours what Pagefind
honours: `data-pagefind-ignore` on any element, scripts, styles, comments.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_BODY = re.compile(
    r'<div data-pagefind-body data-pagefind-filter="([^"]*)">(.*?)</div><!--/pagefind-body-->', re.S
)
_PIECES = re.compile(
    r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|([^<]+|<)",
    re.S,
)
_SPACES = re.compile(r"\s+")
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)  # fmt: skip
# Tags that end a line of text; all other tags join their text to the words around them.
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Elements whose content is never text of the page.
_SKIPPED = frozenset(["script", "style", "template", "nav", "noscript", "svg"])
# Blocks that label the text rather than say anything: not shown as excerpts.
_LABELS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "summary"])


@dataclass(frozen=True)
class SearchRecord:
    """One indexed page: its address, title, filters, and text as blocks (labels marked)."""

    url: str
    title: str
    blocks: tuple[str, ...]
    labels: frozenset[int]  # indexes of blocks that are headings or field names
    filters: dict[str, list[str]]

    @property
    def text(self) -> str:
        """The whole text, one space between blocks."""
        return " ".join(self.blocks)


def parse_filters(attribute: str) -> dict[str, list[str]]:
    """Pagefind's `name:value, name:value` filter attribute as a dict of lists."""
    filters: dict[str, list[str]] = {}
    for pair in html.unescape(attribute).split(", "):
        name, _, value = pair.partition(":")
        if name and value:
            filters.setdefault(name, []).append(value)
    return filters


def _ignored(tag: str, attributes: str) -> bool:
    return (
        tag in _SKIPPED
        or "data-pagefind-ignore" in attributes
        or ("headerlink" in attributes and tag == "a")
    )


class _Blocks:
    """Text gathered block by block, with the open elements and the ignored depth."""

    def __init__(self) -> None:
        self.open: list[tuple[str, bool]] = []  # (tag, whether it starts an ignored part)
        self.ignored = 0
        self.blocks: list[str] = []
        self.labels: set[int] = set()
        self.current: list[str] = []
        self.label_depth = 0
        self.title: list[str] = []
        self.in_title = 0

    def end_block(self) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        self.current = []
        if text:
            if self.label_depth:
                self.labels.add(len(self.blocks))
            self.blocks.append(text)

    def start(self, tag: str, attributes: str) -> None:
        if tag in _BLOCK:
            self.end_block()
        if tag in _VOID:
            return
        starts_ignored = not self.ignored and _ignored(tag, attributes)
        self.ignored += starts_ignored or bool(self.ignored)
        self.open.append((tag, starts_ignored or bool(self.ignored)))
        self.label_depth += tag in _LABELS and not self.ignored
        self.in_title += tag == "h1" and not self.ignored

    def end(self, tag: str) -> None:
        if tag in _VOID or not any(name == tag for name, _ in self.open):
            return
        while self.open:
            name, counted = self.open.pop()
            self.ignored -= counted
            if name in _BLOCK:
                self.end_block()
            self.label_depth -= name in _LABELS and self.label_depth > 0
            self.in_title -= name == "h1" and self.in_title > 0
            if name == tag:
                return

    def text(self, data: str) -> None:
        if not self.ignored:
            self.current.append(data)
            if self.in_title:
                self.title.append(data)


def read_blocks(fragment: str) -> tuple[str, list[str], set[int]]:
    """The title, the text blocks and which blocks are labels, of an HTML fragment."""
    blocks = _Blocks()
    for piece in _PIECES.finditer(fragment):
        closing, tag, attributes, text = piece.groups()
        if text is not None:
            blocks.text(html.unescape(text))
        elif tag is not None:
            name = tag.lower()
            if closing:
                blocks.end(name)
                continue
            blocks.start(name, attributes)
            if attributes.rstrip().endswith("/"):
                blocks.end(name)
    blocks.end_block()
    title = _SPACES.sub(" ", "".join(blocks.title)).strip()
    return title, blocks.blocks, blocks.labels


def record_of(page_html: str, url: str) -> SearchRecord | None:
    """The search record of a built page, or None when the page is not indexed."""
    body = _BODY.search(page_html)
    if body is None:
        return None
    title, blocks, labels = read_blocks(body[2])
    return SearchRecord(url, title, tuple(blocks), frozenset(labels), parse_filters(body[1]))
