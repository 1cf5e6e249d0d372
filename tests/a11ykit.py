"""Accessibility sweeps: axe-core in Chromium on every page, in each scheme and width."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kyodo.devtools.browser import chromium

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CONFIGS = [("light", 1280), ("dark", 1280), ("light", 375), ("dark", 375)]
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
    violations: list[Finding] = field(default_factory=list)
    incomplete: list[Finding] = field(default_factory=list)
    rules: set[str] = field(default_factory=set)
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
    with chromium() as browser:
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
        context.add_init_script(path=str(AXE))
        tab = context.new_page()
        for path in pages:
            tab.goto(base_url + path, wait_until="load")
            result = tab.evaluate(_RUN, TAGS)
            violations += [asdict(f) for f in _findings(result["violations"], path, config)]
            incomplete += [asdict(f) for f in _findings(result["incomplete"], path, config)]
        rules = tab.evaluate(_RULES_RUN, TAGS)
        version = browser.version
    return {"violations": violations, "incomplete": incomplete, "rules": rules,
            "axe": result["testEngine"]["version"], "browser": version}  # fmt: skip


def sweep_site(base_url: str, pages: list[str], workers: int = 2) -> Sweep:
    """Run axe on every page in every configuration, `workers` browsers at a time.

    Each configuration runs in its own process: Playwright's synchronous API cannot be
    shared with the test session's browser or between threads."""
    sweep = Sweep(pages)
    request = json.dumps({"base": base_url, "pages": pages})
    running: list[subprocess.Popen[str]] = []
    outputs = []
    for scheme, width in CONFIGS:
        command = [sys.executable, "-m", "tests.a11ykit", scheme, str(width)]
        process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert process.stdin is not None
        process.stdin.write(request)
        process.stdin.close()
        running.append(process)
        if len(running) == workers:
            outputs.append(_finish(running.pop(0)))
    outputs += [_finish(process) for process in running]
    for output in outputs:
        sweep.violations += [Finding(**f) for f in output["violations"]]
        sweep.incomplete += [Finding(**f) for f in output["incomplete"]]
        sweep.rules |= set(output["rules"])
        sweep.axe_version, sweep.browser_version = output["axe"], output["browser"]
    return sweep


def _finish(process: subprocess.Popen[str]) -> dict[str, Any]:
    assert process.stdout is not None
    output = process.stdout.read()
    assert process.wait() == 0, "axe sweep failed"
    data: dict[str, Any] = json.loads(output)
    return data


if __name__ == "__main__":
    request = json.loads(sys.stdin.read())
    print(
        json.dumps(_sweep_config(request["base"], request["pages"], sys.argv[1], int(sys.argv[2])))
    )
