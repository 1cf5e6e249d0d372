"""Index every built page for Japanese search with Pagefind once the site is written."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from kyodo.search.index import SearchRecord, record_of, write_index

records: list[SearchRecord] = []


def on_pre_build(config: MkDocsConfig) -> None:
    records.clear()


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    record = record_of(output, "/" + page.url)
    if record is not None:
        records.append(record)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    write_index(records, Path(config.site_dir))
