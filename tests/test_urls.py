"""Links between pages: the relative path of two site paths is posixpath.relpath's."""

from __future__ import annotations

import itertools
import posixpath

from kyodo.site.urls import href, relative_path

PATHS = [
    "",
    "directory/",
    "directory/groups/",
    "directory/groups/sakura-kai/",
    "directory/groups/sakura-kai/2/",
    "directory/ward/aoba/",
    "directory/ward/aoba/2/",
    "assets/stylesheets/kyodo.css",
    "guide/templates/agreement.pdf",
    "cases/",
]


def test_relative_paths_are_those_of_posixpath() -> None:
    for target, start in itertools.product(PATHS, PATHS):
        assert relative_path(target, start) == posixpath.relpath("/" + target, "/" + start)


def test_links_between_pages_and_to_files() -> None:
    assert (
        href("directory/groups/sakura-kai.md", "directory/ward/aoba/index.md") == "../../ward/aoba/"
    )
    assert href("directory/groups/sakura-kai.md", "index.md") == "../../../"
    assert href("index.md", "directory/groups/sakura-kai.md") == "directory/groups/sakura-kai/"
    assert (
        href("directory/index.md", "assets/stylesheets/kyodo.css")
        == "../assets/stylesheets/kyodo.css"
    )
    assert href("directory/index.md", "directory/index.md") == "./"
