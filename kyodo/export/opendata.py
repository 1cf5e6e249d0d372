"""Open data: every public field of every listing as CSV (UTF-8 with BOM) and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from kyodo.content.schema import subschema
from kyodo.domain.directory.model import Directory, Group, Listing
from kyodo.site.pages import GeneratedPage
from kyodo.site.settings import SiteSettings
from kyodo.site.templating import environment
from kyodo.site.urls import OPENDATA_PAGE, SITE_ROOT, href, listing_uri

CITY_CODE = "041009"
LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"
MULTI_SEPARATOR = ";"
FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")
FILES = {
    "groups": "opendata/groups.csv",
    "businesses": "opendata/businesses.csv",
    "json": "opendata/directory.json",
}

Value = str | int | list[str] | None


@dataclass(frozen=True)
class Column:
    """One exported column: its CSV header (municipal dataset names), JSON key and meaning."""

    header: str
    key: str
    value: Callable[[Listing, SiteSettings], Value]
    schema_path: tuple[str, ...] = ()
    note: str = ""

    def description(self, schema: str) -> str:
        """What the column holds: the schema's description, or the note for derived columns."""
        node = subschema(schema, self.schema_path) if self.schema_path else None
        return " ".join(filter(None, [str((node or {}).get("description", "")), self.note]))


def katakana(hiragana: str) -> str:
    """Hiragana turned into katakana, as 名称_カナ columns expect."""
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in hiragana)


def _field(name: str) -> Callable[[Listing, SiteSettings], Value]:
    return lambda listing, _: getattr(listing, name) or None


def _contact(name: str) -> Callable[[Listing, SiteSettings], Value]:
    return lambda listing, _: getattr(listing.contact, name)


def _page_url(listing: Listing, settings: SiteSettings) -> str:
    return urljoin(settings.site_url, href(SITE_ROOT, listing_uri(listing)))


_LIST = "複数あるときは、CSV では「;」で区切り、JSON では配列にしています。"

COMMON_HEAD = [
    Column(
        "全国地方公共団体コード",
        "city_code",
        lambda *_: CITY_CODE,
        note="名簿を公開している市の全国地方公共団体コード（6桁）。",
    ),
    Column("ID", "id", _field("id"), ("id",)),
    Column("名称", "name", _field("name"), ("name",)),
    Column(
        "名称_カナ",
        "name_kana",
        lambda item, _: katakana(item.name_kana),
        ("name_kana",),
        "データでは全角カタカナにしています。",
    ),
]
COMMON_PLACE = [
    Column("区", "wards", lambda item, _: [w.name for w in item.wards], ("wards",), _LIST),
    Column(
        "区コード",
        "ward_codes",
        lambda item, _: [w.code for w in item.wards],
        note="区の全国地方公共団体コード。市全域は市のコード。" + _LIST,
    ),
]
COMMON_TAIL = [
    Column("一行紹介", "summary", _field("summary"), ("summary",)),
    Column(
        "紹介文",
        "description",
        _field("description"),
        ("description",),
        "Markdown の記号を含む元の文のままです。",
    ),
    Column("窓口名", "contact_name", _contact("name"), ("contact", "name")),
    Column(
        "連絡先メールアドレス",
        "email",
        _contact("email"),
        ("contact", "email"),
        "掲載に同意を得たものだけを載せています。",
    ),
    Column(
        "電話番号",
        "phone",
        _contact("phone"),
        ("contact", "phone"),
        "掲載に同意を得たものだけを載せています。",
    ),
    Column(
        "問い合わせフォームURL",
        "form_url",
        _contact("form_url"),
        ("contact", "form_url"),
        "掲載に同意を得たものだけを載せています。",
    ),
    Column("URL", "website", _field("website"), ("website",)),
    Column("SNS", "sns", lambda item, _: list(item.sns), ("sns",), _LIST),
    Column("状態", "status", _field("status"), ("status",)),
    Column(
        "最終確認日",
        "last_confirmed",
        lambda item, _: item.last_confirmed.isoformat(),
        ("last_confirmed",),
    ),
    Column("法人番号", "corporate_number", _field("corporate_number"), ("corporate_number",)),
    Column("掲載ページURL", "page_url", _page_url, note="このサイトでの掲載ページのアドレス。"),
]


def _fields(header: str, schema_key: str) -> list[Column]:
    return [
        Column(
            header,
            schema_key,
            lambda item, _: [f.label for f in item.fields],
            (schema_key,),
            "法律の名称で書いています。" + _LIST,
        ),
        Column(
            f"{header}コード",
            f"{schema_key}_codes",
            lambda item, _: [f.code for f in item.fields],
            (schema_key,),
            "記号で書いています。" + _LIST,
        ),
    ]


GROUP_COLUMNS = [
    *COMMON_HEAD,
    Column("種別", "kind", _field("kind"), ("kind",)),
    *COMMON_PLACE,
    *_fields("活動分野", "fields"),
    Column("提供できること", "offers", lambda item, _: list(item.offers), ("offers",), _LIST),
    Column("提供できることの補足", "offers_note", _field("offers_note"), ("offers_note",)),
    Column(
        "求めていること",
        "needs",
        lambda item, _: list(item.needs) if isinstance(item, Group) else [],
        ("needs",),
        _LIST,
    ),
    Column("求めていることの補足", "needs_note", _field("needs_note"), ("needs_note",)),
    Column("設立年", "founded", _field("founded"), ("founded",)),
    Column("会員数", "members", _field("members"), ("members",)),
    *COMMON_TAIL,
]
BUSINESS_COLUMNS = [
    *COMMON_HEAD,
    Column("業種", "industry", _field("industry"), ("industry",)),
    *COMMON_PLACE,
    *_fields("社会貢献のテーマ", "csr_themes"),
    Column("提供できる支援", "offers", lambda item, _: list(item.offers), ("offers",), _LIST),
    Column("提供できる支援の補足", "offers_note", _field("offers_note"), ("offers_note",)),
    *COMMON_TAIL,
]
DATASETS: dict[str, tuple[str, list[Column]]] = {
    "groups": ("group", GROUP_COLUMNS),
    "businesses": ("business", BUSINESS_COLUMNS),
}


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
        "title": "協働の手引き 団体・企業の名簿",
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


def _size(data: bytes) -> str:
    return f"{len(data) / 1024:.1f} KB"


def render_opendata_page(
    directory: Directory, settings: SiteSettings, files: dict[str, bytes]
) -> GeneratedPage:
    """The open-data page: downloads, licence, date and the dictionary from the schemas."""
    uri = OPENDATA_PAGE
    titles = {
        "groups": ("団体の名簿", "CSV"),
        "businesses": ("事業者の社会貢献窓口", "CSV"),
        "json": ("名簿のすべて", "JSON"),
    }
    counts = {"groups": len(directory.groups), "businesses": len(directory.businesses)}
    downloads = [
        {
            "title": titles[name][0],
            "format": titles[name][1],
            "href": href(uri, path),
            "count": counts.get(name, counts["groups"] + counts["businesses"]),
            "size": _size(files[path]),
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
            updated=settings.today.isoformat(),
            license_url=LICENSE_URL,
        )
    )
    return GeneratedPage(uri, content)
