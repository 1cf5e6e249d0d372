"""Pages generated at build time: where they live, how they link, how long lists are split."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml
from markupsafe import Markup, escape

from kyodo.site.urls import BUSINESS_HOME, CASES_HOME, GROUPS_INDEX, HOME, SITE_ROOT, page_url

T = TypeVar("T")
PAGE_SIZE = 100
# The pagination links the first page, the last and this many on either side of the current
# one, so that a long list costs each of its pages the same few links.
PAGE_WINDOW = 2
# A page above another in the breadcrumbs: its title and its source below docs/.
Crumb = tuple[str, str]
HOME_CRUMB: Crumb = ("ホーム", SITE_ROOT)
DIRECTORY_CRUMB: Crumb = ("団体・企業をさがす", HOME)
GROUPS_CRUMB: Crumb = ("すべての団体", GROUPS_INDEX)
BUSINESS_CRUMB: Crumb = ("企業の社会貢献窓口", BUSINESS_HOME)
CASES_CRUMB: Crumb = ("協働の事例", CASES_HOME)


@dataclass(frozen=True)
class GeneratedPage:
    """A page that exists only in the build, at `src_uri` below `docs/`.

    `content` is the Markdown source MkDocs reads. Pages built from data carry their body as
    finished `html` instead: their Markdown is only the front matter, and the build puts
    the HTML in place of the (empty) converted body, skipping Markdown's slow HTML parsing.
    """

    src_uri: str
    content: str
    html: str | None = None


def html_page(src_uri: str, title: str, description: str, html: str, **meta: Any) -> GeneratedPage:
    """A generated page whose body is ready-made HTML."""
    return GeneratedPage(src_uri, front_matter(title, description, **meta), html)


def front_matter(title: str, description: str, **meta: Any) -> str:
    """YAML front matter; title and description are escaped because themes print them raw."""
    fields = {"title": str(escape(title)), "description": str(escape(description)), **meta}
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n\n"


def breadcrumbs(*crumbs: Crumb) -> dict[str, Any]:
    """Front matter giving the theme's breadcrumbs the pages above a page, from the top."""
    return {"breadcrumbs": [{"title": title, "url": page_url(uri)} for title, uri in crumbs]}


def json_ld(data: dict[str, Any]) -> Markup:
    """A JSON-LD script element whose text cannot close the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


@dataclass(frozen=True)
class Slice:
    """One page of a long list, with what the pagination links need."""

    items: Sequence[Any]
    number: int
    count: int
    src_uri: str
    sibling_uris: tuple[str, ...]

    def title(self, title: str) -> str:
        """A list's title, with the page number when the list has more than one page."""
        return title if self.count == 1 else f"{title}（{self.number}/{self.count}ページ）"

    def shown(self) -> list[int | tuple[int, int]]:
        """The page numbers the pagination links, and (first, last) for each run of pages it
        leaves out; a gap of one page shows that page instead."""
        near = range(
            max(1, self.number - PAGE_WINDOW), min(self.count, self.number + PAGE_WINDOW) + 1
        )
        shown: list[int | tuple[int, int]] = []
        last = 0
        for n in sorted({1, *near, self.count}):
            if n - last == 2:
                shown.append(n - 1)
            elif n - last > 2:
                shown.append((last + 1, n - 1))
            shown.append(n)
            last = n
        return shown


def paginate(items: Sequence[T], src_uri: str, size: int = PAGE_SIZE) -> list[Slice]:
    """Split a list into pages: `x/index.md`, then `x/2.md`, `x/3.md` … (at least one page)."""
    folder = src_uri.removesuffix("index.md")
    count = max(1, -(-len(items) // size))
    uris = tuple(src_uri if n == 1 else f"{folder}{n}.md" for n in range(1, count + 1))
    return [
        Slice(items[(n - 1) * size : n * size], n, count, uris[n - 1], uris)
        for n in range(1, count + 1)
    ]
