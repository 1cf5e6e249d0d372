"""Add the directory's pages, browse views, open data and field reference to the build."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from kyodo.assemble import generate
from kyodo.content import current_content
from kyodo.directory.render import SiteSettings
from kyodo.formats import today

# Finished HTML of the pages generated in this build, by source path.
html_bodies: dict[str, str] = {}


def settings(config: MkDocsConfig) -> SiteSettings:
    docs_edit = urljoin(f"{config.repo_url or ''}".rstrip("/") + "/", config.edit_uri or "")
    return SiteSettings(
        config.site_url or "/", config.repo_url or "", urljoin(docs_edit, "../"), today()
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    content, site = current_content(root), settings(config)
    generated = generate(content, site, root)
    html_bodies.clear()
    for page in generated.pages:
        files.append(
            File.generated(
                config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
        if page.html is not None:
            html_bodies[page.src_uri] = page.html
    for path, data in generated.files.items():
        files.append(File.generated(config, path, content=data))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return html_bodies.get(page.file.src_uri, html)
