"""The closed vocabularies content is written in: wards, activity fields, forms of collaboration."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kyodo.content.schema import Vocabulary, load_schema, vocabulary, vocabulary_of


@dataclass(frozen=True)
class Ward:
    """A ward of the city (or the whole city), with its local government code."""

    name: str
    slug: str
    code: str


@dataclass(frozen=True)
class ActivityField:
    """One of the 20 activity fields of the NPO law, by stable code: `label` is the short name
    pages, tags and filters show; `legal_name` is the law's wording, for references and data."""

    code: str
    label: str
    number: int
    legal_name: str

    @property
    def slug(self) -> str:
        """The name used in page addresses."""
        return self.code


@dataclass(frozen=True)
class CollaborationForm:
    """A form of collaboration (委託, 共催 …) with the ASCII name used in addresses."""

    name: str
    slug: str


def common_vocabulary(definition: str) -> Vocabulary:
    """A vocabulary declared in common.schema.json."""
    found = vocabulary_of(load_schema("common")["definitions"][definition])
    if found is None:
        raise KeyError(definition)
    return found


@functools.cache
def wards() -> dict[str, Ward]:
    """Every ward by name, in declared order."""
    return {
        t.value: Ward(t.value, t.slug, str(t.annotations["x-lg-code"]))
        for t in common_vocabulary("ward")
    }


@functools.cache
def activity_fields() -> dict[str, ActivityField]:
    """Every activity field by code, in the law's order."""
    return {
        t.value: ActivityField(t.value, t.label, int(t.annotations["x-number"]), t.description)
        for t in common_vocabulary("activity_field")
    }


@functools.cache
def collaboration_forms() -> dict[str, CollaborationForm]:
    """Every form of collaboration by name, in the guidebook's order."""
    return {t.value: CollaborationForm(t.value, t.slug) for t in vocabulary("case", ("forms", 0))}
