"""The directory in the built site: a page per listing, browse views, and open data."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from kyodo.content.formats import today
from kyodo.content.vocabulary import activity_fields
from kyodo.domain.directory.model import Business, Listing
from kyodo.domain.directory.rules import RESERVED_IDS
from kyodo.domain.site_content import SiteContent
from kyodo.site.urls import listing_uri, page_url
from tests.conftest import BuiltSite

MAX_PAGE_BYTES = 150 * 1024


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def local_target(site: BuiltSite, page: Path, href: str) -> Path | None:
    """The file a relative link on a page points at, or None for other sites and anchors."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    # Absolute paths (only the 404 page uses them) start with site_url's path, /kyodo/.
    base = site.path if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path).removeprefix("/kyodo/").lstrip("/")).resolve()
    return target / "index.html" if target.is_dir() or parts.path.endswith("/") else target


def built_page(site: BuiltSite, listing: Listing) -> Path:
    return site.path / page_url(listing_uri(listing)) / "index.html"


def test_every_listing_has_its_page(site: BuiltSite, content: SiteContent) -> None:
    assert len(content.directory.groups) >= 60 and len(content.directory.businesses) >= 15
    for listing in content.directory.listings:
        html = built_page(site, listing).read_text(encoding="utf-8")
        assert f"<h1>{listing.name}</h1>" in html
        assert f'<meta name="description" content="{listing.summary}">' in html
        assert f"<title>{listing.name} - 協働の手引き</title>" in html


def test_the_sitemap_lists_every_listing_once_and_no_prototype(
    site: BuiltSite, content: SiteContent
) -> None:
    sitemap = (site.path / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>https://example.github.io/kyodo/([^<]*)</loc>", sitemap)
    for listing in content.directory.listings:
        assert locations.count(page_url(listing_uri(listing))) == 1
    assert len(locations) == len(site.pages()) - 1  # every page but 404.html
    assert not [path for path in site.pages() if "kyodo_stamp" in path.as_posix()]
    assert "kyodo_stamp" not in sitemap


def test_other_pages_in_the_listing_folders_have_names_no_listing_may_take(
    site: BuiltSite, content: SiteContent
) -> None:
    ids = {item.id for item in content.directory.listings}
    others = {
        page.parent.name
        for folder in ("groups", "businesses")
        for page in (site.path / "directory" / folder).glob("*/index.html")
        if page.parent.name not in ids
    }
    assert others and all(name in RESERVED_IDS or name.isdecimal() for name in others), others


def test_every_internal_link_of_the_site_resolves(site: BuiltSite) -> None:
    broken = []
    for page in site.pages():
        for href in parse(page.read_text(encoding="utf-8")).hrefs:
            target = local_target(site, page, href)
            if target is not None and not target.exists():
                broken.append((page.relative_to(site.path).as_posix(), href))
    assert broken == []


def crawl(site: BuiltSite, start: Path, inside: str) -> set[Path]:
    """Every page reachable from `start` by following links, staying below `inside`."""
    seen, queue = {start}, deque([start])
    while queue:
        page = queue.popleft()
        for href in parse(page.read_text(encoding="utf-8")).hrefs:
            target = local_target(site, page, href)
            in_scope = target and target.is_relative_to(site.path / inside)
            if target and in_scope and target.suffix == ".html" and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def test_listings_are_reachable_from_browse_views_except_dissolved(
    site: BuiltSite, content: SiteContent
) -> None:
    reached = crawl(site, site.path / "directory/index.html", "directory")
    listed = {
        built_page(site, item) for item in content.directory.listings if item.status != "解散"
    }
    dissolved = {
        built_page(site, item) for item in content.directory.listings if item.status == "解散"
    }
    assert dissolved, "the sample data should include a dissolved group"
    assert listed <= reached
    browse = [p for p in reached if p not in listed]
    links_to_dissolved = {
        local_target(site, page, href)
        for page in browse
        for href in parse(page.read_text(encoding="utf-8")).hrefs
    } & dissolved
    assert links_to_dissolved == set()


def test_each_view_lists_exactly_its_listings(site: BuiltSite, content: SiteContent) -> None:
    active = [item for item in content.directory.listings if item.status != "解散"]
    for ward in {w for item in active for w in item.wards}:
        html = (site.path / f"directory/ward/{ward.slug}/index.html").read_text(encoding="utf-8")
        expected = {
            item.name for item in active if ward in item.wards and not isinstance(item, Business)
        }
        assert (
            set(re.findall(r'class="kyodo-list__name"><a href="[^"]+">([^<]+)</a>', html))
            == expected
        )


def test_inactive_and_stale_listings_are_marked_in_lists(
    site: BuiltSite, content: SiteContent
) -> None:
    html = (site.path / "directory/businesses/all/index.html").read_text(encoding="utf-8")
    html += "".join(
        (site.path / f"directory/kana/{row}/index.html").read_text(encoding="utf-8")
        for row in ("a", "ka", "sa", "ta", "na", "ha", "ma", "ya", "wa")
        if (site.path / f"directory/kana/{row}/index.html").exists()
    )
    for item in content.directory.listings:
        if item.status == "解散":
            continue
        entry = html.split(f">{item.name}</a>", 1)[1].split("</p>", 1)[0]
        assert ("休止中" in entry) == (item.status == "休止中"), item.name
        marked = "情報が古い可能性があります（24か月以上未確認）" in entry
        assert marked == item.is_stale(today()), item.name


def test_stale_listing_page_says_so(site: BuiltSite, content: SiteContent) -> None:
    stale = [item for item in content.directory.listings if item.is_stale(today())]
    assert stale
    for item in content.directory.listings:
        html = built_page(site, item).read_text(encoding="utf-8")
        assert ('<div class="admonition warning kyodo-stale">' in html) == (item in stale)
        assert (
            "最終確認日から24か月を過ぎた掲載には「情報が古い可能性があります」と表示します。"
            in html
        )


def test_listing_pages_carry_json_ld_and_no_edit_links_without_a_repository(
    site: BuiltSite, content: SiteContent
) -> None:
    """The sample configuration names no repository (repo_url), so no page links to one."""
    for item in content.directory.listings:
        links = parse(built_page(site, item).read_text(encoding="utf-8"))
        [script] = links.scripts
        data = json.loads(script)
        assert data["name"] == item.name
        assert data["@type"] in ("Organization", "NGO", "EducationalOrganization")
        assert not any("github.com" in href or "/edit/" in href for href in links.hrefs)
        if item.contact.email:
            assert data["contactPoint"]["email"] == item.contact.email


def read_csv(site: BuiltSite, name: str) -> tuple[bytes, list[dict[str, str]]]:
    raw = (site.path / "opendata" / name).read_bytes()
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.parametrize("dataset", ["groups", "businesses"])
def test_csv_has_a_bom_and_one_row_per_listing(
    site: BuiltSite, dataset: str, content: SiteContent
) -> None:
    raw, rows = read_csv(site, f"{dataset}.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    listings = getattr(content.directory, dataset)
    assert [row["ID"] for row in rows] == [item.id for item in listings]
    for row, item in zip(rows, listings, strict=True):
        assert row["名称"] == item.name
        assert row["区"] == ";".join(w.name for w in item.wards)
        assert row["全国地方公共団体コード"] == "041009"
        assert row["連絡先メールアドレス"] == (item.contact.email or "")
        assert row["電話番号"] == (item.contact.phone or "")
        assert row["最終確認日"] == item.last_confirmed.isoformat()


def test_json_export_matches_the_csv(site: BuiltSite) -> None:
    document = json.loads((site.path / "opendata/directory.json").read_text(encoding="utf-8"))
    assert document["license"] == "CC BY 4.0"
    for dataset in ("groups", "businesses"):
        _, rows = read_csv(site, f"{dataset}.csv")
        assert len(document[dataset]) == len(rows)
        assert [entry["name"] for entry in document[dataset]] == [row["名称"] for row in rows]


def test_opendata_page_documents_every_column(site: BuiltSite) -> None:
    html = site.read("opendata/")
    for name in ("groups.csv", "businesses.csv"):
        _, rows = read_csv(site, name)
        for header in rows[0]:
            assert f'<td data-label="列名">{header}</td>' in html, header
    assert "CC BY 4.0" in html
    for field in activity_fields().values():
        assert field.legal_name.endswith("活動"), field
        assert (
            f'<td data-label="コード"><code>{field.code}</code></td>\n'
            f'<td data-label="サイトでの名前">{field.label}</td>\n'
            f'<td data-label="法律の名称（特定非営利活動促進法 別表）">{field.legal_name}</td>'
        ) in html, field


def test_no_page_exceeds_150_kb(site: BuiltSite) -> None:
    sizes = {page.relative_to(site.path).as_posix(): page.stat().st_size for page in site.pages()}
    assert max(sizes.values()) < MAX_PAGE_BYTES, max(sizes.items(), key=lambda kv: kv[1])


def test_contributor_guide_has_field_reference_and_template(site: BuiltSite) -> None:
    for folder in ("groups", "businesses"):
        html = site.read(f"contributing/{folder}/")
        assert "<code>contact.email</code>" in html
        # The template a newcomer copies is on the page, without lines meant for tools.
        assert "の掲載情報のひな形です。" in html
        assert "yaml-language-server" not in html
