"""Check every listing, case and chapter marker and prepare the build's pages; a content
problem stops the build here, the one place that turns it into a build error."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from kyodo.build import ContentError, attach, prepare


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        attach(config, prepare(root, config.site_url, config.repo_url, config.edit_uri))
    except ContentError as error:
        raise PluginError(f"掲載内容に誤りがあるため、サイトを作れません。\n{error}") from None
    return config
