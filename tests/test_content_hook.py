"""The site build runs the same checks as `kyodo check` and stops on the same problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyodo.devtools.bench import site_skeleton, timed_build
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
