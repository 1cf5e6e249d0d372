"""Site-wide rules checked on every built page."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from kyodo.offline import remote_resources


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    remote = remote_resources(output)
    if remote:
        raise PluginError(
            f"{page.file.src_uri}: 外部のサーバーから読み込む資源があります: {remote}"
        )
    return output
