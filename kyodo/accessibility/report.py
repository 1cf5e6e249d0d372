"""The published accessibility test results: what the last automated run found, per criterion."""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kyodo.site.pages import GeneratedPage
from kyodo.site.templating import environment
from kyodo.site.urls import RESULTS_PAGE

RESULTS_FILE = "docs/about/accessibility-results.json"
SITE_TESTS = {
    "keyboard": "キーボードだけでの操作（スキップリンク、メニュー、検索、絞り込み、ダウンロード）",
    "focus-visible": "フォーカスの見え方",
    "reflow-320": "幅 320 CSS ピクセルでの表示（横スクロールなし）",
    "text-200": "文字の大きさ 200% での表示",
    "contrast": "明るい配色と暗い配色でのコントラスト（axe-core）",
    "build-rules": "サイトを作るときの検査（代替テキスト、見出しの順序、表の見出し、リンクの文言、言語）",
    "target-size": "押せる部分の大きさ（axe-core）",
}


@dataclass
class AccessibilityRun:
    """The outcome of one automated accessibility run, as stored in RESULTS_FILE."""

    date: str
    pages: list[str]
    configurations: list[str]
    tools: dict[str, str]
    rules_run: list[str]
    violations: dict[str, list[str]] = field(default_factory=dict)  # rule → pages
    incomplete: dict[str, list[str]] = field(default_factory=dict)  # rule → pages
    site_tests: dict[str, bool] = field(default_factory=dict)

    def write(self, path: Path) -> None:
        """Store the run in a file (RESULTS_FILE below the root is what the build publishes)."""
        text = json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)
        path.write_text(text + "\n", encoding="utf-8")

    @classmethod
    def read(cls, root: Path) -> AccessibilityRun | None:
        """The last stored run, if there is one."""
        path = root / RESULTS_FILE
        return cls(**json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else None


@functools.cache
def criteria() -> list[dict[str, Any]]:
    """The WCAG 2.2 A and AA success criteria, with how this site checks each."""
    data: list[dict[str, Any]] = yaml.safe_load(
        (Path(__file__).parent / "criteria.yml").read_text(encoding="utf-8")
    )
    return data


@functools.cache
def incomplete_reviews() -> dict[str, str]:
    """Why each axe result marked "incomplete" (needs review) is acceptable on this site."""
    data: dict[str, str] = yaml.safe_load(
        (Path(__file__).parent / "incomplete.yml").read_text(encoding="utf-8")
    )
    return data or {}


def verdict(criterion: dict[str, Any], run: AccessibilityRun) -> tuple[str, str]:
    """The result shown for a criterion, and how it was checked."""
    if not criterion["applies"]:
        return "適用外", criterion["not_applicable_reason"]
    rules = [rule for rule in criterion["automated"] if rule in run.rules_run]
    tests = [test for test in criterion["site_tests"] if test in run.site_tests]
    failed = [r for r in rules if run.violations.get(r)] + [
        t for t in tests if not run.site_tests[t]
    ]
    methods = "・".join([*(["axe-core"] if rules else []), *(SITE_TESTS[t] for t in tests)])
    if failed:
        return "不適合", f"自動試験で問題あり（{', '.join(failed)}）"
    if not (rules or tests):
        return "人による確認が必要", criterion["manual"]
    if criterion["manual"]:
        return (
            "自動試験で問題なし・人による確認が必要",
            f"{methods}。人による確認: {criterion['manual']}",
        )
    return "適合", methods


def render_results_page(run: AccessibilityRun | None) -> GeneratedPage:
    """The 試験結果 page from the last run (or a plain note that no run is stored yet)."""
    rows = [(c, *verdict(c, run)) for c in criteria()] if run else []
    counts: dict[str, int] = {}
    for _, result, _ in rows:
        counts[result] = counts.get(result, 0) + 1
    content = (
        environment()
        .get_template("accessibility_results.md.j2")
        .render(
            run=run, rows=rows, counts=counts, site_tests=SITE_TESTS, reviews=incomplete_reviews()
        )
    )
    return GeneratedPage(RESULTS_PAGE, content)
