"""Listing pages: golden snapshots, structured data, and inert hostile text."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from kyodo.content import formats
from kyodo.content.schema import load_schema
from kyodo.domain.directory.load import read_listing, to_listing
from kyodo.domain.directory.model import Listing
from kyodo.site.browse import KANA_ROWS, ROW_OF, seion
from kyodo.site.listing_pages import listing_stamp, structured_data
from kyodo.site.pages import PAGE_SIZE, PAGE_WINDOW, Slice, paginate
from kyodo.site.settings import SiteSettings
from kyodo.site.templating import render
from tests.conftest import FIXTURES

SETTINGS = SiteSettings(
    site_url="https://example.github.io/kyodo/",
    repo_url="https://github.com/example/kyodo",
    edit_base="https://github.com/example/kyodo/edit/main/",
    today=datetime.date(2026, 11, 28),
)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "today", lambda: SETTINGS.today)


def fixture_listing(name: str, folder: Path = FIXTURES) -> Listing:
    schema = "business" if "business" in name else "group"
    listing, problems = read_listing(folder / f"{name}.yml", schema, folder)
    assert listing is not None
    # Fixture files are not named after their ids; nothing else may be wrong with them.
    assert [p for p in problems if "ファイル名" not in p.message] == []
    return to_listing(listing)


@pytest.mark.parametrize("name", ["golden-group", "golden-business"])
def test_listing_page_matches_golden(name: str, golden: Callable[[str, str], None]) -> None:
    """Update with `pytest tests/test_directory_render.py --update-golden` after a deliberate change."""
    page = listing_stamp(fixture_listing(name), SETTINGS).page()
    golden(f"{name}.html", f"{page.content}{page.html}")


def test_group_structured_data() -> None:
    data = structured_data(fixture_listing("golden-group"), SETTINGS)
    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "見本台町内会",
        "description": "見守りと防災訓練を続けている見本台地区の町内会です。",
        "url": "https://example.github.io/kyodo/directory/groups/golden-group/",
        "areaServed": [
            {"@type": "AdministrativeArea", "name": "泉区"},
            {"@type": "AdministrativeArea", "name": "青葉区"},
        ],
        "knowsAbout": ["地域安全", "子どもの健全育成"],
        "sameAs": ["https://mihondai.example.jp/", "https://social.example.jp/@mihondai"],
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": "事務局",
            "email": "info@mihondai.example.jp",
        },
        "foundingDate": "1985",
    }


def test_contact_parts_without_consent_are_dropped_from_the_model(tmp_path: Path) -> None:
    # The checker rejects such a file; the model drops the part anyway (defence in depth).
    text = (FIXTURES / "golden-group.yml").read_text(encoding="utf-8")
    unconsented = text.replace("  email: info@", "  phone: 022-000-0100\n  email: info@")
    (tmp_path / "golden-group.yml").write_text(unconsented, encoding="utf-8")
    path = tmp_path / "golden-group.yml"
    listing_file, problems = read_listing(path, "group", tmp_path)
    assert listing_file is not None
    assert [p.message[:40] for p in problems] == [
        "連絡先の電話番号 (contact.phone) を公開する同意が記録されていません。"[:40]
    ]
    listing = to_listing(listing_file)
    assert (listing.contact.email, listing.contact.phone) == ("info@mihondai.example.jp", None)
    page = listing_stamp(listing, SETTINGS).page()
    assert "022-000-0100" not in f"{page.content}{page.html}"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def test_hostile_text_is_inert_on_the_listing_page() -> None:
    page = listing_stamp(fixture_listing("hostile-group"), SETTINGS).page()
    front, body = page.content, page.html or ""
    found = elements(body)
    assert [attrs for tag, attrs in found if tag == "script"] == [{"type": "application/ld+json"}]
    assert [tag for tag, _ in found if tag == "img"] == []
    assert not [name for _, attrs in found for name in attrs if name.startswith("on")]
    assert not [
        v for _, attrs in found for v in attrs.values() if v and v.startswith("javascript:")
    ]
    assert "<h1>&lt;script&gt;window.__xss = 1&lt;/script&gt;あやしい会</h1>" in body
    assert "<p>&lt;script&gt;window.__xss = 3&lt;/script&gt;</p>" in body
    assert "<p>見出しのつもり</p>" in body
    assert "<" not in front
    ld = body.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in ld
    assert json.loads(ld)["name"] == "<script>window.__xss = 1</script>あやしい会"


@pytest.mark.parametrize(
    ("count", "number", "shown"),
    [
        (1, 1, [1]),
        (5, 1, [1, 2, 3, 4, 5]),  # a gap of one page shows that page
        (7, 1, [1, 2, 3, (4, 6), 7]),
        (7, 4, [1, 2, 3, 4, 5, 6, 7]),
        (49, 5, [1, 2, 3, 4, 5, 6, 7, (8, 48), 49]),
        (49, 25, [1, (2, 22), 23, 24, 25, 26, 27, (28, 48), 49]),
        (49, 49, [1, (2, 46), 47, 48, 49]),
    ],
)
def test_a_long_list_links_its_ends_and_the_pages_near_this_one(
    count: int, number: int, shown: list[int | tuple[int, int]]
) -> None:
    assert PAGE_WINDOW == 2
    assert pages_of(count)[number - 1].shown() == shown


def pages_of(count: int) -> list[Slice]:
    return paginate(range(count * PAGE_SIZE), "directory/groups/index.md")


def test_the_pagination_says_which_pages_it_leaves_out() -> None:
    html = render(
        "_pagination.html.j2", "directory/groups/25.md", part=pages_of(49)[24], place="一覧の上"
    )
    items = [" ".join(li.text(separator=" ").split()) for li in LexborHTMLParser(html).css("li")]
    assert items == [
        "前のページ", "1 ページ目", "… 2ページ目から22ページ目までは省略",
        *(f"{n} ページ目" for n in range(23, 28)),
        "… 28ページ目から48ページ目までは省略", "49 ページ目", "次のページ",
    ]  # fmt: skip
    tree = LexborHTMLParser(html)
    assert [a.attributes["href"] for a in tree.css("a")][:3] == ["../24/", "../", "../23/"]
    assert tree.css_first("[aria-current=page]").text() == "25ページ目"
    assert all(gap.attributes["aria-hidden"] == "true" for gap in tree.css("li > span:first-child"))
    assert tree.css_first("nav").attributes["aria-label"] == "ページ送り（一覧の上）"


def test_every_letter_a_reading_may_start_with_belongs_to_one_row_of_the_table() -> None:
    """The schema lets a reading start with any hiragana letter (ぁ to ゖ): each one's plain
    kana heads a section in exactly one 五十音 view and one link of a list's row navigation."""
    letters = [chr(c) for c in range(ord("ぁ"), ord("ゖ") + 1)]
    pattern = load_schema("common")["definitions"]["kana"]["pattern"]
    assert all(re.fullmatch(pattern, letter + "かい") for letter in letters)
    rows = [[kana for kana in map(seion, letters) if kana in row] for _, _, row in KANA_ROWS]
    assert sum(map(len, rows)) == len(letters)
    assert {seion(letter) for letter in letters} <= ROW_OF.keys()
