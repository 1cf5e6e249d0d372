"""Glossary terms linked from where they are used: the first use of each term on a page."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pymdownx.slugs import slugify

_TERM = re.compile(r"^## (.+?)\s*$", re.M)
_PARTS = re.compile(r"(<[^>]+>)")
_OPEN = re.compile(r"<(a|h[1-6]|code|pre|script|style|abbr|summary|button|label)\b", re.I)
_CLOSE = re.compile(r"</(a|h[1-6]|code|pre|script|style|abbr|summary|button|label)\s*>", re.I)
_slug = slugify(case="lower")


def glossary_terms(glossary_markdown: str) -> dict[str, str]:
    """Each term (an h2 of the glossary) with its anchor on the glossary page."""
    return {term: _slug(term, "-") for term in _TERM.findall(glossary_markdown)}


def _link_text(text: str, remaining: dict[str, str]) -> str:
    """Link the first use of every remaining term in one text node, longest term first."""
    out, position = [], 0
    while remaining:
        found = [(text.find(term, position), -len(term), term) for term in remaining]
        found = [hit for hit in found if hit[0] >= 0]
        if not found:
            break
        start, _, term = min(found)
        href = remaining.pop(term)
        out.append(f'{text[position:start]}<a class="kyodo-term" href="{href}">{term}</a>')
        position = start + len(term)
        # A shorter term inside the one just linked is used there too: leave it for later.
    return "".join(out) + text[position:]


def link_first_uses(content: str, terms: Mapping[str, str]) -> str:
    """HTML with the first use of each term outside links, headings and code linked to `terms[term]`."""
    remaining = dict(terms)
    depth = 0
    parts = _PARTS.split(content)
    for index, part in enumerate(parts):
        if part.startswith("<"):
            depth += bool(_OPEN.match(part)) - bool(_CLOSE.match(part))
        elif depth == 0 and part.strip() and remaining:
            parts[index] = _link_text(part, remaining)
    return "".join(parts)
