"""`[[cases form=委託]]` markers in guide chapters: which cases each one selects."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kyodo.content.problems import Problem, relative_name
from kyodo.content.vocabulary import activity_fields, collaboration_forms, wards
from kyodo.domain.cases.model import CaseStudy

MARKER = re.compile(r"^\[\[cases(?: +([^\]]*))?\]\][ \t]*$", re.M)


@dataclass(frozen=True)
class Selector:
    """What a marker can select by: the values it accepts and the test a case must pass."""

    values: list[str]
    selects: Callable[[CaseStudy, str], bool]


def selectors() -> dict[str, Selector]:
    """Every selector a marker may use, by its key."""
    return {
        "form": Selector(list(collaboration_forms()), lambda c, v: v in (f.name for f in c.forms)),
        "field": Selector(list(activity_fields()), lambda c, v: v in (f.code for f in c.fields)),
        "ward": Selector(list(wards()), lambda c, v: v in (w.name for w in c.wards)),
    }


def selected(match: re.Match[str], cases: Sequence[CaseStudy]) -> list[CaseStudy] | None:
    """The cases a marker selects, or None when it cannot be read."""
    key, _, value = (match[1] or "").strip().partition("=")
    selector = selectors().get(key)
    if selector is None or value not in selector.values:
        return None
    return [case for case in cases if selector.selects(case, value)]


def marker_problems(markdown: str, file: str) -> list[Problem]:
    """Every marker in a chapter that selects nothing valid, with its line."""
    allowed = "; ".join(f"{k}=（{'、'.join(s.values)}）" for k, s in selectors().items())
    return [
        Problem(
            file,
            markdown.count("\n", 0, match.start()) + 1,
            1,
            f"事例の目印「{match[0].strip()}」を読み取れません。次の形で書いてください: [[cases form=委託]]。使える条件: {allowed}",
        )
        for match in MARKER.finditer(markdown)
        if selected(match, ()) is None
    ]


def chapter_marker_problems(docs: Path, root: Path) -> list[Problem]:
    """Markers that cannot be read in any chapter of the guide."""
    return [
        problem
        for path in sorted((docs / "guide").rglob("*.md"))
        for problem in marker_problems(path.read_text(encoding="utf-8"), relative_name(path, root))
    ]
