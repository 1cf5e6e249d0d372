"""Jobs handed to a helper process when the build has one, and done here otherwise."""

from __future__ import annotations

import collections
import concurrent.futures
from collections.abc import Callable
from typing import Any

_Job = tuple[concurrent.futures.Future[Any], Callable[..., Any], tuple[Any, ...]]


class Offload:
    """Runs jobs in `helper` (an executor of one process) when there is one, and here when
    there is none or it cannot run them. At most `waiting` jobs wait at a time, so that the
    data they carry stays small; `wait` returns once every job is done, raising what a job
    raised."""

    def __init__(self, helper: concurrent.futures.Executor | None, waiting: int = 8) -> None:
        self.helper, self.waiting = helper, waiting
        self.pending: collections.deque[_Job] = collections.deque()

    def run(self, function: Callable[..., Any], *args: Any) -> None:
        if self.helper is not None:
            try:
                future = self.helper.submit(function, *args)
            except (concurrent.futures.BrokenExecutor, RuntimeError):
                self.helper = None  # broken or shut down: the rest is done here
            else:
                self.pending.append((future, function, args))
                while len(self.pending) > self.waiting:
                    self._settle()
                return
        function(*args)

    def wait(self) -> None:
        while self.pending:
            self._settle()

    def _settle(self) -> None:
        future, function, args = self.pending.popleft()
        try:
            future.result()
        except concurrent.futures.BrokenExecutor:
            function(*args)
