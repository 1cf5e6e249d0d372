"""Where every kind of page lives below docs/, and how pages link to each other."""

from __future__ import annotations

import posixpath

from kyodo.domain.cases.model import CaseStudy
from kyodo.domain.directory.model import Business, Listing

SITE_ROOT = "index.md"
CONTRIBUTING = "contributing/index.md"
HOME = "directory/index.md"
GROUPS_INDEX = "directory/groups/index.md"
BUSINESS_HOME = "directory/businesses/index.md"
BUSINESSES_INDEX = "directory/businesses/all/index.md"
CASES_HOME = "cases/index.md"
SEARCH_PAGE = "search/index.md"
OPENDATA_PAGE = "opendata/index.md"
PARTNERS_HOME = "directory/partners/index.md"
RESULTS_PAGE = "about/accessibility-results.md"
GLOSSARY = "guide/glossary.md"


def listing_uri(listing: Listing) -> str:
    """The page of one group or business."""
    folder = "businesses" if isinstance(listing, Business) else "groups"
    return f"directory/{folder}/{listing.id}.md"


def _index(*steps: str) -> str:
    """The index page of a folder; empty steps are left out, so that a browse address without
    its key is the page listing every value."""
    return posixpath.join(*steps, "index.md")


def ward_uri(slug: str = "") -> str:
    """The browse page of one ward (without a ward: the list of wards)."""
    return _index("directory/ward", slug)


def field_uri(code: str = "", business: bool = False) -> str:
    """The browse page of one activity field (a CSR theme for businesses)."""
    return _index(f"directory/{'businesses/theme' if business else 'field'}", code)


def offer_uri(slug: str = "") -> str:
    """The browse page of businesses offering one kind of support."""
    return _index("directory/businesses/offer", slug)


def partner_view_uri(need_slug: str, ward_slug: str = "") -> str:
    """The list of listings that can meet one need, in every ward or in one."""
    return f"directory/partners/{need_slug}/{ward_slug + '/' if ward_slug else ''}index.md"


def partner_data_path(need_slug: str) -> str:
    """The data the partner finder's script reads for one need."""
    return f"directory/partners/{need_slug}.json"


def kind_uri(slug: str = "") -> str:
    """The browse page of one kind of group."""
    return _index("directory/kind", slug)


def kana_uri(slug: str = "") -> str:
    """The browse page of one 五十音 row."""
    return _index("directory/kana", slug)


def case_uri(case: CaseStudy) -> str:
    """The page of one case study."""
    return f"cases/{case.id}.md"


def case_view_uri(kind: str, key: object = "") -> str:
    """A list of cases by form, field, ward or year."""
    return _index("cases", kind, str(key))


def folder_index_uri(src_uri: str) -> str:
    """The index page of the folder that holds a page's own folder, e.g. the page listing
    every ward for `directory/ward/aoba/index.md`."""
    folder = posixpath.dirname(src_uri.removesuffix("index.md").rstrip("/") or ".")
    return f"{folder}/index.md"


def page_url(src_uri: str) -> str:
    """The site-relative URL of a page, as MkDocs gives it with directory URLs."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def href(from_src: str, to: str) -> str:
    """A relative link from one page to another page (`x.md`) or to a site file."""
    target = page_url(to) if to.endswith(".md") else to
    relative = relative_path(target, page_url(from_src))
    return relative + "/" if target.endswith("/") or not target else relative


def relative_path(target: str, start: str) -> str:
    """posixpath.relpath of two paths below the site's root, which have no `.` or `..` steps;
    without its normalising, which took a tenth of the listing pages' rendering."""
    to = [step for step in target.split("/") if step]
    base = [step for step in start.split("/") if step]
    shared = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        shared += 1
    return "/".join([".."] * (len(base) - shared) + to[shared:]) or "."


def source_link(from_src: str, to_src: str) -> str:
    """A relative link between two Markdown sources, which MkDocs checks and rewrites."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
