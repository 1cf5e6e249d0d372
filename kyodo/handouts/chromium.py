"""Find the Chromium that renders the PDF handouts and runs the browser tests, and tell whether
the PDFs' typeface is there."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

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


@functools.cache
def playwright_chromium() -> str | None:
    """Return the path of Playwright's own Chromium when it has been downloaded.

    Remembered: asking starts Playwright, which cannot start while a test's Playwright runs."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if Path(path).is_file() else None


def find_chromium() -> str | None:
    """Return a Chromium executable: $CHROMIUM, Playwright's browser, or the system's.

    Call it before starting Playwright: finding Playwright's own browser starts it too."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return playwright_chromium() or next(filter(None, map(shutil.which, SYSTEM_CHROMIUMS)), None)


# The typeface the PDFs are printed in (print.css), and its Debian and Ubuntu package.
PRINT_FONT = "BIZ UDPGothic"
PRINT_FONT_PACKAGE = "fonts-morisawa-bizud-gothic"


def has_font(pattern: str) -> bool:
    """Tell whether fontconfig knows a font that matches a pattern (":lang=ja", ":family=…")."""
    if not shutil.which("fc-list"):
        return False
    listing = subprocess.run(["fc-list", pattern, "family"], capture_output=True, text=True)
    return bool(listing.stdout.strip())
