"""All of the site's structured content, loaded and checked together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kyodo.content.problems import ContentError, Problem, in_file_order
from kyodo.domain.cases.load import check_cases
from kyodo.domain.cases.markers import chapter_marker_problems
from kyodo.domain.cases.model import CaseStudy
from kyodo.domain.directory.load import ReadAll, ReadCache, check_directory, read_listings
from kyodo.domain.directory.model import Directory


@dataclass(frozen=True)
class SiteContent:
    """The directory and the case studies, validated and modelled."""

    directory: Directory
    cases: tuple[CaseStudy, ...]

    def summary(self) -> str:
        """How much content there is, in Japanese."""
        directory = self.directory
        return f"団体 {len(directory.groups)}件、企業 {len(directory.businesses)}件、事例 {len(self.cases)}件"


def check_content(
    root: Path, reads: ReadCache | None = None, read_all: ReadAll = read_listings
) -> tuple[SiteContent, list[Problem]]:
    """Load everything under the repository root (listings with `read_all`, those `reads`
    does not keep when given); return what is valid and every problem."""
    directory, problems = check_directory(root / "directory", root, reads, read_all)
    cases, case_problems = check_cases(root / "case_studies", root, directory)
    markers = chapter_marker_problems(root / "docs", root)
    return SiteContent(directory, cases), in_file_order([*problems, *case_problems, *markers])


def load_content(
    root: Path, reads: ReadCache | None = None, read_all: ReadAll = read_listings
) -> SiteContent:
    """Everything under the repository root, or ContentError naming every problem."""
    content, problems = check_content(root, reads, read_all)
    if problems:
        raise ContentError(problems)
    return content


# Everything content checking reads: listings, cases, and the chapters (their markers, and the
# chapters and anchors that cases link to).
CHECKED_FOLDERS = ("directory", "case_studies", "docs/guide")


Fingerprint = tuple[tuple[str, int, int], ...]


def _fingerprint(root: Path) -> Fingerprint:
    entries = sorted(path for folder in CHECKED_FOLDERS for path in (root / folder).rglob("*"))
    return tuple((str(p), p.lstat().st_mtime_ns, p.lstat().st_size) for p in entries)


# The content `current_content` loaded last, by what it was loaded from.
_last: dict[tuple[Path, Fingerprint, ReadCache | None], SiteContent] = {}


def current_content(
    root: Path, reads: ReadCache | None = None, read_all: ReadAll = read_listings
) -> SiteContent:
    """The content as it is on disk now, read once for all hooks of a build (and re-read after
    edits, through `reads` when given: the files it does not keep are read by `read_all`)."""
    key = (root, _fingerprint(root), reads)
    if key not in _last:
        content = load_content(root, reads, read_all)
        _last.clear()
        _last[key] = content
    return _last[key]
