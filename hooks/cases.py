"""Replace `[[cases form=…]]` markers in chapters with the matching case studies."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kyodo.build import attached
from kyodo.content.problems import report
from kyodo.site.case_markers import expand_markers


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = Path(config.docs_dir, page.file.src_uri).relative_to(
        Path(config.config_file_path).parent
    )
    cases = attached(config).content.cases
    expanded, problems = expand_markers(markdown, page.file.src_uri, source.as_posix(), cases)
    if problems:
        raise PluginError(report(problems))
    return expanded
