"""Checklists are for printing and ticking by hand: their boxes are drawn, not form controls."""

from __future__ import annotations

import re

_BOX = re.compile(r'<input type="checkbox" disabled(?:="[^"]*")?\s*/?>', re.I)
PRINTED_BOX = '<span class="kyodo-checkbox" aria-hidden="true"></span>'


def printable_tasklists(content: str) -> str:
    """Task-list checkboxes as drawn boxes: a disabled checkbox has no label a screen reader
    could announce, while the list item's own text already says what to check."""
    return _BOX.sub(PRINTED_BOX, content)
