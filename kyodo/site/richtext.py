"""The one way contributor text reaches a page as markup: limited Markdown, sanitised.

Raw HTML a contributor types is escaped before Markdown sees it, so it shows as text. The
Markdown tree is then limited (images become their alt text, links keep only safe targets,
links between the site's Markdown pages become site addresses) and the HTML passes nh3, an
allow-list sanitiser: only the tags, attributes and URL schemes below survive."""

from __future__ import annotations

import functools
import html
import posixpath
import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup
from pymdownx.slugs import slugify

from kyodo.site.urls import href

URL_SCHEMES = frozenset({"https", "mailto", "tel"})
_INLINE = {"a", "br", "code", "em", "strong"}
_BLOCKS = {"blockquote", "li", "ol", "p", "ul"}
_SECTIONS = {"h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td"}
_ATTRIBUTES = {
    "a": {"href"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "th": {"align"},
    "td": {"align"},
}
_LINK_REL = "nofollow ugc noopener noreferrer"
# What may follow mailto: or tel:, so that no header (?bcc=, ?body=) rides along.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._+@-]+")


class _LimitTree(Treeprocessor):
    """Images become their alt text; links keep only https/mailto/tel targets or a link to
    another Markdown page of the site (made a site address); without sections, headings
    become paragraphs because the page owns the outline."""

    def __init__(self, md: markdown.Markdown, page_uri: str | None) -> None:
        super().__init__(md)
        self.page_uri = page_uri

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                self._limit(parent, child)

    def _limit(self, parent: etree.Element, element: etree.Element) -> None:
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.page_uri is None:
            element.tag = "p"
        elif element.tag == "img":
            replacement = etree.Element("span")
            replacement.text, replacement.tail = element.get("alt", ""), element.tail
            parent[list(parent).index(element)] = replacement
        elif element.tag == "a":
            target = self._target(element.get("href", ""))
            element.attrib.clear()
            if target is None:
                element.tag = "span"
            else:
                element.set("href", target)

    def _target(self, url: str) -> str | None:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        address = url.partition(":")[2]
        if scheme == "https" or (scheme in URL_SCHEMES and _PLAIN_ADDRESS.fullmatch(address)):
            return url
        if self.page_uri is None or parts.scheme or parts.netloc or "\\" in url:
            return None
        if not parts.path.endswith(".md"):
            return None
        source = posixpath.normpath(posixpath.join(posixpath.dirname(self.page_uri), parts.path))
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return href(self.page_uri, source) + fragment


class _LimitExtension(markdown.Extension):
    def __init__(self, page_uri: str | None) -> None:
        super().__init__()
        self.page_uri = page_uri

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_LimitTree(md, self.page_uri), "kyodo_limit", 0)


@functools.cache
def _converter(page_uri: str | None) -> markdown.Markdown:
    extensions: list[markdown.Extension | str] = ["sane_lists", _LimitExtension(page_uri)]
    if page_uri is None:
        extensions.append("nl2br")
    else:
        extensions += ["tables", TocExtension(slugify=slugify(case="lower"))]
    return markdown.Markdown(extensions=extensions)


def _sanitise(fragment: str, sections: bool) -> str:
    tags = _INLINE | _BLOCKS | (_SECTIONS if sections else set())
    return nh3.clean(
        fragment,
        tags=tags,
        attributes={tag: names for tag, names in _ATTRIBUTES.items() if tag in tags},
        url_schemes=set(URL_SCHEMES),
        link_rel=_LINK_REL,
        strip_comments=True,
    )


def render_rich_text(text: str, page_uri: str | None = None) -> Markup:
    """A contributor's Markdown as safe HTML. Short texts (a listing's 紹介文) get paragraphs,
    lists and links; a body with `page_uri` (a case narrative at that page) also keeps its
    headings (with ids) and tables, and its links to other pages of the site."""
    converter = _converter(page_uri)
    converter.reset()
    converted = converter.convert(html.escape(text, quote=False))
    return Markup(_sanitise(converted, sections=page_uri is not None))
