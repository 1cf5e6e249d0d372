"""Scratch folders of builds and preview servers, named after their process: a process ended
by a signal runs no clean-up, so each new folder first removes those whose process is gone."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "kyodo-"


def scratch_folder(kind: str) -> Path:
    """A new folder `kyodo-<kind>-<process id>-…` in the system's temporary folder."""
    remove_abandoned(Path(tempfile.gettempdir()))
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-{os.getpid()}-"))


def remove_abandoned(temporary: Path) -> None:
    """Remove the scratch folders in `temporary` of processes that no longer run."""
    if os.name != "posix":  # signal 0 only asks whether a process runs on POSIX systems
        return
    for folder in temporary.glob(f"{PREFIX}*-*-*"):
        parts = folder.name.split("-")
        if len(parts) == 4 and parts[2].isdigit() and not _running(int(parts[2])):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True
