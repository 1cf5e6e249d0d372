"""The requests the workflows hand over as JSON, read into the package's terms and answered."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kyodo.contributions.forms import form_for_labels
from kyodo.contributions.intake import intake
from kyodo.contributions.maintainers import SiteMaintainers
from kyodo.contributions.ownership import (
    Change,
    Maintainers,
    Review,
    Verdict,
    approvers,
    is_listing,
    listing_changes,
    maintainers_of,
    verdict,
)
from kyodo.contributions.replies import intake_comment, pull_request_text

INTAKE_BOT = "github-actions[bot]"
INTAKE_BRANCH = re.compile(r"intake/issue-([0-9]+)")
CONTENT_PATH = re.compile(
    r"(directory/(groups|businesses)|case_studies)/[A-Za-z0-9][A-Za-z0-9._-]*"
)


def base_maintainers(root: Path, paths: list[str]) -> dict[str, Maintainers]:
    """The maintainers each listing has on the checked-out base branch (none for new files)."""
    found: dict[str, Maintainers] = {}
    for path in paths:
        file = root / path
        text = file.read_text(encoding="utf-8") if is_listing(path) and file.is_file() else None
        found[path] = maintainers_of(text) or ()
    return found


def answer_intake(
    root: Path,
    body: str,
    labels: list[str],
    author: str,
    issue: int,
    site: SiteMaintainers,
    today: datetime.date,
) -> dict[str, Any]:
    """Everything the intake workflow needs to open or refresh the pull request, as JSON data."""
    form = form_for_labels(labels)
    if form is None:
        return {"form": "", "ok": False}
    result = intake(form, body, author, root, today)
    change = result.change()
    judged = None
    if result.ok and change is not None:
        head = {change.path: maintainers_of(result.text)}
        judged = verdict(
            [change], author, base_maintainers(root, [change.path]), head, set(), site.logins
        )
    reply = {"form": form.name, "ok": result.ok, "comment": intake_comment(result, judged)}
    if judged is None or result.path is None:
        return reply
    title, text = pull_request_text(result, issue, author, judged)
    return {
        **reply,
        "path": result.path,
        "content": result.text,
        "delete": result.text is None,
        "branch": f"intake/issue-{issue}",
        "title": title,
        "body": text,
        "owner_approved": judged.passed,
        "ownership_report": judged.report(),
    }


def _reviews(data: list[Mapping[str, Any]]) -> list[Review]:
    return [
        Review(
            str((r.get("user") or {}).get("login", "")), str(r["state"]), str(r.get("commit_id"))
        )
        for r in data
    ]


def requester(pull: Mapping[str, Any]) -> str:
    """Who asks for the change: the pull request's author, or for a pull request the intake
    opened (by the workflow's own account, from a branch of this repository named after the
    issue) the author of that issue."""
    author = str(pull["author"])
    if (
        author == INTAKE_BOT
        and pull.get("same_repository") is True
        and INTAKE_BRANCH.fullmatch(str(pull.get("head_ref", "")))
        and pull.get("issue_author")
    ):
        return str(pull["issue_author"])
    return author


def overlay(
    root: Path, files: list[Mapping[str, Any]], head_contents: Mapping[str, str | None]
) -> list[str]:
    """Put a pull request's listing and case files over the base checkout, as data only.

    Only paths inside the content folders are written; everything else stays as on the base
    branch, so the checker that then runs is the base branch's own. Returns the paths written."""
    written = []
    for change in files:
        for path in (str(change["filename"]), str(change.get("previous_filename") or "")):
            if not CONTENT_PATH.fullmatch(path):
                continue
            target = root / path
            text = head_contents.get(path)
            if text is None:
                target.unlink(missing_ok=True)
            else:
                target.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def answer_ownership(
    root: Path,
    pull: Mapping[str, Any],
    head_contents: Mapping[str, str | None],
    site: SiteMaintainers,
) -> Verdict:
    """Judge a pull request described by the API's data, against the base branch at `root`.

    `pull` holds `author`, `head_sha`, `head_ref`, `same_repository`, `issue_author`, `files`
    (the pull request's file list) and `reviews`;
    `head_contents` maps each changed listing to its text on the head commit (None if deleted).
    """
    changes = [
        Change(str(f["filename"]), str(f["status"]), f.get("previous_filename"))
        for f in pull["files"]
    ]
    paths = [change.path for change in listing_changes(changes)]
    head = {path: maintainers_of(head_contents.get(path)) for path in paths}
    approvals = approvers(_reviews(pull["reviews"]), str(pull["head_sha"]))
    return verdict(
        changes, requester(pull), base_maintainers(root, paths), head, approvals, site.logins
    )
