"""Link the first use of each glossary term in every guide chapter to its entry."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kyodo.postbuild.glossary import glossary_terms, link_first_uses
from kyodo.site.urls import href

GLOSSARY = "guide/glossary.md"
terms: dict[str, str] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    terms.clear()
    terms.update(glossary_terms(Path(config.docs_dir, GLOSSARY).read_text(encoding="utf-8")))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = page.file.src_uri
    if not source.startswith("guide/") or source == GLOSSARY:
        return html
    base = href(source, GLOSSARY)
    return link_first_uses(html, {term: f"{base}#{anchor}" for term, anchor in terms.items()})
