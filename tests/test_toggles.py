"""The theme's checkbox toggles lose the autocomplete attribute HTML forbids on them."""

from __future__ import annotations

from kyodo.postbuild.toggles import valid_toggles


def test_only_the_theme_toggles_change() -> None:
    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input id="kyodo-header-q" type="search" name="q" autocomplete="off">'
    )
    assert valid_toggles(page) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input id="kyodo-header-q" type="search" name="q" autocomplete="off">'
    )
