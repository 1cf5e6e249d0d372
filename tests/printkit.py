"""What the handout and print tests share: Japanese text read back from PDFs as they compare
it, and the words each block of a form's sheet starts with."""

from __future__ import annotations

import re
import unicodedata

from pypdf import PdfReader

from kyodo.handouts.forms import Block, Clauses, Fields, Parties, Row, Table, Text, Ticks


def plain(text: str) -> str:
    """Text as compared here: NFKC (fonts map some kanji to radicals, ・ to ‧), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("‧", "・")


def holds(text: str, expected: str) -> bool:
    """Whether extracted text holds the expected text, where a kanji may come out as the
    look-alike radical that NFKC leaves alone (⺠ for 民, ⻑ for 長)."""
    pattern = "".join(
        f"[{re.escape(c)}\u2e80-\u2fdf]" if "\u4e00" <= c <= "\u9fff" else re.escape(c)
        for c in plain(expected)
    )
    return re.search(pattern, text) is not None


def page_text(reader: PdfReader) -> str:
    """Every page's text, made plain."""
    return plain("".join(page.extract_text() for page in reader.pages))


def first_label(block: Block) -> str:
    """The first words a block of a form's sheet prints."""
    match block:
        case Row():
            return block.cells[0].label
        case Fields():
            return block.fields[0].label
        case Table():
            return block.columns[0].label
        case Ticks():
            return block.items[0]
        case Clauses():
            return block.clauses[0].title
        case Parties():
            return block.names[0]
        case Text():
            return block.text
