"""What the preview server (`mkdocs serve`) keeps from one build of the site to the next.

The server builds the whole site again after every save, into a folder it empties first. What
did not change is not done again: a listing file is read and checked again only once it was
saved (`ReadCache`), and a stamped page is made and checked again only when what it is made of
or its frame changed; otherwise the file written last time is linked into the new site.
Previews write no search index and no PDFs, and their pages say so.

When only listing files were saved since the last build, the server first rewrites just their
pages in the site it serves (`changed_listings` says which), and builds the whole site a moment
later (`rebuild_folder`), so that lists and suggestions follow.
"""

from __future__ import annotations

import os
import shutil
import stat
import urllib.parse
import weakref
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kyodo.build.scratch import scratch_folder
from kyodo.domain.directory.load import KINDS, TEMPLATE_NAME, ReadCache
from kyodo.domain.directory.model import Listing
from kyodo.domain.site_content import SiteContent


class Build(Protocol):
    """What the preview keeps of a finished build (`kyodo.build.SiteBuild`)."""

    content: SiteContent

    def restamp(self, saved: Sequence[Listing], site_dir: Path) -> list[str] | None: ...


# What the preview server watches for saves (besides the configuration file).
WATCHED = ("docs", "directory", "case_studies", "overrides")
Snapshot = dict[Path, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """Every watched file's modification time and size (a file removed meanwhile is left out)."""
    found: Snapshot = {}
    for path in [root / "mkdocs.yml", *(p for f in WATCHED for p in (root / f).rglob("*"))]:
        try:
            status = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(status.st_mode):
            found[path] = (status.st_mtime_ns, status.st_size)
    return found


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
    folder: Path = field(default_factory=lambda: scratch_folder("preview"))
    # The last build that finished, the site it wrote, and the watched files it was made from.
    last: Build | None = None
    site_dir: Path | None = None
    made_from: Snapshot = field(default_factory=dict)
    # Whether the site is whole: a build that starts empties it first.
    whole: bool = False

    def __post_init__(self) -> None:
        weakref.finalize(self, shutil.rmtree, self.folder, True)
        self.rebuild_folder.mkdir()

    @property
    def rebuild_folder(self) -> Path:
        """A folder for the server to watch: a file saved in it asks for a whole build."""
        return self.folder / "rebuild"

    def started(self, root: Path) -> None:
        """A build starts from the files as they are now."""
        self.whole = False
        self.made_from = snapshot(root)

    def finished(self, build: Build, site_dir: Path) -> None:
        """A build wrote the whole site."""
        self.last, self.site_dir, self.whole = build, site_dir, True

    def changed_listings(self, root: Path) -> list[tuple[Path, str]] | None:
        """The listing files (with their schemas) saved since the last build, when nothing
        else was saved, added or removed since and that build wrote the whole site; None
        otherwise (and when nothing changed)."""
        now = snapshot(root)
        if not self.whole or now.keys() != self.made_from.keys():
            return None
        changed = [path for path, stamp in now.items() if self.made_from[path] != stamp]
        schemas = [_schema_of(path, root) for path in changed]
        if not changed or None in schemas:
            return None
        return [(path, schema) for path, schema in zip(changed, schemas, strict=True) if schema]

    def has(self, url: str, made_of: Hashable) -> bool:
        """Whether the page written last time at `url` was made of the same."""
        kept = self.pages.get(url)
        return kept is not None and made_of is not None and kept.made_of == made_of

    def reuse(self, url: str, made_of: Hashable, destination: Path) -> tuple[str, ...] | None:
        """Put the page written last time at `destination` and return its problems, when it
        was made of the same; None when the page must be made again."""
        if not self.has(url, made_of):
            return None
        _link(self._copy(url), destination)
        return self.pages[url].problems

    def keep(self, url: str, made_of: Hashable, written: Path, problems: list[str]) -> None:
        """Remember a page just written at `written` for the next build."""
        if made_of is None:
            return
        copy = self._copy(url)
        copy.unlink(missing_ok=True)
        _link(written, copy)
        self.pages[url] = Kept(made_of, tuple(problems))

    def _copy(self, url: str) -> Path:
        """Where the page at `url` is kept: all in one folder, as making a folder for each
        of thousands of pages took a second of each build."""
        return self.folder / "pages" / f"{urllib.parse.quote(url, safe='')}.html"


def _schema_of(path: Path, root: Path) -> str | None:
    """The schema of a listing file, None for any other file."""
    parts = path.relative_to(root).parts
    if len(parts) != 3 or parts[0] != "directory" or parts[1] not in KINDS:
        return None
    if parts[2] == TEMPLATE_NAME or not parts[2].endswith(".yml"):
        return None
    return KINDS[parts[1]]


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
