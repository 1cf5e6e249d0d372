"""Shared fixtures: one strict build of the real site, served on 127.0.0.1, and a Chromium."""

from __future__ import annotations

import datetime
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from kyodo.content import formats
from kyodo.devtools.browser import chromium, find_chromium, served
from kyodo.domain.site_content import SiteContent, load_content

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuiltSite:
    """A site built by `make build` into a temporary folder, with what the build printed."""

    path: Path
    output: str
    returncode: int
    handout_cache: Path

    def pages(self) -> list[Path]:
        """Every HTML page of the site."""
        return sorted(self.path.rglob("*.html"))

    def read(self, url_path: str) -> str:
        """The HTML of the page at a site-relative URL such as `guide/process/`."""
        target = self.path / url_path
        return (target / "index.html" if target.is_dir() else target).read_text(encoding="utf-8")


def make_build(site_dir: Path, handout_cache: Path) -> BuiltSite:
    """Run `make build` into a folder, keeping the PDFs between builds in `handout_cache`."""
    result = subprocess.run(
        ["make", "--no-print-directory", "build", f"SITE_DIR={site_dir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "KYODO_HANDOUT_CACHE": str(handout_cache)},
    )
    return BuiltSite(site_dir, result.stdout + result.stderr, result.returncode, handout_cache)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """Build the site once, exactly as `make build` does (PDFs too), into a temporary folder."""
    folder = tmp_path_factory.mktemp("build")
    return make_build(folder / "site", folder / "handouts")


@pytest.fixture(scope="session")
def site_url(site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 below /kyodo/, as site_url in mkdocs.yml says it is
    deployed (the 404 page uses absolute addresses), and yield its base URL."""
    assert site.returncode == 0, site.output
    root = tmp_path_factory.mktemp("served")
    (root / "kyodo").symlink_to(site.path, target_is_directory=True)
    yield from serve(root, "kyodo/")


def serve(root: Path, prefix: str = "") -> Iterator[str]:
    """Serve a folder on 127.0.0.1 while the generator is open; yield the URL of `prefix`."""
    with served(root, prefix) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """A headless Chromium; the suite fails, never skips, when none can be found."""
    if find_chromium() is None:
        pytest.fail(
            "Chromium が見つかりません。`make test` を使うか CHROMIUM=/path/to/chromium を指定してください。"
        )
    with chromium() as launched:
        yield launched


FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"


# Fixtures that build a whole site or start a browser: tests using them are in the slow lane.
BUILD_FIXTURES = {
    "site",
    "site_url",
    "synthetic_site",
    "hostile_site",
    "sweep",
    "search_page",
    "search_2000",
    "search_5000",
    "configured_site",
}
BROWSER_FIXTURES = {"browser", "site_url", "search_page", "sweep"}


def pytest_configure(config: pytest.Config) -> None:
    """Every build of one run judges its content on the same day, also when the run crosses
    midnight (the site fixture and a later build are compared page for page)."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests by what they need, so that `make test-fast` can leave out the slow ones."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output instead of comparing",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/<name>; `pytest --update-golden` rewrites the file."""

    def compare(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.write_text(text, encoding="utf-8")
        assert path.read_text(encoding="utf-8") == text, (
            f"{name} differs: check, then --update-golden"
        )

    return compare


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    """Content is judged against 2026-11-28, whatever the date of the test run."""
    today = datetime.date(2026, 11, 28)
    monkeypatch.setattr(formats, "today", lambda: today)
    return today


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty repository with the listing folders, for checker tests."""
    (tmp_path / "directory" / "groups").mkdir(parents=True)
    (tmp_path / "directory" / "businesses").mkdir()
    return tmp_path


@pytest.fixture(scope="session")
def content() -> SiteContent:
    """The sample content of the repository, loaded once and checked."""
    return load_content(ROOT)
