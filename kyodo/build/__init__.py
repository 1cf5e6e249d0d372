"""The site as any generator sees it: pages and files to add, passes over each page, and the
work after every page is written.

A generator adapter (the MkDocs hooks in `hooks/`) calls only what this module offers, so a
move to another generator means writing another adapter, not touching the package
(DESIGN.md at the repository root says what the site relies on).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from kyodo.accessibility.report import AccessibilityRun, render_results_page
from kyodo.domain.site_content import SiteContent, current_content
from kyodo.export.opendata import opendata_files, render_opendata_page
from kyodo.postbuild.csp import policy, with_policy
from kyodo.postbuild.offline import css_urls, is_outside, scan_page
from kyodo.postbuild.pagerules import page_problems
from kyodo.search.index import SearchRecord
from kyodo.search.page import render_search_page
from kyodo.site.assemble import site_pages
from kyodo.site.pages import GeneratedPage
from kyodo.site.settings import SiteSettings

# The key under which an adapter keeps the build of the current run in its per-run config.
STATE_KEY = "kyodo_build"


@dataclass
class SiteBuild:
    """One run of the generator over the site: what it adds, and what it gathers on the way."""

    root: Path
    settings: SiteSettings
    content: SiteContent
    pages: list[GeneratedPage]
    files: dict[str, bytes]
    records: list[SearchRecord] = field(default_factory=list)

    def body(self, src_uri: str) -> str | None:
        """The finished HTML body of a generated page that skips Markdown, if it is one."""
        return self._bodies.get(src_uri)

    def __post_init__(self) -> None:
        self._bodies = {page.src_uri: page.html for page in self.pages if page.html is not None}


@dataclass(frozen=True)
class CheckedPage:
    """A written page with its security policy, and what is wrong with it."""

    html: str
    outside: list[str]
    warnings: list[str]


def check_page(html: str) -> CheckedPage:
    """Give a written page its Content-Security-Policy; report resources from outside the
    site (a build error) and breaches of the page rules (warnings)."""
    scan = scan_page(html)
    outside = [*scan.outside, *(f"イベント属性 {h}" for h in scan.handlers)]
    return CheckedPage(with_policy(html, policy(scan)), outside, page_problems(html))


def outside_in_stylesheets(site_dir: Path) -> list[str]:
    """URLs outside the site that the site's style sheets refer to, as `file: url`."""
    return [
        f"{sheet.relative_to(site_dir).as_posix()}: {url}"
        for sheet in sorted(site_dir.rglob("*.css"))
        for url in css_urls(sheet.read_text(encoding="utf-8"))
        if is_outside(url)
    ]


def prepare(root: Path, settings: SiteSettings) -> SiteBuild:
    """Load and check the content, and generate every page and file the build adds.

    Raises ContentError naming every problem when the content cannot be published."""
    content = current_content(root)
    files = opendata_files(content.directory, settings)
    pages = [
        *site_pages(content, settings, root),
        render_opendata_page(content.directory, settings, files),
        render_search_page(),
        render_results_page(AccessibilityRun.read(root)),
    ]
    return SiteBuild(root, settings, content, pages, files)


def attach(run_config: MutableMapping[str, object], build: SiteBuild) -> None:
    """Keep the build with the generator's configuration of this run, which every event sees.

    Per-run state lives there rather than in adapter modules, which a live-reloading server
    keeps loaded from one run to the next."""
    run_config[STATE_KEY] = build


def attached(run_config: Mapping[str, object]) -> SiteBuild:
    """The build kept with this run's configuration."""
    build = run_config[STATE_KEY]
    assert isinstance(build, SiteBuild)
    return build
