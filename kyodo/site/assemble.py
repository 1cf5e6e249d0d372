"""The pages the site layer generates from the content: listings, browse views, cases, field reference."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from kyodo.domain.cases.model import cases_by_listing
from kyodo.domain.directory.load import KINDS, TEMPLATE_NAME
from kyodo.domain.partners.suggest import suggest_partners
from kyodo.domain.site_content import SiteContent
from kyodo.site.browse import directory_pages
from kyodo.site.case_pages import case_index_pages, listing_cases_section, render_case_page
from kyodo.site.fieldref import render_reference
from kyodo.site.listing_pages import listing_stamp
from kyodo.site.pages import GeneratedPage
from kyodo.site.settings import SiteSettings
from kyodo.site.stamps import Stamp
from kyodo.site.urls import listing_uri

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


def listing_stamps(
    content: SiteContent, settings: SiteSettings, only: Collection[str] | None = None
) -> list[Stamp]:
    """A page per listing (or per listing whose id is in `only`), each with the cases it took
    part in and its suggested partners."""
    by_listing = cases_by_listing(content.cases)
    partners = suggest_partners(content.directory, content.cases, settings.today, only)
    return [
        listing_stamp(
            item,
            settings,
            listing_cases_section(item, by_listing.get(item.id, []), listing_uri(item)),
            partners.get(item.id, ()),
        )
        for item in content.directory.listings
        if only is None or item.id in only
    ]


def site_pages(
    content: SiteContent, settings: SiteSettings, root: Path
) -> list[GeneratedPage | Stamp]:
    """Every page the site layer makes from the content but the listings (`listing_stamps`)."""
    titles = chapter_titles(root / "docs")
    return [
        *directory_pages(content.directory, settings),
        *contributing_pages(root),
        *(render_case_page(case, content.directory, settings, titles) for case in content.cases),
        *case_index_pages(content.cases),
    ]
