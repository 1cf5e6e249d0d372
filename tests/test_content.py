"""The sample content passes every check and covers what the site must show."""

from __future__ import annotations

from kyodo.content.schema import vocabulary
from kyodo.content.vocabulary import activity_fields, wards
from kyodo.domain.site_content import check_content
from tests.conftest import ROOT


def test_sample_content_passes_and_covers_wards_kinds_and_fields() -> None:
    content, problems = check_content(ROOT)
    assert problems == []
    groups, businesses = content.directory.groups, content.directory.businesses
    assert len(groups) >= 60 and len(businesses) >= 15
    named_wards = set(wards()) - {"市全域"}
    assert named_wards <= {w.name for g in groups for w in g.wards}
    assert named_wards <= {w.name for b in businesses for w in b.wards}
    assert {g.kind for g in groups} == set(vocabulary("group", ("kind",)).values)
    assert len({f.code for g in groups for f in g.fields}) >= 0.8 * len(activity_fields())
    assert {"活動中", "休止中", "解散"} <= {g.status for g in groups}
