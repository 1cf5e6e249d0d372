"""Find the Chromium and the Japanese font that browser tests and PDF handouts need."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Flags for a headless Chromium that never reaches the network on its own.
HEADLESS_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def playwright_chromium() -> str | None:
    """Return the path of Playwright's own Chromium when it has been downloaded."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if Path(path).is_file() else None


def find_chromium() -> str | None:
    """Return a Chromium executable: $CHROMIUM, Playwright's browser, or the system's."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return playwright_chromium() or next(filter(None, map(shutil.which, SYSTEM_CHROMIUMS)), None)


def has_japanese_font() -> bool:
    """Tell whether fontconfig knows a font that covers Japanese."""
    if not shutil.which("fc-list"):
        return False
    listing = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True)
    return bool(listing.stdout.strip())


def missing_packages() -> list[str]:
    """Name the Debian packages to install for browser tests and PDFs, if any."""
    missing = [] if find_chromium() else ["chromium"]
    return missing if has_japanese_font() else [*missing, "fonts-noto-cjk"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path, prefix: str = "") -> Iterator[str]:
    """Serve a folder on 127.0.0.1 while the block runs; yield the URL of `prefix` in it."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
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
