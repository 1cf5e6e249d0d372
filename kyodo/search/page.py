"""The search page: a form whose fields carry the query and filters in the address."""

from __future__ import annotations

from kyodo.content.vocabulary import activity_fields, collaboration_forms, wards
from kyodo.search.pagefind_files import PRELOADS
from kyodo.site.facets import NOT_INDEXED
from kyodo.site.pages import GeneratedPage, html_page
from kyodo.site.templating import environment
from kyodo.site.urls import SEARCH_PAGE

# Filter: its Pagefind name, the URL parameter that carries it, and its values.
FILTERS = (
    ("種類", "kind", ["ガイド", "事例", "団体", "企業"]),
    ("区", "ward", list(wards())),
    ("活動分野", "field", [field.label for field in activity_fields().values()]),
    ("協働の形態", "form", list(collaboration_forms())),
)


def search_body(preview: bool = False) -> str:
    """The search page's body: the form, with one fieldset of checkboxes per filter; a
    preview's says that it has no index to search instead."""
    template = environment().get_template("search.html.j2")
    return template.render(filters=FILTERS, open=False, preview=preview, preloads=PRELOADS)


def render_search_page(preview: bool = False) -> GeneratedPage:
    """The search page (`search_body`)."""
    html = search_body(preview)
    description = "手引き・事例・団体・企業をまとめて検索します。"
    return html_page(
        SEARCH_PAGE, "サイト内検索", description, html, hide=["toc", "navigation"], **NOT_INDEXED
    )
