"""Edit → reload for `kyodo bench`: how long `mkdocs serve` takes to show a saved listing."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
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


def wait_for(condition: Callable[[], bool], patience: float = PATIENCE_SECONDS) -> bool:
    """Poll `condition` until it holds (True) or `patience` seconds pass (False)."""
    deadline = time.monotonic() + patience
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


@dataclass(frozen=True)
class PreviewServer:
    """`mkdocs serve` of a project, on a free port: its address and what it has logged."""

    url: str
    log: IO[bytes]

    def page(self, path: str) -> str | None:
        """The text of a page below the site's address, or None when it is not served."""
        return _page(self.url + path)

    def logged(self) -> str:
        """Everything the server has written so far."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", errors="replace")


# `python -m mkdocs`, stopped by SIGINT as by Ctrl+C also when started from a background job,
# whose processes inherit an ignored SIGINT (Python keeps it ignored: the server would not stop
# until killed, and a killed server leaves its preview's files behind).
_INTERRUPTIBLE = (
    "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "runpy.run_module('mkdocs', run_name='__main__', alter_sys=True)"
)


@contextlib.contextmanager
def preview_server(project: Path) -> Iterator[PreviewServer]:
    """Run `mkdocs serve` in `project` until the block ends."""
    port = _free_port()
    command = [sys.executable, "-c", _INTERRUPTIBLE, "serve", "--dev-addr", f"127.0.0.1:{port}"]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, cwd=project, stdout=log, stderr=log, env=environment)
        try:
            yield PreviewServer(f"http://127.0.0.1:{port}{site_path(project)}", log)
        finally:
            # As Ctrl+C stops it: the server then removes its site and its preview's files.
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def listing_file(project: Path, listing_id: str) -> Path:
    """The file of a group listing of `project`."""
    return project / "directory" / "groups" / f"{listing_id}.yml"


def save_summary(project: Path, listing_id: str, summary: str) -> None:
    """Save a group listing of `project` with a new summary."""
    source = listing_file(project, listing_id)
    text = source.read_text(encoding="utf-8")
    source.write_text(
        re.sub(r"^summary: .*$", f"summary: {summary}", text, count=1, flags=re.M),
        encoding="utf-8",
    )


@dataclass(frozen=True)
class ServeRun:
    """`mkdocs serve` of a project: seconds from its start until a listing page is served (its
    first build, a preview without index and PDFs), and from saving the listing until the
    page shows the change; None where it never did."""

    first_build: float | None
    edit: float | None


def serve_edit(project: Path, listing_id: str) -> ServeRun:
    """Start `mkdocs serve` in `project`, then save one group listing with a new summary;
    measure both until the server shows them."""
    page = f"directory/groups/{listing_id}/"
    started = time.monotonic()
    with preview_server(project) as server:
        if not wait_for(lambda: server.page(page) is not None):
            return ServeRun(None, None)
        first_build = time.monotonic() - started
        save_summary(project, listing_id, EDITED_SUMMARY)
        saved = time.monotonic()
        shown = wait_for(lambda: EDITED_SUMMARY in (server.page(page) or ""))
        return ServeRun(first_build, time.monotonic() - saved if shown else None)
