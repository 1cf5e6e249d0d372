"""Ways to browse (by ward, by field …): a heading on a home page with a link per value, and a
page of their own, so that the folder above every browse view is a page too."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kyodo.site.facets import NOT_INDEXED
from kyodo.site.pages import Crumb, GeneratedPage, breadcrumbs, html_page
from kyodo.site.templating import render
from kyodo.site.urls import folder_index_uri


@dataclass(frozen=True)
class Section:
    """One way to browse: its heading on the home page, its own page, and a view per value."""

    heading: str
    title: str
    lead: str
    src_uri: str
    entries: tuple[tuple[str, str], ...]

    @property
    def crumb(self) -> Crumb:
        """The section as it appears in the breadcrumbs of its views."""
        return (self.title, self.src_uri)


def section_pages(
    sections: Sequence[Section], counts: Mapping[str, int], crumbs: Sequence[Crumb]
) -> list[GeneratedPage]:
    """A page per section, listing its views with their counts."""
    return [
        html_page(
            section.src_uri,
            section.title,
            section.lead,
            render("section_index.html.j2", section.src_uri, section=section, counts=counts),
            hide=["toc"],
            **breadcrumbs(*crumbs),
            **NOT_INDEXED,
        )
        for section in sections
    ]


def view_crumbs(
    sections: Sequence[Section], above: Sequence[Crumb], view_uri: str
) -> tuple[Crumb, ...]:
    """The breadcrumbs of a view: the pages `above` the sections, then the view's section."""
    folder = folder_index_uri(view_uri)
    return (*above, *(section.crumb for section in sections if section.src_uri == folder))
