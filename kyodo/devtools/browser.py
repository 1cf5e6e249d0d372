"""What browser tests, the accessibility sweep and the bench share: the Debian packages still
missing (`python -m kyodo.devtools.browser`, used by `make browser`: Chromium, a Japanese font
and the Java runtime HTML validation needs), a local server and a headless Chromium. Finding
Chromium itself lives with the PDF handouts, which the build runs."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kyodo.handouts.chromium import HEADLESS_ARGS, find_chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def has_japanese_font() -> bool:
    """Tell whether fontconfig knows a font that covers Japanese."""
    if not shutil.which("fc-list"):
        return False
    listing = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True)
    return bool(listing.stdout.strip())


def missing_packages() -> list[str]:
    """Name the Debian packages to install for browser tests, PDFs and validation, if any."""
    missing = [] if find_chromium() else ["chromium"]
    missing += [] if has_japanese_font() else ["fonts-noto-cjk"]
    return missing if shutil.which("java") else [*missing, "default-jre-headless"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(
    folder: Path, prefix: str = "", handler_class: type[QuietHandler] = QuietHandler
) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 while the block runs; yield the URL of `prefix` in it."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{prefix}"
    finally:
        server.shutdown()


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
