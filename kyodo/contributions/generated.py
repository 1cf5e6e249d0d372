"""Files made from declarations and committed: the issue forms and CODEOWNERS."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from kyodo.contributions.forms import all_forms, render_issue_form
from kyodo.contributions.maintainers import CODEOWNERS, read_site_maintainers, render_codeowners

FORMS_DIR = ".github/ISSUE_TEMPLATE"
_SITE_URL = re.compile(r"^site_url:\s*(\S+)\s*$", re.MULTILINE)


def guide_url(root: Path) -> str:
    """The published contribution guide, from `site_url` in mkdocs.yml."""
    found = _SITE_URL.search((root / "mkdocs.yml").read_text(encoding="utf-8"))
    base = found[1] if found else "/"
    return f"{base.rstrip('/')}/contributing/"


def _config(url: str) -> str:
    config = {
        "blank_issues_enabled": True,
        "contact_links": [
            {
                "name": "掲載・更新のしかた",
                "url": url,
                "about": "用紙の書き方、GitHub での編集のしかた、問い合わせ先の説明です。",
            }
        ],
    }
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    return f"# make generate が kyodo/contributions/generated.py から作ります。\n{text}"


def contribution_files(root: Path) -> dict[Path, str]:
    """The issue forms, their chooser's settings, and CODEOWNERS, by path."""
    url = guide_url(root)
    forms = {
        root / FORMS_DIR / f"{form.name}.yml": render_issue_form(form, url) for form in all_forms()
    }
    return {
        **forms,
        root / FORMS_DIR / "config.yml": _config(url),
        root / CODEOWNERS: render_codeowners(read_site_maintainers(root)),
    }
