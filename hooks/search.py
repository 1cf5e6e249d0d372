"""Index every built page for Japanese search with Pagefind once the site is written."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from kyodo.build import attached
from kyodo.search.index import record_of, write_index


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    record = record_of(output, "/" + page.url)
    if record is not None:
        attached(config).records.append(record)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    write_index(attached(config).records, Path(config.site_dir))
