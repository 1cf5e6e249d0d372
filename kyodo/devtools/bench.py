"""`kyodo bench`: build a synthetic site at scale and report figures against a stock baseline."""

from __future__ import annotations

import dataclasses
import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kyodo.content.vocabulary import activity_fields
from kyodo.devtools.searchbench import (
    StepRun,
    Transfers,
    index_step,
    measure_transfers,
    measured,
    stock_pagefind,
)
from kyodo.devtools.servebench import ServeRun, listing_file, serve_edit
from kyodo.devtools.synthetic import synthetic_listings, write_synthetic_directory

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


def site_skeleton(root: Path, destination: Path) -> Path:
    """A copy of the site: configuration, chapters, hooks, templates and the sample content
    (the chapters link to the sample cases), to which tests and the bench add their own."""
    for folder in ("docs", "hooks", "overrides", "directory", "case_studies"):
        shutil.copytree(root / folder, destination / folder)
    shutil.copy(root / "mkdocs.yml", destination)
    return destination


def timed_build(project: Path, *extra: str) -> StepRun:
    """Run a strict MkDocs build of a project folder (without the PDF handouts) and measure it."""
    return measured([sys.executable, "-m", "mkdocs", "build", "--strict", *extra], project)


def baseline_project(destination: Path, count: int) -> Path:
    """Stock MkDocs + Material, no hooks: the yardstick. It has a Markdown page per listing
    with what the site's page of that listing shows (`baseline_page`), so that MkDocs
    converts and draws the same text (the issue's "plain MkDocs over the same pages")."""
    docs = destination / "docs"
    docs.mkdir(parents=True)
    (destination / "mkdocs.yml").write_text(_BASELINE_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# baseline\n", encoding="utf-8")
    for number, (_, data) in enumerate(synthetic_listings(count)):
        (docs / f"g{number:05d}.md").write_text(baseline_page(data), encoding="utf-8")
    return destination


def baseline_page(data: Mapping[str, Any]) -> str:
    """A listing as a plain Markdown page without a table of contents: its name, summary,
    facts (as a list) and description, what it offers and needs, and its contact (the
    suggested partners, cases and structured data of the site's page are left out)."""
    fields = activity_fields()
    contact = data["contact"]
    facts = {
        "種別": data["kind"],
        "区": "、".join(data["wards"]),
        "活動分野": "、".join(fields[code].label for code in data["fields"]),
        "設立年": f"{data['founded']}年",
        "会員数": f"約{data['members']}人",
        "活動の状況": data["status"],
        "最終確認日": data["last_confirmed"],
    }
    wants = [("提供できること", "offers"), ("求めていること", "needs")]
    return "\n\n".join(
        [
            "---\nhide: [toc]\n---",  # as on the site's listing pages
            f"# {data['name']}",
            data["summary"],
            "## 概要\n\n" + "".join(f"- {k}: {v}\n" for k, v in facts.items()),
            "## 紹介",
            data["description"],
            *(
                f"## {title}\n\n"
                + "".join(f"- {v}\n" for v in data[key])
                + f"\n{data[key + '_note']}"
                for title, key in wants
            ),
            f"## 連絡先\n\n{contact['name']}: <{contact['email']}>\n",
        ]
    )


def largest_pages(site: Path, count: int = 3) -> list[tuple[int, str]]:
    """The biggest HTML pages of a built site, as (bytes, path)."""
    sizes = [
        (page.stat().st_size, page.relative_to(site).as_posix()) for page in site.rglob("*.html")
    ]
    return sorted(sizes, reverse=True)[:count]


def long_phrase(listings: int, length: int = 40) -> str:
    """A phrase of `length` characters from the first synthetic listing's description."""
    _, data = next(synthetic_listings(listings))
    paragraph = max(str(data["description"]).split("\n\n"), key=len)
    return "".join(paragraph.split())[:length]


def bench_queries(listings: int) -> dict[str, str]:
    """The queries measured, by kind: the first is paged through."""
    return {
        "one word": "町内会",
        "one character": "区",
        "multi-word": "青葉区 防災訓練",
        "three words": "町内会 見守り 防災",
        "40-character phrase": long_phrase(listings),
        "no match": "存在しない語句",
    }


@dataclass(frozen=True)
class ScaleRun:
    """Every figure of one listing count."""

    listings: int
    pages: int
    biggest: list[tuple[int, str]]
    baseline: StepRun
    site: StepRun
    stock: StepRun
    index: StepRun
    transfers: Transfers
    queries: dict[str, str]
    serve: ServeRun  # `mkdocs serve`: its first build, and saving one listing until it shows
    disk: StepRun  # `cp -r` of the built site: the disk's part of writing it, without a build
    spread: float = 0.0  # seconds between the slowest and the fastest build of the site


# The baseline and the site are built this many times, in turn, and the faster run of each
# is reported: on these shared machines one run of the baseline swung from 10 to 16 s.
RUNS = 2
# Once every count is measured, each count's baseline and site are built this many times
# more, the counts in turn: a busy spell then slows one build of several counts rather than
# every build of one count, which the cost per 1,000 listings (a difference of two counts'
# builds) would read as cost. Two runs of one count differed by up to 17 s before. `serve`
# is started once more too, since its first build is compared with the baseline's.
LATE_ROUNDS = 1
BUILDS = RUNS + LATE_ROUNDS


def best(runs: Sequence[StepRun]) -> StepRun:
    """The fastest run, with the highest peak memory of all the runs."""
    fastest = min(runs, key=lambda run: run.seconds)
    return dataclasses.replace(fastest, peak_mb=max(run.peak_mb for run in runs))


def best_serve(runs: Sequence[ServeRun]) -> ServeRun:
    """The fastest first build and the fastest edit of the runs; None where any run never
    showed the page (one run that worked does not hide one that did not)."""

    def fastest(times: list[float | None]) -> float | None:
        return None if None in times else min(t for t in times if t is not None)

    return ServeRun(fastest([r.first_build for r in runs]), fastest([r.edit for r in runs]))


def serve_runs(project: Path, listing_id: str, times: int = RUNS) -> ServeRun:
    """`serve_edit` `times` times, the listing saved back as it was after each run."""
    source = listing_file(project, listing_id)
    original = source.read_text(encoding="utf-8")
    runs = []
    for _ in range(times):
        runs.append(serve_edit(project, listing_id))
        source.write_text(original, encoding="utf-8")
    return best_serve(runs)


def edited_listing() -> str:
    """The listing that the serve runs save: the first synthetic one, in every count."""
    return next(synthetic_listings(1))[0]


def build_both(scratch: Path) -> tuple[StepRun, StepRun] | str:
    """Build the baseline and then the site that `measure` set up in `scratch`; a failed
    build of the site gives its output instead."""
    os.sync()  # what earlier steps wrote is on the disk, not left for this one
    baseline = measured([sys.executable, "-m", "mkdocs", "build", "-q"], scratch / "baseline")
    os.sync()
    site = timed_build(scratch / "site")
    if site.returncode != 0:
        return f"ビルドに失敗しました:\n{site.output}"
    return baseline, site


def measure(root: Path, listings: int, scratch: Path) -> ScaleRun | str:
    """Build the site and the baseline for one listing count in `scratch` (where they are
    left for `rebuilt`), each `RUNS` times, and measure both."""
    baseline_project(scratch / "baseline", listings)
    project = site_skeleton(root, scratch / "site")
    write_synthetic_directory(project, listings)
    baselines, sites = [], []
    for _ in range(RUNS):
        both = build_both(scratch)
        if isinstance(both, str):
            return both
        baselines.append(both[0])
        sites.append(both[1])
    baseline, site = best(baselines), best(sites)
    built, copy = project / "site", scratch / "copy"
    os.sync()
    disk = measured(["cp", "-r", str(built), str(copy)])
    shutil.rmtree(copy)
    stock = stock_pagefind(built)
    index = index_step(built)
    queries = bench_queries(listings)
    listing_id = edited_listing()
    transfers = measure_transfers(built, list(queries.values()), f"directory/groups/{listing_id}/")
    return ScaleRun(
        listings,
        sum(1 for _ in built.rglob("*.html")),
        largest_pages(built),
        baseline,
        site,
        stock,
        index,
        transfers,
        queries,
        serve_runs(project, listing_id),
        disk,
        max(run.seconds for run in sites) - site.seconds,
    )


def late_rounds(runs: list[ScaleRun], scratch: Sequence[Path]) -> str | None:
    """Build every count measured in `scratch` `LATE_ROUNDS` times more, the counts in turn,
    and start its serve once more, updating `runs`; the output of a failed build, if any."""
    for _ in range(LATE_ROUNDS):
        for n, folder in enumerate(scratch):
            both = build_both(folder)
            if isinstance(both, str):
                return both
            runs[n] = rebuilt(runs[n], *both, serve_runs(folder / "site", edited_listing(), 1))
    return None


def rebuilt(run: ScaleRun, baseline: StepRun, site: StepRun, serve: ServeRun) -> ScaleRun:
    """`run` with one more build of its baseline and of its site, and one more `serve`: the
    faster of all, the highest peak of all, and the spread between the slowest and the
    fastest build."""
    slowest = max(run.site.seconds + run.spread, site.seconds)
    fastest = best([run.site, site])
    return dataclasses.replace(
        run,
        baseline=best([run.baseline, baseline]),
        site=fastest,
        serve=best_serve([run.serve, serve]),
        spread=slowest - fastest.seconds,
    )


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def report(run: ScaleRun) -> list[str]:
    """The figures of one listing count, one per line, then the goals it misses."""
    t = run.transfers
    edit = "did not show" if run.serve.edit is None else f"{run.serve.edit:.1f} s"
    preview = (
        "did not finish"
        if run.serve.first_build is None
        else f"{run.serve.first_build:.1f} s, ratio to baseline: {preview_ratio(run):.2f} (target: 1.20)"
    )
    runs = f"faster of {BUILDS} runs"
    return [
        f"== {run.listings} listings ({run.pages} pages)",
        f"baseline MkDocs + Material, a Markdown page per listing with its text ({runs}): {run.baseline.seconds:.1f} s, peak {run.baseline.peak_mb:.0f} MB",
        f"stock Pagefind over the built pages: {run.stock.seconds:.1f} s (CPU {run.stock.cpu_seconds:.1f} s), peak {run.stock.peak_mb:.0f} MB",
        f"site build with search index ({runs}): {run.site.seconds:.1f} s (CPU {run.site.cpu_seconds:.1f} s, kernel {run.site.kernel_seconds:.1f} s), peak of all processes {run.site.peak_mb:.0f} MB, slowest run +{run.spread:.1f} s",
        f"  ratio to baseline + stock Pagefind: {ratio(run):.2f} (target: 2.00)",
        f"  the same files copied with cp, no build: {run.disk.seconds:.1f} s (kernel {run.disk.kernel_seconds:.1f} s)",
        f"index step alone: {run.index.seconds:.1f} s (CPU {run.index.cpu_seconds:.1f} s), peak {run.index.peak_mb:.0f} MB",
        f"  CPU per 1,000 listings: {run.index.cpu_seconds / run.listings * 1000:.2f} s",
        f"serve's first build (a preview: no index, no PDFs; {runs}): {preview}",
        f"saving one listing under serve, until its page shows ({runs}): {edit} (target: 3 s)",
        *(f"largest page: {_kb(size)} {path}" for size, path in run.biggest[:1]),
        f"listing page, first visit: {_kb(t.listing_first_visit)} (target: 150 KB)",
        f"search page, first visit: {_kb(t.first_visit)} (target: 150 KB); repeat visit: {_kb(t.repeat_visit)} (target: 20 KB)",
        "search files per query on a fresh page (target: 200 KB):",
        *(f"  {kind} 「{q}」: {_kb(t.queries[q])}" for kind, q in run.queries.items()),
        "each further page of results for the first query (target: 50 KB): "
        + (", ".join(_kb(size) for size in t.further_pages) or "none"),
        *(f"missed: {miss}" for miss in misses(run)),
    ]


def ratio(run: ScaleRun) -> float:
    """The site build's time over plain MkDocs + Material and stock Pagefind's."""
    return run.site.seconds / (run.baseline.seconds + run.stock.seconds)


def preview_ratio(run: ScaleRun) -> float:
    """Serve's first build (start to first page served) over plain MkDocs + Material's build."""
    return (run.serve.first_build or float("inf")) / run.baseline.seconds


def misses(run: ScaleRun) -> list[str]:
    """Each goal of issue 17 this run misses, by how much and why."""
    found = []
    why = (
        "each listing is rendered, checked, written and indexed in Python, by two processes"
        " (the search index's words are laid out by one)"
    )
    if ratio(run) > 2:
        over = run.site.seconds - 2 * (run.baseline.seconds + run.stock.seconds)
        found.append(f"build {ratio(run):.2f}× the yardstick, goal 2× ({over:.0f} s over): {why}")
    # 30 s is the goal at 5,000 listings (the issue sets no time for 10,000).
    if run.listings <= 5000 and run.site.seconds > 30:
        found.append(f"build {run.site.seconds:.0f} s, goal 30 s: {why}")
    if run.listings >= 10000 and run.site.peak_mb > 1024:
        found.append(
            f"peak {run.site.peak_mb:.0f} MB, goal 1,024 MB: the build holds every listing's model,"
            " search text and packed postings until the index is written"
        )
    if preview_ratio(run) > 1.2:
        found.append(
            f"serve's first build {preview_ratio(run):.2f}× plain MkDocs, goal 1.2×: it reads,"
            " checks, draws and writes everything the build does but the index and the PDFs"
        )
    if run.serve.edit is None or run.serve.edit > 3:
        found.append(
            "saving a listing under serve did not show within 3 s: the saved page is rewritten"
            " alone only when nothing but valid listing files was saved"
        )
    heaviest = max(run.transfers.queries.values())
    if heaviest > 200 * 1024:
        found.append(
            f"a query downloads {_kb(heaviest)}, goal 200 KB: pf_meta lists every page and every"
            " index chunk (as a tag and a number), so it grows with the directory"
        )
    return found


FLAT = 1.2


def marginal(runs: Sequence[ScaleRun]) -> list[str]:
    """Build time and peak memory per 1,000 more listings between the sizes measured: flat
    (the dearest within 20% of the cheapest) is the goal; a miss says by how much, and how
    the CPU time outside the kernel and the disk's cost of the same files (`cp`) went."""
    if len(runs) < 2:
        return []
    lines = ["== cost per 1,000 more listings (goal: flat within 20%)"]
    builds, users, copies = [], [], []
    for a, b in itertools.pairwise(runs):
        per = 1000 / (b.listings - a.listings)
        builds.append((b.site.seconds - a.site.seconds) * per)
        cpu = (b.site.cpu_seconds - a.site.cpu_seconds) * per
        kernel = (b.site.kernel_seconds - a.site.kernel_seconds) * per
        users.append(cpu - kernel)
        copies.append((b.disk.seconds - a.disk.seconds) * per)
        lines.append(
            f"{a.listings} → {b.listings}: build {builds[-1]:.1f} s,"
            f" CPU {cpu:.1f} s (kernel {kernel:.1f} s),"
            f" peak memory {(b.site.peak_mb - a.site.peak_mb) * per:.0f} MB;"
            f" copying the built files {copies[-1]:.1f} s"
        )
    cheapest, dearest = min(builds), max(builds)
    if cheapest <= 0 or dearest / cheapest > FLAT:
        spread = max(run.spread for run in runs)
        lines.append(
            f"missed: build time per 1,000 more listings from {cheapest:.1f} to {dearest:.1f} s,"
            f" goal within {FLAT - 1:.0%}: each figure is the difference of two builds, and the"
            f" builds of one size differed by up to {spread:.1f} s in this run; CPU time"
            f" outside the kernel went from {min(users):.1f} to {max(users):.1f} s, and copying"
            f" the built files alone (the disk's part) from {min(copies):.1f} to"
            f" {max(copies):.1f} s"
        )
    return lines


def verdict(run: ScaleRun) -> bool:
    """Whether the page-size limit and the search transfer limits hold."""
    t = run.transfers
    return (
        run.biggest[0][0] < PAGE_LIMIT_BYTES
        and max(t.queries.values()) < 200 * 1024
        and all(size < 50 * 1024 for size in t.further_pages)
    )


def run(root: Path, counts: list[int]) -> tuple[str, bool]:
    """Measure every listing count; return the report and whether every limit held. A failed
    build ends the run, after the figures of the counts measured before it."""
    runs: list[ScaleRun] = []
    with tempfile.TemporaryDirectory(prefix="kyodo-bench-") as temporary:
        scratch = [Path(temporary) / str(listings) for listings in counts]
        failed = None
        for listings, folder in zip(counts, scratch, strict=True):
            result = measure(root, listings, folder)
            if isinstance(result, str):
                failed = result
                break
            runs.append(result)
        if failed is None:
            failed = late_rounds(runs, scratch)
    lines = [line for one in runs for line in report(one)]
    if failed is not None:
        return "\n".join([*lines, *marginal(runs), failed]), False
    return "\n".join([*lines, *marginal(runs)]), all(verdict(r) for r in runs)
