"""Accessibility sweeps: axe-core in Chromium on every page, in each scheme and width."""

from __future__ import annotations

import concurrent.futures
import json
import re
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from kyodo.devtools.browser import chromium

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CONFIGS = [("light", 1280), ("dark", 1280), ("light", 375), ("dark", 375)]
# Each configuration sweeps every written page and one page of each markup signature among the
# generated ones: generated pages repeat a template over data, so a problem shows on any page
# with the same markup. A sweep of every page (`every_page`) takes the first configuration over
# all of them.
GENERATED = ("directory/", "cases/")
_RUN = """tags => axe.run(document, {
  runOnly: {type: 'tag', values: tags},
  resultTypes: ['violations', 'incomplete'],
})"""


# Rules selected by tag, less those axe skips when run by tag (experimental, deprecated).
_RULES_RUN = """tags => axe.getRules(tags)
  .filter(r => !r.tags.includes('experimental') && !r.tags.includes('deprecated'))
  .map(r => r.ruleId)"""


@dataclass
class Finding:
    """One axe rule's result on one page in one configuration."""

    rule: str
    page: str
    config: str
    nodes: int
    sample: str
    summary: str


@dataclass
class Sweep:
    """Everything axe reported over the sweep, and what it ran."""

    pages: list[str]
    swept: list[list[str]]  # the pages swept in each configuration of CONFIGS
    violations: list[Finding] = field(default_factory=list)
    incomplete: list[Finding] = field(default_factory=list)
    rules: set[str] = field(default_factory=set)
    outside: list[str] = field(default_factory=list)  # requests for anything not on the site
    axe_version: str = ""
    browser_version: str = ""


def _findings(results: list[dict[str, object]], page: str, config: str) -> list[Finding]:
    found = []
    for result in results:
        nodes = result["nodes"]
        assert isinstance(nodes, list)
        first = nodes[0] if nodes else {}
        found.append(
            Finding(str(result["id"]), page, config, len(nodes), str(first.get("html", ""))[:200],
                    str(first.get("failureSummary", ""))[:300])
        )  # fmt: skip
    return found


def _sweep_config(base_url: str, pages: list[str], scheme: str, width: int) -> dict[str, object]:
    """Run axe on every page in one configuration; returns findings as plain data."""
    config, violations, incomplete = f"{scheme}-{width}", [], []
    outside: list[str] = []
    with chromium() as browser:
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
        context.add_init_script(path=str(AXE))
        # Nothing may leave the machine: requests elsewhere are recorded and refused.
        context.on("request", lambda request: _note_outside(request.url, outside))
        context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        tab = context.new_page()
        for path in pages:
            tab.goto(base_url + path, wait_until="load")
            result = tab.evaluate(_RUN, TAGS)
            violations += [asdict(f) for f in _findings(result["violations"], path, config)]
            incomplete += [asdict(f) for f in _findings(result["incomplete"], path, config)]
        rules = tab.evaluate(_RULES_RUN, TAGS)
        version = browser.version
    return {"violations": violations, "incomplete": incomplete, "rules": rules, "outside": outside,
            "axe": result["testEngine"]["version"], "browser": version}  # fmt: skip


def signature(site: Path, path: str) -> object:
    """What makes a page its own kind: a written page is one; a generated page is one of those
    made of the same elements, each with the same classes and attributes (their values aside):
    a listing whose text holds a link or a list is another kind than one whose text does not."""
    if not path.startswith(GENERATED):
        return path
    html = (site / path / "index.html" if not path.endswith(".html") else site / path).read_text(
        encoding="utf-8"
    )
    return frozenset(
        (node.tag, frozenset((node.attributes.get("class") or "").split()), frozenset(node.attributes))
        for node in LexborHTMLParser(html).root.traverse(include_text=False)
    )  # fmt: skip


def representatives(site: Path, pages: list[str]) -> list[str]:
    """Every written page and the first generated page of each signature."""
    chosen: dict[object, str] = {}
    for path in pages:
        chosen.setdefault(signature(site, path), path)
    return list(chosen.values())


def config_pages(site: Path, pages: list[str], every_page: bool) -> list[list[str]]:
    """The pages each configuration of CONFIGS sweeps."""
    kinds = representatives(site, pages)
    return [pages if every_page else kinds] + [kinds] * (len(CONFIGS) - 1)


# Most pages per sweeping process: each start of Chromium costs seconds, and a configuration's
# pages are split into equal parts so that the processes end about together.
JOB_PAGES = 60


def _note_outside(url: str, outside: list[str]) -> None:
    if urlsplit(url).hostname not in ("127.0.0.1", None):
        outside.append(url)


def sweep_site(
    base_url: str, site: Path, pages: list[str], every_page: bool, workers: int = 2
) -> Sweep:
    """Run axe over `config_pages` in every configuration, `workers` browsers at a time.

    Each run of up to JOB_PAGES pages in one configuration is a process of its own:
    Playwright's synchronous API cannot be shared with the test session's browser or between
    threads."""
    sweep = Sweep(pages, config_pages(site, pages, every_page))
    jobs = []
    for (scheme, width), swept in zip(CONFIGS, sweep.swept, strict=True):
        parts = -(-len(swept) // JOB_PAGES)
        jobs += [(scheme, width, swept[part::parts]) for part in range(parts)]
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        outputs = list(pool.map(lambda job: _run_job(base_url, *job), jobs))
    for output in outputs:
        sweep.violations += [Finding(**f) for f in output["violations"]]
        sweep.incomplete += [Finding(**f) for f in output["incomplete"]]
        sweep.rules |= set(output["rules"])
        sweep.outside += output["outside"]
        sweep.axe_version, sweep.browser_version = output["axe"], output["browser"]
    return sweep


def _run_job(base_url: str, scheme: str, width: int, pages: list[str]) -> dict[str, Any]:
    """One sweeping process: axe over `pages` in one configuration."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.a11ykit", scheme, str(width)],
        cwd=ROOT,
        input=json.dumps({"base": base_url, "pages": pages}),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"axe sweep failed: {result.stderr[-2000:]}"
    data: dict[str, Any] = json.loads(result.stdout)
    return data


if __name__ == "__main__":
    request = json.loads(sys.stdin.read())
    print(
        json.dumps(_sweep_config(request["base"], request["pages"], sys.argv[1], int(sys.argv[2])))
    )
