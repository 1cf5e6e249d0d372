"""Jobs handed to a helper process when the build has one, and done here otherwise."""

from __future__ import annotations

import collections
import concurrent.futures
from collections.abc import Callable
from typing import Any

_Job = tuple[concurrent.futures.Future[Any], Callable[..., Any], tuple[Any, ...]]


class Offload:
    """Runs jobs in `helper` (an executor of one process) when there is one, and here when
    there is none, it cannot run them, or it is behind: once `waiting` jobs wait for it, the
    next is done here rather than waited for, so that both processes stay busy and the data
    the jobs carry stays small. `wait` returns once every job is done, raising what a job
    raised."""

    def __init__(self, helper: concurrent.futures.Executor | None, waiting: int = 2) -> None:
        self.helper, self.waiting = helper, waiting
        self.pending: collections.deque[_Job] = collections.deque()

    def run(self, function: Callable[..., Any], *args: Any) -> None:
        while self.pending and self.pending[0][0].done():
            self._settle()
        if self.helper is not None and len(self.pending) < self.waiting:
            try:
                future = self.helper.submit(function, *args)
            except (concurrent.futures.BrokenExecutor, RuntimeError):
                self.helper = None  # broken or shut down: the rest is done here
            else:
                self.pending.append((future, function, args))
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
