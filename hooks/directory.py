"""Add the generated pages (listings, browse views, cases, open data …) and files to the build,
and give generated pages their finished bodies."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from kyodo.build import attached


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = attached(config)
    for page in build.pages:
        files.append(
            File.generated(
                config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
    for path, source in build.files.items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return attached(config).page_body(page.file.src_uri, html)
