"""Site-wide rules on every written page: its Content-Security-Policy, nothing fetched from
outside the site (pages and style sheets), and the page rules."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from kyodo.build import check_page, outside_in_stylesheets

log = get_plugin_logger(__name__)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _checked(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Pages the theme writes by itself (404.html); sitemap.xml is not a page.
    if not template_name.endswith(".html"):
        return output_content
    return _checked(output_content, template_name)


def on_post_build(config: MkDocsConfig) -> None:
    outside = outside_in_stylesheets(Path(config.site_dir))
    if outside:
        raise PluginError(f"スタイルシートがサイトの外を参照しています: {outside}")


def _checked(output: str, name: str) -> str:
    checked = check_page(output)
    if checked.outside:
        raise PluginError(f"{name}: サイトの外から読み込むものがあります: {checked.outside}")
    for problem in checked.warnings:
        log.warning(f"{name}: {problem}")
    return checked.html
