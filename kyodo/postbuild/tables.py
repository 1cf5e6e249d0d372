"""Tables that read on phones as a block per row: a Markdown table of three or more columns is
marked, and each of its data cells carries its column's name, which kyodo.css shows above the
cell's text on narrow screens. Done when the page is built, so that the first paint is final."""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<td\b")
_TAG = re.compile(r"<[^>]+>")
MIN_COLUMNS = 3


def stacked_tables(content: str) -> str:
    """The page's plain tables with enough columns marked for stacking, cells labelled."""
    return _TABLE.sub(_stacked, content)


def _stacked(table: re.Match[str]) -> str:
    head = _HEAD.search(table[1])
    names = [_text(cell) for cell in _HEAD_CELL.findall(head[1])] if head else []
    if head is None or len(names) < MIN_COLUMNS:
        return table[0]
    body = _ROW.sub(lambda row: f"<tr>{_labelled(row[1], names)}</tr>", table[1][head.end() :])
    return f"<table data-kyodo-stack>{table[1][: head.end()]}{body}</table>"


def _labelled(row: str, names: list[str]) -> str:
    cells = iter(names)
    return _CELL.sub(lambda _: f'<td data-label="{html.escape(next(cells, ""))}"', row)


def _text(cell: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", cell)).split())
