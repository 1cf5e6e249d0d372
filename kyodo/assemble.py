"""Everything the build generates from the content: pages and downloadable files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kyodo.accessibility.report import AccessibilityRun, render_results_page
from kyodo.cases.render import (
    case_index_pages,
    cases_by_listing,
    listing_cases_section,
    render_case_page,
)
from kyodo.content import SiteContent
from kyodo.directory.browse import directory_pages
from kyodo.directory.load import KINDS, TEMPLATE_NAME
from kyodo.directory.render import SiteSettings, listing_uri, render_listing_page
from kyodo.export import opendata_files, render_opendata_page
from kyodo.fieldref import render_reference
from kyodo.pages import GeneratedPage
from kyodo.search.page import render_search_page

_H1 = re.compile(r"^# (.+)$", re.M)


def contributing_pages(root: Path) -> list[GeneratedPage]:
    """The field reference of each kind of listing, with the template to copy."""
    pages = []
    for folder, schema in KINDS.items():
        template = f"directory/{folder}/{TEMPLATE_NAME}"
        text = (root / template).read_text(encoding="utf-8")
        pages.append(
            GeneratedPage(f"contributing/{folder}.md", render_reference(schema, template, text))
        )
    return pages


def chapter_titles(docs: Path) -> dict[str, str]:
    """The h1 of every guide chapter, by its path below docs/."""
    titles = {}
    for path in sorted((docs / "guide").rglob("*.md")):
        match = _H1.search(path.read_text(encoding="utf-8"))
        titles[path.relative_to(docs).as_posix()] = match[1].strip() if match else path.stem
    return titles


def listing_pages(content: SiteContent, settings: SiteSettings) -> list[GeneratedPage]:
    """A page per listing, each with the cases it took part in."""
    by_listing = cases_by_listing(content.cases)
    return [
        render_listing_page(
            item,
            settings,
            listing_cases_section(item, by_listing.get(item.id, []), listing_uri(item)),
        )
        for item in content.directory.listings
    ]


@dataclass(frozen=True)
class Generated:
    """What the build adds to the docs: pages, and other files by their path in the site."""

    pages: list[GeneratedPage]
    files: dict[str, bytes]


def generate(content: SiteContent, settings: SiteSettings, root: Path) -> Generated:
    """Every page and file that exists only in the build; the open data is made once and both
    published and described on its page."""
    files = opendata_files(content.directory, settings)
    titles = chapter_titles(root / "docs")
    pages = [
        *listing_pages(content, settings),
        *directory_pages(content.directory, settings),
        render_opendata_page(content.directory, settings, files),
        *contributing_pages(root),
        *(render_case_page(case, content.directory, settings, titles) for case in content.cases),
        *case_index_pages(content.cases),
        render_search_page(),
        render_results_page(AccessibilityRun.read(root)),
    ]
    return Generated(pages, files)
