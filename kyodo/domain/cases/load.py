"""Load and check every case under `case_studies/`: front matter, partners and chapters."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from kyodo.content import yamlfile
from kyodo.content.files import content_files
from kyodo.content.problems import Problem, relative_name
from kyodo.content.validation import SchemaFile, field_name, read_document, suggestion
from kyodo.content.value_rules import body_problems, value_problems
from kyodo.content.vocabulary import activity_fields, collaboration_forms, wards
from kyodo.domain.cases.links import link_problems
from kyodo.domain.cases.model import CaseStudy, Evaluation, Score
from kyodo.domain.directory.model import Directory

TEMPLATE_NAME = "_template.md"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)


# A case is a few pages of text; far more is a mistake or an attack.
CASE_LIMIT_BYTES = 128 * 1024
# Names the site gives its own case pages (cases/form/ …): a case with one of these ids would
# replace them. tests/test_cases.py checks every generated page in cases/ uses one of them.
RESERVED_IDS = frozenset({"index", "form", "field", "ward", "year"})


def split_front_matter(text: str) -> tuple[str, str] | None:
    """The front matter (with the opening line blanked, so line numbers match the file) and the body."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    return "\n" + match[1], text[match.end() :]


def _nearest(word: str, choices: list[str]) -> str:
    found = suggestion(word, choices)
    return f"もしかして: {found}。" if found else ""


def _problem(case: SchemaFile, path: tuple[str | int, ...], message: str) -> Problem:
    return case.problem(path, f"{field_name('case', path)} の{message}")


def _reference_problems(case: SchemaFile, directory: Directory, docs: Path) -> list[Problem]:
    """Partners must be in the directory, chapters must exist, updates follow publication."""
    data, problems = case.data, []
    ids = [listing.id for listing in directory.listings]
    for index, partner in enumerate((data.get("partners") or {}).get("listings") or []):
        if isinstance(partner, str) and partner not in ids:
            problems.append(
                _problem(
                    case,
                    ("partners", "listings", index),
                    f"「{partner}」は名簿にありません。{_nearest(partner, ids)}"
                    "directory/groups/ か directory/businesses/ にあるファイル名（.yml を除いた部分）を書いてください。",
                )
            )
    chapters = sorted(p.relative_to(docs).as_posix() for p in (docs / "guide").rglob("*.md"))
    for index, chapter in enumerate(data.get("chapters") or []):
        if isinstance(chapter, str) and chapter not in chapters:
            problems.append(
                _problem(
                    case,
                    ("chapters", index),
                    f"「{chapter}」という章はありません。{_nearest(chapter, chapters)}docs/ にある章のファイルを書いてください。",
                )
            )
    published, updated = data.get("published"), data.get("updated")
    if isinstance(published, str) and isinstance(updated, str) and updated < published:
        problems.append(
            _problem(
                case,
                ("updated",),
                f"「{updated}」が公開日（{published}）より前です。公開日以降の日付を書いてください。",
            )
        )
    return problems


def _file_problem(name: str, message: str) -> tuple[None, list[Problem]]:
    return None, [Problem(name, 1, 1, message)]


def read_case(
    path: Path, root: Path, directory: Directory
) -> tuple[tuple[SchemaFile, str] | None, list[Problem]]:
    """Read one case file: its checked front matter and its narrative."""
    name = relative_name(path, root)
    if path.stem in RESERVED_IDS:
        return _file_problem(
            name,
            f"ファイル名「{path.name}」は、サイトの事例一覧のページと同じ名前になるため使えません"
            f"（使えない名前: {', '.join(sorted(RESERVED_IDS))}）。事例の内容を表す別の名前にしてください。",
        )
    content = path.read_bytes()
    too_big = yamlfile.size_problem(content, name, CASE_LIMIT_BYTES)
    if too_big:
        return None, [too_big]
    text, problems = yamlfile.decode(content, name)
    if text is None:
        return None, problems
    parts = split_front_matter(text)
    if parts is None:
        return _file_problem(
            name,
            "ファイルの先頭に前付けがありません。1行目に「---」、次の行から「title: …」などの項目、"
            f"最後に「---」だけの行を書き、その下に本文を書いてください。ひな形は case_studies/{TEMPLATE_NAME} です。",
        )
    front, narrative = parts
    template = f"case_studies/{TEMPLATE_NAME}"
    case, problems = read_document(front, name, "case", template, "「title: …」「summary: …」")
    if case is None:
        return None, problems
    first_body_line = front.count("\n") + 2
    return (case, narrative), [
        *problems,
        *_reference_problems(case, directory, root / "docs"),
        *value_problems(case.data, "case", case.document, name, ()),
        *body_problems(narrative, name, first_body_line),
        *link_problems(narrative, f"cases/{path.stem}.md", name, first_body_line, root / "docs"),
    ]


def _evaluation(data: dict[str, Any] | None) -> Evaluation | None:
    if not data:
        return None
    scores = tuple(Score(s["item"], tuple(s["ratings"].items())) for s in data.get("scores", []))
    return Evaluation(
        tuple(data.get("methods", [])), tuple(data.get("timing", [])), scores, data.get("note", "")
    )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def to_case(case: SchemaFile, narrative: str, stem: str) -> CaseStudy:
    """Model a checked case."""
    data = case.data
    published = _date(data["published"])
    assert published is not None
    return CaseStudy(
        id=stem,
        title=data["title"],
        summary=data["summary"],
        year=data["year"],
        wards=tuple(wards()[name] for name in data["wards"]),
        fields=tuple(activity_fields()[code] for code in data["fields"]),
        forms=tuple(collaboration_forms()[name] for name in data["forms"]),
        partners=tuple(data["partners"]["listings"]),
        departments=tuple(data["partners"].get("departments", [])),
        purpose=data["purpose"],
        challenge=data["challenge"],
        actions=data["actions"],
        outcomes=data["outcomes"],
        lessons=data["lessons"],
        evaluation=_evaluation(data.get("evaluation")),
        chapters=tuple(data.get("chapters", [])),
        published=published,
        updated=_date(data.get("updated")),
        sample=bool(data.get("sample", False)),
        narrative=narrative,
        source=case.name,
    )


def check_cases(
    folder: Path, root: Path, directory: Directory
) -> tuple[tuple[CaseStudy, ...], list[Problem]]:
    """Every valid case, newest first, and every problem found in any case file."""
    cases = []
    paths, problems = content_files(folder, root, ".md", TEMPLATE_NAME)
    for path in paths:
        read, found = read_case(path, root, directory)
        problems += found
        if read is not None and not found:
            cases.append(to_case(*read, path.stem))
    return tuple(sorted(cases, key=lambda c: (-c.year, c.id))), problems
