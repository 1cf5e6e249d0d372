"""Content problems: where they are, what they say, and how they are reported."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake in a content file, located by 1-based line and column."""

    file: str
    line: int
    column: int
    message: str

    def __post_init__(self) -> None:
        # Contributor values are quoted in messages; each problem stays one printable line.
        object.__setattr__(self, "file", one_line(self.file))
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\U000f0000-\U000fffff]"
)


def _shown(character: str) -> str:
    if character in "\r\n":
        return "⏎"
    point = ord(character)
    return f"[U+{point - 0xF0000 if point >= 0xF0000 else point:04X}]"


def one_line(text: str) -> str:
    """Text shown on one line as it is: line breaks as ⏎, control and invisible characters
    as [U+XXXX], so that no value can start a line of its own in a log."""
    return _UNPRINTABLE.sub(lambda m: _shown(m[0]), text.replace("\r\n", "\n"))


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems by file and position; those at one position keep the order they were found in."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.column))


class ContentError(Exception):
    """Raised when content files contain problems; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = in_file_order(problems)
        super().__init__(report(self.problems))


def summary_line(problems: Sequence[Problem]) -> str:
    """Count problems and the files they are in, in Japanese."""
    files = len({problem.file for problem in problems})
    return f"{files}件のファイルに、合わせて{len(problems)}件の誤りがあります。"


def report(problems: Sequence[Problem]) -> str:
    """All problems, one per line, followed by the count."""
    return "\n".join([*map(str, problems), summary_line(problems)])


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the problem on the pull request."""
    location = ",".join(
        [
            f"file={_escape_property(problem.file)}",
            f"line={problem.line}",
            f"col={problem.column}",
            f"title={_escape_property('掲載内容の誤り')}",
        ]
    )
    return f"::error {location}::{_escape_data(problem.message)}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def markdown_cell(text: str) -> str:
    """Text shown literally in a Markdown table cell: HTML escaped, Markdown marks escaped."""
    escaped = html.escape(text, quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def step_summary(problems: Sequence[Problem]) -> str:
    """A Markdown report for $GITHUB_STEP_SUMMARY, which shows every problem."""
    rows = [
        f"| {markdown_cell(p.file)} | {p.line} | {p.column} | {markdown_cell(p.message)} |"
        for p in problems
    ]
    return "\n".join(
        [
            "## 掲載内容の検査結果",
            "",
            summary_line(problems),
            "",
            "| ファイル | 行 | 列 | 内容 |",
            "|---|---|---|---|",
            *rows,
            "",
        ]
    )


def publish_to_github(
    problems: Sequence[Problem], environ: dict[str, str] | None = None
) -> list[str]:
    """Under GitHub Actions, write the step summary and return the annotation lines."""
    env = os.environ if environ is None else environ
    if env.get("GITHUB_ACTIONS") != "true":
        return []
    summary_path = env.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with Path(summary_path).open("a", encoding="utf-8") as summary:
            summary.write(step_summary(problems))
    return [github_annotation(problem) for problem in problems]


def relative_name(path: Path, root: Path) -> str:
    """The path as a contributor sees it in the repository, with forward slashes; never an
    absolute path of the machine (links are not resolved: they are reported, not followed)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name
