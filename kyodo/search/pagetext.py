"""What search knows of a built page: its title, its text as a reader sees it, and its filters.

The page's search body is parsed as a browser parses it (Lexbor, an HTML5 parser), and what
Pagefind leaves out is left out here too: `data-pagefind-ignore` on any element, scripts,
styles, comments.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

_BODY = re.compile(
    r'<div data-pagefind-body data-pagefind-filter="([^"]*)">(.*?)</div><!--/pagefind-body-->', re.S
)
_SPACES = re.compile(r"\s+")
# Tags that end a line of text; all other tags join their text to the words around them.
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
}  # fmt: skip
# What is never text of the page.
_IGNORED = "[data-pagefind-ignore], script, style, template, nav, noscript, svg, a.headerlink"
# Blocks that label the text rather than say anything: not shown as excerpts.
_LABELS = {"h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "summary"}


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


@dataclass
class _Blocks:
    """Text gathered block by block, remembering which blocks are labels."""

    blocks: list[str] = field(default_factory=list)
    labels: set[int] = field(default_factory=set)
    current: list[str] = field(default_factory=list)

    def end_block(self, label: bool) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        self.current = []
        if text:
            if label:
                self.labels.add(len(self.blocks))
            self.blocks.append(text)

    def read(self, node: LexborNode, label: bool = False) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag or ""
            if tag == "-text":
                self.current.append(child.text_content or "")
            elif not tag.startswith("-"):
                inner = label or tag in _LABELS
                if tag in _BLOCK:
                    self.end_block(label)
                self.read(child, inner)
                if tag in _BLOCK:
                    self.end_block(inner)


def read_blocks(fragment: str) -> tuple[str, list[str], set[int]]:
    """The title, the text blocks and which blocks are labels, of an HTML fragment."""
    body = LexborHTMLParser(fragment).body
    if body is None:
        return "", [], set()
    for node in body.css(_IGNORED):
        node.decompose()
    heading = body.css_first("h1")
    blocks = _Blocks()
    blocks.read(body)
    blocks.end_block(False)
    title = _SPACES.sub(" ", heading.text(deep=True)).strip() if heading else ""
    return title, blocks.blocks, blocks.labels


def record_of(page_html: str, url: str) -> SearchRecord | None:
    """The search record of a built page, or None when the page is not indexed."""
    body = _BODY.search(page_html)
    if body is None:
        return None
    title, blocks, labels = read_blocks(body[2])
    return SearchRecord(url, title, tuple(blocks), frozenset(labels), parse_filters(body[1]))
