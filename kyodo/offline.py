"""Keep built pages free of resources fetched from other hosts."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

# Attributes whose URL the browser fetches by itself when the page loads.
_FETCHED = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}
_FETCHED_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon"}


class _ResourceCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if (tag, name) in _FETCHED:
                self.urls.extend(part.split()[0] for part in value.split(",") if part.strip())
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and rels & _FETCHED_LINK_RELS:
            self.urls.append(values.get("href", ""))


def is_remote(url: str) -> bool:
    """Tell whether a URL points at another host (absolute or protocol-relative)."""
    return bool(urlsplit(url.strip()).netloc)


def remote_resources(html: str) -> list[str]:
    """List the URLs a browser would fetch from other hosts when opening this page."""
    collector = _ResourceCollector()
    collector.feed(html)
    return [url for url in collector.urls if is_remote(url)]
