"""Every built page is valid HTML, as the Nu HTML Checker (vnu, the W3C validator) reads it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, BuiltSite

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validate(folder: Path) -> tuple[list[str], list[str]]:
    """The HTML files the checker read below a folder, and its errors (file:line: message)."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(
            "HTML の検査には Java と vnu-jar が必要です。`make test` を使うか、"
            "`apt-get install default-jre-headless` と `npm ci` を実行してください。"
        )
    result = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--verbose",
         "--format", "gnu", str(folder)],
        capture_output=True, text=True,
    )  # fmt: skip
    lines = (result.stdout + result.stderr).splitlines()
    checked = [line for line in lines if line.startswith("/")]
    errors = [line.removeprefix('"file:') for line in lines if ": error: " in line]
    return checked, errors


def test_every_page_is_valid_html(site: BuiltSite) -> None:
    checked, errors = validate(site.path)
    assert len(checked) == len(site.pages())
    assert errors == []


BROKEN = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>見本</title></head>
<body><input type="checkbox" id="__drawer" autocomplete="off">
<label for="__drawer" role="button" aria-label="メニュー">三</label>
<label for="__toc">目次</label></body></html>
"""


@pytest.mark.slow
def test_the_checker_reports_what_the_theme_used_to_get_wrong(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(BROKEN, encoding="utf-8")
    checked, errors = validate(tmp_path)
    assert [e.split(": error: ")[1] for e in errors] == [
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
        "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        "The “role” attribute must not be used on any “label” element that is associated "
        "with a labelable element.",
        "The “aria-label” attribute must not be used on any “label” element that is "
        "associated with a labelable element.",
        "The value of the “for” attribute of the “label” element must be the ID of a "
        "non-hidden form control.",
    ]
    assert checked == [str(tmp_path / "index.html")]
