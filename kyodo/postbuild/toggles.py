"""Material's hidden toggles (the menu drawer, its search) are checkboxes that carry
`autocomplete="off"`, which HTML allows only on inputs that take text."""

from __future__ import annotations

import re

_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def valid_toggles(page_html: str) -> str:
    """The built page without `autocomplete` on the theme's toggles.

    The theme sets it so that Firefox does not reopen the drawer of a page reloaded with the
    drawer open; kyodo.js closes the toggles whenever a page is shown instead."""
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", page_html)
