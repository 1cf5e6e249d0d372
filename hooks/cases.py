"""Replace `[[cases form=…]]` markers in chapters with the matching case studies."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kyodo.cases.embed import expand_markers
from kyodo.cases.model import CaseStudy
from kyodo.content import current_content
from kyodo.problems import report

cases: tuple[CaseStudy, ...] = ()


def on_pre_build(config: MkDocsConfig) -> None:
    global cases
    cases = current_content(Path(config.config_file_path).parent).cases


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = Path(config.docs_dir, page.file.src_uri).relative_to(
        Path(config.config_file_path).parent
    )
    expanded, problems = expand_markers(markdown, page.file.src_uri, source.as_posix(), cases)
    if problems:
        raise PluginError(report(problems))
    return expanded
