"""Glossary terms are linked from their first use in each chapter, to an entry that exists."""

from __future__ import annotations

import re

from kyodo.postbuild.glossary import glossary_terms, link_first_uses
from tests.conftest import ROOT, BuiltSite


def test_first_use_outside_links_and_headings_is_linked_once() -> None:
    html = "<h2>協働とは</h2><p>市の<a href='x'>協働</a>と、協働事業と協働の話です。協働は続きます。</p><code>協働</code>"
    linked = link_first_uses(html, {"協働": "g/#協働", "協働事業": "g/#協働事業"})
    assert linked == (
        "<h2>協働とは</h2><p>市の<a href='x'>協働</a>と、"
        '<a class="kyodo-term" href="g/#協働事業">協働事業</a>と'
        '<a class="kyodo-term" href="g/#協働">協働</a>の話です。協働は続きます。</p><code>協働</code>'
    )


def test_chapters_link_terms_to_entries_that_exist(site: BuiltSite) -> None:
    glossary = site.read("guide/glossary/")
    terms = glossary_terms((ROOT / "docs/guide/glossary.md").read_text(encoding="utf-8"))
    assert len(terms) >= 20
    anchors = set(re.findall(r'<h2 id="([^"]+)"', glossary))
    linked_somewhere = set()
    for page in (site.path / "guide").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a class="kyodo-term" href="[^"#]*#([^"]+)">([^<]+)</a>', html)
        assert len({term for _, term in links}) == len(links), page
        for anchor, term in links:
            assert anchor in anchors and terms[term] == anchor, (page, term)
            linked_somewhere.add(term)
    assert len(linked_somewhere) >= 0.8 * len(terms)
