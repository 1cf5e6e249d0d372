"""The site as a new reader sees it, on a phone and a PC: no text meant for screen readers on
show, a readable title, nothing wider than the screen, tags that stay tags, an interface all in
Japanese without placeholders, and a search field behind the phone's search icon."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

PAGES_OF_EACH_KIND = {
    "ホーム": "",
    "章": "guide/process/",
    "様式": "guide/templates/evaluation-sheet/",
    "団体": "directory/groups/komadorioka-chonaikai/",
    "事業者": "directory/businesses/hoshimi-energy/",
    "事例": "cases/bousai-map-komadorioka/",
    "名簿のホーム": "directory/",
    "企業のホーム": "directory/businesses/",
    "一覧": "directory/ward/aoba/",
    "さがし方の一覧": "directory/field/",
    "協働の相手": "directory/partners/",
    "相手の一覧": "directory/partners/venues/aoba/",
    "事例の一覧": "cases/",
    "事例の絞り込み": "cases/form/co-hosting/",
    "検索": "search/?q=%E7%94%BA%E5%86%85%E4%BC%9A",
    "オープンデータ": "opendata/",
    "項目の説明": "contributing/groups/",
    "このサイトについて": "about/",
    "見つからないページ": "404.html",
}
WIDTHS = (375, 1280)

# Latin words the interface may show: key names in the Ctrl+K hint, and NPO, which Japanese
# writes so.
ALLOWED_LATIN = {"Ctrl", "Mac", "NPO"}
_INTERFACE = """() => {
  const chrome = '.md-header, .md-footer, .md-sidebar, .kyodo-breadcrumbs, .md-top, .md-skip, '
    + '.md-content__button, .kyodo-pagination, .kyodo-search__form';
  const texts = [...document.querySelectorAll(chrome)].map(e => e.innerText);
  for (const e of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
    for (const name of ['aria-label', 'title', 'placeholder', 'alt'])
      if (e.hasAttribute(name)) texts.push(e.getAttribute(name));
  return texts.join('\\n');
}"""
_HIDDEN_SIZES = """() => [...document.querySelectorAll('[class*="visually-hidden"], [class*="sr-only"]')]
  .map(e => { const r = e.getBoundingClientRect();
              return {text: e.textContent.trim(), width: r.width, height: r.height}; })"""
_WRAPPED_TAGS = """() => [...document.querySelectorAll('.kyodo-inline > li')]
  .filter(e => e.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(e).lineHeight))
  .map(e => e.textContent.trim())"""


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda width: f"{width}px")
def tab(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": request.param, "height": 800})
    yield page
    page.close()


def visit(tab: Page, site_url: str, path: str) -> Page:
    tab.goto(site_url + path, wait_until="load")
    tab.wait_for_load_state("networkidle")
    return tab


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND.values(), ids=PAGES_OF_EACH_KIND.keys())
def test_text_for_screen_readers_stays_out_of_sight(tab: Page, site_url: str, path: str) -> None:
    hidden = visit(tab, site_url, path).evaluate(_HIDDEN_SIZES)
    assert hidden, "the header's search label at least is meant for screen readers only"
    assert [h for h in hidden if h["width"] > 1 or h["height"] > 1] == []
    assert tab.locator(".md-visually-hidden").count() == 0


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND.values(), ids=PAGES_OF_EACH_KIND.keys())
def test_nothing_is_wider_than_the_screen(tab: Page, site_url: str, path: str) -> None:
    overflow = visit(tab, site_url, path).evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert tab.evaluate(_WRAPPED_TAGS) == []


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND.values(), ids=PAGES_OF_EACH_KIND.keys())
def test_interface_is_japanese_without_placeholders(tab: Page, site_url: str, path: str) -> None:
    text = visit(tab, site_url, path).evaluate(_INTERFACE)
    assert set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED_LATIN == set()
    html = tab.content()
    for placeholder in ("github.com/example", "example/kyodo", "Material for MkDocs"):
        assert placeholder not in html


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 375])
def test_site_title_is_readable_on_phones(browser: Browser, site_url: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 640})
    for path in ("", "directory/groups/komadorioka-chonaikai/", "search/"):
        page.goto(site_url + path)
        box = page.locator(".md-header__title").bounding_box()
        assert box is not None and box["width"] >= 120, (path, box)
        name = page.locator(".md-header__topic .md-ellipsis").first
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), path
        assert name.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 18
    page.close()


@pytest.mark.browser
def test_search_icon_on_a_phone_opens_a_real_search_field(browser: Browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 700})
    page.goto(site_url + "guide/process/")
    field = page.locator("#kyodo-header-q")
    opener = page.locator(".kyodo-header-search__open")
    assert opener.get_attribute("href") == "../../search/"
    assert not field.is_visible()
    opener.click()
    assert field.is_visible() and field.evaluate("e => e === document.activeElement")
    assert opener.get_attribute("aria-expanded") == "true"
    box = field.bounding_box()
    assert box is not None and box["width"] >= 200
    page.keyboard.type("町内会")
    page.keyboard.press("Escape")
    assert not field.is_visible()
    assert opener.evaluate("e => e === document.activeElement")
    opener.click()
    page.keyboard.type("町内会")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=%E7%94%BA%E5%86%85%E4%BC%9A$"))
    page.close()


# Each pair: what the text is, the element whose colour is read, the element whose background
# it stands on.
CONTRAST_PAIRS = [
    ("本文", "article p", "body"),
    ("リンク", "article p a", "body"),
    ("補足の文字", ".kyodo-list__meta", "body"),
    ("見出し", "article h1", "body"),
    ("パンくずリスト", ".kyodo-breadcrumbs a", "body"),
    ("ヘッダーの文字", ".md-header__topic", ".md-header"),
    ("フッターの文字", ".md-copyright__highlight", ".md-footer-meta"),
    ("表の見出し", ".md-typeset table th", ".md-typeset table th"),
]
_CONTRAST = """([fg, bg]) => {
  const rgb = (s) => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = c.map(v => v / 255).map(v =>
      v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let back = document.querySelector(bg);
  while (back && getComputedStyle(back).backgroundColor.match(/[\\d.]+/g).length === 4
         && Number(getComputedStyle(back).backgroundColor.match(/[\\d.]+/g)[3]) === 0)
    back = back.parentElement;
  const [a, b] = [lum(rgb(getComputedStyle(document.querySelector(fg)).color)),
                  lum(rgb(getComputedStyle(back || document.body).backgroundColor))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_keeps_text_contrast_in_both_schemes(
    browser: Browser, site_url: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    ratios = {}
    for path in ("directory/ward/aoba/", "guide/process/"):
        page.goto(site_url + path)
        for name, fg, bg in CONTRAST_PAIRS:
            if page.locator(fg).count():
                ratios[name] = round(page.evaluate(_CONTRAST, [fg, bg]), 2)
    context.close()
    assert len(ratios) == len(CONTRAST_PAIRS)
    assert {name: r for name, r in ratios.items() if r < 4.5} == {}, ratios
