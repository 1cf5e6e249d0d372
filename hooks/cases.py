"""Replace `[[cases form=…]]` markers in chapters with the matching case studies."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kyodo.build import attached
from kyodo.site.case_markers import expand_markers


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return expand_markers(markdown, page.file.src_uri, attached(config).content.cases)
