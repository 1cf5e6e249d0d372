"""Lighthouse (mobile) on a page of each main kind, with the site served as a static host
serves it (kyodo.devtools.browser.served): accessibility, best practices and SEO 100, performance 90 or more.

Lighthouse emulates a mid-tier phone by slowing the CPU down 4x, a figure meant for a high-end
desktop (benchmark index 1500-2000). On a slower or busy machine its documentation says to
calibrate the slowdown from the benchmark index it reports (docs/throttling.md, "Calibrating the
CPU slowdown"): each run is slowed down by the benchmark index of the run before it in this
session (on this page or an earlier one) / 440, the default's own ratio, between 1x and 4x; the
session's first run uses the default, so a page tested alone (`-k`) starts at 4x. A page whose
run misses 90 gets up to two more runs. Other work on a shared machine only ever slows a run
down, so a page's best run counts."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from typing import Any

import pytest

from kyodo.devtools.browser import HEADLESS_ARGS, find_chromium
from tests.conftest import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "ホーム": "",
    "章": "guide/process/",
    "一覧": "directory/ward/aoba/",
    "検索": "search/?q=%E7%94%BA%E5%86%85%E4%BC%9A",
    "名簿のホーム": "directory/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = 3
DEFAULT_SLOWDOWN = 4.0
BENCHMARK_PER_SLOWDOWN = 440


def cpu_slowdown(benchmark_index: float) -> float:
    """The CPU slowdown that brings this machine to the phone the default aims at."""
    return round(min(DEFAULT_SLOWDOWN, max(1.0, benchmark_index / BENCHMARK_PER_SLOWDOWN)), 1)


def lighthouse(url: str, slowdown: float = DEFAULT_SLOWDOWN) -> dict[str, Any]:
    """Lighthouse's report on one page in its mobile configuration, with a CPU slowdown."""
    chromium = find_chromium()
    if chromium is None or not LIGHTHOUSE.is_file():
        pytest.fail(
            "Lighthouse には Chromium と npm の lighthouse が必要です。`make test` を使ってください。"
        )
    flags = " ".join(["--headless=new", *HEADLESS_ARGS])
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
         "--disable-full-page-screenshot", "--skip-audits=screenshot-thumbnails,final-screenshot",
         f"--throttling.cpuSlowdownMultiplier={slowdown}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def scores(report: dict[str, Any]) -> dict[str, int]:
    """Each category's score out of 100."""
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def shortfalls(report: dict[str, Any]) -> list[str]:
    """The scored audits that did not pass, by category, with what Lighthouse measured."""
    return [
        f"{name}: {ref['id']} {audit['score']} {audit.get('displayValue', '')}"
        for name in CATEGORIES
        for ref in report["categories"][name]["auditRefs"]
        for audit in [report["audits"][ref["id"]]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1
    ]


@dataclass(frozen=True)
class Run:
    """One Lighthouse run on a page: its scores, the CPU slowdown and the machine's benchmark."""

    scores: dict[str, int]
    slowdown: float
    benchmark: float
    shortfalls: list[str]


@pytest.fixture(scope="module")
def benchmarks() -> list[float]:
    """The benchmark index of every run so far, in order, across pages."""
    return []


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_lighthouse_scores(site_url: str, path: str, benchmarks: list[float]) -> None:
    runs: list[Run] = []
    for _ in range(RUNS):
        slowdown = cpu_slowdown(benchmarks[-1]) if benchmarks else DEFAULT_SLOWDOWN
        report = lighthouse(site_url + path, slowdown)
        benchmarks.append(report["environment"]["benchmarkIndex"])
        runs.append(Run(scores(report), slowdown, benchmarks[-1], shortfalls(report)))
        if runs[-1].scores["performance"] >= 90:
            break
    best = max(runs, key=lambda run: run.scores["performance"])
    print(path or "/", [(run.scores, run.slowdown, run.benchmark) for run in runs])
    expected = {"accessibility": 100, "best-practices": 100, "seo": 100}
    assert {name: best.scores[name] for name in expected} == expected, best.shortfalls
    assert best.scores["performance"] >= 90, best


def test_the_slowdown_follows_the_benchmark() -> None:
    assert [cpu_slowdown(b) for b in (2500, 1760, 1000, 600, 200)] == [4.0, 4.0, 2.3, 1.4, 1.0]
