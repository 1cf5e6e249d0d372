"""The preview server (`make serve`): a saved listing shows, only what changed is made again, and
the preview says what it leaves out."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from kyodo.build.preview import PreviewMemo
from kyodo.build.scratch import remove_abandoned, scratch_folder
from kyodo.devtools.bench import site_skeleton
from kyodo.devtools.servebench import preview_server, save_summary, wait_for
from kyodo.domain.directory.load import Read, ReadCache, read_listing, read_listings

ROOT = Path(__file__).resolve().parent.parent
LISTING = "akarie-kango-iryo-daigaku"
_SUMMARY = re.compile(
    r"団体・企業のページと長い一覧の2ページ目以降を (\d+) 件作り直し、変わっていない (\d+) 件は前回のもの"
)


def test_a_listing_file_is_read_again_only_once_it_changed(tmp_path: Path) -> None:
    source = ROOT / "directory" / "groups" / f"{LISTING}.yml"
    copy = tmp_path / "directory" / "groups" / source.name
    copy.parent.mkdir(parents=True)
    copy.write_bytes(source.read_bytes())
    reads = ReadCache()
    first = reads.read(copy, "group", tmp_path)
    assert first == read_listing(copy, "group", tmp_path)
    assert reads.read(copy, "group", tmp_path) is first
    copy.write_text(copy.read_text(encoding="utf-8").replace("id: ", "id: x"), encoding="utf-8")
    again = reads.read(copy, "group", tmp_path)
    assert again is not first
    assert again[0] is None or again[1], "a changed id must be read again and reported"
    reads.keep_only(set())
    assert reads.read(copy, "group", tmp_path) is not again


def test_the_files_not_kept_are_read_together(tmp_path: Path) -> None:
    # A preview's first build reads its files in two processes, as a build does (`read_all`).
    paths = []
    for number in range(3):
        copy = tmp_path / "directory" / "groups" / f"g{number}.yml"
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes((ROOT / "directory" / "groups" / f"{LISTING}.yml").read_bytes())
        paths.append((copy, "group"))
    asked: list[list[Path]] = []

    def read_all(wanted: Sequence[tuple[Path, str]], root: Path) -> list[Read]:
        asked.append([path for path, _ in wanted])
        return read_listings(wanted, root)

    reads = ReadCache()
    first = reads.read_all(paths, tmp_path, read_all)
    assert first == read_listings(paths, tmp_path) and asked == [[p for p, _ in paths]]
    paths[1][0].write_text(paths[1][0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = reads.read_all(paths, tmp_path, read_all)
    assert asked[1] == [paths[1][0]]
    assert again[0] is first[0] and again[2] is first[2]


def test_scratch_folders_of_processes_that_are_gone_are_removed(tmp_path: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    folders = {
        "gone": tmp_path / f"kyodo-files-{gone.pid}-abc",
        "mine": tmp_path / f"kyodo-preview-{os.getpid()}-def",
        "older": tmp_path / "kyodo-preview-ghi",  # named before process ids were in names
    }
    for folder in folders.values():
        (folder / "rebuild").mkdir(parents=True)
    remove_abandoned(tmp_path)
    assert {name for name, folder in folders.items() if folder.exists()} == {"mine", "older"}
    made = scratch_folder("files")
    made.rmdir()
    assert made.name.startswith(f"kyodo-files-{os.getpid()}-")


def test_a_page_is_reused_only_when_made_of_the_same(tmp_path: Path) -> None:
    memo = PreviewMemo()
    written = tmp_path / "one" / "g" / "index.html"
    written.parent.mkdir(parents=True)
    written.write_text("<p>前回</p>", encoding="utf-8")
    memo.keep("g/", ("さくら会", 1), written, ["規則"])
    assert memo.reuse("g/", ("さくら会", 2), tmp_path / "two" / "g" / "index.html") is None
    assert memo.reuse("h/", ("さくら会", 1), tmp_path / "two" / "h" / "index.html") is None
    assert memo.reuse("g/", None, tmp_path / "two" / "g" / "index.html") is None
    reused = tmp_path / "three" / "g" / "index.html"
    assert memo.reuse("g/", ("さくら会", 1), reused) == ("規則",)
    assert reused.read_text(encoding="utf-8") == "<p>前回</p>"


def test_only_saved_listings_with_nothing_else_changed_are_rewritten_alone(tmp_path: Path) -> None:
    for folder in ("docs", "directory/groups", "directory/businesses", "case_studies"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    group = tmp_path / "directory" / "groups" / "sakura.yml"
    business = tmp_path / "directory" / "businesses" / "hana.yml"
    chapter = tmp_path / "docs" / "index.md"
    for path in (group, business, chapter, group.with_name("_template.yml")):
        path.write_text("a: 1\n", encoding="utf-8")
    memo = PreviewMemo()
    memo.started(tmp_path)
    assert memo.changed_listings(tmp_path) is None  # the build has not finished
    memo.whole = True
    assert memo.changed_listings(tmp_path) is None  # nothing saved
    group.write_text("a: 2\n", encoding="utf-8")
    business.write_text("a: 22\n", encoding="utf-8")
    assert sorted(memo.changed_listings(tmp_path) or []) == [
        (business, "business"),
        (group, "group"),
    ]
    for other in (chapter, group.with_name("_template.yml"), tmp_path / "mkdocs.yml"):
        memo.started(tmp_path)
        memo.whole = True
        other.write_text("b: 3\n", encoding="utf-8")
        group.write_text(f"a: {other.name}\n", encoding="utf-8")
        assert memo.changed_listings(tmp_path) is None, other
    memo.started(tmp_path)
    memo.whole = True
    group.with_name("new.yml").write_text("a: 1\n", encoding="utf-8")
    assert memo.changed_listings(tmp_path) is None  # a listing added


@pytest.mark.build
def test_a_saved_listing_shows_at_once_and_the_whole_site_follows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As at scale, a second process makes the pages of the preview's builds (the quick
    # rewrite of a saved listing makes its own); only what changed is made again.
    monkeypatch.setenv("KYODO_STAMP_HELPER", "1")
    project = site_skeleton(ROOT, tmp_path / "site")
    page = f"directory/groups/{LISTING}/"
    source = project / "directory" / "groups" / f"{LISTING}.yml"
    with preview_server(project) as server:
        assert wait_for(lambda: server.page(page) is not None, 300), server.logged()
        search = server.page("search/") or ""
        assert "プレビューでは検索できません" in search
        assert 'class="kyodo-search__form"' not in search
        assert server.page("pagefind/pagefind.js") is None
        save_summary(project, LISTING, "プレビューで書き換えた紹介文です。")
        summary = '<p class="kyodo-listing__summary">プレビューで書き換えた紹介文です。</p>'
        shown = wait_for(lambda: summary in (server.page(page) or ""), 300)
        assert shown, server.logged()  # in the page's body, not only in its description
        # Shown by the quick rewrite, before the whole build that follows it three seconds later.
        assert len(_SUMMARY.findall(server.logged())) == 1
        assert wait_for(lambda: len(_SUMMARY.findall(server.logged())) == 2, 300)
        # A saved file with a mistake is not shown alone: the whole build reports it.
        source.write_text(source.read_text(encoding="utf-8").replace("summary:", "sumary:"))
        assert wait_for(lambda: "掲載内容に誤りがあるため" in server.logged(), 300)
        log = server.logged()
    assert log.count("のページを先に書き換えました") == 1
    assert f"保存された directory/groups/{LISTING}.yml のページを先に書き換えました" in log
    (first_made, first_kept), (made, kept) = (tuple(map(int, m)) for m in _SUMMARY.findall(log))
    assert first_kept == 0 and first_made > 40
    # The whole build after it remakes the listings that suggest the saved one as a partner
    # (the sample is small: a quarter of them), not the others.
    assert 1 <= made < first_made // 2
    assert made + kept == first_made
    assert "Traceback" not in log
