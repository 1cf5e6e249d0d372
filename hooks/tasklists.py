"""Draw checklist boxes instead of unlabelled disabled checkboxes."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kyodo.postbuild.tasklists import printable_tasklists


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return printable_tasklists(html)
