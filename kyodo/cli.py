"""The `kyodo` command: checks, exports and benchmarks over the site's content."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kyodo import __version__
from kyodo.content.formats import today
from kyodo.content.problems import ContentError, publish_to_github, report
from kyodo.contributions.generated import contribution_files
from kyodo.contributions.maintainers import read_site_maintainers
from kyodo.contributions.reminders import due_listings, reminder_body
from kyodo.contributions.requests import answer_intake, answer_ownership, overlay
from kyodo.devtools.bench import run as run_bench
from kyodo.domain.site_content import check_content, load_content
from kyodo.export.datapackage import open_data
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
    """Rewrite the committed files derived from declarations (templates, issue forms, CODEOWNERS)."""
    files = {**source_templates(args.root), **contribution_files(args.root)}
    for path, text in files.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"更新しました: {path.relative_to(args.root)}")
    return 0


def bench(args: argparse.Namespace) -> int:
    """Build a synthetic site at scale and print figures against a baseline from the same run."""
    report, ok = run_bench(args.root, args.listings)
    print(report)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report + "\n", encoding="utf-8")
        print(f"この結果を {args.report} に書きました。")
    return 0 if ok else 1


def export(args: argparse.Namespace) -> int:
    """Write the open-data files (CSV, JSON, HSDS and their datapackage.json) into a folder."""
    content = load_content(args.root)
    settings = SiteSettings(args.site_url, "", "", today())
    for name, data in open_data(content.directory, settings).items():
        path = args.out / Path(name).relative_to("opendata")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"書き出しました: {path}")
    return 0


def intake(args: argparse.Namespace) -> int:
    """Read a submitted issue form and write what the workflow needs (result.json) into --out."""
    result = answer_intake(
        args.root,
        args.body_file.read_text(encoding="utf-8"),
        json.loads(args.labels),
        args.author,
        args.issue,
        read_site_maintainers(args.root),
        today(),
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    # Contributor text never goes to standard output, where the runner reads workflow commands.
    print("申請を受け付けられます。" if result["ok"] else "申請に直すところがあります。")
    return 0


def ownership(args: argparse.Namespace) -> int:
    """Judge a pull request's listing changes against the base branch; exit 1 when not allowed."""
    found = answer_ownership(
        args.root,
        json.loads(args.pull_request.read_text(encoding="utf-8")),
        json.loads(args.head_contents.read_text(encoding="utf-8")),
        read_site_maintainers(args.root),
    )
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with Path(summary).open("a", encoding="utf-8") as out:
            out.write(found.report())
    waiting = sum(not finding.allowed for finding in found.findings)
    if found.passed:
        print("編集担当の確認: 問題ありません。")
        return 0
    print(
        f"::error title=編集担当の確認::{waiting}件の掲載ファイルの変更に、承認が必要です。詳しくはジョブの要約をご覧ください。"
    )
    return 1


def overlay_files(args: argparse.Namespace) -> int:
    """Put a pull request's listing and case files over this checkout, to check them as data."""
    pull = json.loads(args.pull_request.read_text(encoding="utf-8"))
    contents = json.loads(args.head_contents.read_text(encoding="utf-8"))
    written = overlay(args.root, pull["files"], contents)
    print(f"プルリクエストの掲載・事例のファイルを{len(written)}件置きました。")
    return 0


def stale_report(args: argparse.Namespace) -> int:
    """Write the reminder issue's body for listings due for review; print how many are due."""
    content = load_content(args.root)
    site = read_site_maintainers(args.root)
    listings = content.directory.listings
    body = reminder_body(listings, today(), args.repo_url, site.logins)
    args.out.write_text(body, encoding="utf-8")
    print(len(due_listings(listings, today())))
    return 0


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "check": (check, "名簿と事例のファイルを検査します"),
    "generate": (generate, "ひな形・issue の用紙・CODEOWNERS を作り直します"),
    "export": (export, "名簿のオープンデータ（CSV・JSON・HSDS と datapackage.json）を書き出します"),
    "bench": (bench, "大きな名簿でサイトを作り、時間・メモリ・ページの大きさを測ります"),
    "intake": (intake, "issue の用紙を読み、掲載ファイルと返信を作ります（ワークフロー用）"),
    "ownership": (ownership, "プルリクエストの掲載ファイルの変更を、編集担当の規則で判定します"),
    "overlay": (overlay_files, "プルリクエストの掲載・事例ファイルを、検査のために置きます"),
    "stale-report": (stale_report, "確認が必要な掲載の一覧（お知らせの issue の本文）を作ります"),
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
    parsers["bench"].add_argument(
        "--listings",
        type=int,
        nargs="+",
        default=[500, 2000, 5000, 10000],
        help="合成する団体の数（複数指定できます）",
    )
    parsers["bench"].add_argument(
        "--report", type=Path, default=None, help="結果を書き出すファイル"
    )
    intake_args = parsers["intake"]
    intake_args.add_argument("--body-file", type=Path, required=True, help="issue の本文のファイル")
    intake_args.add_argument("--labels", required=True, help="issue のラベル名の JSON 配列")
    intake_args.add_argument("--author", required=True, help="issue を作った人のアカウント名")
    intake_args.add_argument("--issue", type=int, required=True, help="issue の番号")
    intake_args.add_argument("--out", type=Path, required=True, help="result.json を書くフォルダー")
    for name in ("ownership", "overlay"):
        parsers[name].add_argument(
            "--pull-request", type=Path, required=True, help="PR の情報の JSON"
        )
        parsers[name].add_argument(
            "--head-contents", type=Path, required=True, help="変更後の掲載・事例ファイルの JSON"
        )
    stale_args = parsers["stale-report"]
    stale_args.add_argument("--repo-url", required=True, help="リポジトリの URL")
    stale_args.add_argument("--out", type=Path, required=True, help="本文を書くファイル")
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
