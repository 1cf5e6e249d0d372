"""Case studies as the site uses them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from kyodo.content.vocabulary import ActivityField, CollaborationForm, Ward


@dataclass(frozen=True)
class Score:
    """One evaluation item scored 1–5 by each side that took part."""

    item: str
    ratings: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Evaluation:
    """How a case was evaluated."""

    methods: tuple[str, ...]
    timing: tuple[str, ...]
    scores: tuple[Score, ...]
    note: str

    @property
    def sides(self) -> list[str]:
        """Every side that gave scores, in order of first appearance."""
        return list(dict.fromkeys(side for score in self.scores for side, _ in score.ratings))


@dataclass(frozen=True)
class CaseStudy:
    """One case: the structured facts, the narrative, and its partners in the directory."""

    id: str
    title: str
    summary: str
    year: int
    wards: tuple[Ward, ...]
    fields: tuple[ActivityField, ...]
    forms: tuple[CollaborationForm, ...]
    partners: tuple[str, ...]
    departments: tuple[str, ...]
    purpose: str
    challenge: str
    actions: str
    outcomes: str
    lessons: str
    evaluation: Evaluation | None
    chapters: tuple[str, ...]
    published: datetime.date
    updated: datetime.date | None
    sample: bool
    narrative: str
    source: str


def cases_by_listing(cases: Sequence[CaseStudy]) -> dict[str, list[CaseStudy]]:
    """The cases each listing took part in, by listing id, in the cases' order."""
    found: dict[str, list[CaseStudy]] = {}
    for case in cases:
        for partner in case.partners:
            found.setdefault(partner, []).append(case)
    return found
