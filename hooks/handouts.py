"""PDF handouts of the guide: the link and print button on each guide page, a form's sheet
on its page, and the PDFs printed once the site is written (not by `mkdocs serve`)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kyodo.build import HandoutError, attached

log = get_plugin_logger(__name__)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    attached(config).note_order([page.file.src_uri for page in nav.pages])
    return nav


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return attached(config).page_handout(page.file.src_uri, html)


def on_post_build(config: MkDocsConfig) -> None:
    try:
        run = attached(config).publish_handouts(
            Path(config.site_dir), config.site_description or ""
        )
    except HandoutError as error:
        raise PluginError(str(error)) from None
    if run is not None:
        log.info(run.summary())
