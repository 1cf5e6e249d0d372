"""協働の相手を探す and the partner section of listing pages: static lists that work without
JavaScript, the data the finder's script reads, and the finder in a real browser."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import replace

import pytest
from playwright.sync_api import Browser, expect

from kyodo.content.formats import today
from kyodo.content.vocabulary import wards
from kyodo.domain.partners.finder import providers
from kyodo.domain.partners.suggest import suggest_partners
from kyodo.domain.site_content import SiteContent
from kyodo.site.listing_pages import listing_stamp
from kyodo.site.partner_pages import SCRIPT, finder_data, need_views, partner_finder
from kyodo.site.settings import SiteSettings
from kyodo.site.urls import PARTNERS_HOME, partner_data_path
from tests.conftest import BuiltSite

SETTINGS = SiteSettings(
    "https://example.github.io/kyodo/",
    "",
    "https://github.com/example/kyodo/edit/main/",
    datetime.date(2026, 11, 28),
)
NAME = re.compile(r'class="kyodo-list__name"><a href="[^"]+">([^<]+)</a>')


def test_listing_page_lists_its_partners_with_reasons_and_the_common_case(
    content: SiteContent,
) -> None:
    found = suggest_partners(content.directory, content.cases, SETTINGS.today)
    own, suggestions = next(
        (content.directory.get(i), s)
        for i, s in found.items()
        if any(r.case for x in s for r in x.reasons)
    )
    assert own is not None
    html = listing_stamp(own, SETTINGS, suggestions=suggestions).page().html or ""
    section = html.split('<h2 id="協働の相手の候補">', 1)[1].split("</section>", 1)[0]
    assert NAME.findall(section) == [s.listing.name for s in suggestions]
    for reason in (r for s in suggestions for r in s.reasons):
        assert reason.text in section
        if reason.case:
            assert f"事例「{reason.case.title}」</a>" in section
    assert 'href="../../partners/">協働の相手を探す</a>' in section


def test_contributor_text_in_reasons_is_escaped(content: SiteContent) -> None:
    found = suggest_partners(content.directory, content.cases, SETTINGS.today)
    own_id, suggestions = next(
        (i, s) for i, s in found.items() if any(r.case for x in s for r in x.reasons)
    )
    hostile = [
        replace(
            s,
            reasons=tuple(
                replace(r, case=replace(r.case, title="<b>x</b>")) if r.case else r
                for r in s.reasons
            ),
        )
        for s in suggestions
    ]
    own = content.directory.get(own_id)
    assert own is not None
    html = listing_stamp(own, SETTINGS, suggestions=hostile).page().html or ""
    assert "<b>x</b>" not in html and "事例「&lt;b&gt;x&lt;/b&gt;」" in html


def test_each_need_has_a_list_in_every_ward_with_citywide_listings(content: SiteContent) -> None:
    views = need_views(content.directory, SETTINGS.today)
    citywide = wards()["市全域"]
    for need, lists in views.items():
        everyone, *by_ward = lists
        ids = [s.listing.id for s in everyone.items]
        assert sorted(ids) == sorted(
            s.listing.id for s in providers(content.directory, need, SETTINGS.today)
        )
        for view in by_ward:
            assert view.ward is not None
            expected = [
                i
                for i, s in zip(ids, everyone.items, strict=True)
                if view.ward in s.listing.wards or citywide in s.listing.wards
            ]
            assert [s.listing.id for s in view.items] == expected
            assert all(s.reasons[-1].ward in (view.ward, citywide) for s in view.items)


def test_the_script_reads_what_the_static_lists_show(content: SiteContent) -> None:
    pages, files = partner_finder(content.directory, SETTINGS.today)
    for lists in need_views(content.directory, SETTINGS.today).values():
        everyone = lists[0]
        data = json.loads(files[partner_data_path(everyone.need.slug)])
        assert data == json.loads(finder_data(everyone))
        assert [item["name"] for item in data["items"]] == [s.listing.name for s in everyone.items]
        assert [item["reasons"] for item in data["items"]] == [
            [r.text for r in s.reasons] for s in everyone.items
        ]
    [finder] = [page for page in pages if page.src_uri == PARTNERS_HOME]
    assert f"scripts:\n- {SCRIPT}" in finder.content


def test_the_finder_form_is_labelled(site: BuiltSite) -> None:
    html = site.read("directory/partners/")
    form = html.split('<form class="kyodo-finder__form"', 1)[1].split("</form>", 1)[0]
    assert form.count("<fieldset") == 2 and form.count("<legend>") == 2
    assert '<label for="kyodo-finder-ward">区</label>' in form
    assert '<label for="kyodo-finder-field">活動分野</label>' in form
    assert len(re.findall(r'<label><input type="radio" name="need"', form)) == 7
    scripts = [p for p in site.pages() if "kyodo-partners.js" in p.read_text(encoding="utf-8")]
    assert [p.relative_to(site.path).as_posix() for p in scripts] == [
        "directory/partners/index.html"
    ]


@pytest.mark.browser
def test_without_javascript_two_clicks_lead_to_partners_with_reasons(
    site_url: str, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "directory/")
    page.get_by_role("link", name="求めていることから協働の相手を探す").click()
    expect(page.locator(".kyodo-finder__form")).to_be_hidden()
    page.locator(".kyodo-finder__index").get_by_role("link", name="会場", exact=True).click()
    expect(page.locator("h1")).to_have_text("「会場」を提供できる相手")
    items = page.locator(".kyodo-partners__list > li")
    assert items.count() >= 3
    for index in range(3):
        expect(items.nth(index).locator(".kyodo-partners__reasons li").first).to_contain_text(
            "「会場」"
        )
    context.close()


@pytest.mark.browser
def test_with_javascript_the_form_filters_in_place(
    content: SiteContent, site_url: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(site_url + "directory/partners/")
    status, items = (
        page.locator(".kyodo-finder__status"),
        page.locator(".kyodo-finder__results > li"),
    )
    page.get_by_label("ボランティア", exact=True).check()
    everyone = len(providers(content.directory, "ボランティア", today()))
    expect(status).to_have_text(f"「ボランティア」を提供できる相手: {everyone}件")
    assert items.count() == min(everyone, 50) and everyone >= 3
    page.get_by_label("区", exact=True).select_option(label="若林区")
    expect(status).to_contain_text("（若林区）: ")
    wakabayashi = int(status.inner_text().rsplit(" ", 1)[1].removesuffix("件"))
    assert items.count() == wakabayashi > 0
    expect(items.first.locator(".kyodo-partners__reasons li").last).to_have_text(
        re.compile("(若林区|市全域)で活動しています。")
    )
    assert "need=volunteers" in page.url and "ward=wakabayashi" in page.url
    page.reload()
    expect(status).to_contain_text("（若林区）: ")
    page.close()
