"""Site-wide rules on every written page: its Content-Security-Policy, nothing fetched from
outside the site, the page rules; the sitemap with the stamped pages; then, once the site is
written, the stamped pages and the search index."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from kyodo.build import OutsideResourceError, StampError, attached

log = get_plugin_logger(__name__)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _written(config, page.file.src_uri, page.url, output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "sitemap.xml":
        return attached(config).sitemap(output_content)
    # Pages the theme writes by itself (404.html).
    if not template_name.endswith(".html"):
        return output_content
    return _written(config, template_name, None, output_content)


def on_post_build(config: MkDocsConfig) -> None:
    build = attached(config)
    try:
        problems = build.finish(Path(config.site_dir))
    except (OutsideResourceError, StampError) as error:
        raise PluginError(str(error)) from None
    for problem in problems:
        log.warning(problem)
    summary = build.preview_summary()
    if summary:
        log.info(summary)


def _written(config: MkDocsConfig, name: str, url: str | None, output: str) -> str:
    try:
        html, problems = attached(config).page_output(name, url, output)
    except (OutsideResourceError, StampError) as error:
        raise PluginError(str(error)) from None
    for problem in problems:
        log.warning(f"{name}: {problem}")
    return html
