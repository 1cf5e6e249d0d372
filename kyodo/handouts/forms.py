"""The forms (様式): their definitions in the front matter of docs/guide/templates/*.md,
checked against form.schema.json and modelled as the blocks of one A4 sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from kyodo.content.problems import ContentError, Problem, relative_name
from kyodo.content.validation import SchemaFile, field_name, read_document
from kyodo.content.value_rules import character_message, strings
from kyodo.content.yamlfile import decode
from kyodo.domain.cases.load import split_front_matter

FORMS_FOLDER = "guide/templates"
# How messages name a form's title, the page's h1 below the front matter.
TITLE = "様式の表題（# の行）"
_H1 = re.compile(r"^# (.+)$", re.M)
BLOCK_KINDS = (
    "row",
    "fields",
    "table",
    "checklist",
    "choices",
    "clauses",
    "parties",
    "text",
    "note",
)


@dataclass(frozen=True)
class Cell:
    """A box in a row of boxes, or a column of a table."""

    label: str
    width: float = 1.0
    fill: str = ""


@dataclass(frozen=True)
class Field:
    """A label and the space to write its answer in."""

    label: str
    lines: int = 1
    note: str = ""
    choices: tuple[str, ...] = ()
    fill: str = ""


@dataclass(frozen=True)
class Row:
    """Boxes side by side, each with its label above: 事業名, 記入者, 記入日."""

    cells: tuple[Cell, ...]
    title: str = ""
    kind: ClassVar[str] = "row"


@dataclass(frozen=True)
class Fields:
    """Labels down the left, each with the space to answer on its right."""

    fields: tuple[Field, ...]
    title: str = ""
    kind: ClassVar[str] = "fields"


@dataclass(frozen=True)
class Table:
    """A table to fill in: column headings, row headings, and the lines each row holds."""

    columns: tuple[Cell, ...]
    rows: tuple[str, ...]
    lines: int = 1
    title: str = ""
    kind: ClassVar[str] = "table"


@dataclass(frozen=True)
class Ticks:
    """Things to tick: statements one per line (a checklist), or options side by side."""

    items: tuple[str, ...]
    title: str = ""
    side_by_side: bool = False

    @property
    def kind(self) -> str:
        """`choices` for options side by side, else `checklist`."""
        return "choices" if self.side_by_side else "checklist"


@dataclass(frozen=True)
class Clause:
    """One article of an agreement, with the spaces it leaves to fill in."""

    title: str
    text: str
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True)
class Clauses:
    """The numbered articles of an agreement."""

    clauses: tuple[Clause, ...]
    title: str = ""
    kind: ClassVar[str] = "clauses"


@dataclass(frozen=True)
class Parties:
    """Where each party writes its name and sets its seal."""

    names: tuple[str, ...]
    rows: tuple[str, ...]
    title: str = ""
    kind: ClassVar[str] = "parties"


@dataclass(frozen=True)
class Text:
    """Printed text, with blanks (runs of ＿) to write in; a note is printed smaller."""

    text: str
    title: str = ""
    small: bool = False

    @property
    def kind(self) -> str:
        """`note` for small print, else `text`."""
        return "note" if self.small else "text"


Block = Row | Fields | Table | Ticks | Clauses | Parties | Text


@dataclass(frozen=True)
class Form:
    """A form: its page, its printed title (the page's h1), and the blocks of its sheet."""

    src_uri: str
    title: str
    blocks: tuple[Block, ...]

    @property
    def stem(self) -> str:
        """The file name without its folder and suffix, e.g. `agreement`."""
        return Path(self.src_uri).stem


def _field(data: dict[str, Any]) -> Field:
    return Field(
        data["label"],
        data.get("lines", 1),
        data.get("note", ""),
        tuple(data.get("choices", ())),
        data.get("fill", ""),
    )


def _cell(data: dict[str, Any]) -> Cell:
    return Cell(data["label"], float(data.get("width", 1)), data.get("fill", ""))


def _block(kind: str, value: Any, title: str) -> Block:
    match kind:
        case "row":
            return Row(tuple(map(_cell, value)), title)
        case "fields":
            return Fields(tuple(map(_field, value)), title)
        case "table":
            columns = tuple(map(_cell, value["columns"]))
            return Table(columns, tuple(value["rows"]), value.get("lines", 1), title)
        case "clauses":
            clauses = (
                Clause(c["title"], c["text"], tuple(map(_field, c.get("fields", ()))))
                for c in value
            )
            return Clauses(tuple(clauses), title)
        case "parties":
            return Parties(tuple(value["names"]), tuple(value["rows"]), title)
        case "checklist" | "choices":
            return Ticks(tuple(value), title, side_by_side=kind == "choices")
    return Text(str(value), title, small=kind == "note")


def _kind_message(index: int, kinds: list[str]) -> str:
    where = f"{field_name('form', ('form',))} の{index + 1}番目の区画"
    allowed = "、".join(BLOCK_KINDS)
    if not kinds:
        return f"{where}に、{allowed} のどれか1つを書いてください（いまはどれもありません）。"
    return (
        f"{where}には、{allowed} のどれか1つだけを書きます"
        f"（いまは {' と '.join(kinds)} の{len(kinds)}つがあります）。区画を分けてください。"
    )


def _kind_problems(file: SchemaFile) -> list[Problem]:
    problems = []
    for index, block in enumerate(file.data.get("form") or []):
        if not isinstance(block, dict):
            continue  # the schema reports blocks that are not `key: value` pairs
        kinds = [key for key in block if key in BLOCK_KINDS]
        if len(kinds) != 1:
            problems.append(file.problem(("form", index), _kind_message(index, kinds)))
    return problems


def _character_problems(file: SchemaFile) -> list[Problem]:
    """Values with characters that cannot be printed, or that hide what the text says."""
    found = (
        (path, character_message(field_name("form", path), value, identity=False))
        for path, value in strings(file.data)
    )
    return [file.problem(path, message) for path, message in found if message]


def read_form(path: Path, root: Path, docs: Path) -> tuple[Form | None, list[Problem]]:
    """Read one form page: its checked definition and its title."""
    name = relative_name(path, root)
    text, problems = decode(path.read_bytes(), name)
    parts = split_front_matter(text) if text is not None else None
    if text is None or parts is None:
        message = "ファイルの先頭に前付け（--- で囲んだ form: の定義）がありません。ほかの様式のファイルをまねて書いてください。"
        return None, problems or [Problem(name, 1, 1, message)]
    front, body = parts
    file, problems = read_document(front, name, "form", "ほかの様式のファイル", "「form:」")
    if file is not None:
        problems += _kind_problems(file) + _character_problems(file)
    title = _H1.search(body)
    line = front.count("\n") + 2
    if title is None:
        missing = "様式の表題がありません。前付けの下に「# 表題」の行を書いてください。"
        problems.append(Problem(name, line, 1, missing))
    elif odd := character_message(TITLE, title[1], identity=False):
        problems.append(Problem(name, line + body[: title.start()].count("\n"), 1, odd))
    if problems or file is None or title is None:
        return None, problems
    blocks = tuple(
        _block(kind, block[kind], block.get("title", ""))
        for block in file.data["form"]
        for kind in block
        if kind in BLOCK_KINDS
    )
    src_uri = path.relative_to(docs).as_posix()
    return Form(src_uri, title[1].strip(), blocks), []


def form_paths(docs: Path) -> list[Path]:
    """Every form page: the Markdown files of the forms folder except its index."""
    return sorted(p for p in (docs / FORMS_FOLDER).glob("*.md") if p.name != "index.md")


def load_forms(root: Path, docs: Path) -> dict[str, Form]:
    """Every form by its page's path below docs/; raises ContentError naming every problem."""
    forms, problems = {}, []
    for path in form_paths(docs):
        form, found = read_form(path, root, docs)
        problems += found
        if form is not None:
            forms[form.src_uri] = form
    if problems:
        raise ContentError(problems)
    return forms
