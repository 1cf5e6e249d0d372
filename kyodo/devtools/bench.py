"""`kyodo bench`: build a synthetic site at scale and report figures against a stock baseline."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kyodo.devtools.browser import chromium, served
from kyodo.devtools.synthetic import write_synthetic_directory

PAGE_LIMIT_BYTES = 150 * 1024
# Like the site, the listing pages are outside the navigation; otherwise every page would
# render a menu of every other page and the baseline would measure that instead.
_BASELINE_CONFIG = """\
site_name: baseline
theme: {name: material, language: ja, font: false}
plugins: []
nav: [index.md]
not_in_nav: "/g*.md"
"""


@dataclass(frozen=True)
class BuildRun:
    """One timed build: wall time, peak memory of the build process, and whether it passed."""

    seconds: float
    peak_mb: float
    returncode: int
    output: str


def site_skeleton(root: Path, destination: Path) -> Path:
    """A copy of the site: configuration, chapters, hooks, templates and the sample content
    (the chapters link to the sample cases), to which tests and the bench add their own."""
    for folder in ("docs", "hooks", "overrides", "directory", "case_studies"):
        shutil.copytree(root / folder, destination / folder)
    shutil.copy(root / "mkdocs.yml", destination)
    return destination


def timed_build(project: Path, *extra: str) -> BuildRun:
    """Run a strict MkDocs build of a project folder and measure it."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # The PDF handouts are not what these builds measure or test.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KYODO_PDFS": "0"},
    )
    assert process.stdout is not None
    output = process.stdout.read()
    # Reap the child ourselves: wait4 reports the peak memory of that one process.
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return BuildRun(time.perf_counter() - start, usage.ru_maxrss / 1024, process.returncode, output)


def baseline_project(destination: Path, count: int) -> Path:
    """Stock MkDocs + Material with one plain page per listing, no hooks: the yardstick."""
    docs = destination / "docs"
    docs.mkdir(parents=True)
    (destination / "mkdocs.yml").write_text(_BASELINE_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# baseline\n", encoding="utf-8")
    for number in range(count):
        (docs / f"g{number:05d}.md").write_text(
            f"# 団体{number}\n\n坂の多い住宅地で見守りと防災訓練を続けています。\n",
            encoding="utf-8",
        )
    return destination


def largest_pages(site: Path, count: int = 3) -> list[tuple[int, str]]:
    """The biggest HTML pages of a built site, as (bytes, path)."""
    sizes = [
        (page.stat().st_size, page.relative_to(site).as_posix()) for page in site.rglob("*.html")
    ]
    return sorted(sizes, reverse=True)[:count]


BENCH_QUERIES = [
    "町内会",
    "見守り",
    "区",
    "子育て",
    "子ども食堂",
    "青葉区 防災訓練",
    "協働",
    "NPO",
    "存在しない語句",
    "星見ヶ丘",
]
_COMPRESSIBLE = (".js", ".json", ".css")


@dataclass(frozen=True)
class QueryTransfer:
    """Bytes fetched by the search page for one query on a fresh page (Pagefind and cards)."""

    query: str
    raw: int
    gzip_served: int


def _is_search_file(url: str) -> bool:
    return "/pagefind/" in url or "/search/cards/" in url


def _query_transfer(browser: Any, base: str, query: str) -> QueryTransfer:
    context = browser.new_context()
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda r: responses.append(r) if _is_search_file(r.url) else None)
    page.goto(f"{base}search/?q={query}")
    page.wait_for_function(
        "/件|見つかりません/.test(document.querySelector('.kyodo-search__status').textContent)"
    )
    page.wait_for_load_state("networkidle")
    bodies = [(response.url, response.body()) for response in responses]
    context.close()
    served = [
        len(gzip.compress(b)) if u.split("?")[0].endswith(_COMPRESSIBLE) else len(b)
        for u, b in bodies
    ]
    return QueryTransfer(query, sum(len(b) for _, b in bodies), sum(served))


def measure_search(site: Path, queries: list[str]) -> list[QueryTransfer]:
    """Open the search page once per query, fresh, and add up every search file it fetches."""
    with served(site) as base, chromium() as browser:
        found = [_query_transfer(browser, base, q) for q in queries]
    return found


def run(root: Path, listings: int) -> tuple[str, bool]:
    """Build the site with `listings` synthetic groups and a baseline; return the report and verdict."""
    with tempfile.TemporaryDirectory(prefix="kyodo-bench-") as scratch:
        base = timed_build(baseline_project(Path(scratch) / "baseline", listings))
        project = site_skeleton(root, Path(scratch) / "site")
        write_synthetic_directory(project, listings)
        ours = timed_build(project)
        if ours.returncode != 0:
            return f"ビルドに失敗しました:\n{ours.output}", False
        site = project / "site"
        pages = sum(1 for _ in site.rglob("*.html"))
        biggest = largest_pages(site)
        transfers = measure_search(site, BENCH_QUERIES)
    ok = biggest[0][0] < PAGE_LIMIT_BYTES
    raw = sorted(t.raw for t in transfers)
    lines = [
        f"listings: {listings}",
        f"pages built: {pages}",
        f"baseline build (stock MkDocs + Material, {listings} plain pages): {base.seconds:.1f} s, peak {base.peak_mb:.0f} MB",
        f"site build (with search index): {ours.seconds:.1f} s, peak {ours.peak_mb:.0f} MB",
        f"build time ratio (site / baseline): {ours.seconds / base.seconds:.2f}",
        f"memory ratio (site / baseline): {ours.peak_mb / base.peak_mb:.2f}",
        *(f"largest page: {size / 1024:.1f} KB {path}" for size, path in biggest),
        f"page size limit {PAGE_LIMIT_BYTES // 1024} KB: {'ok' if ok else 'EXCEEDED'}",
        "search transfer per query on a fresh page (Pagefind files and result cards):",
        *(
            f"  {t.query}: {t.raw / 1024:.1f} KB ({t.gzip_served / 1024:.1f} KB if the server gzips .js/.json)"
            for t in transfers
        ),
        f"  median {raw[len(raw) // 2] / 1024:.1f} KB, max {raw[-1] / 1024:.1f} KB (target: under 200 KB)",
    ]
    return "\n".join(lines), ok
