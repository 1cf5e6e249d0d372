"""Check every listing and case before the build; any content problem stops it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from kyodo.content import current_content
from kyodo.problems import ContentError


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        current_content(Path(config.config_file_path).parent)
    except ContentError as error:
        raise PluginError(f"掲載内容に誤りがあるため、サイトを作れません。\n{error}") from None
