"""Hostile text in a listing stays inert in the built site: page, lists, JSON-LD, exports."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from kyodo.devtools.bench import site_skeleton, timed_build
from tests.conftest import FIXTURES, ROOT, serve

HOSTILE_NAME = "<script>window.__xss = 1</script>あやしい会"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = site_skeleton(ROOT, tmp_path_factory.mktemp("hostile"))
    shutil.copy(FIXTURES / "hostile-group.yml", project / "directory/groups/hostile-group.yml")
    result = timed_build(project)
    assert result.returncode == 0, result.output
    for url in serve(project / "site"):
        yield project / "site", url


PAGES = [
    "directory/groups/hostile-group/",
    "directory/ward/aoba/",
    "directory/kana/a/",
    "directory/field/children/",
]


@pytest.mark.parametrize("path", PAGES)
def test_nothing_runs_and_the_text_shows(
    hostile_site: tuple[Path, str], browser: Browser, path: str
) -> None:
    _, url = hostile_site
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page.goto(url + path)
    if path.startswith("directory/groups"):
        page.click("text=クリック")
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert HOSTILE_NAME in page.inner_text("article, .kyodo-browse")
    page.close()


def test_exports_keep_the_text_verbatim(hostile_site: tuple[Path, str]) -> None:
    site, _ = hostile_site
    rows = list(
        csv.DictReader(io.StringIO((site / "opendata/groups.csv").read_text(encoding="utf-8-sig")))
    )
    [row] = [row for row in rows if row["ID"] == "hostile-group"]
    assert row["名称"] == HOSTILE_NAME
    data = json.loads((site / "opendata/directory.json").read_text(encoding="utf-8"))
    [entry] = [e for e in data["groups"] if e["id"] == "hostile-group"]
    assert entry["name"] == HOSTILE_NAME
    assert entry["phone"] is None
