"""What the intake says back on the issue, and what its pull request says, in Japanese."""

from __future__ import annotations

import re

from kyodo.contributions.intake import Intake
from kyodo.contributions.ownership import Verdict

MAX_COMMENT = 30000
_BACKTICKS = re.compile(r"`+")


def fenced(text: str) -> str:
    """Text shown verbatim: a fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _problems(intake: Intake) -> str:
    listed = "\n".join(f"{n}. {problem}" for n, problem in enumerate(intake.problems, start=1))
    if len(listed) > MAX_COMMENT:
        listed = listed[:MAX_COMMENT] + "\n…（長すぎるため、ここで省きました）"
    return listed


def intake_comment(intake: Intake, verdict: Verdict | None) -> str:
    """The comment on the issue: what to fix, or what happens next."""
    if intake.problems:
        return "\n".join(
            [
                f"申請の内容に、直していただきたいところが{len(intake.problems)}件あります。",
                "",
                fenced(_problems(intake)),
                "",
                "この issue の本文を編集して（本文の右上の「…」から「Edit」）直してください。"
                "保存すると、もう一度自動で確かめます。わからないときは、このままコメントでご質問ください。",
            ]
        )
    if intake.action == "case":
        return (
            "事例の投稿をありがとうございます。書式の誤りはありませんでした。"
            "編集チームが内容を確かめ、事例のページにまとめてから、この issue でお知らせします。"
        )
    next_step = (
        "編集担当ご本人からの申請のため、担当者がプルリクエストを取り込むと、サイトに反映されます。"
        if verdict is not None and verdict.passed
        else "サイト管理者が内容を確かめて承認したあと、サイトに反映されます。"
    )
    return "\n".join(
        [
            "申請の内容に誤りはありませんでした。ありがとうございます。",
            "",
            f"掲載ファイル `{intake.path}` の変更を、下のプルリクエストにまとめました。{next_step}",
            "内容を直したいときは、この issue の本文を編集してください。プルリクエストも自動で作り直します。",
        ]
    )


def pull_request_text(intake: Intake, issue: int, author: str, verdict: Verdict) -> tuple[str, str]:
    """The title and body of the pull request the intake opens."""
    verb = {"create": "掲載の申請", "delete": "掲載の削除"}.get(intake.action, "掲載内容の更新")
    title = f"{verb}: {intake.path}（#{issue}）"
    body = "\n".join(
        [
            f"issue #{issue} の用紙から自動で作りました。申請者: @{author}",
            "",
            verdict.report(),
            "",
            f"Closes #{issue}",
            "",
        ]
    )
    return title, body
