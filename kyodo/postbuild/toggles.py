"""Material's hidden toggles (the menu drawer, its search) are checkboxes that carry
`autocomplete="off"`, which HTML allows only on inputs that take text; the toggles of
navigation sections with an index page have no name."""

from __future__ import annotations

import re

_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def valid_toggles(page_html: str) -> str:
    """The built page without `autocomplete` on the theme's toggles.

    The theme sets it so that Firefox does not reopen the drawer of a page reloaded with the
    drawer open; kyodo.js closes the toggles whenever a page is shown instead."""
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", page_html)


# Material's toggle of a navigation section that has an index page (navigation.indexes) is a
# label with only an icon in it; it also names the section's navigation (aria-labelledby).
_SECTION_TITLE = re.compile(
    r'<label class="md-nav__title" for="(__nav\w*)">\s*<span class="md-nav__icon md-icon"></span>'
    r"([^<]*)</label>"
)
_ICON_ONLY_TOGGLE = re.compile(
    r'(<label class="md-nav__link[^"]*" for="(__nav\w*)" id="\2_label"[^>]*>\s*'
    r'<span class="md-nav__icon md-icon"></span>)(\s*</label>)'
)


def named_section_toggles(page_html: str) -> str:
    """The built page with a name in each icon-only section toggle of the theme's navigation
    (「協働の手引き」のページ一覧), which screen readers give the toggle and the section's
    navigation; without it, every such navigation is named by an empty label."""
    titles = {path: " ".join(title.split()) for path, title in _SECTION_TITLE.findall(page_html)}

    def named(toggle: re.Match[str]) -> str:
        title = titles.get(toggle[2])
        if not title:
            return toggle[0]
        return f'{toggle[1]}<span class="kyodo-visually-hidden">「{title}」のページ一覧</span>{toggle[3]}'

    return _ICON_ONLY_TOGGLE.sub(named, page_html)


def fixed_toggles(page_html: str) -> str:
    """A page the theme drew, with its toggles valid (`valid_toggles`) and named
    (`named_section_toggles`)."""
    return named_section_toggles(valid_toggles(page_html))
