"""`[[cases form=委託]]` markers in chapters: replaced by the list of matching cases."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kyodo.content.problems import Problem
from kyodo.content.vocabulary import activity_fields, collaboration_forms, wards
from kyodo.domain.cases.model import CaseStudy
from kyodo.site.urls import case_uri, source_link

MARKER = re.compile(r"^\[\[cases(?: +([^\]]*))?\]\][ \t]*$", re.M)
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!<>&|])")


def _selectors() -> dict[str, tuple[list[str], Callable[[CaseStudy, str], bool]]]:
    """What a marker can select by: the allowed values, and the test a case must pass."""
    return {
        "form": (list(collaboration_forms()), lambda c, v: v in (f.name for f in c.forms)),
        "field": (list(activity_fields()), lambda c, v: v in (f.code for f in c.fields)),
        "ward": (list(wards()), lambda c, v: v in (w.name for w in c.wards)),
    }


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as it is."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def _list(cases: Sequence[CaseStudy], page_uri: str) -> str:
    if not cases:
        return "この条件の事例は、まだ掲載されていません。"
    return "\n".join(
        f"- [{escape_markdown(c.title)}]({source_link(page_uri, case_uri(c))})"
        f"（{c.year}年・{'、'.join(w.name for w in c.wards)}）  \n  {escape_markdown(c.summary)}"
        for c in cases
    )


def expand_markers(
    markdown: str, page_uri: str, file: str, cases: Sequence[CaseStudy]
) -> tuple[str, list[Problem]]:
    """Replace every marker with a case list; report markers that select nothing valid."""
    problems: list[Problem] = []
    selectors = _selectors()

    def replace(match: re.Match[str]) -> str:
        line = markdown.count("\n", 0, match.start()) + 1
        key, _, value = (match[1] or "").strip().partition("=")
        if key not in selectors or value not in selectors[key][0]:
            allowed = "; ".join(f"{k}=（{'、'.join(v[0])}）" for k, v in selectors.items())
            problems.append(
                Problem(
                    file,
                    line,
                    1,
                    f"事例の目印「{match[0].strip()}」を読み取れません。次の形で書いてください: [[cases form=委託]]。使える条件: {allowed}",
                )
            )
            return match[0]
        return _list([c for c in cases if selectors[key][1](c, value)], page_uri)

    return MARKER.sub(replace, markdown), problems
