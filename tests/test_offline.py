"""Build-time detection of anything a page would fetch from outside the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyodo.build import outside_in_stylesheets
from kyodo.build.stamping import BuildHelper
from kyodo.postbuild.offline import css_urls, is_outside, scan_page


def test_remote_scripts_styles_and_images_are_found() -> None:
    html = """
    <script src="https://cdn.example.com/x.js"></script>
    <link rel="stylesheet" href="//fonts.example.com/css">
    <img src="http://img.example.com/a.png" alt="">
    <img srcset="local.png 1x, https://img.example.com/b.png 2x" alt="">
    """
    assert sorted(scan_page(html).outside) == [
        "//fonts.example.com/css",
        "http://img.example.com/a.png",
        "https://cdn.example.com/x.js",
        "https://img.example.com/b.png",
    ]


@pytest.mark.parametrize(
    ("html", "url"),
    [
        ('<video poster="https://e.example/p.png"></video>', "https://e.example/p.png"),
        ('<img src="\\\\evil.example\\x.png" alt="">', "\\\\evil.example\\x.png"),
        ('<img src="/\\evil.example/x.png" alt="">', "/\\evil.example/x.png"),
        ('<img src=" \thttps://e.example/x" alt="">', " \thttps://e.example/x"),
        ('<p style="background:url(https://e.example/b.png)">x</p>', "https://e.example/b.png"),
        ("<style>@import 'https://e.example/a.css';</style>", "https://e.example/a.css"),
        ('<style>p{background:url("//e.example/b.png")}</style>', "//e.example/b.png"),
        ('<meta http-equiv="refresh" content="0; url=https://e.example/">', "https://e.example/"),
        ('<base href="https://e.example/">', "https://e.example/"),
        ('<form action="https://e.example/post"></form>', "https://e.example/post"),
        ('<a href="x" ping="https://e.example/track">x</a>', "https://e.example/track"),
        ('<svg><image href="https://e.example/i.svg"/></svg>', "https://e.example/i.svg"),
        ('<link rel="preload" href="https://e.example/f.woff2">', "https://e.example/f.woff2"),
    ],
)
def test_every_kind_of_fetch_is_found(html: str, url: str) -> None:
    assert scan_page(html).outside == [url]


def test_elements_that_make_the_theme_load_a_cdn_script_are_found() -> None:
    assert scan_page('<div class="mermaid">graph TD</div>').outside == [
        'class="mermaid" (Material loads it from a CDN)'
    ]


def test_local_resources_and_plain_links_pass() -> None:
    html = """
    <script src="../assets/x.js"></script>
    <link rel="stylesheet" href="/assets/site.css">
    <link rel="canonical" href="https://example.github.io/kyodo/">
    <a href="https://www.example.jp/">外部サイト</a>
    <img src="data.png" alt=""><img src="data:image/png;base64,AAAA" alt="">
    <p style="color: red">x</p>
    """
    assert scan_page(html).outside == []


def test_inline_code_is_collected_for_the_policy() -> None:
    scan = scan_page(
        '<script>var a=1</script><script type="application/ld+json">{}</script>'
        '<p style="text-align: right">x</p><b onclick="x()">y</b>'
    )
    assert (scan.scripts, scan.style_attributes, scan.handlers) == (
        ["var a=1"],
        ["text-align: right"],
        ["<b onclick>"],
    )


def test_css_urls_and_what_counts_as_outside() -> None:
    assert css_urls("a{b:url(x.png)} @import url('y.css'); c{src: url(https://e/z)}") == [
        "x.png",
        "y.css",
        "https://e/z",
    ]
    assert [is_outside(u) for u in ["x.png", "/a", "#h", "data:x", "mailto:a", "//h", "\\/h"]] == [
        False, False, False, False, True, True, True,
    ]  # fmt: skip


def test_a_frame_and_its_body_scanned_apart_find_what_the_whole_page_has() -> None:
    frame = (
        '<html><head><script>var a=1</script><link rel="stylesheet" href="//f.example/c">'
        '</head><body><p style="color: red">x</p><main>SLOT</main></body></html>'
    )
    body = '<h1>t</h1><img src="https://i.example/a.png" alt=""><b onclick="x()">y</b>'
    whole = scan_page(frame.replace("SLOT", body))
    apart = scan_page(frame).joined(scan_page(body))
    assert apart.matches(whole)
    assert sorted(apart.outside) == ["//f.example/c", "https://i.example/a.png"]
    assert (apart.scripts, apart.handlers) == (["var a=1"], ["<b onclick>"])
    assert not scan_page(frame).matches(whole)


def test_style_sheets_that_fetch_from_outside_are_named_also_by_the_helper(
    tmp_path: Path,
) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.css").write_text(
        "@import url('https://fonts.example/f.css'); b{background:url(../img/x.png)}",
        encoding="utf-8",
    )
    (tmp_path / "ok.css").write_text("a{color:red}", encoding="utf-8")
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("url(https://not.css.example/)")
    found = ["assets/a.css: https://fonts.example/f.css"]
    assert outside_in_stylesheets(tmp_path) == found
    helper = BuildHelper()
    try:  # the build has its index's helper look while the stamped pages are written
        assert helper.later(outside_in_stylesheets, tmp_path)() == found
    finally:
        helper.close()
