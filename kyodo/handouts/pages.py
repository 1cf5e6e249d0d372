"""What the guide's pages carry for handouts: the PDF link and print button, the form's sheet
with the explanation kept off paper, and a line on paper that leads back to the page."""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass

from kyodo.handouts.dates import japanese_date
from kyodo.site.urls import href, page_url

GUIDE = "guide/"
# The guide's first page links the guidebook, which is printed in that page's frame.
GUIDE_HOME = GUIDE + "index.md"
BOOK_PDF = GUIDE + "guidebook.pdf"
# Blocks meant for the screen only, which the guidebook PDF leaves out.
WEB_START, WEB_END = "<!--kyodo-web-->", "<!--/kyodo-web-->"
_H1_END = re.compile(r"</h1>", re.I)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
_HEADERLINK = re.compile(r'<a [^>]*class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")
_DETAILS = re.compile(r"<!--kyodo-pdf:([^>]*?)-->.*?<!--/kyodo-pdf-->", re.S)


@dataclass(frozen=True)
class PageFacts:
    """What a guide page's handout needs to know about the page."""

    src_uri: str
    site_url: str
    changed: datetime.date
    is_form: bool = False
    docx_size: int | None = None

    @property
    def public_url(self) -> str:
        """The page's address on the published site."""
        return self.site_url + page_url(self.src_uri)

    @property
    def noun(self) -> str:
        """What the page is called in its link texts."""
        return "この様式" if self.is_form else "この章"


def is_handout(src_uri: str) -> bool:
    """Every page of the guidebook gets a PDF."""
    return src_uri.startswith(GUIDE) and src_uri.endswith(".md")


def pdf_path(src_uri: str) -> str:
    """The PDF of a page, beside the page's own folder: guide/process.md → guide/process.pdf."""
    return src_uri.removesuffix(".md") + ".pdf"


def docx_path(src_uri: str) -> str:
    """The Word document of a form, beside its PDF."""
    return src_uri.removesuffix(".md") + ".docx"


def file_size(size: int) -> str:
    """A file size as readers know it: 85KB, 2.1MB."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}MB"
    return f"{max(1, round(size / 1000))}KB"


def pdf_details(pages: int, size: int) -> str:
    """The part of a PDF link that says what the reader gets, e.g. （A4・6ページ・320KB）."""
    return f"（A4・{pages}ページ・{file_size(size)}）"


def heading_text(content: str) -> str:
    """The text of the page's h1, without its permalink mark."""
    found = _H1.search(content)
    return html.unescape(_TAG.sub("", _HEADERLINK.sub("", found[1]))).strip() if found else ""


def _pdf_link(src_uri: str, target: str, text: str) -> str:
    return (
        f'<a href="{href(src_uri, target)}" type="application/pdf" class="md-button">'
        f"{text}<!--kyodo-pdf:{target}--><!--/kyodo-pdf--></a>"
    )


def actions(facts: PageFacts, with_pdf: bool) -> str:
    """The links to the page's PDF (and the guidebook's, on its first page, and the Word
    document of a form) and a print button; a preview says the PDFs come at publication."""
    items = []
    if with_pdf:
        items.append(_pdf_link(facts.src_uri, pdf_path(facts.src_uri), f"{facts.noun}をPDFで読む"))
        if facts.src_uri == GUIDE_HOME:
            items.append(_pdf_link(facts.src_uri, BOOK_PDF, "手引き全体をPDFで読む（目次付き）"))
    else:
        items.append("PDF版は、公開用にサイトを組み立てるとき（make build）に作られます。")
    if facts.docx_size is not None:
        items.append(
            f'<a href="{href(facts.src_uri, docx_path(facts.src_uri))}" class="md-button">'
            f"Word形式で記入する（.docx・{file_size(facts.docx_size)}）</a>"
        )
    items.append(
        f'<button type="button" class="md-button" data-kyodo-print hidden>{facts.noun}を印刷する</button>'
    )
    listed = "".join(f"<li>{item}</li>" for item in items)
    return f'{WEB_START}<nav class="kyodo-handout" aria-label="印刷と保存"><ul>{listed}</ul></nav>{WEB_END}'


def print_source(title: str, facts: PageFacts) -> str:
    """The line at the end of a printed page that names the guidebook, the page and its address."""
    return (
        f'{WEB_START}<footer class="kyodo-print-source" data-pagefind-ignore><p>'
        f"出典：協働の手引き「{html.escape(title)}」 {facts.public_url}"
        f"（最終更新 {japanese_date(facts.changed)}）</p></footer>{WEB_END}"
    )


def handout_page(content: str, facts: PageFacts, sheet: str | None, with_pdf: bool) -> str:
    """A guide page's body with its handout parts: the actions below the h1, a form's
    explanation kept for the screen and its sheet below, and the printed source line."""
    end = _H1_END.search(content)
    cut = end.end() if end else 0
    head, rest = content[:cut], content[cut:]
    if sheet is not None:
        head = head.replace("<h1", '<h1 class="kyodo-form-title"', 1)
        guide = (
            f'{WEB_START}<section class="kyodo-form-guide" aria-label="この様式の使い方">'
            f"{rest}</section>{WEB_END}"
            if rest.strip()
            else ""
        )
        rest = guide + sheet
    return head + actions(facts, with_pdf) + rest + print_source(heading_text(content), facts)


def fill_pdf_details(page_html: str, details: dict[str, str]) -> str:
    """Write each PDF's pages and size into the links that point to it."""
    return _DETAILS.sub(
        lambda m: f"<!--kyodo-pdf:{m[1]}-->{details.get(m[1], '')}<!--/kyodo-pdf-->", page_html
    )


def without_pdf_details(page_html: str) -> str:
    """A page as it was before the PDF details were written into it."""
    return fill_pdf_details(page_html, {})
