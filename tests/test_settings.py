"""One setting decides whether the site shows a repository: `repo_url` (KYODO_REPO_URL in
mkdocs.yml). Without it, no header link, no edit buttons, no edit links; with it, all three."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kyodo.devtools.bench import site_skeleton, timed_build
from kyodo.site.settings import SiteSettings
from tests.conftest import ROOT, BuiltSite

TODAY = datetime.date(2026, 12, 1)
REPOSITORY = "https://github.com/kyodo-city/tebiki"
GROUP = "directory/groups/komadorioka-chonaikai.yml"


def test_edit_links_need_a_repository() -> None:
    none = SiteSettings.from_config("https://example.jp/", None, None, TODAY)
    assert none.edit_url(GROUP) is None
    configured = SiteSettings.from_config(
        "https://example.jp/", REPOSITORY, "edit/main/docs/", TODAY
    )
    assert configured.edit_url(GROUP) == f"{REPOSITORY}/edit/main/{GROUP}"


def test_the_sample_site_shows_no_repository(site: BuiltSite) -> None:
    for path in ("", "guide/process/", "directory/groups/komadorioka-chonaikai/"):
        html = site.read(path)
        assert "md-header__source" not in html and 'rel="edit"' not in html
        assert "github.com" not in html


@pytest.fixture(scope="module")
def configured_site(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch_module: pytest.MonkeyPatch
) -> Path:
    project = site_skeleton(ROOT, tmp_path_factory.mktemp("repository"))
    shutil.copy(ROOT / GROUP, project / GROUP)
    monkeypatch_module.setenv("KYODO_REPO_URL", REPOSITORY)
    monkeypatch_module.setenv("KYODO_EDIT_URI", "edit/main/docs/")
    result = timed_build(project)
    assert result.returncode == 0, result.output
    return project / "site"


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_a_configured_repository_shows_everywhere(configured_site: Path) -> None:
    chapter = (configured_site / "guide/process/index.html").read_text(encoding="utf-8")
    assert f'href="{REPOSITORY}" title="リポジトリへ" class="md-source"' in chapter
    assert f'href="{REPOSITORY}/edit/main/docs/guide/process.md"' in chapter
    listing = (configured_site / "directory/groups/komadorioka-chonaikai/index.html").read_text(
        encoding="utf-8"
    )
    assert f'<a href="{REPOSITORY}/edit/main/{GROUP}">' in listing
