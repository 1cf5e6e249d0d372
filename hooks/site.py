"""Site-wide rules checked on every built page: no remote resources, and the page rules."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from kyodo.postbuild.offline import remote_resources
from kyodo.postbuild.pagerules import page_problems

log = get_plugin_logger(__name__)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    remote = remote_resources(output)
    if remote:
        raise PluginError(
            f"{page.file.src_uri}: 外部のサーバーから読み込む資源があります: {remote}"
        )
    for problem in page_problems(output):
        log.warning(f"{page.file.src_uri}: {problem}")
    return output
