"""A form as a Word document (.docx) to type into, built from the same definition as its
page and its PDF, with the printed sheet's sizes: A4, 10 mm boxes, 7 mm per written line."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from kyodo.handouts.form_html import segments, widths
from kyodo.handouts.forms import (
    Block,
    Cell,
    Clause,
    Clauses,
    Field,
    Fields,
    Form,
    Parties,
    Row,
    Table,
    Text,
    Ticks,
)
from kyodo.handouts.frame import A4_MM

FONT = "BIZ UDPゴシック"
TEXT_WIDTH_MM = 182.0
LINE_MM = 7.0
CELL_MM = 10.0
BOX = "□"


def _setup(document: DocxDocument, form: Form, changed: datetime.date) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.left_margin = section.right_margin = Mm(14)
    section.top_margin, section.bottom_margin = Mm(14), Mm(16)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "ja-JP")
    normal.element.get_or_add_rPr().append(lang)
    moment = datetime.datetime.combine(changed, datetime.time(), datetime.UTC)
    properties = document.core_properties
    properties.title, properties.language, properties.author = form.title, "ja-JP", "協働の手引き"
    properties.created = properties.modified = moment
    properties.revision = 1


def _paragraph(
    target: DocxDocument | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    first: bool = False,
) -> None:
    paragraph = target.paragraphs[0] if first else target.add_paragraph()
    paragraph.alignment = align
    _runs(paragraph, text, bold=bold, size=size)


def _runs(
    paragraph: Paragraph, text: str, *, bold: bool | None = None, size: float | None = None
) -> None:
    """Text as runs of the paragraph, each blank (a run of ＿) an underlined space to type in."""
    for part, blank in segments(text):
        run = paragraph.add_run("\u3000" * len(part) if blank else part)
        run.bold = bold
        run.underline = blank
        if size:
            run.font.size = Pt(size)


def _table(
    document: DocxDocument, columns: Sequence[float], rows: int
) -> tuple[DocxTable, list[list[_Cell]]]:
    """A grid table of the given column shares (percent), and its cells by row and column."""
    table = document.add_table(rows=rows, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cells = [row.cells for row in table.rows]
    # Word reads each cell's width, LibreOffice the table's grid: set both.
    for column, share in zip(table.columns, columns, strict=True):
        column.width = Mm(TEXT_WIDTH_MM * share / 100)
    for row in cells:
        for cell, share in zip(row, columns, strict=True):
            cell.width = Mm(TEXT_WIDTH_MM * share / 100)
    return table, cells


def _height(table: DocxTable, index: int, millimetres: float) -> None:
    row = table.rows[index]
    row.height, row.height_rule = Mm(millimetres), WD_ROW_HEIGHT_RULE.AT_LEAST


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "EEEEEE")
    cell._tc.get_or_add_tcPr().append(shading)


def _lines_mm(lines: int) -> float:
    return max(CELL_MM, lines * LINE_MM + 1)


def _side_by_side(choices: Sequence[str]) -> str:
    return "　".join(f"{BOX}{choice}" for choice in choices)


def _answer(cell: _Cell, fill: str, choices: Sequence[str], align: WD_ALIGN_PARAGRAPH) -> None:
    if choices:
        _paragraph(cell, _side_by_side(choices), first=True)
    elif fill:
        _paragraph(cell, fill, align=align, first=True)


def _row(document: DocxDocument, boxes: Sequence[Cell]) -> None:
    table, cells = _table(document, widths(boxes), 2)
    for index, cell in enumerate(boxes):
        _paragraph(cells[0][index], cell.label, bold=True, size=8.5, first=True)
        _shade(cells[0][index])
        _answer(cells[1][index], cell.fill, (), WD_ALIGN_PARAGRAPH.RIGHT)
    _height(table, 1, CELL_MM)


def _fields(document: DocxDocument, fields: Sequence[Field]) -> None:
    table, cells = _table(document, [28, 72], len(fields))
    for index, field in enumerate(fields):
        label = cells[index][0]
        _paragraph(label, field.label, bold=True, first=True)
        if field.note:
            _paragraph(label, field.note, size=7.5)
        _answer(cells[index][1], field.fill, field.choices, WD_ALIGN_PARAGRAPH.RIGHT)
        _height(table, index, _lines_mm(field.lines))


def _grid(document: DocxDocument, grid: Table) -> None:
    table, cells = _table(document, widths(grid.columns), len(grid.rows) + 1)
    for index, column in enumerate(grid.columns):
        _paragraph(cells[0][index], column.label, bold=True, size=8.5, first=True)
        _shade(cells[0][index])
    for number, heading in enumerate(grid.rows, start=1):
        _paragraph(cells[number][0], heading, bold=True, first=True)
        for index, column in enumerate(grid.columns[1:], start=1):
            _answer(cells[number][index], column.fill, (), WD_ALIGN_PARAGRAPH.CENTER)
        _height(table, number, _lines_mm(grid.lines))


def _clauses(document: DocxDocument, clauses: Sequence[Clause]) -> None:
    for number, clause in enumerate(clauses, start=1):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Pt(9.5)
        paragraph.paragraph_format.first_line_indent = Pt(-9.5)
        paragraph.add_run(f"第{number}条（{clause.title}）").bold = True
        _runs(paragraph, clause.text)
        if clause.fields:
            _fields(document, clause.fields)


def _parties(document: DocxDocument, parties: Parties) -> None:
    share = 80 / len(parties.names)
    table, cells = _table(document, [20, *[share] * len(parties.names)], len(parties.rows) + 1)
    for index, name in enumerate(parties.names, start=1):
        _paragraph(cells[0][index], name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, first=True)
        _shade(cells[0][index])
    for number, row in enumerate(parties.rows, start=1):
        _paragraph(cells[number][0], row, bold=True, first=True)
        _height(table, number, 11)
    for index in range(1, len(parties.names) + 1):
        _paragraph(
            cells[len(parties.rows)][index], "印", align=WD_ALIGN_PARAGRAPH.RIGHT, first=True
        )


def _block(document: DocxDocument, block: Block) -> None:
    if block.title:
        _paragraph(document, block.title, bold=True)
    match block:
        case Row():
            _row(document, block.cells)
        case Fields():
            _fields(document, block.fields)
        case Table():
            _grid(document, block)
        case Clauses():
            _clauses(document, block.clauses)
        case Parties():
            _parties(document, block)
        case Ticks(side_by_side=True):
            _paragraph(document, _side_by_side(block.items), bold=True)
        case Ticks():
            for item in block.items:
                _paragraph(document, f"{BOX} {item}")
        case Text():
            _paragraph(document, block.text, size=8 if block.small else None)
    spacer = document.add_paragraph()
    spacer.paragraph_format.line_spacing = Pt(6)


def render_docx(form: Form, changed: datetime.date) -> bytes:
    """The form as a .docx: its title, then each block as a table or paragraphs to type into."""
    document = Document()
    _setup(document, form, changed)
    _paragraph(
        document, form.title, bold=True, size=15, align=WD_ALIGN_PARAGRAPH.CENTER, first=False
    )
    for block in form.blocks:
        _block(document, block)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
