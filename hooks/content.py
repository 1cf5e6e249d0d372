"""Check every listing, case and chapter marker and prepare the build's pages; a content
problem stops the build here, the one place that turns it into a build error."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from kyodo.build import ContentError, attach, prepare, process_ends

# The command this process runs (build, serve, gh-deploy): MkDocs says it once, before the
# first build; a server keeps this module loaded for all its builds.
started = {"command": "build"}


def on_startup(*, command: str, dirty: bool) -> None:
    started["command"] = command


def on_shutdown() -> None:
    process_ends()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    urls = (config.site_url, config.repo_url, config.edit_uri)
    try:
        attach(config, prepare(root, *urls, started["command"], Path(config.site_dir)))
    except ContentError as error:
        raise PluginError(f"掲載内容に誤りがあるため、サイトを作れません。\n{error}") from None
    return config
