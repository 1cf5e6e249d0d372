"""The `kyodo` command: checks, exports and benchmarks over the site's content."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from kyodo import __version__


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    parser = argparse.ArgumentParser(
        prog="kyodo", description="協働の手引きの内容を検査・出力します。"
    )
    parser.add_argument("--version", action="version", version=f"kyodo {__version__}")
    parser.add_subparsers(dest="command", required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    build_parser().parse_args(argv)
    return 0
