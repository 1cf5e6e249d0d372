"""JIS X 8341-3 / WCAG 2.2 AA in a real browser: axe-core in both colour schemes at desktop and
phone widths, keyboard use, reflow and large text. A plain test run sweeps every written page and
one generated page of each markup (tests.a11ykit.signature) in each configuration, and writes
nothing. `make a11y-record` runs this module with KYODO_A11Y_RESULTS set: it sweeps every page
in the first configuration (476 runs of axe on the sample site instead of 276), and the run is
written there for the results page that the deploy workflow publishes."""

from __future__ import annotations

import datetime
import importlib.metadata
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from selectolax.lexbor import LexborHTMLParser

from kyodo.accessibility.report import AccessibilityRun, criteria, incomplete_reviews
from kyodo.postbuild.pagerules import page_problems
from tests.a11ykit import CONFIGS, Sweep, representatives, sweep_site
from tests.conftest import BuiltSite

outcomes: dict[str, bool] = {}
RESULTS = os.environ.get("KYODO_A11Y_RESULTS")


def site_paths(site: BuiltSite) -> list[str]:
    return [p.relative_to(site.path).as_posix().removesuffix("index.html") for p in site.pages()]


@pytest.fixture(scope="module")
def sweep(site: BuiltSite, site_url: str) -> Iterator[Sweep]:
    result = sweep_site(site_url, site.path, site_paths(site), every_page=bool(RESULTS))
    yield result
    # After every test of this module: record the run for the results page.
    by_rule: dict[str, dict[str, list[str]]] = {"violations": {}, "incomplete": {}}
    for kind in by_rule:
        for finding in getattr(result, kind):
            by_rule[kind].setdefault(finding.rule, []).append(f"{finding.page} ({finding.config})")
    outcomes["contrast"] = not any(f.rule == "color-contrast" for f in result.violations)
    outcomes["target-size"] = not any(f.rule == "target-size" for f in result.violations)
    if not RESULTS:
        return
    AccessibilityRun(
        date=datetime.date.today().isoformat(),
        pages=result.pages,
        configurations=[
            f"{'明るい配色' if s == 'light' else '暗い配色'}・幅{w}px（{swept}）"
            for (s, w), swept in zip(CONFIGS, coverage(result), strict=True)
        ],
        tools={"axe-core": result.axe_version, "Chromium": result.browser_version,
               "Playwright": importlib.metadata.version("playwright")},
        rules_run=sorted(result.rules),
        violations=by_rule["violations"],
        incomplete=by_rule["incomplete"],
        site_tests=dict(sorted(outcomes.items())),
    ).write(Path(RESULTS))  # fmt: skip


def coverage(sweep: Sweep) -> list[str]:
    """What each configuration swept, in words for the results page."""
    return [
        "全ページ"
        if len(swept) == len(sweep.pages)
        else f"手で書いたページと、名簿・事例から作るページの種類ごとに1ページ、計{len(swept)}ページ"
        for swept in sweep.swept
    ]


def record(name: str, passed: bool) -> bool:
    outcomes[name] = outcomes.get(name, True) and passed
    return passed


def test_axe_finds_no_violations_on_any_kind_of_page(sweep: Sweep, site: BuiltSite) -> None:
    assert len(sweep.pages) == len(site.pages())
    kinds = sweep.swept[-1]  # every configuration but a recorded run's first sweeps these
    generated = {p.split("/")[1] for p in kinds if p.startswith("directory/") and p.count("/") > 1}
    assert {"groups", "businesses", "field", "partners"} <= generated, kinds
    assert "guide/process/" in kinds and len(kinds) < len(sweep.pages) / 2
    assert "color-contrast" in sweep.rules and "target-size" in sweep.rules
    report = [
        f"{f.config} {f.page}: {f.rule} ×{f.nodes} {f.sample} {f.summary}" for f in sweep.violations
    ]
    assert report == []


def test_generated_pages_of_the_same_markup_are_one_kind(tmp_path: Path) -> None:
    """Values differ between listings; an element more (a link in a listing's text) is another
    kind. Written pages are each their own kind."""
    listing = '<html lang="ja"><body><h1 class="md-title">{}</h1><p id="{}">{}</p></body></html>'
    for name, text in [
        ("a", "花壇の手入れ"),
        ("b", "防犯の見回り"),
        ("c", '<a href="/x/">会報</a>'),
    ]:
        folder = tmp_path / "directory" / "groups" / name
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(listing.format(name, name, text), encoding="utf-8")
    pages = [
        "directory/groups/a/",
        "directory/groups/b/",
        "directory/groups/c/",
        "guide/a/",
        "guide/b/",
    ]
    assert representatives(tmp_path, pages) == [
        "directory/groups/a/", "directory/groups/c/", "guide/a/", "guide/b/"
    ]  # fmt: skip


def test_no_page_requests_anything_outside_the_site(sweep: Sweep) -> None:
    """Every page in every configuration swept, its scripts run: no fonts, scripts or images
    from elsewhere (the pages' Content-Security-Policy would block them too)."""
    assert sweep.outside == []


def test_incomplete_results_are_explained(sweep: Sweep) -> None:
    unexplained = sorted({f.rule for f in sweep.incomplete} - incomplete_reviews().keys())
    assert unexplained == [], "kyodo/accessibility/incomplete.yml に理由を書いてください"


def test_criteria_map_every_axe_rule_that_runs(sweep: Sweep) -> None:
    mapped = {rule for c in criteria() for rule in c["automated"]}
    assert mapped <= sweep.rules
    assert sweep.rules - mapped == set()
    assert len(criteria()) == 55


def test_build_rules_hold_on_every_page(site: BuiltSite) -> None:
    problems = {p.name: page_problems(p.read_text(encoding="utf-8")) for p in site.pages()}
    assert record("build-rules", not any(problems.values())), problems


def test_no_navigation_is_nameless(site: BuiltSite) -> None:
    """Screen readers list a page's navigations by name; the theme names each section's
    navigation by the section's toggle, which holds only an icon unless the build names it.
    (Some navigations appear twice in the markup, once for phones and once for wide screens,
    and the browser shows only one of them: their names may repeat in the markup.)"""
    nameless = {}
    for page in site.pages():
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for nav in tree.css("nav"):
            label = nav.attributes.get("aria-labelledby")
            by = tree.css_first(f"#{label}") if label else None
            if not (by.text() if by else nav.attributes.get("aria-label") or "").strip():
                nameless[page.relative_to(site.path).as_posix()] = nav.html[:120]
    assert not nameless, nameless


def focus_style(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
        return {outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow, tag: document.activeElement.tagName,
                text: (document.activeElement.innerText || document.activeElement.value || '').trim()}; }"""
    )


def visible_focus(style: dict[str, str]) -> bool:
    return not style["outline"].startswith("none") or style["shadow"] not in ("", "none")


def test_skip_link_leads_to_the_content_and_focus_is_visible(
    site_url: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(site_url + "guide/process/")
    page.keyboard.press("Tab")
    skip = focus_style(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # After the skip, the next Tab lands inside the page's content, past header and menu.
    in_content = page.evaluate("document.activeElement.closest('.md-content') !== null")
    styles = [focus_style(page)]
    for _ in range(24):
        page.keyboard.press("Tab")
        styles.append(focus_style(page))
    page.close()
    skips = skip["tag"] == "A" and "スキップ" in skip["text"] and in_content
    assert record("keyboard", skips), skip
    invisible = [s for s in styles if not visible_focus(s)]
    assert record("focus-visible", invisible == []), invisible


def tab_until(page: Page, test: str, limit: int = 80) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(test):
            return True
    return False


def test_menu_opens_and_closes_from_the_keyboard_on_a_phone(
    site_url: str, browser: Browser
) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(site_url + "guide/")
    assert tab_until(page, "document.activeElement.matches('.kyodo-menu-button')", 10)
    assert page.get_attribute(".kyodo-menu-button", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.is_checked("#__drawer")
    assert page.get_attribute(".kyodo-menu-button", "aria-expanded") == "true"
    assert tab_until(page, "document.activeElement.closest('.md-nav--primary') !== null", 20)
    page.keyboard.press("Escape")
    opened_and_closed = not page.is_checked("#__drawer") and page.evaluate(
        "document.activeElement.matches('.kyodo-menu-button')"
    )
    page.close()
    assert record("keyboard", opened_and_closed)


def test_downloads_and_search_are_reachable_with_tab_and_shift_tab(
    site_url: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(site_url + "opendata/")
    reached = tab_until(
        page, "(document.activeElement.getAttribute('href') || '').endsWith('groups.csv')"
    )
    page.keyboard.press("Shift+Tab")
    back = page.evaluate(
        "!(document.activeElement.getAttribute('href') || '').endsWith('groups.csv')"
    )
    with page.expect_download() as download:
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    page.keyboard.press("Control+k")
    in_search = page.evaluate("document.activeElement.id") == "kyodo-header-q"
    page.close()
    assert record(
        "keyboard",
        reached and back and download.value.suggested_filename == "groups.csv" and in_search,
    )


PAGES_OF_EACH_KIND = [
    "", "guide/process/", "guide/templates/evaluation-sheet/", "directory/", "directory/ward/aoba/",
    "directory/groups/komadorioka-chonaikai/", "cases/", "cases/bousai-map-komadorioka/", "opendata/",
    "contributing/groups/", "search/?q=%E7%94%BA%E5%86%85%E4%BC%9A", "about/accessibility-results/",
]  # fmt: skip


def horizontal_overflow(page: Page) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND)
def test_reflow_at_320_pixels_without_horizontal_scrolling(
    site_url: str, browser: Browser, path: str
) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(site_url + path, wait_until="load")
    overflow = horizontal_overflow(page)
    page.close()
    assert record("reflow-320", overflow <= 0), overflow


@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND)
def test_text_at_200_percent_stays_readable(site_url: str, browser: Browser, path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + path, wait_until="load")
    before = page.evaluate("document.querySelector('h1').getBoundingClientRect().height")
    page.evaluate("document.documentElement.style.fontSize = '250%'")  # Material's base is 125%
    after = page.evaluate("document.querySelector('h1').getBoundingClientRect().height")
    overflow = horizontal_overflow(page)
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.md-content p, .md-content li, .md-content td')]
          .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'hidden').length"""
    )
    page.close()
    assert record("text-200", after >= 1.8 * before and overflow <= 0 and clipped == 0), (
        before,
        after,
        overflow,
        clipped,
    )
