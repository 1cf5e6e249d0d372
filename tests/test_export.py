"""Open-data files: CSV that Excel and Python's csv module both read back."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import replace

from kyodo.domain.site_content import SiteContent
from kyodo.export.opendata import GROUP_COLUMNS, csv_bytes, katakana
from kyodo.site.settings import SiteSettings

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
