"""The downloads described for data portals: a Frictionless Data Package (v2) beside the files.

The CSV columns are described from the same declarations that write them (the schemas, through
`opendata.DATASETS`), so the description cannot drift from the data.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from typing import Any
from urllib.parse import urljoin

from kyodo.domain.directory.model import Directory
from kyodo.export.hsds import hsds_bytes
from kyodo.export.opendata import (
    DATASETS,
    FILES,
    LICENSE_URL,
    MULTI_SEPARATOR,
    TITLE,
    Column,
    opendata_files,
)
from kyodo.site.settings import SiteSettings
from kyodo.site.urls import OPENDATA_PAGE, page_url

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENSES = [
    {"name": "CC-BY-4.0", "path": LICENSE_URL, "title": "クリエイティブ・コモンズ 表示 4.0 国際"}
]
# name in the package → (file, title, description) of the resources that are not CSV tables.
DOCUMENTS = {
    "directory": (
        FILES["json"],
        "名簿のすべて（JSON）",
        "団体（groups）と事業者（businesses）の配列。項目は CSV と同じで、キーは各列の JSON のキーです。",
    ),
    "hsds-organizations": (
        FILES["hsds"],
        "名簿のすべて（Open Referral HSDS 3.0）",
        "Open Referral Human Services Data Specification 3.0 の organization の一覧（HSDS API の"
        "ページの形）。活動分野・提供できること・求めていることは attributes に、区は locations に、"
        "状態と最終確認日は services にあります。",
    ),
}


def _field(column: Column) -> dict[str, Any]:
    """A Table Schema field for one CSV column."""
    field: dict[str, Any] = {
        "name": column.header,
        "type": column.type,
        "description": column.description,
    }
    if column.format:
        field["format"] = column.format
    if column.type == "list":
        field.update(delimiter=MULTI_SEPARATOR, itemType="string")
    if column.required:
        field["constraints"] = {"required": True}
    return field


def _file_facts(path: str, data: bytes) -> dict[str, Any]:
    return {
        "path": posixpath.relpath(path, posixpath.dirname(FILES["datapackage"])),
        "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
    }


def _table(name: str, files: dict[str, bytes]) -> dict[str, Any]:
    schema, columns = DATASETS[name]
    return {
        "name": name,
        "type": "table",
        **_file_facts(FILES[name], files[FILES[name]]),
        "title": f"{TITLE}（{'団体' if schema == 'group' else '事業者'}、CSV）",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\r\n"},
        "schema": {"fields": [_field(c) for c in columns], "primaryKey": ["ID"]},
    }


def _document(name: str, files: dict[str, bytes]) -> dict[str, Any]:
    path, title, description = DOCUMENTS[name]
    return {
        "name": name,
        **_file_facts(path, files[path]),
        "title": title,
        "description": description,
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
    }


def datapackage_bytes(files: dict[str, bytes], settings: SiteSettings) -> bytes:
    """The package descriptor of every download, with its licence and the build's date."""
    descriptor = {
        "$schema": PROFILE,
        "name": "kyodo-directory",
        "title": TITLE,
        "description": "市内で活動する団体と、事業者の社会貢献（CSR）窓口の名簿です。",
        "homepage": urljoin(settings.site_url, page_url(OPENDATA_PAGE)),
        "created": f"{settings.today.isoformat()}T00:00:00Z",
        "licenses": LICENSES,
        "keywords": ["協働", "市民活動", "町内会", "NPO", "CSR", "オープンデータ"],
        "resources": [
            *(_table(name, files) for name in DATASETS),
            *(_document(name, files) for name in DOCUMENTS),
        ],
    }
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def open_data(directory: Directory, settings: SiteSettings) -> dict[str, bytes]:
    """Every download by its path in the site: CSV, JSON, HSDS, and the package describing them."""
    return packaged(opendata_files(directory, settings), hsds_file(directory, settings), settings)


def hsds_file(directory: Directory, settings: SiteSettings) -> dict[str, bytes]:
    """The directory in Open Referral HSDS, by its path in the site."""
    return {FILES["hsds"]: hsds_bytes(directory, settings)}


def packaged(
    tables: dict[str, bytes], hsds: dict[str, bytes], settings: SiteSettings
) -> dict[str, bytes]:
    """The downloads (`opendata_files`, `hsds_file`) and the package describing them."""
    files = {**tables, **hsds}
    return {**files, FILES["datapackage"]: datapackage_bytes(files, settings)}
