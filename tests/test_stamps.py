"""Stamped pages: values go into a folder's frame once, and a frame that does not give the
theme's drawing of a page stops the build."""

from __future__ import annotations

import concurrent.futures
import functools
import math
import os
from pathlib import Path

import pytest

from kyodo.build.stamping import (
    SHARE_PAGES,
    BuildHelper,
    Frame,
    OutsideResourceError,
    write_share,
)
from kyodo.postbuild.offline import scan_page
from kyodo.site.pages import GeneratedPage
from kyodo.site.stamps import (
    Shell,
    Stamp,
    StampError,
    check_witness,
    generated_pages,
    prototype,
    with_stamped_pages,
    witnesses,
)


def stamp(src_uri: str, title: str = "さくら会", description: str = "花壇の会です。") -> Stamp:
    meta = {"hide": ["toc"], "facets": {"種類": ["団体"], "区": ["青葉区", "泉区"]}}
    return Stamp(src_uri, title, description, meta, lambda: f"<h1>{title}</h1>")


def frame(page: GeneratedPage) -> Shell:
    """A frame as a theme draws it: the page's values where themes print them raw."""
    meta = page.content.split("---\n")[1]
    fields = dict(line.split(": ", 1) for line in meta.splitlines() if ": " in line)
    filters = "kyodo_stamp_filter:values"
    return Shell(
        f"<title>{fields['title']} - 手引き</title>\n"
        f'<meta name="description" content="{fields["description"]}">\n'
        f'<link rel="canonical" href="https://example.jp/{page.src_uri[:-3]}/">\n'
        f'<div data-pagefind-filter="{filters}">{page.html}</div>\n'
    )


def test_values_go_in_once_whatever_they_contain() -> None:
    hostile = stamp("directory/groups/sakura.md", '<b>"kyodo_stamp_title" & kyodo_stamp_page</b>')
    shell = frame(prototype(hostile))
    assert shell.fill(hostile, "<p>kyodo_stamp_description</p>").splitlines() == [
        "<title>&lt;b&gt;&#34;kyodo_stamp_title&#34; &amp; kyodo_stamp_page&lt;/b&gt; - 手引き</title>",
        '<meta name="description" content="花壇の会です。">',
        '<link rel="canonical" href="https://example.jp/directory/groups/sakura/">',
        '<div data-pagefind-filter="種類:団体, 区:青葉区, 区:泉区"><p>kyodo_stamp_description</p></div>',
    ]


def test_a_frame_that_differs_from_the_theme_stops_the_build() -> None:
    page = stamp("directory/groups/sakura.md")
    shell = frame(prototype(page))
    drawn = shell.fill(page, "<h1>さくら会</h1>").replace("<title>", "<title>新着 ")
    check_witness(shell, page, "<h1>さくら会</h1>", shell.fill(page, "<h1>さくら会</h1>"))
    with pytest.raises(StampError) as raised:
        check_witness(shell, page, "<h1>さくら会</h1>", drawn)
    assert str(raised.value) == (
        "directory/groups/sakura.md: 型から作ったページが、テーマが描いたページと違います"
        "（1 行目: '<title>さくら会 - 手引き</title>' と '<title>新着 さくら会 - 手引き</title>'）。"
        "テーマの更新でページごとに変わる部分が増えたときに起きます。kyodo/site/stamps.py を直してください。"
    )


def test_the_generator_gets_each_folders_prototype_and_witness_only() -> None:
    stamps = [
        stamp(f"directory/{folder}/{n}.md") for folder in ("groups", "businesses") for n in "abc"
    ]
    pages = generated_pages(stamps, witnesses(stamps))
    assert [page.src_uri for page in pages] == [
        "directory/groups/kyodo_stamp_page.md",
        "directory/businesses/kyodo_stamp_page.md",
        "directory/groups/a.md",
        "directory/businesses/a.md",
    ]
    assert pages[2].html == "<h1>さくら会</h1>" and "title: さくら会" in pages[2].content
    assert "title: kyodo_stamp_title" in pages[0].content


def test_the_sitemap_lists_the_stamped_pages_in_place_of_the_prototypes() -> None:
    entry = "\n    <url>\n         <loc>https://example.jp/kyodo/{}/</loc>\n    </url>"
    prototypes = ("directory/groups/kyodo_stamp_page", "directory/businesses/kyodo_stamp_page")
    sitemap = "<urlset>{}{}{}{}\n</urlset>".format(
        *(entry.format(p) for p in ("directory/groups/a", *prototypes, "cases"))
    )
    stamps = [stamp("directory/groups/b.md"), stamp("directory/groups/c.md")]
    frames = [f"{p}.md" for p in prototypes]  # the businesses' all drawn
    assert with_stamped_pages(sitemap, frames, stamps) == "<urlset>{}{}{}{}\n</urlset>".format(
        *(
            entry.format(p)
            for p in ("directory/groups/a", "directory/groups/b", "directory/groups/c", "cases")
        )
    )


def list_page(src_uri: str) -> Stamp:
    meta = {"hide": ["toc"], "search": {"exclude": True}}
    return Stamp(src_uri, "すべての団体", "一覧です。", meta, lambda: "<h1>一覧</h1>", None, "list")


def test_a_folder_holds_a_frame_for_each_kind_of_page() -> None:
    stamps = [
        *(stamp(f"directory/groups/{n}.md") for n in "ab"),
        *(list_page(f"directory/groups/{n}.md") for n in "234"),
    ]
    pages = generated_pages(stamps, witnesses(stamps))
    assert [page.src_uri for page in pages] == [
        "directory/groups/kyodo_stamp_page.md",
        "directory/groups/kyodo_stamp_list.md",
        "directory/groups/a.md",
        "directory/groups/2.md",
    ]
    assert "facets" in pages[0].content and "facets" not in pages[1].content
    assert frame(pages[1]).fill(stamps[4], "<h1>一覧</h1>").splitlines()[2] == (
        '<link rel="canonical" href="https://example.jp/directory/groups/4/">'
    )
    entry = "<url><loc>https://example.jp/kyodo/{}/</loc></url>"
    prototypes = (page.src_uri.removesuffix(".md") for page in pages[:2])
    sitemap = "".join(entry.format(p) for p in prototypes)
    frames = [stamp.frame for stamp in stamps[::2]]
    expected = "".join(entry.format(f"directory/groups/{n}") for n in "b34")
    assert with_stamped_pages(sitemap, frames, [stamps[1], *stamps[3:]]) == expected


def test_a_second_process_writes_stamped_pages_as_one_process_does(tmp_path: Path) -> None:
    stamps = [
        Stamp(
            f"directory/groups/g{n}.md",
            f"会{n}",
            "花壇の会です。",
            {"facets": {"種類": ["団体"]}},
            functools.partial(str, f"<h1>会{n}</h1><p>花壇の手入れ{n}</p>"),
        )
        for n in range(3 * SHARE_PAGES + 5)
    ]
    shell = Shell(
        "<html><head><title>kyodo_stamp_title</title></head><body>"
        '<div data-pagefind-body data-pagefind-filter="kyodo_stamp_filter:values">'
        "<h1>kyodo_stamp_body</h1></div><!--/pagefind-body--></body></html>"
    )
    frames = {"directory/groups/kyodo_stamp_page.md": Frame(shell, scan_page(shell.html))}
    alone = write_share(stamps, frames, tmp_path / "alone", True)
    helper = BuildHelper()
    helper.prepare_bodies(stamps[: SHARE_PAGES + 3])  # as while the generator draws its pages
    helper.stamp(stamps, frames, tmp_path / "helped", True)
    first = helper.futures[0]
    concurrent.futures.wait([first])  # the helper has written the first share
    helped = helper.finish()
    helper.close()
    assert not first.cancelled() and helper.stamps == [] and helper.futures == []
    assert helped == alone
    assert [w.record.url for w in helped if w.record] == [
        f"/directory/groups/g{n}/" for n in range(len(stamps))
    ]
    for page in (tmp_path / "alone").rglob("*.html"):
        assert (
            tmp_path / "helped" / page.relative_to(tmp_path / "alone")
        ).read_bytes() == page.read_bytes()
    assert len(list((tmp_path / "helped").rglob("*.html"))) == len(stamps)
    # A body made beforehand is the one written, and is not kept once written.
    bodies = {stamps[0].src_uri: "<h1>会0</h1><p>前もって作った本文</p>"}
    write_share(stamps[:2], frames, tmp_path / "prepared", True, bodies)
    assert bodies == {}
    first_page = tmp_path / "prepared" / "directory" / "groups" / "g0" / "index.html"
    assert "前もって作った本文" in first_page.read_text(encoding="utf-8")


def test_what_the_second_process_finds_stops_the_build(tmp_path: Path) -> None:
    outside = Stamp(
        "directory/groups/g.md",
        "会",
        "説明",
        {},
        functools.partial(str, '<img src="https://x.example/a.png" alt="">'),
    )
    shell = Shell("<html><body><h1>kyodo_stamp_body</h1></body></html>")
    helper = BuildHelper()
    helper.stamp(
        [outside],
        {"directory/groups/kyodo_stamp_page.md": Frame(shell, scan_page(shell.html))},
        tmp_path,
        True,
    )
    concurrent.futures.wait(helper.futures)
    with pytest.raises(OutsideResourceError, match=r"https://x\.example/a\.png"):
        helper.finish()


def test_jobs_fall_back_to_this_process_when_the_helper_dies(tmp_path: Path) -> None:
    helper = BuildHelper()
    try:
        assert helper.later(math.comb, 60, 7)() == math.comb(60, 7)
        died = helper.pool.submit(os._exit, 1)
        with pytest.raises(concurrent.futures.BrokenExecutor):
            died.result()
        assert helper.later(math.comb, 50, 7)() == math.comb(50, 7)
        shell = Shell("<html><body><h1>kyodo_stamp_body</h1></body></html>")
        frames = {"directory/groups/kyodo_stamp_page.md": Frame(shell, scan_page(shell.html))}
        page = Stamp("directory/groups/g.md", "会", "説明", {}, functools.partial(str, "<p>会</p>"))
        helper.stamp([page], frames, tmp_path, True)
        assert helper.stamps == [] and helper.finish() == []  # the build writes every page
    finally:
        helper.close()
