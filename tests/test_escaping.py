"""Hostile text in a listing and a case stays inert in the built site: pages, lists, JSON-LD,
exports; the browser enforces each page's Content-Security-Policy and nothing leaves the site."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from kyodo.devtools.bench import site_skeleton, timed_build
from kyodo.postbuild.offline import scan_page
from tests.conftest import FIXTURES, ROOT, serve

HOSTILE_NAME = "<script>window.__xss = 1</script>あやしい会"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = site_skeleton(ROOT, tmp_path_factory.mktemp("hostile"))
    shutil.copy(FIXTURES / "hostile-group.yml", project / "directory/groups/hostile-group.yml")
    shutil.copy(FIXTURES / "hostile-case.md", project / "case_studies/hostile-case.md")
    # The theme draws every listing in full too, and the build checks each stamp against it.
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("KYODO_CHECK_STAMPS", "all")
        result = timed_build(project)
    assert result.returncode == 0, result.output
    for url in serve(project / "site"):
        yield project / "site", url


def test_with_every_page_drawn_the_sitemap_keeps_no_prototype(
    hostile_site: tuple[Path, str],
) -> None:
    site, _ = hostile_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/directory/groups/hostile-group/</loc>" in sitemap
    assert "kyodo_stamp" not in sitemap
    assert not list(site.glob("directory/*/kyodo_stamp_page"))


PAGES = [
    "directory/groups/hostile-group/",
    "cases/hostile-case/",
    "directory/ward/aoba/",
    "directory/kana/a/",
    "directory/field/children/",
    "directory/partners/venues/",
    "directory/partners/venues/aoba/",
    "directory/partners/?need=venues",
]


@pytest.mark.parametrize("path", PAGES)
def test_nothing_runs_and_the_text_shows(
    hostile_site: tuple[Path, str], browser: Browser, path: str
) -> None:
    _, url = hostile_site
    page, outside = guarded_page(browser)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page.goto(url + path, wait_until="networkidle")
    if path.startswith("directory/groups"):
        page.click("text=クリック")
    if "?" in path:
        page.wait_for_selector(".kyodo-finder__results > li")
    for link in page.locator("article a[href^='javascript'], article a[href^='data']").all():
        link.click()
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert outside == []
    assert HOSTILE_NAME in page.inner_text("article, .kyodo-browse")
    if "partners" in path:
        assert "</dd><script>window.__xss = 6</script>" in page.inner_text(".kyodo-browse")
    page.close()


def guarded_page(browser: Browser) -> tuple[Page, list[str]]:
    """A page whose requests to anywhere but 127.0.0.1 are recorded and refused."""
    outside: list[str] = []
    page = browser.new_page()

    def refuse(route: Route) -> None:
        outside.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), refuse)
    return page, outside


@pytest.mark.parametrize("path", PAGES)
def test_built_pages_carry_no_handler_and_fetch_nothing_outside(
    hostile_site: tuple[Path, str], path: str
) -> None:
    site, _ = hostile_site
    # The finder with a query is the same file; its script fills it in from the data.
    html = (site / path.split("?")[0] / "index.html").read_text(encoding="utf-8")
    scan = scan_page(html)
    assert (scan.outside, scan.handlers) == ([], [])
    assert not re.search(
        r"""(?:href|src|action)\s*=\s*["']?\s*(?:javascript|data|vbscript):""", html
    )
    assert "evil.example/pixel.png" not in html


def test_the_policy_stops_what_an_injection_would_add(
    hostile_site: tuple[Path, str], browser: Browser
) -> None:
    site, url = hostile_site
    page_file = site / "cases/hostile-case/index.html"
    html = page_file.read_text(encoding="utf-8")
    injected = html.replace(
        "</article>",
        '<script>window.__xss = 13</script><img src="https://evil.example/p.png" alt="">'
        '<img src="/x" alt="" onerror="window.__xss = 14"></article>',
    )
    page_file.with_name("injected.html").write_text(injected, encoding="utf-8")
    page, outside = guarded_page(browser)
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(url + "cases/hostile-case/injected.html", wait_until="networkidle")
    assert page.evaluate("window.__xss") is None
    assert outside == []
    assert len(violations) >= 2
    page.close()


def test_exports_keep_the_text_verbatim(hostile_site: tuple[Path, str]) -> None:
    site, _ = hostile_site
    rows = list(
        csv.DictReader(io.StringIO((site / "opendata/groups.csv").read_text(encoding="utf-8-sig")))
    )
    [row] = [row for row in rows if row["ID"] == "hostile-group"]
    assert row["名称"] == HOSTILE_NAME
    data = json.loads((site / "opendata/directory.json").read_text(encoding="utf-8"))
    [entry] = [e for e in data["groups"] if e["id"] == "hostile-group"]
    assert entry["name"] == HOSTILE_NAME
    assert entry["phone"] is None
