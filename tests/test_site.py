"""The foundation: a strict, quiet, Japanese, self-contained build."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.conftest import BuiltSite


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ids = [value for name, value in attrs if name == "id" and value]
        if re.fullmatch(r"h[2-6]", tag) and ids:
            self._open, self._text = ids[0], []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and re.fullmatch(r"h[2-6]", tag):
            self.headings.append((self._open, "".join(self._text).strip()))
            self._open = None


def headings(html: str) -> list[tuple[str, str]]:
    parser = _Headings()
    parser.feed(html)
    return parser.headings


def test_build_passes_strict_without_warnings_or_banner(site: BuiltSite) -> None:
    assert site.returncode == 0, site.output
    assert "WARNING" not in site.output
    assert "end of life" not in site.output
    assert "Zensical" not in site.output
    assert (site.path / "index.html").is_file()


def test_every_page_declares_japanese(site: BuiltSite) -> None:
    pages = site.pages()
    assert pages
    for page in pages:
        assert '<html lang="ja"' in page.read_text(encoding="utf-8"), page


def test_japanese_headings_get_readable_ids(site: BuiltSite) -> None:
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    found = [h for page in site.pages() for h in headings(page.read_text(encoding="utf-8"))]
    japanese_headings = [(anchor, text) for anchor, text in found if japanese.search(text)]
    assert japanese_headings
    for anchor, text in japanese_headings:
        assert not re.fullmatch(r"_\d+", anchor), (anchor, text)
        assert japanese.search(anchor), (anchor, text)


def test_every_page_starts_its_head_with_a_content_security_policy(site: BuiltSite) -> None:
    pages = site.pages()
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[html.index("<head>") : html.index("</head>")]
        policy = head.find(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'"
        )
        assert 0 <= policy < head.find("<script"), page
        assert "'unsafe-inline'" not in head, page


def test_every_folder_above_a_page_is_a_page(site: BuiltSite) -> None:
    """A reader who shortens an address (…/directory/ward/aoba/ → …/directory/ward/) lands on a
    page listing what the folder holds, never on a missing page."""
    folders = {
        "/".join(parts[:depth])
        for page in site.pages()
        if page.name == "index.html"
        for parts in [page.relative_to(site.path).parent.parts]
        for depth in range(1, len(parts))
    }
    assert {"directory/ward", "directory/groups", "cases/form"} <= folders
    missing = sorted(f for f in folders if not (site.path / f / "index.html").is_file())
    assert missing == []
