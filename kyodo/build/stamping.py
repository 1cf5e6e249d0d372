"""Writing stamped pages (`kyodo.site.stamps`), checking every written page, and the second
process of a big build.

A big directory has thousands of stamped pages, and all of their work (the body, the frame
filled in, the checks, the file) is the page's own. A second process (`BuildHelper`), started
at the beginning of `prepare`, reads half of the listing files, then makes the open data's
tables, the HSDS file and the browse pages while the build makes the stamps, the partner
finder and the handouts. While the generator draws its own pages, it makes the bodies of the
first half of the stamped pages, and it takes shares of those pages as soon as the theme has
drawn every frame; the build takes the rest once the
generator is done, from the end of the list, so that the two finish together. The search
records come back in the order of the list, so the index is the same as when one process
writes every page. The index step gets a fresh helper (`kyodo.build.SiteBuild.finish`), which
compresses and writes the index's chunks and half of the result cards."""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import functools
import gc
import importlib
import multiprocessing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kyodo.postbuild.csp import policy, with_policy
from kyodo.postbuild.offline import PageScan, scan_page
from kyodo.postbuild.pagerules import page_problems
from kyodo.postbuild.tables import stacked_tables
from kyodo.postbuild.tasklists import printable_tasklists
from kyodo.search.pagetext import SearchRecord, record_of
from kyodo.site.stamps import Shell, Stamp
from kyodo.site.urls import page_url

# Pages per share handed to the helper, and the fewest stamped pages worth starting it for
# (starting it costs about a second of the other core: at 500 listings it saved 1-4.5 s of 11-17,
# at 250 it was within the noise).
SHARE_PAGES = 64
HELPER_MIN_PAGES = 300
T = TypeVar("T")


class OutsideResourceError(Exception):
    """A written page or style sheet would fetch something from outside the site."""


@dataclass(frozen=True)
class Frame:
    """A frame's shell, and what its markup would fetch and run, scanned once."""

    shell: Shell
    scan: PageScan


@dataclass(frozen=True)
class Written:
    """A page written: the page rules it breaks, and its search record (None if not indexed)."""

    problems: tuple[str, ...]
    record: SearchRecord | None


def checked_page(
    name: str, url: str | None, html: str, scan: PageScan, indexed: bool
) -> tuple[str, Written]:
    """A page with its Content-Security-Policy, and what was found (the theme's markup is
    fixed before: `kyodo.postbuild.toggles.fixed_toggles`, once per frame for stamped pages).

    Raises OutsideResourceError when the page would fetch anything from outside the site."""
    outside = [*scan.outside, *(f"イベント属性 {h}" for h in scan.handlers)]
    if outside:
        raise OutsideResourceError(f"{name}: サイトの外から読み込むものがあります: {outside}")
    record = record_of(html, "/" + url) if url is not None and indexed else None
    written = with_policy(html, policy(scan))
    return written, Written(tuple(page_problems(html)), record)


def stamp_body(stamp: Stamp) -> str:
    """A stamped page's body converted as the hooks convert the body of a page that is not
    part of the guide (which alone gets glossary links and handout parts)."""
    return stacked_tables(printable_tasklists(stamp.body()))


def write_stamp(stamp: Stamp, body: str, frame: Frame, site_dir: Path, indexed: bool) -> Written:
    """Fill `frame` with `stamp` and its converted `body`, check it and write it."""
    url = page_url(stamp.src_uri)
    html = frame.shell.fill(stamp, body)
    written, found = checked_page(
        stamp.src_uri, url, html, frame.scan.joined(scan_page(body)), indexed
    )
    path = site_dir / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a preview's page may be a link to the one it kept
    path.write_bytes(written.encode("utf-8", errors="xmlcharrefreplace"))
    return found


def write_share(
    stamps: Sequence[Stamp],
    frames: Mapping[str, Frame],
    site_dir: Path,
    indexed: bool,
    bodies: dict[str, str] | None = None,
) -> list[Written]:
    """Write a share of stamped pages (none of them part of the guide), taking the bodies
    made beforehand out of `bodies`."""
    made = bodies or {}
    return [
        write_stamp(
            stamp,
            made.pop(stamp.src_uri, "") or stamp_body(stamp),
            frames[stamp.frame],
            site_dir,
            indexed,
        )
        for stamp in stamps
    ]


# The helper's: its frames, site folder and whether pages are indexed (`_start_helper`), and
# the bodies it made before it had the frames (`_prepare_bodies`).
_helper_state: dict[str, object] = {}
_bodies: dict[str, str] = {}


def _start_helper(frames: Mapping[str, Frame], site_dir: Path, indexed: bool) -> None:
    _helper_state.update(frames=frames, site_dir=site_dir, indexed=indexed)


def _prepare_bodies(stamps: Sequence[Stamp]) -> None:
    _bodies.clear()
    _bodies.update((stamp.src_uri, stamp_body(stamp)) for stamp in stamps)


def _helper_share(stamps: Sequence[Stamp]) -> list[Written]:
    frames, site_dir, indexed = (_helper_state[k] for k in ("frames", "site_dir", "indexed"))
    assert isinstance(frames, Mapping) and isinstance(site_dir, Path)
    return write_share(stamps, frames, site_dir, bool(indexed), _bodies)


def _import(modules: Sequence[str]) -> None:
    for name in modules:
        importlib.import_module(name)


def _tidy() -> None:
    """Collect garbage and hand the C library's free memory back to the system (Linux)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def later(helper: BuildHelper | None, function: Callable[..., T], *args: Any) -> Callable[[], T]:
    """`function(*args)` started in the `helper` (`BuildHelper.later`), or to be worked out
    here when the result is asked for, when the build has no helper."""
    if helper is None:
        return functools.partial(function, *args)
    return helper.later(function, *args)


class BuildHelper:
    """A second process for a big build: jobs from the start (`later`), then shares of the
    stamped pages once every frame is drawn (`stamp`). `finish` writes the shares it has not
    begun and returns every page's result; `close` stops it."""

    def __init__(self, modules: Sequence[str] = ()) -> None:
        """Start the process now (importing `modules`, which its jobs will need)."""
        self.pool = concurrent.futures.ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn")
        )
        self.pool.submit(_import, modules)
        self.stamps: list[Stamp] = []
        self.shares: list[Sequence[Stamp]] = []
        self.futures: list[concurrent.futures.Future[list[Written]]] = []

    def later(self, function: Callable[..., T], *args: Any) -> Callable[[], T]:
        """Start `function(*args)` in the helper; the call returned gives its result, worked
        out here instead when the helper could not run."""
        try:
            future = self.pool.submit(function, *args)
        except concurrent.futures.BrokenExecutor:
            return functools.partial(function, *args)

        def result() -> T:
            try:
                return future.result()
            except concurrent.futures.BrokenExecutor:
                return function(*args)

        return result

    def tidy(self) -> None:
        """Have the helper give back the memory its jobs so far no longer use."""
        with contextlib.suppress(concurrent.futures.BrokenExecutor):
            self.pool.submit(_tidy)

    def prepare_bodies(self, stamps: Sequence[Stamp]) -> None:
        """Have the helper make the bodies of `stamps` while it waits for the frames (the
        pages it is handed later are written with them)."""
        with contextlib.suppress(concurrent.futures.BrokenExecutor):
            self.pool.submit(_prepare_bodies, stamps)

    def stamp(
        self, stamps: Sequence[Stamp], frames: Mapping[str, Frame], site_dir: Path, indexed: bool
    ) -> None:
        """Hand the helper the stamped pages, a share at a time."""
        self.frames, self.site_dir, self.indexed = frames, site_dir, indexed
        shares = [stamps[i : i + SHARE_PAGES] for i in range(0, len(stamps), SHARE_PAGES)]
        try:
            self.pool.submit(_start_helper, frames, site_dir, indexed)
            self.futures = [self.pool.submit(_helper_share, share) for share in shares]
        except concurrent.futures.BrokenExecutor:
            return  # the build writes every page itself
        self.stamps, self.shares = list(stamps), shares

    def finish(self) -> list[Written]:
        """Write, in this process, the shares the helper has not begun, from the last one
        back; then wait for the helper's, and return every page's result in the order of
        `stamps`. Raises what writing any page raised (and stops the helper)."""
        results: list[list[Written] | None] = [None] * len(self.shares)
        try:
            for number in reversed(range(len(self.shares))):
                if not self.futures[number].cancel():
                    break
                results[number] = write_share(
                    self.shares[number], self.frames, self.site_dir, self.indexed
                )
            for number, done in enumerate(results):
                if done is None:
                    results[number] = self._result(number)
        except BaseException:
            self.close()
            raise
        return [written for share in results if share is not None for written in share]

    def close(self) -> None:
        """Stop the helper once it has finished what it began."""
        for future in self.futures:
            future.cancel()
        self.pool.shutdown(wait=True, cancel_futures=True)
        # The pages handed over and their results are the build's now: a preview server
        # keeps its last build, and so this helper, until its next build.
        self.stamps, self.shares, self.futures = [], [], []

    def _result(self, number: int) -> list[Written]:
        """The helper's result for a share; written here when the helper could not run."""
        try:
            return self.futures[number].result()
        except concurrent.futures.BrokenExecutor:
            return write_share(self.shares[number], self.frames, self.site_dir, self.indexed)
