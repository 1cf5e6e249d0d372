"""Every page's Content-Security-Policy: only the site's own origin, enforced by the browser.

The policy is a meta element, the first thing in the head, so that it covers every script.
Inline scripts and style attributes the theme writes are allowed by their hashes, nothing else
inline: an injected script or handler would not run even if it reached a page."""

from __future__ import annotations

import base64
import hashlib

from kyodo.postbuild.offline import PageScan

_CHARSET = '<meta charset="utf-8">'


def source_hash(text: str) -> str:
    """A CSP hash source for an inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scan: PageScan) -> str:
    """The policy of one page, from the inline code it carries."""
    scripts = sorted({source_hash(s) for s in scan.scripts})
    styles = sorted({source_hash(s) for s in [*scan.style_attributes, *scan.style_sheets]})
    style_sources = ["'self'", *(["'unsafe-hashes'"] if scan.style_attributes else []), *styles]
    directives = {
        "default-src": ["'none'"],
        # Pagefind runs WebAssembly, which needs wasm-unsafe-eval (not eval of JavaScript).
        "script-src": ["'self'", "'wasm-unsafe-eval'", *scripts],
        "style-src": style_sources,
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "media-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def with_policy(html: str, page_policy: str) -> str:
    """The page with its policy as the first element of the head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{page_policy}">'
    if _CHARSET in html:
        return html.replace(_CHARSET, _CHARSET + meta, 1)
    return html.replace("<head>", "<head>" + meta, 1)
