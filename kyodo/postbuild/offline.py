"""Keep built pages free of anything fetched from outside the site.

Pages are parsed as a browser parses them (Lexbor, an HTML5 parser) and their CSS with a CSS
tokenizer, so that every URL a browser would fetch is seen: URL attributes of any element,
`srcset`, `style` attributes, `<style>` sheets (`url()` and `@import`), meta refresh and base.
The same pass collects the page's inline scripts and styles for its Content-Security-Policy."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tinycss2
from selectolax.lexbor import LexborHTMLParser, LexborNode

# Attributes whose URL the browser fetches (or navigates to) without being asked.
_FETCHED = {
    "src", "srcset", "poster", "data", "action", "formaction", "background", "manifest",
    "icon", "ping", "lowsrc", "dynsrc", "codebase", "archive", "xlink:href", "longdesc",
}  # fmt: skip
_HREF_FETCHED_BY = {"image", "use", "feimage", "script", "base"}
# Link relations that only describe a page; every other `<link>` fetches its href.
_DESCRIPTIVE_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "edit"}
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.I)
# Material fetches mermaid.js from a CDN for any element of this class.
_CDN_CLASSES = {"mermaid"}


def is_outside(url: str) -> bool:
    """Whether a URL leaves the site: any scheme (but data:) or a network path (`//`, `\\\\`)."""
    text = re.sub(r"[\t\n\r]", "", url).strip()
    if text.lower().startswith("data:"):
        return False
    return bool(_SCHEME.match(text)) or text[:2].replace("\\", "/") == "//"


def css_urls(css: str, *, declarations: bool = False) -> list[str]:
    """Every URL a style sheet (or a `style` attribute's declarations) refers to."""
    nodes = tinycss2.parse_blocks_contents(css) if declarations else tinycss2.parse_stylesheet(css)
    return list(_urls_in(nodes))


def _urls_in(nodes: list[object]) -> list[str]:
    found = []
    for node in nodes:
        kind = getattr(node, "type", "")
        if kind == "url":
            found.append(str(getattr(node, "value", "")))
        elif kind == "function" and getattr(node, "lower_name", "") in ("url", "src", "image-set"):
            found += [str(a.value) for a in getattr(node, "arguments", []) if a.type == "string"]
        elif kind == "at-rule" and getattr(node, "lower_at_keyword", "") == "import":
            found += [str(t.value) for t in getattr(node, "prelude", []) if t.type == "string"]
        for part in ("prelude", "content", "arguments", "value"):
            children = getattr(node, part, None)
            if isinstance(children, list):
                found += _urls_in(children)
    return found


@dataclass
class PageScan:
    """What a page would fetch from outside the site, and its inline code for the CSP."""

    outside: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)
    style_sheets: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)

    def joined(self, other: PageScan) -> PageScan:
        """The scan of a page made of this one's markup with `other`'s put inside it."""
        return PageScan(
            self.outside + other.outside,
            self.scripts + other.scripts,
            self.style_attributes + other.style_attributes,
            self.style_sheets + other.style_sheets,
            self.handlers + other.handlers,
        )

    def matches(self, other: PageScan) -> bool:
        """Whether both scans found the same things, in whatever order."""
        fields = ("outside", "scripts", "style_attributes", "style_sheets", "handlers")
        return all(sorted(getattr(self, f)) == sorted(getattr(other, f)) for f in fields)


def _attribute_urls(node: LexborNode, name: str, value: str) -> list[str]:
    tag = node.tag or ""
    if name == "srcset":
        return [part.split()[0] for part in value.split(",") if part.strip()]
    if name in _FETCHED or (name == "href" and tag in _HREF_FETCHED_BY):
        return [value]
    if name == "href" and tag == "link":
        rels = set((node.attributes.get("rel") or "").lower().split())
        return [] if rels and rels <= _DESCRIPTIVE_RELS else [value]
    if name == "content" and tag == "meta":
        refresh = (node.attributes.get("http-equiv") or "").lower() == "refresh"
        match = _REFRESH_URL.search(value) if refresh else None
        return [match[1]] if match else []
    return []


def _scan_node(node: LexborNode, scan: PageScan) -> None:
    for name, value in node.attributes.items():
        text = value or ""
        lowered = name.lower()
        if lowered.startswith("on"):
            scan.handlers.append(f"<{node.tag} {name}>")
        elif lowered == "style":
            scan.style_attributes.append(text)
            scan.outside += [u for u in css_urls(text, declarations=True) if is_outside(u)]
        else:
            scan.outside += [u for u in _attribute_urls(node, lowered, text) if is_outside(u)]
    if _CDN_CLASSES & set((node.attributes.get("class") or "").split()):
        scan.outside.append(f'class="{" ".join(_CDN_CLASSES)}" (Material loads it from a CDN)')
    if node.tag == "style":
        scan.style_sheets.append(node.text(deep=True))
        scan.outside += [u for u in css_urls(node.text(deep=True)) if is_outside(u)]
    elif node.tag == "script" and "src" not in node.attributes:
        kind = (node.attributes.get("type") or "").lower()
        if kind not in ("application/json", "application/ld+json"):
            scan.scripts.append(node.text(deep=True))


# Elements that can fetch, carry inline code or load a CDN: the parser selects them, so that the
# thousands of plain links and text elements of a page are never visited one by one.
_CANDIDATES = ", ".join(
    [
        *("[" + name.replace(":", "\\:") + "]" for name in sorted(_FETCHED)),
        *(f"{tag}[href]" for tag in sorted(_HREF_FETCHED_BY | {"link"})),
        "[style]", "style", "script", "meta[http-equiv]", *(f".{c}" for c in sorted(_CDN_CLASSES)),
    ]
)  # fmt: skip
# Any attribute named on… anywhere: only then are all elements visited for event handlers.
_HANDLER_HINT = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)


def scan_page(html: str) -> PageScan:
    """Everything in a page that CSP and the offline rule care about."""
    scan = PageScan()
    tree = LexborHTMLParser(html)
    if tree.root is None:
        return scan
    if _HANDLER_HINT.search(html):
        nodes = list(tree.root.traverse())
    else:
        # A node matching several selectors is returned once for each: keep it once.
        nodes = list({node.mem_id: node for node in tree.root.css(_CANDIDATES)}.values())
    for node in nodes:
        _scan_node(node, scan)
    return scan
