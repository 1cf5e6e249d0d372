"""Open data: every public field of every listing as CSV (UTF-8 with BOM) and JSON."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin

from kyodo.content.schema import Schema, properties, subschema, vocabulary_of
from kyodo.content.vocabulary import ActivityField, Ward, activity_fields, common_vocabulary
from kyodo.domain.directory.model import Directory, Listing
from kyodo.site.pages import GeneratedPage
from kyodo.site.settings import SiteSettings
from kyodo.site.templating import environment
from kyodo.site.urls import OPENDATA_PAGE, SITE_ROOT, href, listing_uri

CITY_CODE_VALUE = "041009"
TITLE = "協働の手引き 団体・企業の名簿"
LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"
MULTI_SEPARATOR = ";"
FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")
FILES = {
    "groups": "opendata/groups.csv",
    "businesses": "opendata/businesses.csv",
    "json": "opendata/directory.json",
    "hsds": "opendata/hsds/organizations.json",
    "datapackage": "opendata/datapackage.json",
}

Value = str | int | list[str] | None
_LIST = "複数あるときは、CSV では「;」で区切り、JSON では配列にしています。"
# Table Schema types of the CSV columns, by the JSON Schema type or format they come from.
_TYPES = {"integer": "integer", "array": "list", "date": "date"}
# A schema field that the model names differently.
_MODEL_NAMES = {"csr_themes": "fields"}


@dataclass(frozen=True)
class Column:
    """One exported column: its CSV header (municipal dataset names), JSON key, value and meaning.

    `type` and `format` are Table Schema's (the datapackage describes the CSV with them)."""

    header: str
    key: str
    value: Callable[[Listing, SiteSettings], Value]
    description: str
    type: str = "string"
    format: str = ""
    required: bool = False


def katakana(hiragana: str) -> str:
    """Hiragana turned into katakana, as 名称_カナ columns expect."""
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in hiragana)


def _plain(value: object) -> Value:
    """A model value as open data writes it: names of wards, the law's names of activity
    fields (the site shows short labels), ISO dates, lists."""
    if isinstance(value, tuple):
        return [str(_plain(item)) for item in value]
    if isinstance(value, Ward):
        return value.name
    if isinstance(value, ActivityField):
        return value.legal_name
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str | int):
        return value or None
    return None


def listing_url(listing: Listing, settings: SiteSettings) -> str:
    """The public address of a listing's page."""
    return urljoin(settings.site_url, href(SITE_ROOT, listing_uri(listing)))


def _model_value(path: tuple[str, ...]) -> Callable[[Listing, SiteSettings], Value]:
    def value(listing: Listing, _: SiteSettings) -> Value:
        found: object = listing
        for step in (_MODEL_NAMES.get(path[0], path[0]), *path[1:]):
            found = getattr(found, step)
        return _plain(found)

    return value


# Columns that no single schema field holds, and fields written otherwise than the model
# holds them: declared here once, everything else comes from the schemas.
CITY_CODE_COLUMN = Column(
    "全国地方公共団体コード",
    "city_code",
    lambda *_: CITY_CODE_VALUE,
    "名簿を公開している市の全国地方公共団体コード（6桁）。",
    required=True,
)
PAGE_URL = Column(
    "掲載ページURL",
    "page_url",
    listing_url,
    "このサイトでの掲載ページのアドレス。",
    format="uri",
    required=True,
)
WARD_CODES = Column(
    "区コード",
    "ward_codes",
    lambda item, _: [w.code for w in item.wards],
    "区の全国地方公共団体コード。市全域は市のコード。" + _LIST,
    type="list",
    required=True,
)
WRITTEN_AS: dict[str, tuple[Callable[[Listing, SiteSettings], Value], str]] = {
    "name_kana": (lambda item, _: katakana(item.name_kana), "データでは全角カタカナにしています。"),
}


def _describe(node: Schema, *notes: str) -> str:
    return "".join([str(node.get("description", "")), *notes])


def _column(schema: str, path: tuple[str, ...], note: str = "") -> Column:
    node = subschema(schema, path) or {}
    value, written_note = WRITTEN_AS.get(path[-1], (_model_value(path), ""))
    listed = _LIST if node.get("type") == "array" else ""
    kind = _TYPES.get(node.get("format", ""), _TYPES.get(node.get("type", ""), "string"))
    shape = node.get("format", "")
    return Column(
        str(node.get("x-opendata-column") or node["title"]),
        path[-1] if len(path) == 1 or path[-1] not in properties(schema) else "_".join(path),
        value,
        _describe(node, node.get("x-opendata-note", note), written_note, listed),
        kind,
        shape if shape in ("email", "uri") else "",
        len(path) == 1 and path[0] in (subschema(schema, ()) or {}).get("required", []),
    )


def _codes_beside(schema: str, name: str, column: Column) -> list[Column]:
    """The column of codes written beside a list of wards or of activity fields."""
    node = subschema(schema, (name, 0)) or {}
    items = vocabulary_of(node)
    if items == common_vocabulary("ward"):
        return [WARD_CODES]
    if items != common_vocabulary("activity_field"):
        return []
    return [
        replace(
            column,
            header=f"{column.header}コード",
            key=f"{column.key}_codes",
            value=lambda item, _: [f.code for f in item.fields],
            description=_describe(subschema(schema, (name,)) or {}, "記号で書いています。", _LIST),
        )
    ]


def dataset_columns(schema: str) -> list[Column]:
    """A dataset's columns: the city code, each published field of the schema in declared order
    (an object's fields one by one), codes beside wards and fields, and the page's address."""
    found = [CITY_CODE_COLUMN]
    for name, node in properties(schema).items():
        if node.get("x-opendata") is False:
            continue
        if node.get("type") == "object":
            note = str(node.get("x-opendata-note", ""))
            found += [_column(schema, (name, part), note) for part in properties(schema, (name,))]
            continue
        found.append(_column(schema, (name,)))
        found += _codes_beside(schema, name, found[-1])
    return [*found, PAGE_URL]


DATASETS: dict[str, tuple[str, list[Column]]] = {
    "groups": ("group", dataset_columns("group")),
    "businesses": ("business", dataset_columns("business")),
}
GROUP_COLUMNS = DATASETS["groups"][1]
BUSINESS_COLUMNS = DATASETS["businesses"][1]


def rows(
    listings: Sequence[Listing], columns: Sequence[Column], settings: SiteSettings
) -> list[dict[str, Value]]:
    """Each listing as {JSON key: value}, in column order."""
    return [{c.key: c.value(item, settings) for c in columns} for item in listings]


def csv_bytes(
    listings: Sequence[Listing], columns: Sequence[Column], settings: SiteSettings
) -> bytes:
    """A CSV file in UTF-8 with a BOM, so that Excel reads the Japanese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    for row in rows(listings, columns, settings):
        writer.writerow([_cell(value) for value in row.values()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: Value) -> str:
    text = (
        MULTI_SEPARATOR.join(value)
        if isinstance(value, list)
        else ""
        if value is None
        else str(value)
    )
    # Spreadsheets run a cell that starts like a formula (OWASP's CSV-injection rule: = + - @,
    # tab, carriage return; their full-width forms too); a leading ' keeps it text.
    return "'" + text if text[:1] in FORMULA_STARTS else text


def json_bytes(directory: Directory, settings: SiteSettings) -> bytes:
    """Both datasets in one JSON document, with licence and date."""
    document: dict[str, Any] = {
        "title": TITLE,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "updated": settings.today.isoformat(),
        "groups": rows(directory.groups, GROUP_COLUMNS, settings),
        "businesses": rows(directory.businesses, BUSINESS_COLUMNS, settings),
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def opendata_files(directory: Directory, settings: SiteSettings) -> dict[str, bytes]:
    """Every download, by its path in the site."""
    return {
        FILES["groups"]: csv_bytes(directory.groups, GROUP_COLUMNS, settings),
        FILES["businesses"]: csv_bytes(directory.businesses, BUSINESS_COLUMNS, settings),
        FILES["json"]: json_bytes(directory, settings),
    }


def _size(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def render_opendata_page(
    directory: Directory, settings: SiteSettings, sizes: Mapping[str, int]
) -> GeneratedPage:
    """The open-data page: downloads, licence, date and the dictionary from the schemas."""
    uri = OPENDATA_PAGE
    titles = {
        "groups": ("団体の名簿", "CSV"),
        "businesses": ("事業者の社会貢献窓口", "CSV"),
        "json": ("名簿のすべて", "JSON"),
        "hsds": ("名簿のすべて（Open Referral HSDS 3.0）", "JSON"),
        "datapackage": ("データの説明（Frictionless Data Package）", "JSON"),
    }
    counts = {"groups": len(directory.groups), "businesses": len(directory.businesses)}
    everyone = len(directory.listings)
    downloads = [
        {
            "title": titles[name][0],
            "format": titles[name][1],
            "href": href(uri, path),
            "count": f"{counts.get(name, everyone)}件" if name != "datapackage" else "―",
            "size": _size(sizes[path]),
        }
        for name, path in FILES.items()
    ]
    datasets = [
        {
            "title": titles[name][0],
            "file": FILES[name].removeprefix("opendata/"),
            "json_key": name,
            "schema": schema,
            "columns": columns,
        }
        for name, (schema, columns) in DATASETS.items()
    ]
    content = (
        environment()
        .get_template("opendata.md.j2")
        .render(
            files=downloads,
            datasets=datasets,
            fields=activity_fields().values(),
            updated=settings.today.isoformat(),
            license_url=LICENSE_URL,
        )
    )
    return GeneratedPage(uri, content)
