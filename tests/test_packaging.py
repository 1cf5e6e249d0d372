"""The package as others install it: a wheel with every data file, importable outside the
source tree, and a site that a second generator (ProperDocs) builds the same way."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, BuiltSite

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built offline from a copy of the source, so the checkout stays untouched."""
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "kyodo", source / "kyodo", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-q",
         "-w", str(dist), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    [built] = dist.glob("kyodo-*.whl")
    return built


def test_the_wheel_holds_every_data_file_the_package_reads(wheel: Path) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "kyodo"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    data = {path for path in tracked if not path.endswith(".py")}
    assert data, "the package has data files (schemas, templates, criteria)"
    with zipfile.ZipFile(wheel) as archive:
        assert data <= set(archive.namelist()), data - set(archive.namelist())


def test_the_installed_wheel_works_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    probe = (
        "import kyodo, sys\n"
        "from kyodo.site.templating import environment\n"
        "from kyodo.accessibility.report import criteria\n"
        f"assert kyodo.__file__.startswith({str(target)!r}), kyodo.__file__\n"
        "environment().get_template('listing.html.j2')\n"
        "assert criteria()\n"
        f"sys.argv = ['kyodo', '--root', {str(ROOT)!r}, 'check']\n"
        "from kyodo.cli import main\n"
        "sys.exit(main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-P", "-c", probe],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("誤りはありません")


GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(site: BuiltSite, tmp_path: Path) -> None:
    output = tmp_path / "site"
    result = subprocess.run(
        [str(Path(sys.executable).with_name("properdocs")), "build", "--strict",
         "-f", "mkdocs.yml", "-d", str(output)],
        cwd=ROOT, capture_output=True, text=True,
        # The PDFs of the same pages are the ones the site fixture printed: reuse them.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KYODO_HANDOUT_CACHE": str(site.handout_cache)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "（新たに作成 0件、" in result.stderr, result.stderr
    ours = {p.relative_to(site.path) for p in site.path.rglob("*.html")}
    theirs = {p.relative_to(output) for p in output.rglob("*.html")}
    assert ours == theirs
    for page in sorted(ours):
        expected = GENERATOR.sub("", (site.path / page).read_text(encoding="utf-8"))
        assert GENERATOR.sub("", (output / page).read_text(encoding="utf-8")) == expected, page
