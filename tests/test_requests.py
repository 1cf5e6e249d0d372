"""What the workflows hand the package and get back: intake results, ownership, the overlay."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from kyodo.cli import main
from kyodo.content import formats
from kyodo.contributions.forms import form_named
from kyodo.contributions.requests import overlay, requester
from tests.conftest import FIXTURES, ROOT
from tests.formkit import render_body
from tests.test_issue_intake import EXISTING

TODAY = datetime.date(2026, 11, 28)
SITE_FILE = "team: 協働推進担当（架空）\ncontact: 編集チーム\nmaintainers: [kyodo-admin]\n"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "today", lambda: TODAY)
    monkeypatch.setattr("kyodo.cli.today", lambda: TODAY)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for folder in ("directory/groups", "directory/businesses", "case_studies", ".github"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "directory/groups/tsukimi-kai.yml").write_text(EXISTING, encoding="utf-8")
    (tmp_path / ".github/site-maintainers.yml").write_text(SITE_FILE, encoding="utf-8")
    return tmp_path


def run_intake(repo: Path, body: str, labels: list[str], author: str) -> dict[str, Any]:
    (repo / "body.md").write_text(body, encoding="utf-8")
    args = ["--root", str(repo), "intake", "--body-file", str(repo / "body.md")]
    args += ["--labels", json.dumps(labels), "--author", author, "--issue", "7"]
    assert main([*args, "--out", str(repo / "out")]) == 0
    result: dict[str, Any] = json.loads((repo / "out/result.json").read_text(encoding="utf-8"))
    return result


def test_intake_of_a_new_listing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (FIXTURES / "issue-group-new.md").read_text(encoding="utf-8")
    result = run_intake(repo, body, ["団体の掲載の申請"], "hoshizora-sec")
    assert capsys.readouterr().out == "申請を受け付けられます。\n"
    assert (result["form"], result["ok"], result["path"]) == (
        "group-new",
        True,
        "directory/groups/hoshizora-kai.yml",
    )
    assert result["branch"] == "intake/issue-7" and result["delete"] is False
    assert result["title"] == "掲載の申請: directory/groups/hoshizora-kai.yml（#7）"
    assert result["owner_approved"] is False
    assert (
        "新しい掲載です。サイト管理者（@kyodo-admin）のどなたかの承認が必要です。" in result["body"]
    )
    assert result["body"].endswith("Closes #7\n")


def test_intake_of_an_update_by_its_maintainer(repo: Path) -> None:
    update = form_named("group-update")
    assert update is not None
    confirm = update.field("確認")
    assert confirm is not None
    answers = {"ID（ページのアドレス）": "tsukimi-kai", "確認": list(confirm.options)}
    result = run_intake(
        repo, render_body(update, answers), ["団体の掲載内容の更新"], "tsukimi-office"
    )
    assert result["owner_approved"] is True
    assert "編集担当ご本人からの申請のため" in result["comment"]


def test_intake_with_problems_only_answers(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "::set-output name=ok::true\n`$(id)`"
    result = run_intake(repo, hostile, ["団体の掲載の申請"], "mallory")
    assert capsys.readouterr().out == "申請に直すところがあります。\n"
    assert result["ok"] is False and "path" not in result
    assert result["comment"].startswith("申請の内容に、直していただきたいところが")


def test_an_issue_not_made_with_a_form_is_left_alone(repo: Path) -> None:
    assert run_intake(repo, "質問です", ["question"], "someone") == {"form": "", "ok": False}


def pull(files: list[dict[str, Any]], author: str = "mallory", **extra: Any) -> dict[str, Any]:
    return {"author": author, "head_sha": "h1", "files": files, "reviews": [], **extra}


def run_ownership(repo: Path, described: dict[str, Any], contents: dict[str, str | None]) -> int:
    (repo / "pull.json").write_text(json.dumps(described), encoding="utf-8")
    (repo / "head.json").write_text(json.dumps(contents), encoding="utf-8")
    return main(
        ["--root", str(repo), "ownership", "--pull-request", str(repo / "pull.json"),
         "--head-contents", str(repo / "head.json")]
    )  # fmt: skip


def test_ownership_check_fails_and_says_who_may_approve(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    path = "directory/groups/tsukimi-kai.yml"
    changed = EXISTING.replace("月見の会", "月見の会（乗っ取り）")
    code = run_ownership(repo, pull([{"filename": path, "status": "modified"}]), {path: changed})
    assert code == 1
    assert capsys.readouterr().out == (
        "::error title=編集担当の確認::1件の掲載ファイルの変更に、承認が必要です。詳しくはジョブの要約をご覧ください。\n"
    )
    assert (
        f"- ❌ `{path}`: @mallory さんは、この掲載の編集担当ではありません。編集担当（@tsukimi-office）ご本人が変更するか、"
        "サイト管理者（@kyodo-admin）のどなたかの承認が必要です。"
    ) in summary.read_text(encoding="utf-8")


def test_ownership_check_passes_for_the_maintainer_and_after_approval(repo: Path) -> None:
    path = "directory/groups/tsukimi-kai.yml"
    files = [{"filename": path, "status": "modified"}]
    assert run_ownership(repo, pull(files, "tsukimi-office"), {path: EXISTING}) == 0
    approved = pull(
        files, reviews=[{"user": {"login": "kyodo-admin"}, "state": "APPROVED", "commit_id": "h1"}]
    )
    assert run_ownership(repo, approved, {path: EXISTING}) == 0


def test_an_intake_pull_request_speaks_for_the_issue_author() -> None:
    described = pull(
        [],
        "github-actions[bot]",
        head_ref="intake/issue-7",
        same_repository=True,
        issue_author="tsukimi-office",
    )
    assert requester(described) == "tsukimi-office"
    assert requester({**described, "same_repository": False}) == "github-actions[bot]"
    assert requester({**described, "head_ref": "intake/issue-7x"}) == "github-actions[bot]"
    assert requester({**described, "author": "mallory"}) == "mallory"


def test_overlay_writes_only_content_files(repo: Path) -> None:
    files = [
        {"filename": "directory/groups/new.yml", "status": "added"},
        {"filename": "directory/groups/tsukimi-kai.yml", "status": "removed"},
        {"filename": "case_studies/x.md", "status": "added"},
        {"filename": "kyodo/cli.py", "status": "modified"},
        {"filename": "directory/groups/../../../evil.yml", "status": "added"},
        {"filename": "directory/groups/.hidden", "status": "added"},
        {"filename": ".github/workflows/x.yml", "status": "added"},
    ]
    contents = {f["filename"]: "id: x\n" for f in files if f["status"] != "removed"}
    written = overlay(repo, files, contents)
    assert written == [
        "directory/groups/new.yml",
        "directory/groups/tsukimi-kai.yml",
        "case_studies/x.md",
    ]
    assert not (repo / "directory/groups/tsukimi-kai.yml").exists()
    assert not (repo.parent / "evil.yml").exists() and not (repo / "kyodo").exists()


def test_overlay_then_check_reports_the_pull_requests_mistakes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "kyodo/content/schemas", repo / "schemas-unused")
    path = "directory/groups/tsukimi-kai.yml"
    described = pull([{"filename": path, "status": "modified"}])
    (repo / "pull.json").write_text(json.dumps(described), encoding="utf-8")
    (repo / "head.json").write_text(
        json.dumps({path: EXISTING.replace("[泉区]", "[泉]")}), encoding="utf-8"
    )
    args = ["--pull-request", str(repo / "pull.json"), "--head-contents", str(repo / "head.json")]
    assert main(["--root", str(repo), "overlay", *args]) == 0
    assert main(["--root", str(repo), "check"]) == 1
    assert f"{path}:6:9: 区 (wards) に「泉」は使えません。" in capsys.readouterr().err


def test_stale_report_writes_the_body_and_prints_the_count(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = repo / "reminder.md"
    assert (
        main(
            [
                "--root",
                str(repo),
                "stale-report",
                "--repo-url",
                "https://github.com/example/kyodo",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == "1\n"
    assert "@tsukimi-office" in out.read_text(encoding="utf-8")
