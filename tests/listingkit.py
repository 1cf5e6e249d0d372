"""Listings for checker tests: a valid group and business, and running `kyodo check` on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyodo.cli import main

VALID = """\
# yaml-language-server: $schema=../../kyodo/content/schemas/group.schema.json
id: hoshizora-kai
name: ほしぞら子ども会
name_kana: ほしぞらこどもかい
kind: 市民活動団体
wards: [泉区]
fields: [children]
summary: 星空観察会を開いている子ども会です。
contact:
  name: 事務局
  email: info@hoshizora.example.jp
  phone: 022-000-0001
status: 活動中
last_confirmed: 2026-10-01
consent:
  given_by: 会長
  date: 2026-10-01
  fields: [name, email, phone]
"""
VALID_BUSINESS = """\
# yaml-language-server: $schema=../../kyodo/content/schemas/business.schema.json
id: hoshizora-kai
name: 株式会社ほしぞら光学
name_kana: ほしぞらこうがく
industry: 製造業
wards: [泉区]
csr_themes: [children, science-technology]
offers: [専門知識・プロボノ]
summary: 望遠鏡の貸し出しと観察会の講師をお引き受けしています。
status: 活動中
last_confirmed: 2026-10-01
consent:
  given_by: 総務部長
  date: 2026-10-01
"""
FILE = "directory/groups/hoshizora-kai.yml"
BUSINESS_FILE = "directory/businesses/hoshizora-kai.yml"


def write(repo: Path, text: str | bytes, name: str = FILE) -> None:
    path = repo / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)


def check(repo: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--root", str(repo), "check"])
    return code, capsys.readouterr().err.splitlines()


def errors_for(repo: Path, capsys: pytest.CaptureFixture[str], text: str | bytes) -> list[str]:
    """Write the listing, run the checker, and return its error lines without the count."""
    write(repo, text)
    code, lines = check(repo, capsys)
    assert code == 1
    assert lines[-1].endswith("の誤りがあります。")
    return lines[:-1]
