"""Chapter markers (`[[cases form=委託]]`) replaced by the list of the cases they select."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kyodo.domain.cases.markers import MARKER, selected
from kyodo.domain.cases.model import CaseStudy
from kyodo.site.templating import render


def expand_markers(markdown: str, page_uri: str, cases: Sequence[CaseStudy]) -> str:
    """The chapter with each marker replaced by an HTML list of its cases (checked markers
    select something; an unreadable one is left as it is, which the content check reports)."""

    def replace(match: re.Match[str]) -> str:
        chosen = selected(match, cases)
        if chosen is None:
            return match[0]
        html = render("_case_items.html.j2", page_uri, cases=chosen)
        return f"\n\n{html.strip()}\n\n"

    return MARKER.sub(replace, markdown)
