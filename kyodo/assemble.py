"""Everything the build generates from the content: pages and downloadable files."""

from __future__ import annotations

from pathlib import Path

from kyodo.content import SiteContent
from kyodo.directory.browse import directory_pages
from kyodo.directory.load import KINDS, TEMPLATE_NAME
from kyodo.directory.render import SiteSettings, render_listing_page
from kyodo.export import opendata_files, render_opendata_page
from kyodo.fieldref import render_reference
from kyodo.pages import GeneratedPage


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


def generated_pages(
    content: SiteContent, settings: SiteSettings, root: Path
) -> list[GeneratedPage]:
    """Every page that exists only in the build."""
    listings = [render_listing_page(listing, settings) for listing in content.directory.listings]
    files = opendata_files(content.directory, settings)
    return [
        *listings,
        *directory_pages(content.directory, settings),
        render_opendata_page(content.directory, settings, files),
        *contributing_pages(root),
    ]


def generated_files(content: SiteContent, settings: SiteSettings) -> dict[str, bytes]:
    """Every non-page file the build adds to the site, by path: the open data."""
    return opendata_files(content.directory, settings)
