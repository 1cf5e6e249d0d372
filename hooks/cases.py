"""Replace `[[cases form=…]]` markers in chapters with the matching case studies."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kyodo.build import attached


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return attached(config).page_markdown(page.file.src_uri, markdown)
