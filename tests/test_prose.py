"""Japanese prose check (textlint with the technical-writing preset) over all written content."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

TEXTLINT = ROOT / "node_modules" / ".bin" / "textlint"


@pytest.mark.slow
def test_chapters_and_cases_pass_textlint() -> None:
    assert TEXTLINT.exists(), "node_modules がありません。make test で入ります（npm ci）。"
    result = subprocess.run(
        [str(TEXTLINT), "docs/**/*.md", "case_studies/*.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_textlint_catches_what_careless_writing_leaves(tmp_path: Path) -> None:
    sample = tmp_path / "probe.md"
    sample.write_text(
        "# 確認\n\n協働は大切である。私たちは協力します。市はは連絡します。\n", encoding="utf-8"
    )
    result = subprocess.run(
        [str(TEXTLINT), "--config", str(ROOT / ".textlintrc.json"), str(sample)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "no-mix-dearu-desumasu" in result.stdout
