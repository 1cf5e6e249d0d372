"""The `kyodo` command: checks, exports and benchmarks over the site's content."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kyodo import __version__
from kyodo.content import check_content, generated_files
from kyodo.problems import publish_to_github, report


def check(args: argparse.Namespace) -> int:
    """Validate every listing and case; print every problem and exit 1 when there is one."""
    content, problems = check_content(args.root)
    for line in publish_to_github(problems):
        print(line)
    if problems:
        print(report(problems), file=sys.stderr)
        return 1
    print(f"誤りはありません（{content.summary()}）。")
    return 0


def generate(args: argparse.Namespace) -> int:
    """Rewrite the files derived from the schemas (the listing templates)."""
    for path, text in generated_files(args.root).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"更新しました: {path.relative_to(args.root)}")
    return 0


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "check": (check, "名簿と事例のファイルを検査します"),
    "generate": (generate, "スキーマからひな形ファイルを作り直します"),
}


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    parser = argparse.ArgumentParser(
        prog="kyodo", description="協働の手引きの内容を検査・出力します。"
    )
    parser.add_argument("--version", action="version", version=f"kyodo {__version__}")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="リポジトリの場所")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (handler, help_text) in COMMANDS.items():
        commands.add_parser(name, help=help_text).set_defaults(handler=handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = build_parser().parse_args(argv)
    args.root = args.root.resolve()
    code: int = args.handler(args)
    return code
