"""The `kyodo` command: checks, exports and benchmarks over the site's content."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kyodo import __version__
from kyodo.content.formats import today
from kyodo.content.problems import ContentError, publish_to_github, report
from kyodo.devtools.bench import run as run_bench
from kyodo.domain.site_content import check_content, load_content
from kyodo.export.opendata import opendata_files
from kyodo.site.fieldref import source_templates
from kyodo.site.settings import SiteSettings


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
    for path, text in source_templates(args.root).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"更新しました: {path.relative_to(args.root)}")
    return 0


def bench(args: argparse.Namespace) -> int:
    """Build a synthetic site at scale and print figures against a baseline from the same run."""
    report, ok = run_bench(args.root, args.listings)
    print(report)
    return 0 if ok else 1


def export(args: argparse.Namespace) -> int:
    """Write the open-data files (CSV and JSON) into a folder."""
    content = load_content(args.root)
    settings = SiteSettings(args.site_url, "", "", today())
    for name, data in opendata_files(content.directory, settings).items():
        path = args.out / Path(name).name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"書き出しました: {path}")
    return 0


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "check": (check, "名簿と事例のファイルを検査します"),
    "generate": (generate, "スキーマからひな形ファイルを作り直します"),
    "export": (export, "名簿のオープンデータ（CSV・JSON）を書き出します"),
    "bench": (bench, "大きな名簿でサイトを作り、時間・メモリ・ページの大きさを測ります"),
}


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    parser = argparse.ArgumentParser(
        prog="kyodo", description="協働の手引きの内容を検査・出力します。"
    )
    parser.add_argument("--version", action="version", version=f"kyodo {__version__}")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="リポジトリの場所")
    commands = parser.add_subparsers(dest="command", required=True)
    parsers = {name: commands.add_parser(name, help=text) for name, (_, text) in COMMANDS.items()}
    for name, (handler, _) in COMMANDS.items():
        parsers[name].set_defaults(handler=handler)
    parsers["export"].add_argument(
        "--out", type=Path, default=Path("site/opendata"), help="書き出し先のフォルダー"
    )
    parsers["export"].add_argument(
        "--site-url", default="https://example.github.io/kyodo/", help="掲載ページの URL の基点"
    )
    parsers["bench"].add_argument("--listings", type=int, default=5000, help="合成する団体の数")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = build_parser().parse_args(argv)
    args.root = args.root.resolve()
    try:
        code: int = args.handler(args)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    return code
