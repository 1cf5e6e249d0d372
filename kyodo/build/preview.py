"""What the preview server (`mkdocs serve`) keeps from one build of the site to the next.

The server builds the whole site again after every save, into a folder it empties first. What
did not change is not done again: a listing file is read and checked again only once it was
saved (`ReadCache`), and a stamped page is made and checked again only when what it is made of
or its folder's frame changed; otherwise the file written last time is linked into the new site.
Previews write no search index and no PDFs, and their pages say so.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path

from kyodo.domain.directory.load import ReadCache


@dataclass(frozen=True)
class Kept:
    """A page written by an earlier build: what it was made of, and the rules it broke."""

    made_of: Hashable
    problems: tuple[str, ...]


@dataclass
class PreviewMemo:
    """The reads and pages a preview server keeps between builds of one site."""

    reads: ReadCache = field(default_factory=ReadCache)
    pages: dict[str, Kept] = field(default_factory=dict)
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kyodo-preview-")))

    def __post_init__(self) -> None:
        weakref.finalize(self, shutil.rmtree, self.folder, True)

    def reuse(self, url: str, made_of: Hashable, destination: Path) -> tuple[str, ...] | None:
        """Put the page written last time at `destination` and return its problems, when it
        was made of the same; None when the page must be made again."""
        kept = self.pages.get(url)
        if kept is None or made_of is None or kept.made_of != made_of:
            return None
        _link(self._copy(url), destination)
        return kept.problems

    def keep(self, url: str, made_of: Hashable, written: Path, problems: list[str]) -> None:
        """Remember a page just written at `written` for the next build."""
        if made_of is None:
            return
        copy = self._copy(url)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.unlink(missing_ok=True)
        _link(written, copy)
        self.pages[url] = Kept(made_of, tuple(problems))

    def _copy(self, url: str) -> Path:
        return self.folder / url / "index.html"


def _link(source: Path, destination: Path) -> None:
    """A hard link, or a copy where the two folders are on different file systems."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copyfile(source, destination)


_MEMOS: dict[Path, PreviewMemo] = {}


def preview_memo(root: Path) -> PreviewMemo:
    """The memo of the site at `root`, for as long as this process serves it."""
    return _MEMOS.setdefault(root.resolve(), PreviewMemo())
