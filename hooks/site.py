"""Site-wide rules on every written page: its Content-Security-Policy, nothing fetched from
outside the site, the page rules; the sitemap with the stamped pages; then, once the site is
written, the stamped pages and the search index. Under `mkdocs serve`, saved listings show at
once: their pages are rewritten first, and the whole site is built a moment later."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from kyodo.build import OutsideResourceError, StampError, attached, quick_preview
from kyodo.build.preview import preview_memo

log = get_plugin_logger(__name__)
# Seconds between rewriting saved listings' pages and building the whole site: long enough for
# the browser to reload the page, as the server serves nothing while it builds.
WHOLE_BUILD_DELAY = 3.0


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]
) -> LiveReloadServer:
    root = Path(config.config_file_path).parent
    whole_site = server.builder
    ask_folder = preview_memo(root).rebuild_folder
    server.watch(str(ask_folder))
    later: list[threading.Timer] = []

    def build() -> None:
        if not later:
            done = quick_preview(root)
            if done is not None:
                summary, problems = done
                for problem in problems:
                    log.warning(problem)
                log.info(summary)
                later.append(threading.Timer(WHOLE_BUILD_DELAY, _ask_for_build, (ask_folder,)))
                later[0].daemon = True
                later[0].start()
                return
        while later:
            later.pop().cancel()
        whole_site()

    server.builder = build
    return server


def _ask_for_build(folder: Path) -> None:
    """Save a file where the server watches, which makes it build the whole site."""
    (folder / "whole").write_text("", encoding="utf-8")


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
