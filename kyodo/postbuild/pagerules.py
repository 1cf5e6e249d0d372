"""Rules every built page must keep: one h1, no skipped heading levels, images with alt text,
tables with header cells, link texts that say where they go, Japanese as the page language."""

from __future__ import annotations

import html
import itertools
import re

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>", re.I)
_IMG = re.compile(r"<img\b([^>]*)>", re.I)
_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_LANG = re.compile(r'<html\b[^>]*\blang="([^"]*)"', re.I)
VAGUE_LINK_TEXTS = {
    "こちら",
    "ここ",
    "ここをクリック",
    "こちらをクリック",
    "詳しくはこちら",
    "here",
    "click here",
    "more",
}


def _attribute(attributes: str, name: str) -> str | None:
    match = re.search(rf'\b{name}\s*=\s*"([^"]*)"', attributes, re.I)
    return html.unescape(match[1]) if match else None


def heading_problems(content: str) -> list[str]:
    """Exactly one h1, and no level skipped on the way down (h2 then h4 is a skip)."""
    levels = [int(level) for level in _HEADING.findall(content)]
    problems = []
    if levels.count(1) != 1:
        problems.append(
            f"h1 見出しが {levels.count(1)} 個あります。ページの見出し（# で始まる行）は1つにしてください。"
        )
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(
                f"見出しが h{before} から h{after} に飛んでいます。h{before + 1} を使ってください。"
            )
    return problems


def image_problems(content: str) -> list[str]:
    """Every image has alt text; an empty one only on images marked decorative."""
    problems = []
    for attributes in _IMG.findall(content):
        alt, source = _attribute(attributes, "alt"), _attribute(attributes, "src") or ""
        decorative = (
            "decorative" in (_attribute(attributes, "class") or "")
            or _attribute(attributes, "role") == "presentation"
        )
        if alt is None or (not alt.strip() and not decorative):
            problems.append(
                f"画像 {source} に代替テキストがありません。![画像の内容を説明する文](…) のように書いてください"
                "（飾りだけの画像は ![](…){ .decorative } と書きます）。"
            )
    return problems


def table_problems(content: str) -> list[str]:
    """Every table has header cells."""
    return [
        "見出しのセル（th）がない表があります。表の1行目を見出し行にしてください。"
        for table in _TABLE.findall(content)
        if "<th" not in table.lower()
    ]


def link_problems(content: str) -> list[str]:
    """Links whose text says nothing on its own, such as こちら."""
    problems = []
    for inner in _LINK.findall(content):
        text = html.unescape(_TAG.sub("", inner)).strip()
        if text.lower() in VAGUE_LINK_TEXTS:
            problems.append(
                f"リンクの文字「{text}」だけでは行き先がわかりません。行き先の名前をリンクにしてください。"
            )
    return problems


def page_problems(page_html: str) -> list[str]:
    """Everything wrong with a built page under the rules above."""
    lang = _LANG.search(page_html)
    problems = [] if lang and lang[1] == "ja" else ["ページの言語が ja になっていません。"]
    article = _ARTICLE.search(page_html)
    if article is None:
        return problems
    content = article[1]
    return (
        problems
        + heading_problems(content)
        + image_problems(content)
        + table_problems(content)
        + link_problems(content)
    )
