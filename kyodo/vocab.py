"""Wards and activity fields as the site uses them, read from the shared schema."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kyodo.schema import Vocabulary, load_schema, vocabulary_of


@dataclass(frozen=True)
class Ward:
    """A ward of the city (or the whole city), with its local government code."""

    name: str
    slug: str
    code: str


@dataclass(frozen=True)
class ActivityField:
    """One of the 20 activity fields of the NPO law, by stable code."""

    code: str
    label: str
    number: int

    @property
    def slug(self) -> str:
        """The name used in page addresses."""
        return self.code


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
        t.value: ActivityField(t.value, t.label, int(t.annotations["x-number"]))
        for t in common_vocabulary("activity_field")
    }
