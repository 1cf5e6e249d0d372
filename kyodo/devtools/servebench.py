"""Edit → reload for `kyodo bench`: how long `mkdocs serve` takes to show a saved listing."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

# The summary every measured edit writes, and how long a step may take before giving up.
EDITED_SUMMARY = "計測のために書き換えた紹介文です。"
PATIENCE_SECONDS = 3600


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def _wait(condition: Callable[[], bool]) -> bool:
    """Poll `condition` until it holds (True) or PATIENCE_SECONDS pass (False)."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def site_path(project: Path) -> str:
    """The path of the site's address (`/kyodo/`), under which `mkdocs serve` serves it."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", config, re.M)
    return urlsplit(match[1]).path if match else "/"


def serve_edit(project: Path, listing_id: str) -> float | None:
    """Seconds from saving one group listing of `project` with a new summary to `mkdocs serve`
    serving its page with it; None when the server never shows it."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}{site_path(project)}directory/groups/{listing_id}/"
    source = project / "directory" / "groups" / f"{listing_id}.yml"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, cwd=project, stdout=log, stderr=log, env=environment)
        try:
            if not _wait(lambda: _page(url) is not None):
                return None
            text = source.read_text(encoding="utf-8")
            source.write_text(
                re.sub(r"^summary: .*$", f"summary: {EDITED_SUMMARY}", text, count=1, flags=re.M),
                encoding="utf-8",
            )
            saved = time.monotonic()
            shown = _wait(lambda: EDITED_SUMMARY in (_page(url) or ""))
            return time.monotonic() - saved if shown else None
        finally:
            server.terminate()
            server.wait()
