"""What pages need to know about the site they are built into."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urljoin


@dataclass(frozen=True)
class SiteSettings:
    """The site's public address, its repository, and the date content is judged against.

    A site without `repo_url` has no public repository: its pages then offer no edit links
    (the sample configuration leaves it out; a deployment sets it, see README.md)."""

    site_url: str
    repo_url: str
    edit_base: str
    today: datetime.date

    @classmethod
    def from_config(
        cls, site_url: str | None, repo_url: str | None, edit_uri: str | None, today: datetime.date
    ) -> SiteSettings:
        """Settings from a generator's configuration; edit links point at the repository root."""
        docs_edit = urljoin(f"{repo_url or ''}".rstrip("/") + "/", edit_uri or "")
        return cls(site_url or "/", repo_url or "", urljoin(docs_edit, "../"), today)

    def edit_url(self, source: str) -> str | None:
        """The repository's editor for a file given relative to the repository root, if any."""
        return urljoin(self.edit_base, source) if self.repo_url else None
