"""Print documents to tagged A4 PDFs with bookmarks, in a headless Chromium started once."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from kyodo.handouts.chromium import HEADLESS_ARGS, find_chromium


class HandoutError(Exception):
    """The PDFs cannot be made; the message says why and what to do, in Japanese."""


class Printer:
    """A Chromium that prints documents to PDF; started on first use, closed on exit."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._context: BrowserContext | None = None

    def __enter__(self) -> Printer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def _started(self) -> BrowserContext:
        if self._context is None:
            executable = find_chromium()  # before starting Playwright, which it may start too
            if executable is None:
                raise HandoutError(
                    "PDF を作るための Chromium が見つかりません。`make build` を使うと用意されます"
                    "（Debian では apt-get install chromium fonts-noto-cjk）。"
                    "別の場所にあるときは CHROMIUM=/path/to/chromium で指定してください。"
                )
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=executable, args=list(HEADLESS_ARGS)
            )
            # Each page's Content-Security-Policy allows no inline style: the frame is one.
            self._context = self._browser.new_context(bypass_csp=True)
        return self._context

    def pdf(self, document: Path, frame_css: str) -> bytes:
        """The document (a file whose stylesheets and scripts sit around it) as a PDF."""
        page = self._started().new_page()
        try:
            page.goto(document.as_uri(), wait_until="load")
            page.add_style_tag(content=frame_css)
            page.evaluate("document.fonts.ready.then(() => true)")
            return page.pdf(
                prefer_css_page_size=True, print_background=True, tagged=True, outline=True
            )
        finally:
            page.close()
