"""Check every listing, case and chapter marker and prepare the build's pages; a content
problem stops the build here, the one place that turns it into a build error."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from kyodo.build import attach, prepare
from kyodo.content.formats import today
from kyodo.content.problems import ContentError
from kyodo.site.settings import SiteSettings


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings = SiteSettings.from_config(config.site_url, config.repo_url, config.edit_uri, today())
    try:
        attach(config, prepare(Path(config.config_file_path).parent, settings))
    except ContentError as error:
        raise PluginError(f"掲載内容に誤りがあるため、サイトを作れません。\n{error}") from None
    return config
