"""The site maintainers, declared once, and the CODEOWNERS file made from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DECLARATION = ".github/site-maintainers.yml"
CODEOWNERS = ".github/CODEOWNERS"
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
# What only site maintainers may change: the code, its schemas and templates, the workflows
# and the build. Listing files are deliberately absent: their own groups keep them.
OWNED_PATHS = (
    "/.github/",
    "/.ci/",
    "/.vscode/",
    "/kyodo/",
    "/hooks/",
    "/tests/",
    "/overrides/",
    "/docs/assets/",
    "/directory/groups/_template.yml",
    "/directory/businesses/_template.yml",
    "/case_studies/_template.md",
    "/Makefile",
    "/pyproject.toml",
    "/constraints.txt",
    "/package.json",
    "/package-lock.json",
    "/mkdocs.yml",
    "/.pre-commit-config.yaml",
    "/.textlintrc.json",
    "/.gitignore",
)


@dataclass(frozen=True)
class SiteMaintainers:
    """Who looks after the site, and the GitHub accounts that may approve for it."""

    team: str
    contact: str
    logins: tuple[str, ...]


def read_site_maintainers(root: Path) -> SiteMaintainers:
    """The declaration in .github/site-maintainers.yml; a bad one stops with the reason."""
    data = yaml.safe_load((root / DECLARATION).read_text(encoding="utf-8"))
    logins = tuple(str(login) for login in data["maintainers"])
    bad = [login for login in logins if not _LOGIN.fullmatch(login)]
    if bad or not logins:
        raise ValueError(f"{DECLARATION}: GitHub のアカウント名ではありません: {bad}")
    return SiteMaintainers(str(data["team"]), str(data["contact"]), logins)


def render_codeowners(maintainers: SiteMaintainers) -> str:
    """CODEOWNERS: every owned path needs a review by one of the site maintainers."""
    owners = " ".join(f"@{login}" for login in maintainers.logins)
    return "\n".join(
        [
            f"# make generate が {DECLARATION} から作ります。直接は編集しないでください。",
            "# 名簿の掲載ファイルは、各団体の編集担当が更新できるよう、ここには含めません",
            "# （掲載ファイルの変更は「編集担当の確認」のチェックが確かめます）。",
            *(f"{path} {owners}" for path in OWNED_PATHS),
            "",
        ]
    )
