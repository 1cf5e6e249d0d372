"""Stamped pages: thousands of pages of one kind written from one shell the theme drew.

Every listing page of a folder has the same theme around it: the same navigation, header,
footer and relative links, with only its title, description, address, search filters and body
differing; so do the later pages of a long list (`x/2/`, `x/3/` …). The theme draws that frame
once per folder and kind of page (`Stamp.frame`), around a prototype page whose values are
sentinels (`prototype`); each page is then the frame with its own values put in
(`Shell.fill`), written by the build once the generator has written its own pages; the
sitemap gets their addresses in place of the prototype's (`with_stamped_pages`). Neither the
theme nor the generator does any work per stamped page.

The first page of each frame (its witness) is drawn by the theme in full; the build checks
that the stamp of it is the same page, so a theme change that puts something else of a page
into its frame stops the build instead of publishing wrong pages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from kyodo.site.pages import GeneratedPage, html_page

# Sentinels no page can contain where the theme prints them: listing ids have no underscore.
# The last step of a prototype's address names its kind of page: a folder may hold a frame of
# each (the listings of directory/groups/ and the later pages of the list of all groups).
_STEP = "kyodo_stamp_"
KINDS = ("page", "list")
_TITLE = "kyodo_stamp_title"
_DESCRIPTION = "kyodo_stamp_description"
_FILTER_NAME, _FILTER_VALUE = "kyodo_stamp_filter", "values"
_FILTERS = f"{_FILTER_NAME}:{_FILTER_VALUE}"
# With an h1 of its own, the theme adds none, as with the listing bodies that replace it.
_BODY = "<h1>kyodo_stamp_body</h1>"
_STEPS = tuple(_STEP + kind for kind in KINDS)
_SITEMAP_ENTRY = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.S)
_SLOTS = re.compile(
    "|".join(re.escape(s) for s in (*_STEPS, _TITLE, _DESCRIPTION, _FILTERS, _BODY))
)


class StampError(Exception):
    """The theme drew something of a page outside the values stamped into its frame."""


@dataclass(frozen=True)
class Stamp:
    """A page written from its frame's shell: its values, and its body made when written."""

    src_uri: str
    title: str
    description: str
    meta: Mapping[str, Any]
    body: Callable[[], str]
    # What the body is made from, for a preview to tell whether the page changed; None when
    # that cannot be told.
    inputs: Hashable = None
    kind: str = "page"  # one of KINDS: a listing's page, or a later page of a long list

    @property
    def folder(self) -> str:
        """The folder below docs/ the page is in."""
        return folder_of(self.src_uri)

    @functools.cached_property
    def frame(self) -> str:
        """Its frame's prototype below docs/, shared by the pages of its folder and kind."""
        return prototype_uri(self.folder, self.kind)

    def page(self) -> GeneratedPage:
        """The page as the theme would draw it in full."""
        return html_page(self.src_uri, self.title, self.description, self.body(), **self.meta)

    def filters(self) -> str:
        """The page's search filters as the theme writes them (overrides/main.html)."""
        facets = self.meta.get("facets") or {}
        return str(escape(", ".join(f"{n}:{v}" for n, values in facets.items() for v in values)))


def prototype(stamp: Stamp) -> GeneratedPage:
    """The page of sentinels the theme draws the frame of `stamp` around."""
    meta = dict(stamp.meta)
    if "facets" in meta:
        meta["facets"] = {_FILTER_NAME: [_FILTER_VALUE]}
    return html_page(stamp.frame, _TITLE, _DESCRIPTION, _BODY, **meta)


def prototype_uri(folder: str, kind: str) -> str:
    """Where the prototype of a folder's pages of one kind is below docs/."""
    return f"{folder}{_STEP}{kind}.md"


def witnesses(stamps: Sequence[Stamp]) -> list[Stamp]:
    """The first page of each frame, which the theme draws in full to check the frame."""
    first: dict[str, Stamp] = {}
    for stamp in stamps:
        first.setdefault(stamp.frame, stamp)
    return list(first.values())


def generated_pages(stamps: Sequence[Stamp], drawn: Sequence[Stamp]) -> list[GeneratedPage]:
    """What the generator gets of the stamped pages: per frame its prototype, then the pages
    the theme draws in full (`drawn`, the witnesses at least)."""
    return [*(prototype(stamp) for stamp in witnesses(stamps)), *(s.page() for s in drawn)]


def split_stamps(
    pages: Sequence[GeneratedPage | Stamp],
) -> tuple[list[GeneratedPage], list[Stamp]]:
    """The pages the generator draws, and those stamped."""
    drawn = [page for page in pages if isinstance(page, GeneratedPage)]
    return drawn, [page for page in pages if isinstance(page, Stamp)]


def folder_of(src_uri: str) -> str:
    """The folder of a page below docs/, with its slash: `directory/groups/x.md` is in
    `directory/groups/`."""
    return src_uri.rpartition("/")[0] + "/"


def is_prototype(src_uri: str) -> bool:
    """Whether a page is a frame's prototype, which the published site does not keep."""
    return src_uri.rpartition("/")[2].removesuffix(".md") in _STEPS


def page_name(src_uri: str) -> str:
    """The last step of a page's address: `directory/groups/x.md` is x."""
    return src_uri.rpartition("/")[2].removesuffix(".md")


@dataclass(frozen=True)
class Shell:
    """A frame, drawn by the theme around its prototype."""

    html: str

    def fill(self, stamp: Stamp, body: str) -> str:
        """The page of `stamp` with its (converted) body, in one pass over the frame: values put
        in are never read again, whatever they contain."""
        values = {
            **dict.fromkeys(_STEPS, page_name(stamp.src_uri)),
            _TITLE: str(escape(stamp.title)),
            _DESCRIPTION: str(escape(stamp.description)),
            _FILTERS: stamp.filters(),
            _BODY: body,
        }
        return _SLOTS.sub(lambda match: values[match[0]], self.html)


def check_witness(shell: Shell, stamp: Stamp, body: str, drawn: str) -> None:
    """Raise StampError when the stamp of a page differs from the theme's full drawing of it."""
    stamped = shell.fill(stamp, body)
    if stamped == drawn:
        return
    pairs = zip(stamped.splitlines(), drawn.splitlines(), strict=False)
    line, (ours, theirs) = next(
        ((n, pair) for n, pair in enumerate(pairs, 1) if pair[0] != pair[1]), (0, ("", ""))
    )
    raise StampError(
        f"{stamp.src_uri}: 型から作ったページが、テーマが描いたページと違います"
        f"（{line} 行目: {ours.strip()!r} と {theirs.strip()!r}）。"
        "テーマの更新でページごとに変わる部分が増えたときに起きます。kyodo/site/stamps.py を直してください。"
    )


def with_stamped_pages(sitemap: str, frames: Iterable[str], stamps: Sequence[Stamp]) -> str:
    """The generator's sitemap with each prototype of `frames` replaced by the `stamps` of
    that frame (none, when the theme drew every page of it), each entry written as the
    generator wrote the prototype's; in one pass over the sitemap."""
    by_frame: dict[str, list[Stamp]] = {}
    for stamp in stamps:
        by_frame.setdefault(stamp.frame, []).append(stamp)
    addresses = {f"/{frame.removesuffix('.md')}/": frame for frame in frames}

    def stamped(entry: re.Match[str]) -> str:
        loc = entry[1]
        address = next((a for a in addresses if loc.endswith(a)), None) if _STEP in loc else None
        if address is None:
            return entry[0]
        folder, pages = folder_of(addresses[address]), by_frame.get(addresses[address], [])
        return "".join(
            entry[0].replace(address, f"/{folder}{page_name(s.src_uri)}/") for s in pages
        )

    return _SITEMAP_ENTRY.sub(stamped, sitemap)
