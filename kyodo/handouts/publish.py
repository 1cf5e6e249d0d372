"""After the site is written: a PDF per guide page and one for the whole guidebook, each made
again only when what it prints has changed, and the pages' links told their size."""

from __future__ import annotations

import datetime
import functools
import hashlib
import html
import io
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from kyodo.handouts.chromium import PRINT_FONT, PRINT_FONT_PACKAGE, has_font
from kyodo.handouts.dates import japanese_date
from kyodo.handouts.frame import Frame
from kyodo.handouts.pages import (
    BOOK_PDF,
    GUIDE_HOME,
    fill_pdf_details,
    heading_text,
    is_handout,
    pdf_details,
    pdf_path,
    without_pdf_details,
)
from kyodo.handouts.printable import (
    BookChapter,
    article,
    book_document,
    has_scheme,
    printable_page,
    with_style,
)
from kyodo.handouts.render import Printer, print_all
from kyodo.site.urls import page_url

# Bump when the way PDFs are made changes in a way the inputs below do not show.
FORMAT = "handouts-2"
# What a page loads that changes its paper: its stylesheets and images (its scripts do not run
# when printed).
_LOADED = re.compile(r'<link rel="stylesheet" href="([^"]+)"|<img\b[^>]*?\bsrc="([^"]+)"', re.I)


@dataclass(frozen=True)
class Handout:
    """One PDF to make: its file in the site, the document to print (given the pages its
    contents point to, for the guidebook), and the key it is kept under."""

    pdf: str
    compose: Callable[[Sequence[int] | None], str]
    folder: Path
    frame: Frame
    key: str


@dataclass
class HandoutRun:
    """What one run made: each PDF's pages and size, and how many were made or reused."""

    made: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    typeface: bool = True  # whether the PDFs made were set in PRINT_FONT

    def summary(self) -> str:
        """One line for the build's log, with the time the PDFs took, and what to install when
        the PDFs' typeface was missing."""
        line = (
            f"PDF: {len(self.made) + len(self.reused)}件"
            f"（新たに作成 {len(self.made)}件、前回のものを再利用 {len(self.reused)}件）"
            f"{time.monotonic() - self.started:.1f}秒"
        )
        if self.typeface:
            return line
        return (
            f"{line}。PDFの書体 {PRINT_FONT} が見つからないため、ほかの書体で作りました"
            f"（ファイルが大きくなります。Debian・Ubuntu では apt-get install {PRINT_FONT_PACKAGE}）。"
        )


def digest(*parts: str | bytes) -> str:
    """A key for everything that decides how a PDF looks."""
    hashed = hashlib.sha256(FORMAT.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big") + data)
    return hashed.hexdigest()[:32]


class Assets:
    """The stylesheets and images of built pages, read once each."""

    def __init__(self) -> None:
        self._read: dict[Path, bytes] = {}

    def of(self, page_file: Path, page_html: str) -> list[bytes]:
        """Every local stylesheet and image the page loads, in order (an image's address that
        is not a file of the site, such as a data: URI, is in the page's text already)."""
        found = []
        for match in _LOADED.finditer(page_html):
            link = unquote(html.unescape(match[1] or match[2]))
            if has_scheme(link):
                continue
            path = (page_file.parent / link.split("?")[0].split("#")[0]).resolve()
            if path not in self._read:
                self._read[path] = path.read_bytes() if path.is_file() else b""
            found.append(self._read[path])
        return found


def page_handout(
    site: Path, src_uri: str, site_url: str, changed: datetime.date, assets: Assets
) -> tuple[Handout, BookChapter]:
    """The PDF of one guide page, and the page as a chapter of the guidebook."""
    public = site_url + page_url(src_uri)
    page_file = site / page_url(src_uri) / "index.html"
    built = without_pdf_details(page_file.read_text(encoding="utf-8"))
    document = printable_page(built, public)
    title = heading_text(article(built))
    frame = Frame(public, japanese_date(changed), [title], site_url)
    key = digest(article(document), frame.css(), *assets.of(page_file, built))
    chapter = BookChapter(title, public, page_url(src_uri), article(built))
    handout = Handout(pdf_path(src_uri), lambda _: document, page_file.parent, frame, key)
    return handout, chapter


def book_handout(
    site: Path,
    pages: Sequence[tuple[Handout, BookChapter]],
    site_url: str,
    changed: datetime.date,
    cover: str,
    assets: Assets,
) -> Handout:
    """The PDF of the whole guidebook, from its pages in the order of the navigation."""
    chapters = [chapter for _, chapter in pages]
    shell_file = site / page_url(GUIDE_HOME) / "index.html"
    shell = without_pdf_details(shell_file.read_text(encoding="utf-8"))
    public = site_url + page_url(GUIDE_HOME)
    day = japanese_date(changed)
    lines = [cover, f"ウェブ版：{public}", f"最終更新：{day}"]
    compose = functools.partial(book_document, shell, chapters, lines)
    frame = Frame(public, day, [c.title for c in chapters], site_url)
    printed = article(compose(None))
    key = digest(printed, frame.css(), *assets.of(shell_file, shell), *(h.key for h, _ in pages))
    return Handout(BOOK_PDF, compose, shell_file.parent, frame, key)


def page_count(data: bytes) -> int:
    """How many pages a PDF has."""
    return len(PdfReader(io.BytesIO(data)).pages)


def chapter_pages(data: bytes) -> list[int]:
    """The page each top-level bookmark of a PDF points to, counted from 1."""
    reader = PdfReader(io.BytesIO(data))
    top = [item for item in reader.outline if not isinstance(item, list)]
    numbers = (reader.get_destination_page_number(item) for item in top)
    return [number + 1 for number in numbers if number is not None]


def print_handout(printer: Printer, handout: Handout, pages: Sequence[int] | None = None) -> bytes:
    """Print one handout's document, its frame added, from a file beside the page it comes
    from (named by its key: the guidebook sits beside the guide's home page, printed at the
    same time)."""
    temporary = handout.folder / f".handout-{handout.key}.html"
    temporary.write_text(with_style(handout.compose(pages), handout.frame.css()), encoding="utf-8")
    try:
        return printer.pdf(temporary)
    finally:
        temporary.unlink()


def print_book(printer: Printer, handout: Handout, titles: Sequence[str]) -> bytes:
    """Print the guidebook twice: the second time its contents know each chapter's page."""
    first = print_handout(printer, handout)
    starts = chapter_pages(first)[1:]  # the first bookmark is the contents itself
    return titled_bookmarks(print_handout(printer, handout, starts), ["目次", *titles])


def titled_bookmarks(data: bytes, titles: Sequence[str]) -> bytes:
    """The PDF with its top-level bookmarks named `titles`, in order.

    Chromium now and then writes a heading's text twice in its bookmark, depending on where
    the heading falls on the page; the chapters' titles are known, so they are set here."""
    outline = PdfReader(io.BytesIO(data)).outline
    if [item.title for item in outline if not isinstance(item, list)] == list(titles):
        return data
    # An incremental update appends only the changed bookmarks to the printed file.
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    outlines = writer.root_object.get("/Outlines")
    item = outlines.get_object().get("/First") if outlines is not None else None
    for title in titles:
        if item is None:
            break
        node = item.get_object()
        node[NameObject("/Title")] = TextStringObject(title)
        item = node.get("/Next")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def made_or_kept(
    cache: Path, jobs: Sequence[tuple[Handout, Callable[[Printer], bytes]]], run: HandoutRun
) -> list[bytes]:
    """Each handout's PDF from the cache, or printed now (all at once) and kept there, each
    as soon as it is printed: a print that fails loses none of the others."""
    kept = {handout.key: cache / f"{handout.key}.pdf" for handout, _ in jobs}
    todo = [(handout, make) for handout, make in jobs if not kept[handout.key].is_file()]
    printed = dict(
        zip(
            (h.key for h, _ in todo),
            print_all([functools.partial(_kept, kept[h.key], make) for h, make in todo]),
            strict=True,
        )
    )
    found = []
    for handout, _ in jobs:
        data = printed.get(handout.key)
        if data is None:
            run.reused.append(handout.pdf)
            data = kept[handout.key].read_bytes()
        else:
            run.made.append(handout.pdf)
        found.append(data)
    return found


def _kept(path: Path, make: Callable[[Printer], bytes], printer: Printer) -> bytes:
    """Print a PDF and keep it at `path`, whole or not at all."""
    data = make(printer)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{threading.get_ident()}.part")
    partial.write_bytes(data)
    partial.replace(path)
    return data


def prune(cache: Path, keep: Iterable[str]) -> None:
    """Remove PDFs kept for sources that no longer exist, and any left half-written, so the
    cache does not grow."""
    wanted = {f"{key}.pdf" for key in keep}
    for path in sorted(cache.glob("*.pdf")) + sorted(cache.glob("*.part")):
        if path.name not in wanted:
            path.unlink()


def publish_handouts(
    site: Path,
    order: Sequence[str],
    site_url: str,
    dates: Mapping[str, datetime.date],
    cover: str,
    cache: Path,
) -> HandoutRun:
    """Make or reuse every guide page's PDF and the guidebook's, write them into the site,
    and fill their page counts and sizes into the links of the built pages."""
    assets, run = Assets(), HandoutRun()
    guide = [src for src in order if is_handout(src)]
    pages = [page_handout(site, src, site_url, dates[src], assets) for src in guide]
    book = book_handout(site, pages, site_url, max(dates[src] for src in guide), cover, assets)
    titles = [chapter.title for _, chapter in pages]
    # The guidebook first: it is the longest to print, twice over.
    jobs = [(book, functools.partial(print_book, handout=book, titles=titles))] + [
        (handout, functools.partial(print_handout, handout=handout)) for handout, _ in pages
    ]
    for (handout, _), data in zip(jobs, made_or_kept(cache, jobs, run), strict=True):
        _write(site, handout.pdf, data, run)
    run.typeface = not run.made or has_font(f":family={PRINT_FONT}")
    for src in guide:
        page_file = site / page_url(src) / "index.html"
        page_file.write_text(
            fill_pdf_details(page_file.read_text(encoding="utf-8"), run.details), encoding="utf-8"
        )
    prune(cache, [handout.key for handout, _ in pages] + [book.key])
    return run


def _write(site: Path, path: str, data: bytes, run: HandoutRun) -> None:
    (site / path).write_bytes(data)
    run.details[path] = pdf_details(page_count(data), len(data))
