"""Links in case narratives to other pages of the site: each must reach a page and heading."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from pymdownx.slugs import slugify

from kyodo.content.problems import Problem

_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*(?:\{[^}]*#([^\s}]+)[^}]*\})?[ \t]*#*[ \t]*$", re.M)
_INLINE_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")
_slug = slugify(case="lower")


def heading_ids(path: Path) -> frozenset[str]:
    """The ids MkDocs gives the headings of a Markdown page (its toc slugs or `{ #id }`)."""
    text = path.read_text(encoding="utf-8")
    ids = set()
    for match in _HEADING.finditer(text):
        plain = _INLINE_MARKUP.sub(lambda m: m[1] or "", match[1])
        ids.add(match[2] or _slug(plain, "-"))
    return frozenset(ids)


def _problem(file: str, line: int, target: str, reason: str) -> Problem:
    return Problem(
        file,
        line,
        1,
        f"本文のリンク「{target}」の{reason}"
        "手引きの章へのリンクは「[章の名前](../guide/process.md#見出し)」の形で書きます。",
    )


def link_problems(
    narrative: str, page_uri: str, file: str, first_line: int, docs: Path
) -> list[Problem]:
    """Relative links in a narrative whose chapter or heading does not exist."""
    problems = []
    for number, line in enumerate(narrative.split("\n"), start=first_line):
        for match in _LINK.finditer(line):
            target = match[1]
            path, _, anchor = target.partition("#")
            if ":" in path or not path.endswith(".md"):
                continue
            chapter = docs / posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path))
            if not chapter.is_file():
                problems.append(_problem(file, number, target, "行き先のページがありません。"))
            elif anchor and anchor not in heading_ids(chapter):
                problems.append(
                    _problem(
                        file, number, target, f"行き先のページに見出し「{anchor}」がありません。"
                    )
                )
    return problems
