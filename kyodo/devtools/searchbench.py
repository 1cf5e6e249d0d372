"""Search figures for `kyodo bench`: the index step alone, stock Pagefind over the same pages, and
what the search page downloads (first and repeat visit, each kind of query, further pages)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kyodo.devtools.browser import chromium, served

# What a server such as GitHub Pages compresses on the fly; Pagefind's files and the result
# cards are gzip files already.
_COMPRESSIBLE = (".html", ".js", ".json", ".css", ".svg", "/")


@dataclass(frozen=True)
class StepRun:
    """One measured process: wall time, CPU time (and the part of it spent in the kernel:
    creating and writing files, mostly), and the peak memory of its whole tree."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    returncode: int
    output: str
    kernel_seconds: float = 0.0


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def measured(command: Sequence[str], cwd: Path | None = None) -> StepRun:
    """Run a command, sampling the memory of its process tree every 50 ms; the PDF handouts
    are not what these runs measure or test, so a build among them skips them."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KYODO_PDFS": "0"},
    )
    peak = [0]
    ended = threading.Event()

    def sample() -> None:
        # Not process.poll(): it would reap the process before os.wait4 reads its usage.
        while not ended.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(process.pid))
            ended.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    ended.set()
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    cpu = usage.ru_utime + usage.ru_stime
    peak_mb = max(peak[0], usage.ru_maxrss) / 1024
    return StepRun(
        time.perf_counter() - start, cpu, peak_mb, process.returncode, output, usage.ru_stime
    )


def index_step(site: Path) -> StepRun:
    """The search index of a built site, rebuilt by itself in its own process."""
    return measured([sys.executable, "-m", "kyodo.search.index", str(site)])


def stock_pagefind(site: Path) -> StepRun:
    """Pagefind with its defaults over the same built pages, written to a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="kyodo-stock-") as scratch:
        return measured(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", scratch]
        )


def _served_bytes(url: str, body: bytes) -> int:
    """Bytes on the wire for a body, gzipped where a server would gzip it."""
    compressible = url.split("?")[0].endswith(_COMPRESSIBLE)
    return len(gzip.compress(body)) if compressible else len(body)


class _Recorder:
    """Adds up the bodies a page receives over the network (cache hits and 304s are free)."""

    def __init__(self, page: Any) -> None:
        self.responses: list[Any] = []
        page.on("response", lambda response: self.responses.append(response))

    def take(self, only: Callable[[str], bool] = lambda url: True) -> int:
        total = 0
        for response in self.responses:
            network = response.request.sizes()["responseBodySize"] > 0
            if response.status == 200 and network and only(response.url):
                total += _served_bytes(response.url, response.body())
        self.responses.clear()
        return total


def _is_search_file(url: str) -> bool:
    return "/pagefind/" in url or "/search/cards/" in url


def _settled(page: Any) -> None:
    page.wait_for_function(
        "() => /件|見つかりません/.test(document.querySelector('.kyodo-search__status').textContent)"
    )
    page.wait_for_load_state("networkidle")


@dataclass(frozen=True)
class Transfers:
    """Bytes the search page costs: its own load, each query, and each further page."""

    first_visit: int
    repeat_visit: int
    queries: dict[str, int]  # per query on a fresh search page, search files only
    further_pages: list[int]  # each further page of results for the first query
    listing_first_visit: int  # a listing page, everything it loads


def measure_transfers(site: Path, queries: list[str], listing: str, pages: int = 3) -> Transfers:
    """Open the search page as a new visitor would, once per query, and a listing page (at
    `listing` below the site), and add up the bytes."""
    with served(site) as base, chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        recorder = _Recorder(page)
        page.goto(f"{base}{listing}")
        page.wait_for_load_state("networkidle")
        listing_bytes = recorder.take()
        context.close()
        context = browser.new_context()
        page = context.new_page()
        recorder = _Recorder(page)
        page.goto(f"{base}search/")
        page.wait_for_selector(".kyodo-search[data-ready=true]")
        page.wait_for_load_state("networkidle")
        first = recorder.take(lambda url: not _is_search_file(url))
        page.reload()
        page.wait_for_selector(".kyodo-search[data-ready=true]")
        page.wait_for_load_state("networkidle")
        repeat = recorder.take(lambda url: not _is_search_file(url))
        context.close()
        found: dict[str, int] = {}
        further: list[int] = []
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            recorder = _Recorder(page)
            page.goto(f"{base}search/?q={quote(query)}")
            _settled(page)
            found[query] = recorder.take(_is_search_file)
            while (
                query == queries[0]
                and len(further) < pages
                and page.is_visible(".kyodo-search__more button")
            ):
                count = page.locator(".kyodo-search__result").count()
                page.click(".kyodo-search__more button")
                page.wait_for_function(
                    f"() => document.querySelectorAll('.kyodo-search__result').length > {count}"
                )
                page.wait_for_load_state("networkidle")
                further.append(recorder.take(_is_search_file))
            context.close()
    return Transfers(first, repeat, found, further, listing_bytes)
