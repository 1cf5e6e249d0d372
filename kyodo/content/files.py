"""Finding content files: what is loaded, and a report of everything else in a content folder."""

from __future__ import annotations

from pathlib import Path

from kyodo.content.problems import Problem, relative_name


def _unused(entry: Path, suffix: str, folder: str) -> str | None:
    """Why a folder entry will not be loaded, or None when it will be."""
    if entry.is_symlink():
        return (
            "シンボリックリンクは読み込みません（リンク先のファイルは使われません）。"
            f"リンクを消して、内容をこのフォルダーのファイルとして書いてください（拡張子 {suffix}）。"
        )
    if entry.is_dir():
        return (
            f"フォルダーの中のファイルは読み込まれません。中のファイルを {folder}/ の直下に移し、"
            "このフォルダーを消してください。"
        )
    if not entry.is_file():
        return "普通のファイルではないため読み込みません。このファイルを消してください。"
    if entry.name.startswith("."):
        return "名前が「.」で始まる隠しファイルは読み込まれません。不要なファイルなので消してください。"
    if entry.name.startswith("_"):
        return (
            "名前が「_」で始まるファイルは読み込まれません（ひな形のためのきまりです）。"
            f"掲載するなら「_」を外した名前にしてください（例: {entry.name.lstrip('_')}）。"
        )
    if entry.suffix != suffix:
        stem = entry.name.split(".")[0]
        return f"拡張子が {suffix} ではないため読み込まれません。ファイル名を「{stem}{suffix}」にしてください。"
    return None


def content_files(
    folder: Path, root: Path, suffix: str, template: str
) -> tuple[list[Path], list[Problem]]:
    """The files to load directly in `folder` (never following links), and a problem for
    everything else found there but the template, so that nothing is silently skipped."""
    if not folder.is_dir():
        return [], []
    files, problems = [], []
    shown = relative_name(folder, root)
    for entry in sorted(folder.iterdir()):
        if entry.name == template:
            continue
        reason = _unused(entry, suffix, shown)
        if reason is None:
            files.append(entry)
        else:
            problems.append(Problem(relative_name(entry, root), 1, 1, reason))
    return files, problems
