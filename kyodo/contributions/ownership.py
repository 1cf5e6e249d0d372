"""Who may change a listing: its own maintainers, as the base branch names them, or a site maintainer.

CODEOWNERS cannot express this (code owners need write access to the repository, which outside
groups never get), so a pull request's listing changes are judged here and a check reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kyodo.content import yamlfile

LISTING_PATH = re.compile(r"directory/(groups|businesses)/[^/_.][^/]*")
Maintainers = tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One file a pull request touches, as the pull request's file list reports it."""

    path: str
    status: str
    previous: str | None = None


@dataclass(frozen=True)
class Review:
    """One review of a pull request: who, which state, on which commit."""

    login: str
    state: str
    commit: str


@dataclass(frozen=True)
class Finding:
    """The judgement on one listing file."""

    path: str
    allowed: bool
    reason: str


@dataclass(frozen=True)
class Verdict:
    """The judgement on a whole pull request, with its explanation in Japanese."""

    passed: bool
    findings: tuple[Finding, ...]

    def report(self) -> str:
        """A Markdown report for the check's summary and the contributor."""
        if not self.findings:
            return "## 編集担当の確認\n\n名簿の掲載ファイルは変更されていません。\n"
        waiting = [f for f in self.findings if not f.allowed]
        head = (
            "すべての掲載ファイルの変更が認められています。"
            if not waiting
            else f"{len(self.findings)}件の掲載ファイルのうち、{len(waiting)}件はまだ承認が必要です。"
        )
        lines = [f"- {'✅' if f.allowed else '❌'} `{f.path}`: {f.reason}" for f in self.findings]
        note = (
            "\nサイト管理者が承認したあと、このチェックを「Re-run」すると結果が変わります。"
            "承認のあとに新しいコミットを加えたときは、承認し直してください。\n"
            if waiting
            else ""
        )
        return "\n".join(["## 編集担当の確認", "", head, "", *lines, note])


def is_listing(path: str) -> bool:
    """Whether a repository path is a listing file (templates and hidden files are not)."""
    return LISTING_PATH.fullmatch(path) is not None


def listing_changes(changes: Iterable[Change]) -> list[Change]:
    """The listing files changed; a rename counts as removing one listing and adding another."""
    found = []
    for change in changes:
        if change.status == "renamed" and change.previous and is_listing(change.previous):
            found.append(Change(change.previous, "removed"))
        if is_listing(change.path):
            status = "added" if change.status in ("renamed", "copied") else change.status
            found.append(Change(change.path, status))
    return found


def approvers(reviews: Sequence[Review], head: str) -> set[str]:
    """Who approves the current commit: each reviewer's last approving or rejecting word counts."""
    latest: dict[str, Review] = {}
    for review in reviews:
        if review.state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            latest[review.login.casefold()] = review
    return {
        login
        for login, review in latest.items()
        if review.state == "APPROVED" and review.commit == head
    }


def maintainers_of(text: str | None) -> Maintainers | None:
    """The `maintainers` a listing file names, or None when the file cannot be read."""
    if text is None:
        return ()
    document, problems = yamlfile.parse(text, "listing.yml")
    if document is None or problems or not isinstance(document.data, dict):
        return None
    value = document.data.get("maintainers") or []
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list):
        return None
    return tuple(str(name) for name in names)


def _mentions(logins: Iterable[str]) -> str:
    return "、".join(f"@{login}" for login in logins) or "（登録なし）"


def _site(site: Maintainers) -> str:
    return f"サイト管理者（{_mentions(site)}）のどなたかの承認が必要です。"


def _needs_site(change: Change, base: Maintainers, head: Maintainers | None) -> str | None:
    """Why only a site maintainer may allow this change, or None when its maintainers may."""
    if change.status == "added":
        return "新しい掲載です。"
    if change.status != "removed" and head is None:
        return "編集担当 (maintainers) を読み取れません。"
    if change.status != "removed" and head is not None and _folded(head) != _folded(base):
        return f"編集担当 (maintainers) が変わります（{_mentions(base)} → {_mentions(head)}）。"
    if not base:
        return "この掲載には編集担当 (maintainers) が登録されていません。"
    return None


def _folded(logins: Iterable[str]) -> list[str]:
    return sorted(login.casefold() for login in logins)


def judge(
    change: Change,
    author: str,
    base: Maintainers,
    head: Maintainers | None,
    approvals: set[str],
    site: Maintainers,
) -> Finding:
    """Whether one listing change may be merged, and why."""
    approving = [login for login in site if login.casefold() in approvals]
    if author.casefold() in _folded(site):
        return Finding(change.path, True, f"サイト管理者 @{author} さんの変更です。")
    if approving:
        return Finding(change.path, True, f"サイト管理者 @{approving[0]} さんが承認しています。")
    reason = _needs_site(change, base, head)
    if reason is not None:
        return Finding(change.path, False, reason + _site(site))
    if author.casefold() in _folded(base):
        verb = "削除" if change.status == "removed" else "変更"
        return Finding(change.path, True, f"{verb}した @{author} さんは、この掲載の編集担当です。")
    return Finding(
        change.path,
        False,
        f"@{author} さんは、この掲載の編集担当ではありません。"
        f"編集担当（{_mentions(base)}）ご本人が変更するか、{_site(site)}",
    )


def verdict(
    changes: Iterable[Change],
    author: str,
    base: Mapping[str, Maintainers],
    head: Mapping[str, Maintainers | None],
    approvals: set[str],
    site: Maintainers,
) -> Verdict:
    """Judge every listing a pull request adds, changes or deletes.

    `base` holds the maintainers of listings on the base branch, `head` those the pull
    request leaves (None when unreadable); `approvals` are logins approving the head commit.
    """
    findings = tuple(
        judge(change, author, base.get(change.path, ()), head.get(change.path), approvals, site)
        for change in listing_changes(changes)
    )
    return Verdict(all(f.allowed for f in findings), findings)
