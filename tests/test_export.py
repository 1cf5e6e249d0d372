"""Open data: CSV that Excel and Python's csv module read back, HSDS that follows the official
schema, and a datapackage.json that describes every file (checked with `frictionless`)."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import frictionless
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from kyodo.domain.directory.load import read_listing, to_listing
from kyodo.domain.directory.model import Directory
from kyodo.domain.site_content import SiteContent
from kyodo.export.datapackage import open_data
from kyodo.export.hsds import hsds_bytes, stable_id
from kyodo.export.opendata import (
    DATASETS,
    FILES,
    GROUP_COLUMNS,
    csv_bytes,
    json_bytes,
    katakana,
    opendata_files,
)
from kyodo.site.settings import SiteSettings
from tests.conftest import FIXTURES
from tests.test_directory_render import fixture_listing

SETTINGS = SiteSettings("https://example.github.io/kyodo/", "", "", datetime.date(2026, 11, 28))


def read_back(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_round_trips_commas_quotes_and_newlines(content: SiteContent) -> None:
    tricky = replace(
        content.directory.groups[0], name='桜,"ヶ丘"\n町内会', description="1行目\n2行目, 「引用」"
    )
    rows = read_back(csv_bytes([tricky], GROUP_COLUMNS, SETTINGS))
    assert rows[0]["名称"] == '桜,"ヶ丘"\n町内会'
    assert rows[0]["紹介文"] == "1行目\n2行目, 「引用」"
    assert list(rows[0]) == [column.header for column in GROUP_COLUMNS]


def test_cells_that_spreadsheets_would_run_stay_text(content: SiteContent) -> None:
    rows = read_back(
        csv_bytes(
            [replace(content.directory.groups[0], summary="=HYPERLINK(1)")], GROUP_COLUMNS, SETTINGS
        )
    )
    assert rows[0]["一行紹介"] == "'=HYPERLINK(1)"


def test_reading_is_exported_in_katakana(content: SiteContent) -> None:
    assert katakana("こまどりおか ちょうないかい") == "コマドリオカ チョウナイカイ"
    rows = read_back(csv_bytes(content.directory.groups, GROUP_COLUMNS, SETTINGS))
    assert [row["名称_カナ"] for row in rows] == [
        katakana(g.name_kana) for g in content.directory.groups
    ]


# The official HSDS 3.0 schemas, copied unchanged (source and licence in its README.md).
HSDS_REFERENCE = FIXTURES / "hsds-3.0"


def strict(node: Any) -> Any:
    """A copy of a schema that also refuses properties it does not declare (catches misspelt names)."""
    if isinstance(node, list):
        return [strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: strict(value) for key, value in node.items()}
    return {**copy, "additionalProperties": False} if "properties" in node else copy


def hsds_document(directory: Directory) -> dict[str, Any]:
    return json.loads(hsds_bytes(directory, SETTINGS))


def test_hsds_organizations_follow_the_official_schema(content: SiteContent) -> None:
    document = hsds_document(content.directory)
    organizations = document["contents"]
    assert document["total_items"] == len(organizations) == len(content.directory.listings)
    assert (document["license"], document["updated"]) == ("CC BY 4.0", "2026-11-28")
    # Each organization is whole (strictly the organization schema, no other member) and also
    # an item of an HSDS list (organization_list: the fields a list shows; more are allowed).
    for name, check in (("organization.json", strict), ("organization_list.json", dict)):
        schema = check(json.loads((HSDS_REFERENCE / name).read_text(encoding="utf-8")))
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        errors = [(o["name"], e.message) for o in organizations for e in validator.iter_errors(o)]
        assert errors == [], errors[:5]


def test_hsds_carries_fields_offers_needs_wards_and_status(content: SiteContent) -> None:
    documents = {o["name"]: o for o in hsds_document(content.directory)["contents"]}
    statuses = {"活動中": "active", "休止中": "inactive", "解散": "defunct"}
    for group in content.directory.groups:
        organization = documents[group.name]
        terms = {(a["link_type"], a["taxonomy_term"]["name"]) for a in organization["attributes"]}
        assert terms == {
            *(("activity_field", f.legal_name) for f in group.fields),
            *(("offers", value) for value in group.offers),
            *(("needs", value) for value in group.needs),
        }
        places = [
            (place["name"], place["external_identifier"]) for place in organization["locations"]
        ]
        assert places == [(w.name, w.code) for w in group.wards]
        [service] = organization["services"]
        assert service["status"] == statuses[group.status]
        assert service["assured_date"] == group.last_confirmed.isoformat()


def test_hsds_ids_are_stable_and_unique(content: SiteContent) -> None:
    first = hsds_document(content.directory)
    later = replace(SETTINGS, today=datetime.date(2027, 3, 1))
    reordered = Directory(
        tuple(reversed(content.directory.groups)), tuple(reversed(content.directory.businesses))
    )
    again = json.loads(hsds_bytes(reordered, later))
    assert sorted(json.dumps(o, sort_keys=True) for o in first["contents"]) == sorted(
        json.dumps(o, sort_keys=True) for o in again["contents"]
    )
    # The namespace is fixed for good: other directories keep these ids.
    assert stable_id("organization", "golden-group") == "1b2f5e77-f31a-5ac2-97e6-86553e9c1a2e"
    owned = [
        item["id"]
        for o in first["contents"]
        for item in [o, *(part for key in OWNED for part in o.get(key, []))]
    ]
    assert len(owned) == len(set(owned))


OWNED = ("contacts", "phones", "locations", "attributes", "services", "organization_identifiers")


def unconsented_directory(tmp_path: Path) -> tuple[Directory, str]:
    """A directory whose one listing wrote a phone number without consent to publish it."""
    text = (FIXTURES / "golden-group.yml").read_text(encoding="utf-8")
    secret = "022-000-0199"
    (tmp_path / "golden-group.yml").write_text(
        text.replace("  email: info@", f"  phone: {secret}\n  email: info@"), encoding="utf-8"
    )
    listing, _ = read_listing(tmp_path / "golden-group.yml", "group", tmp_path)
    assert listing is not None and listing.data["contact"]["phone"] == secret
    return Directory((to_listing(listing),), ()), secret


def test_only_consented_contact_data_appears_in_any_export(tmp_path: Path) -> None:
    directory, secret = unconsented_directory(tmp_path)
    files = open_data(directory, SETTINGS)
    assert set(files) == set(FILES.values())
    for path, data in files.items():
        assert secret not in data.decode("utf-8"), path
    for name in ("groups", "json", "hsds"):
        assert "info@mihondai.example.jp" in files[FILES[name]].decode("utf-8"), name


def write_open_data(content: SiteContent, folder: Path) -> Path:
    for path, data in open_data(content.directory, SETTINGS).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder / FILES["datapackage"]


def test_datapackage_validates_and_describes_every_file(
    content: SiteContent, tmp_path: Path
) -> None:
    """Checked with the `frictionless` package: the descriptor, and every CSV row against it."""
    descriptor_path = write_open_data(content, tmp_path)
    report = frictionless.validate(str(descriptor_path))
    assert report.valid, report.flatten(["type", "note", "fieldName", "rowNumber"])[:10]
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    assert descriptor["created"] == "2026-11-28T00:00:00Z"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    listed = {resource["path"] for resource in descriptor["resources"]}
    others = set(FILES.values()) - {FILES["datapackage"]}
    assert listed == {path.removeprefix("opendata/") for path in others}
    for name, (_, columns) in DATASETS.items():
        [table] = [r for r in descriptor["resources"] if r["name"] == name]
        assert [f["name"] for f in table["schema"]["fields"]] == [c.header for c in columns]
        assert all(f["description"] for f in table["schema"]["fields"])


def test_a_broken_file_fails_the_datapackage(content: SiteContent, tmp_path: Path) -> None:
    descriptor_path = write_open_data(content, tmp_path)
    groups = tmp_path / FILES["groups"]
    text = groups.read_text(encoding="utf-8-sig").replace(",2026-", ",26-", 1)
    groups.write_text(text, encoding="utf-8-sig")
    report = frictionless.validate(str(descriptor_path))
    errors = {error[0] for error in report.flatten(["type"])}
    assert not report.valid and {"hash-count", "type-error"} & errors, errors


@pytest.mark.parametrize("name", ["groups", "businesses"])
def test_csv_output_matches_golden(name: str, golden: Callable[[str, str], None]) -> None:
    """The exported columns and their values, for the two fixture listings."""
    directory = Directory((fixture_listing("golden-group"),), (fixture_listing("golden-business"),))  # type: ignore[arg-type]
    text = opendata_files(directory, SETTINGS)[FILES[name]].decode("utf-8")
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    golden(f"opendata-{name}.csv", text.replace("\r\n", "\n"))


def test_json_output_matches_golden(golden: Callable[[str, str], None]) -> None:
    directory = Directory((fixture_listing("golden-group"),), (fixture_listing("golden-business"),))  # type: ignore[arg-type]
    golden("opendata-directory.json", json_bytes(directory, SETTINGS).decode("utf-8"))
