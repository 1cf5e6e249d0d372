"""Print documents to tagged A4 PDFs with bookmarks, in headless Chromiums started once per run:
one per core, up to PRINTERS, printing side by side."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from kyodo.handouts.chromium import HEADLESS_ARGS, PRINT_FONT_PACKAGE, find_chromium

# Chromiums printing at once, at most. One print already keeps more than one core busy
# (Chromium's own processes): on 2 cores, two at once took the sample's 29 PDFs from 24.9 s
# to 22.5 s.
PRINTERS = 4


class HandoutError(Exception):
    """The PDFs cannot be made; the message says why and what to do, in Japanese."""


class Printer:
    """A Chromium that prints documents to PDF; started on first use, closed on exit."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._page: Page | None = None

    def __enter__(self) -> Printer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._browser is not None:  # its page and context with it
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def _started(self) -> Page:
        if self._page is None:
            executable = find_chromium()  # before starting Playwright, which it may start too
            if executable is None:
                raise HandoutError(
                    "PDF を作るための Chromium が見つかりません。`make build` を使うと用意されます"
                    f"（Debian では apt-get install chromium fonts-noto-cjk {PRINT_FONT_PACKAGE}）。"
                    "別の場所にあるときは CHROMIUM=/path/to/chromium で指定してください。"
                )
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=executable, args=list(HEADLESS_ARGS)
            )
            # Each page's Content-Security-Policy allows no inline style: the frame is one.
            # The pages' scripts do not run: nothing they do belongs on paper (the document
            # opens its collapsed blocks itself, as handouts.js does in a browser; tables are
            # not wrapped by Material's script, and print.css lays them out either way), and
            # loading them took about 0.8 s of a print's 1.6 s. Without scripts a document
            # leaves nothing running behind it, so one tab prints them all.
            context = self._browser.new_context(bypass_csp=True, java_script_enabled=False)
            self._page = context.new_page()
        return self._page

    def pdf(self, document: Path) -> bytes:
        """The document (a file whose stylesheets and images sit around it) as a PDF, once it
        and they have loaded (the fonts are the system's: there is no web font to wait for)."""
        page = self._started()
        page.goto(document.as_uri(), wait_until="load")
        return page.pdf(prefer_css_page_size=True, print_background=True, tagged=True, outline=True)


def print_all(jobs: Sequence[Callable[[Printer], bytes]]) -> list[bytes]:
    """Run every job with a printer of its thread, a Chromium per core (at most PRINTERS) at
    once; returns their PDFs in the order of `jobs`. Put the longest jobs first.

    Playwright's synchronous API belongs to the thread that started it: each thread starts
    and closes its own Chromium. The first error stops the others and is raised here."""
    results: list[bytes | None] = [None] * len(jobs)
    errors: list[BaseException] = []
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for number in range(len(jobs)):
        todo.put(number)

    def work() -> None:
        try:
            with Printer() as printer:
                while not errors:
                    try:
                        number = todo.get_nowait()
                    except queue.Empty:
                        return
                    results[number] = jobs[number](printer)
        except BaseException as error:  # raised again in the caller's thread
            errors.append(error)

    workers = min(PRINTERS, os.cpu_count() or 1, len(jobs))
    threads = [threading.Thread(target=work, name=f"printer-{n}") for n in range(workers)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()
    except BaseException as error:  # interrupted: the threads stop after the job at hand
        errors.append(error)
        raise
    if errors:
        raise errors[0]
    printed = [data for data in results if data is not None]
    assert len(printed) == len(jobs)
    return printed
