"""The documents Chromium prints: a built page made ready for paper, and the whole guidebook
put together from the built chapters with a cover and a table of contents."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

from kyodo.handouts.frame import SITE_NAME
from kyodo.handouts.pages import GUIDE, WEB_END, WEB_START

_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*)(</article>)', re.S)
_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.I)
_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")', re.I)
_ID = re.compile(r'(\sid=")([^"]*)(")')
_DETAILS = re.compile(r"<details\b(?![^>]*\bopen\b)", re.I)
_WEB = re.compile(re.escape(WEB_START) + ".*?" + re.escape(WEB_END), re.S)
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_HEAD_END = re.compile(r"</head\s*>", re.I)
_ABSOLUTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_BOOK_CSS = """
.kyodo-book__cover { margin: 30mm 0 12mm; }
.kyodo-book__title { font-size: 28pt; font-weight: 700; margin: 0 0 4mm; }
.kyodo-book__toc ol { list-style: none; padding: 0; margin: 0; }
.kyodo-book__toc li { display: flex; gap: 2mm; margin: 0 0 1.5mm; }
.kyodo-book__toc li a { text-decoration: none; }
.kyodo-book__toc li::after { content: ""; order: 1; flex: 1; border-bottom: 1px dotted #777; margin-bottom: 1.2mm; }
.kyodo-book__toc li span { order: 2; min-width: 8mm; text-align: right; }
.kyodo-book__chapter { break-before: page; }
"""


def has_scheme(value: str) -> bool:
    """Whether an address names its scheme (https:, mailto:, data:…): not a file of the site."""
    return _ABSOLUTE.match(value) is not None


def article(page_html: str) -> str:
    """The part of a built page that is printed: its article."""
    found = _ARTICLE.search(page_html)
    return found[2] if found else ""


def _replace_article(page_html: str, content: str) -> str:
    return _ARTICLE.sub(lambda m: m[1] + content + m[3], page_html, count=1)


def _rewrite(pattern: re.Pattern[str], fragment: str, change: Callable[[str], str]) -> str:
    def one(match: re.Match[str]) -> str:
        return match[1] + html.escape(change(html.unescape(match[2]))) + match[3]

    return pattern.sub(one, fragment)


def public_link(value: str, page_url: str) -> str:
    """A link as paper and PDF need it: relative addresses become the published site's."""
    if value.startswith("#") or has_scheme(value):
        return value
    return urljoin(page_url, value)


def printable_page(page_html: str, page_url: str) -> str:
    """A built page ready to print: links point to the published site, collapsed blocks open."""
    content = _rewrite(_HREF, article(page_html), lambda v: public_link(v, page_url))
    return _replace_article(page_html, _DETAILS.sub("<details open", content))


@dataclass(frozen=True)
class BookChapter:
    """A built page of the guidebook: its title, its published address, its folder in the
    site (e.g. `guide/process/`) and its article."""

    title: str
    public_url: str
    folder: str
    content: str


def book_source(value: str, folder: str) -> str:
    """An image's address as the guidebook (printed from the guide's folder) finds it."""
    if has_scheme(value) or value.startswith("/"):
        return value
    target = posixpath.normpath(posixpath.join(folder, value))
    return posixpath.relpath(target, GUIDE)


def _book_link(value: str, chapter: int, anchors: Mapping[str, int]) -> str:
    if value.startswith("#"):
        return f"#c{chapter}-{value[1:]}"
    page, fragment = urldefrag(value)
    if page in anchors:
        return f"#c{anchors[page]}-{fragment}" if fragment else f"#c{anchors[page]}"
    return value


def chapter_section(index: int, chapter: BookChapter, anchors: Mapping[str, int]) -> str:
    """One chapter inside the guidebook: web-only parts left out, ids made unique, links
    to other chapters turned into links inside the book, images found from the book."""
    content = _WEB.sub("", chapter.content)
    content = _rewrite(_HREF, content, lambda v: public_link(v, chapter.public_url))
    content = _rewrite(_HREF, content, lambda v: _book_link(v, index, anchors))
    content = _rewrite(_SRC, content, lambda v: book_source(v, chapter.folder))
    content = _ID.sub(lambda m: f"{m[1]}c{index}-{m[2]}{m[3]}", content)
    content = _DETAILS.sub("<details open", content)
    return (
        f'<section class="kyodo-book__chapter kyodo-book__chapter--{index}" id="c{index}">'
        f"{content}</section>"
    )


def contents(chapters: Sequence[BookChapter], pages: Sequence[int] | None) -> str:
    """The table of contents, with the page each chapter starts on once it is known."""
    items = "".join(
        f'<li><a href="#c{i}">{html.escape(c.title)}</a><span>{pages[i] if pages else ""}</span></li>'
        for i, c in enumerate(chapters)
    )
    return (
        '<nav class="kyodo-book__toc" aria-labelledby="kyodo-toc">'
        f'<h1 id="kyodo-toc">目次</h1><ol>{items}</ol></nav>'
    )


def book_document(
    shell: str,
    chapters: Sequence[BookChapter],
    cover: Sequence[str],
    pages: Sequence[int] | None = None,
) -> str:
    """The whole guidebook as one document, in the built page `shell` (the guide's first
    page, whose stylesheets it uses): cover, contents, then every chapter."""
    anchors = {chapter.public_url: i for i, chapter in enumerate(chapters)}
    lines = "".join(f"<p>{html.escape(line)}</p>" for line in cover)
    body = (
        f'<div class="kyodo-book__cover"><p class="kyodo-book__title">{SITE_NAME}</p>{lines}</div>'
        + contents(chapters, pages)
        + "".join(chapter_section(i, c, anchors) for i, c in enumerate(chapters))
    )
    document = _replace_article(shell, body)
    document = _TITLE.sub(f"<title>{SITE_NAME}（全体版）</title>", document, count=1)
    return with_style(document, _BOOK_CSS)


def with_style(document: str, css: str) -> str:
    """The document with a stylesheet of its own at the end of its head. A `</` in the CSS
    (in a title the frame quotes, say) is escaped, so that it cannot end the element.

    Raises ValueError for a document without a head (not a page the theme wrote)."""
    guarded = css.replace("</", "<\\/")
    styled, found = _HEAD_END.subn(lambda end: f"<style>{guarded}</style>{end[0]}", document, 1)
    if not found:
        raise ValueError("the document has no </head> for its stylesheet")
    return styled
