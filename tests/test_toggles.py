"""The theme's checkbox toggles lose the autocomplete attribute HTML forbids on them."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from kyodo.postbuild.toggles import named_section_toggles, valid_toggles


def test_only_the_theme_toggles_change() -> None:
    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input id="kyodo-header-q" type="search" name="q" autocomplete="off">'
    )
    assert valid_toggles(page) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input id="kyodo-header-q" type="search" name="q" autocomplete="off">'
    )


def test_each_section_toggle_and_its_navigation_get_the_sections_name() -> None:
    """As Material draws a section with an index page: the toggle after the section's link
    holds only an icon, and it is what names the section's navigation."""
    page = """<div class="md-nav__link md-nav__container">
<a href="../guide/" class="md-nav__link"><span class="md-ellipsis">協働の手引き</span></a>
<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="0">
  <span class="md-nav__icon md-icon"></span>
</label>
</div>
<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label" aria-expanded="false">
<label class="md-nav__title" for="__nav_2">
  <span class="md-nav__icon md-icon"></span>
  協働の手引き
</label>
<label class="md-nav__link" for="__nav_2_3" id="__nav_2_3_label" tabindex="0">
  <span class="md-ellipsis">様式集</span>
  <span class="md-nav__icon md-icon"></span>
</label>
</nav>"""
    named = named_section_toggles(page)
    toggle = LexborHTMLParser(named).css_first("#__nav_2_label")
    assert " ".join(toggle.text().split()) == "「協働の手引き」のページ一覧"
    # Only the icon-only toggle changes: a toggle with its own text keeps it, alone.
    assert (
        named.replace('<span class="kyodo-visually-hidden">「協働の手引き」のページ一覧</span>', "")
        == page
    )
    assert named_section_toggles(named) == named  # once only
