"""Link the first use of each glossary term in every guide chapter to its entry."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kyodo.build import attached


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return attached(config).page_links(page.file.src_uri, html)
