"""Build-time detection of resources that would be fetched from other hosts."""

from __future__ import annotations

from kyodo.postbuild.offline import remote_resources


def test_remote_scripts_styles_and_images_are_found() -> None:
    html = """
    <script src="https://cdn.example.com/x.js"></script>
    <link rel="stylesheet" href="//fonts.example.com/css">
    <img src="http://img.example.com/a.png" alt="">
    <img srcset="local.png 1x, https://img.example.com/b.png 2x" alt="">
    """
    assert remote_resources(html) == [
        "https://cdn.example.com/x.js",
        "//fonts.example.com/css",
        "http://img.example.com/a.png",
        "https://img.example.com/b.png",
    ]


def test_local_resources_and_plain_links_pass() -> None:
    html = """
    <script src="../assets/x.js"></script>
    <link rel="stylesheet" href="/assets/site.css">
    <link rel="canonical" href="https://example.github.io/kyodo/">
    <a href="https://www.example.jp/">外部サイト</a>
    <img src="data.png" alt="">
    """
    assert remote_resources(html) == []
