"""When the content of each page last changed: from git when the files are committed, else
from the files' modification dates."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    if shutil.which("git") is None:
        return None
    command = ["git", "-c", "core.quotePath=false", *args]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


def committed_dates(root: Path, folder: str) -> dict[str, datetime.date]:
    """The date of the last commit that touched each file below a folder, by path from root."""
    log = _git(root, "log", "--format=%x00%cs", "--name-only", "--relative", "--", folder)
    dates: dict[str, datetime.date] = {}
    day = None
    for line in (log or "").splitlines():
        if line.startswith("\0"):
            day = datetime.date.fromisoformat(line[1:])
        elif line and day is not None:
            dates.setdefault(line, day)
    return dates


def changed_files(root: Path, folder: str) -> set[str]:
    """Files below a folder that differ from the last commit, or are not committed yet."""
    edited = _git(root, "diff", "--name-only", "--relative", "HEAD", "--", folder)
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "--", folder)
    return {line for line in f"{edited or ''}\n{untracked or ''}".splitlines() if line}


def modified_date(path: Path) -> datetime.date:
    """The file's modification date, in local time."""
    return datetime.date.fromtimestamp(path.stat().st_mtime)


def last_changed(root: Path, paths: Iterable[str], folder: str) -> dict[str, datetime.date]:
    """The date each file (by path from root, below folder) last changed: its last commit,
    unless it has changed since or git knows nothing of it."""
    committed, changed = committed_dates(root, folder), changed_files(root, folder)
    return {
        path: committed[path]
        if path in committed and path not in changed
        else modified_date(root / path)
        for path in paths
    }


def japanese_date(day: datetime.date) -> str:
    """A date as printed on handouts, e.g. 2026年12月1日."""
    return f"{day.year}年{day.month}月{day.day}日"
