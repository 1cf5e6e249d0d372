"""The limited Markdown that listings may use in their 紹介文: never raw HTML."""

from __future__ import annotations

import functools
import html
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = ("http", "https", "mailto")


class _LimitTree(Treeprocessor):
    """Headings become paragraphs (the page owns the outline), images become their alt text,
    and links that are not http(s)/mailto lose their target."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                self._limit(parent, child)

    def _limit(self, parent: etree.Element, element: etree.Element) -> None:
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            element.tag = "p"
        elif element.tag == "img":
            replacement = etree.Element("span")
            replacement.text, replacement.tail = element.get("alt", ""), element.tail
            parent[list(parent).index(element)] = replacement
        elif element.tag == "a":
            scheme = urlsplit(element.get("href", "")).scheme.lower()
            if scheme not in SAFE_SCHEMES:
                element.tag = "span"
                element.attrib.clear()
            else:
                element.set("rel", "nofollow ugc")


class _LimitExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_LimitTree(md), "kyodo_limit", 0)


@functools.cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", "nl2br", _LimitExtension()])


def render_limited_markdown(text: str) -> Markup:
    """Render a contributor's Markdown to HTML; any HTML they typed shows as plain text."""
    converter = _converter()
    converter.reset()
    return Markup(converter.convert(html.escape(text, quote=False)))
