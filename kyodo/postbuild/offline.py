"""Keep built pages free of resources fetched from other hosts."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Tags whose URLs the browser fetches by itself. A regular expression rather than an HTML
# parser: this runs on every built page, and the parser cost more than the rest of the build.
_TAG = re.compile(r"<(script|img|source|iframe|video|audio|embed|object|link)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_URL_ATTRIBUTES = {"src", "srcset", "data"}
_FETCHED_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon"}


def is_remote(url: str) -> bool:
    """Tell whether a URL points at another host (absolute or protocol-relative)."""
    return bool(urlsplit(url.strip()).netloc)


def _fetched_urls(tag: str, attributes: dict[str, str]) -> list[str]:
    if tag == "link":
        rels = set(attributes.get("rel", "").lower().split())
        return [attributes.get("href", "")] if rels & _FETCHED_LINK_RELS else []
    urls = []
    for name in _URL_ATTRIBUTES & attributes.keys():
        urls += [part.split()[0] for part in attributes[name].split(",") if part.strip()]
    return urls


def remote_resources(html: str) -> list[str]:
    """List the URLs a browser would fetch from other hosts when opening this page."""
    found = []
    for match in _TAG.finditer(html):
        attributes = {
            m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(match[2])
        }
        found += [url for url in _fetched_urls(match[1].lower(), attributes) if is_remote(url)]
    return found
