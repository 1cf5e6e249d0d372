"""`kyodo bench`: build a synthetic site at scale and report figures against a stock baseline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kyodo.synthetic import write_synthetic_directory

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
    """A copy of the site's configuration, pages, hooks and templates, without listings or cases."""
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(root / folder, destination / folder)
    shutil.copy(root / "mkdocs.yml", destination)
    for folder in ("directory/groups", "directory/businesses", "case_studies"):
        (destination / folder).mkdir(parents=True, exist_ok=True)
    for template in (root / "directory").glob("*/_template.yml"):
        shutil.copy(template, destination / template.relative_to(root))
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
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
    ok = biggest[0][0] < PAGE_LIMIT_BYTES
    lines = [
        f"listings: {listings}",
        f"pages built: {pages}",
        f"baseline build (stock MkDocs + Material, {listings} plain pages): {base.seconds:.1f} s, peak {base.peak_mb:.0f} MB",
        f"site build: {ours.seconds:.1f} s, peak {ours.peak_mb:.0f} MB",
        f"build time ratio (site / baseline): {ours.seconds / base.seconds:.2f}",
        f"memory ratio (site / baseline): {ours.peak_mb / base.peak_mb:.2f}",
        *(f"largest page: {size / 1024:.1f} KB {path}" for size, path in biggest),
        f"page size limit {PAGE_LIMIT_BYTES // 1024} KB: {'ok' if ok else 'EXCEEDED'}",
    ]
    return "\n".join(lines), ok
