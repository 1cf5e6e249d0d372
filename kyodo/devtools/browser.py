"""What browser tests, the accessibility sweep and the bench share: the Debian packages still
missing (`python -m kyodo.devtools.browser`, used by `make browser`: Chromium and Japanese
fonts, the PDFs' typeface among them), a local server that serves a site as a static host does, and a headless Chromium. Finding Chromium itself lives with the PDF handouts, which the
build runs."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import sys
import threading
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kyodo.handouts.chromium import (
    HEADLESS_ARGS,
    PRINT_FONT,
    PRINT_FONT_PACKAGE,
    find_chromium,
    has_font,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def missing_packages() -> list[str]:
    """Name the Debian packages to install for PDFs and browser tests, if any: Chromium, a
    Japanese font for the screen and the PDFs' typeface."""
    missing = [] if find_chromium() else ["chromium"]
    if not has_font(":lang=ja"):
        missing.append("fonts-noto-cjk")
    return missing if has_font(f":family={PRINT_FONT}") else [*missing, PRINT_FONT_PACKAGE]


# Served as a static host serves a site, so that what is measured (Lighthouse, the search
# bench) is the site rather than a bare test server: like GitHub Pages, text is gzipped and
# assets may be cached for ten minutes, while pages are checked each time.
ASSET_CACHE = "max-age=600"
PAGE_CACHE = "no-cache"
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Files of one folder as a static host serves them (gzip, cache headers, connections kept
    open), without logging every request."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        page = urlsplit(self.path).path.endswith(("/", ".html"))
        self.send_header("Cache-Control", PAGE_CACHE if page else ASSET_CACHE)
        super().end_headers()

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and kind.startswith(COMPRESSED_TYPES)):
            super().do_GET()  # as is: other files, missing ones, folders without their slash
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def served(
    folder: Path, prefix: str = "", handler_class: type[QuietHandler] = QuietHandler
) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 as a static host would while the block runs; yield the URL
    of `prefix` in it."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium that never reaches the network by itself, closed after the block."""
    from playwright.sync_api import sync_playwright  # a test dependency: tools import it late

    executable = find_chromium()  # before starting Playwright: finding its browser starts it too
    if executable is None:
        raise RuntimeError(
            "Chromium が見つかりません。`make test` を使うか CHROMIUM=/path/to/chromium を指定してください。"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(HEADLESS_ARGS))
        try:
            yield browser
        finally:
            browser.close()


if __name__ == "__main__":
    print(" ".join(missing_packages()))
    sys.exit(0)
