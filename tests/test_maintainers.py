"""The site maintainers' declaration and the CODEOWNERS made from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyodo.contributions.maintainers import (
    OWNED_PATHS,
    SiteMaintainers,
    read_site_maintainers,
    render_codeowners,
)
from tests.conftest import ROOT


def test_the_declaration_is_read() -> None:
    site = read_site_maintainers(ROOT)
    assert site.logins and site.team.endswith("（架空）")


def test_codeowners_owns_code_schemas_and_workflows_but_no_listing() -> None:
    text = render_codeowners(SiteMaintainers("担当", "窓口", ("a-admin", "b-admin")))
    rules = [line.split(" ", 1) for line in text.splitlines() if not line.startswith("#")]
    assert all(owners == "@a-admin @b-admin" for _, owners in rules)
    paths = [path for path, _ in rules]
    assert {"/.github/", "/kyodo/", "/directory/groups/_template.yml"} <= set(paths)
    assert not any(p in ("/directory/", "*", "/directory/groups/") for p in paths)
    assert paths == list(OWNED_PATHS)


def test_a_bad_login_stops_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github/site-maintainers.yml").write_text(
        "team: x\ncontact: y\nmaintainers: ['@bad name']\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="GitHub のアカウント名ではありません"):
        read_site_maintainers(tmp_path)
