"""The site build runs the same checks as `kyodo check` and stops on the same problems."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from kyodo.build import STAMP_HELPER, ContentError, prepare
from kyodo.devtools.bench import site_skeleton, timed_build
from kyodo.devtools.synthetic import write_synthetic_directory
from tests.conftest import ROOT


@pytest.mark.build
def test_build_fails_with_the_checker_messages(tmp_path: Path) -> None:
    project = site_skeleton(ROOT, tmp_path / "project")
    (project / "directory/groups/broken.yml").write_text(
        "id: broken\nwards: 青葉\n", encoding="utf-8"
    )
    result = timed_build(project)
    assert result.returncode == 1
    assert "掲載内容に誤りがあるため、サイトを作れません。" in result.output
    assert (
        "directory/groups/broken.yml:2:8: 区 (wards) に「青葉」は使えません。もしかして: 青葉区。"
        in result.output
    )
    assert "1件のファイルに、合わせて9件の誤りがあります。" in result.output
    assert "Traceback" not in result.output


def test_a_build_that_stops_leaves_nothing_to_the_garbage_collector_frozen(tmp_path: Path) -> None:
    """A build keeps its content from the garbage collector until it is done; a server's next
    build gives back what a build that stopped half-way kept."""
    (tmp_path / "directory/groups").mkdir(parents=True)
    (tmp_path / "directory/groups/broken.yml").write_text("id: broken\n", encoding="utf-8")
    gc.freeze()  # as a build that stopped between loading and finishing leaves it
    try:
        with pytest.raises(ContentError):
            prepare(tmp_path, None, None, None, "serve")
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


@pytest.mark.slow
def test_reading_many_listings_runs_no_full_garbage_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a build reads lasts until it is done: going over all of it again and again cost
    more than in proportion to the listings. The collector's settings are given back, also
    when the content stops the build."""
    monkeypatch.setenv(STAMP_HELPER, "0")  # this process reads every listing
    write_synthetic_directory(tmp_path, 3000)
    (tmp_path / "directory/groups/broken.yml").write_text("id: broken\n", encoding="utf-8")
    full: list[dict[str, int]] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(dict(info))

    before = gc.get_threshold()
    gc.callbacks.append(count)
    try:
        with pytest.raises(ContentError):
            prepare(tmp_path, None, None, None, "serve")
    finally:
        gc.callbacks.remove(count)
    assert full == []
    assert gc.get_threshold() == before
