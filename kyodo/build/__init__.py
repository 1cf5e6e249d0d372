"""The site as any generator sees it: pages and files to add, passes over each page, and the
work after every page is written.

A generator adapter (the MkDocs hooks in `hooks/`) calls only what this module offers, so a
move to another generator means writing another adapter, not touching the package. DESIGN.md
at the repository root describes the interface and what the site relies on. In order:

1. `prepare(root, …, command)` loads and checks all content (ContentError lists every problem)
   and returns a `SiteBuild` with the `pages` (Markdown sources below docs/) and `files` to
   add; for the generator's preview server (`serve`) a preview (`kyodo.build.preview`).
2. `note_order(src_uris)` with the pages in the order of the navigation (the guidebook PDF
   follows it).
3. For each page, in the generator's order: `page_markdown` (before Markdown conversion),
   `page_body`, `page_links` and `page_handout` (on the converted body), `page_output` (on
   the written page); `sitemap(xml)` on the generator's sitemap.
4. `finish(site_dir)` once every page is written: the stamped pages (returning the
   page rules they break, to report as warnings), checks and the search index; then
   `publish_handouts(site_dir, description)` prints the PDFs and links them from the pages.
5. `process_ends()` once the generator's command is done and its process is about to end.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import weakref
from collections.abc import Hashable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kyodo.accessibility.report import AccessibilityRun, render_results_page
from kyodo.build.preview import PreviewMemo, preview_memo
from kyodo.build.scratch import scratch_folder
from kyodo.build.stamping import (
    HELPER_MIN_PAGES,
    BuildHelper,
    Frame,
    OutsideResourceError,
    Written,
    checked_page,
    later,
    stamp_body,
    write_stamp,
)
from kyodo.content.formats import today
from kyodo.content.problems import ContentError
from kyodo.domain.directory.load import Read, ReadAll, read_listings, to_listing
from kyodo.domain.directory.model import Business, Directory, Group, Listing
from kyodo.domain.site_content import SiteContent, current_content, load_content
from kyodo.export.datapackage import hsds_file, packaged
from kyodo.export.opendata import opendata_files, render_opendata_page
from kyodo.handouts.guide import GuideHandouts, prepare_handouts
from kyodo.handouts.publish import HandoutRun, publish_handouts
from kyodo.handouts.render import HandoutError
from kyodo.postbuild.glossary import glossary_terms, link_first_uses
from kyodo.postbuild.offline import css_urls, is_outside, scan_page
from kyodo.postbuild.tables import stacked_tables
from kyodo.postbuild.tasklists import printable_tasklists
from kyodo.postbuild.toggles import fixed_toggles
from kyodo.search.index import write_index
from kyodo.search.page import render_search_page
from kyodo.search.pagetext import SearchRecord
from kyodo.site.assemble import listing_stamps, site_pages
from kyodo.site.case_markers import expand_markers
from kyodo.site.pages import GeneratedPage
from kyodo.site.partner_pages import partner_finder
from kyodo.site.settings import SiteSettings
from kyodo.site.stamps import (
    Shell,
    Stamp,
    StampError,
    check_witness,
    generated_pages,
    is_prototype,
    split_stamps,
    with_stamped_pages,
    witnesses,
)
from kyodo.site.urls import GLOSSARY, href, page_url

__all__ = [
    "ContentError",
    "HandoutError",
    "OutsideResourceError",
    "SiteBuild",
    "StampError",
    "attach",
    "attached",
    "prepare",
    "quick_preview",
]

# The key under which an adapter keeps the build of the current run in its per-run config.
STATE_KEY = "kyodo_build"
# Where PDFs are kept between builds: .cache/handouts/ unless the environment says otherwise.
HANDOUT_CACHE = "KYODO_HANDOUT_CACHE"
SKIP_PDFS = "KYODO_PDFS"
# With KYODO_STAMP_HELPER=0 one process writes every stamped page (see kyodo.build.stamping);
# with 1 a second process helps however few pages there are (the tests use it).
STAMP_HELPER = "KYODO_STAMP_HELPER"
# With KYODO_CHECK_STAMPS=all the theme draws every stamped page in full too, and the build
# checks each stamp against it (slower; the tests of hostile content use it).
CHECK_STAMPS = "KYODO_CHECK_STAMPS"


@dataclass
class SiteBuild:
    """One run of the generator over the site: what it adds, and what it gathers on the way."""

    root: Path
    settings: SiteSettings
    content: SiteContent
    pages: list[GeneratedPage]
    files: dict[str, Path]  # by their paths in the site: files in a folder of the build's own
    glossary: dict[str, str]
    handouts: GuideHandouts
    stamps: list[Stamp] = field(default_factory=list)
    drawn: set[str] = field(default_factory=set)
    records: list[SearchRecord] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    with_pdfs: bool = True
    memo: PreviewMemo | None = None  # a preview's: no search index, no PDFs
    site_dir: Path | None = None  # where the generator writes the site, when known at once
    helper: BuildHelper | None = None  # a big build's second process
    folder: Path | None = None  # where `files` are, removed once the build is done with it

    def __post_init__(self) -> None:
        self.remade = 0  # stamped pages made by this build, not reused from the last one
        self._bodies = {page.src_uri: page.html for page in self.pages if page.html is not None}
        self._stamps = {stamp.src_uri: stamp for stamp in self.stamps}
        self._frame_names = {stamp.frame for stamp in self.stamps}
        self._later = [stamp for stamp in self.stamps if stamp.src_uri not in self.drawn]
        if self.helper is not None and (self.memo is None or self.memo.last is None):
            # While the generator draws its own pages, the helper makes the bodies of the first
            # half of the pages it will write (a preview with a last build reuses most pages).
            self.helper.prepare_bodies(self._later[: len(self._later) // 2])
        self._frames: dict[str, Frame] = {}
        self._remove_files = weakref.finalize(self, _remove, self.folder)

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """A page's Markdown before conversion: chapter markers become lists of cases."""
        return expand_markers(markdown, src_uri, self.content.cases)

    def page_body(self, src_uri: str, html: str) -> str:
        """A converted body: generated pages get their finished HTML, checklists drawn boxes,
        wide tables the labels that stack them on phones."""
        return stacked_tables(printable_tasklists(self._bodies.get(src_uri, html)))

    def page_links(self, src_uri: str, html: str) -> str:
        """A chapter's body with the first use of each glossary term linked to its entry."""
        if not src_uri.startswith("guide/") or src_uri == GLOSSARY:
            return html
        base = href(src_uri, GLOSSARY)
        return link_first_uses(html, {t: f"{base}#{a}" for t, a in self.glossary.items()})

    @property
    def preview(self) -> bool:
        """Whether this is a build of the preview server, which writes no search index."""
        return self.memo is not None

    def note_order(self, src_uris: Sequence[str]) -> None:
        """The pages in the order of the navigation: the guidebook PDF follows it."""
        self.order = list(src_uris)

    def page_handout(self, src_uri: str, html: str) -> str:
        """A guide page's body with its PDF link and print button, and a form's sheet."""
        return self.handouts.page(src_uri, html, self.with_pdfs)

    def page_output(self, name: str, url: str | None, html: str) -> tuple[str, list[str]]:
        """A written page with its Content-Security-Policy and fixed theme toggles, and the
        page rules it breaks. A prototype is kept as the frame of its stamped pages
        (`finish` removes it from the site); a witness is checked against its stamp.

        Pages with an address (`url`) are kept for the search index. Raises
        OutsideResourceError when the page would fetch anything from outside the site, and
        StampError when a stamped page would differ from the theme's drawing of it."""
        html = fixed_toggles(html)
        if is_prototype(name):
            self._frames[name] = Frame(Shell(html), scan_page(html))
            self._start_helper()
            return html, []
        scan = scan_page(html)
        if name in self.drawn:
            stamp = self._stamps[name]
            body = self._body(stamp)
            check_witness(self._frame(stamp).shell, stamp, body, html)
            if not scan.matches(self._frame(stamp).scan.joined(scan_page(body))):
                raise StampError(
                    f"{name}: 型と本文を別々に調べた結果が、ページ全体を調べた結果と違います。"
                )
        written, found = checked_page(name, url, html, scan, not self.preview)
        self._keep(found)
        return written, list(found.problems)

    def _keep(self, written: Written) -> None:
        if written.record is not None:
            self.records.append(written.record)

    def _start_helper(self) -> None:
        """Once every frame is drawn, the helper of a big build writes the stamped
        pages to be made while the generator draws its own (a preview's pages that did not
        change are linked from its last build instead)."""
        if self.helper is None or self.site_dir is None or self._frames.keys() != self._frame_names:
            return
        todo = [stamp for stamp in self._later if not self._reusable(stamp)]
        if not todo or (len(todo) < HELPER_MIN_PAGES and os.environ.get(STAMP_HELPER) != "1"):
            return
        if any(stamp.src_uri.startswith("guide/") for stamp in todo):
            raise StampError(
                "手引きのページは型押しにできません（PDFの案内と用語集のリンクが付くため）。"
            )
        self.helper.stamp(todo, dict(self._frames), self.site_dir, not self.preview)

    def _made_of(self, stamp: Stamp) -> Hashable:
        """What a stamped page is made of, for a preview to tell whether it changed (None:
        not known, so it is always made again)."""
        if stamp.inputs is None:
            return None
        return stamp.inputs, self._frame(stamp).shell.html

    def _reusable(self, stamp: Stamp) -> bool:
        """Whether a preview links this page from its last build rather than making it."""
        return bool(self.memo and self.memo.has(page_url(stamp.src_uri), self._made_of(stamp)))

    def _frame(self, stamp: Stamp) -> Frame:
        frame = self._frames.get(stamp.frame)
        if frame is None:
            raise StampError(f"{stamp.src_uri}: 型 {stamp.frame} より先に書かれました。")
        return frame

    def _body(self, stamp: Stamp) -> str:
        """A stamped page's body, converted as the generator converts the others'."""
        body = stamp_body(stamp)
        return self.page_handout(stamp.src_uri, self.page_links(stamp.src_uri, body))

    def sitemap(self, xml: str) -> str:
        """The generator's sitemap, with the stamped pages in place of their prototypes."""
        return with_stamped_pages(xml, self._frame_names, self._later)

    def finish(self, site_dir: Path) -> list[str]:
        """Once the generator has written its pages: write the stamped pages in place of their
        prototypes, check the style sheets and write the search index. Returns the page
        rules the stamped pages break."""
        self._remove_files()  # the generator has copied them
        for frame in self._frames:
            shutil.rmtree(site_dir / page_url(frame))
        # The index gets a helper of its own, started now: the first one holds the memory of
        # all its earlier work, and the index is the build's biggest step.
        fresh = None
        if self.helper is not None and not self.preview:
            fresh = BuildHelper([write_index.__module__])
        try:
            problems = self._finish(site_dir, fresh)
        finally:
            for helper in (self.helper, fresh):
                if helper is not None:
                    helper.close()
            gc.unfreeze()
        return problems

    def _finish(self, site_dir: Path, fresh: BuildHelper | None) -> list[str]:
        problems = []
        # The style sheets are all written by now; the index's helper, idle until the index,
        # goes over the site for them while the stamped pages are written.
        stylesheets = later(fresh, outside_in_stylesheets, site_dir)
        made: dict[str, Written] = {}
        if self.helper is not None:
            helped = [stamp.src_uri for stamp in self.helper.stamps]
            made = dict(zip(helped, self.helper.finish(), strict=True))
            self.helper.close()
        written = [self._stamp(s, site_dir, made.get(s.src_uri)) for s in self._later]
        for stamp, page in zip(self._later, written, strict=True):
            self._keep(page)
            problems += [f"{stamp.src_uri}: {found}" for found in page.problems]
        outside = stylesheets()
        if outside:
            raise OutsideResourceError(f"スタイルシートがサイトの外を参照しています: {outside}")
        if self.memo:
            self.memo.finished(self, site_dir)
        else:
            write_index(self.records, site_dir, fresh.pool if fresh else None)
        return problems

    def restamp(self, saved: Sequence[Listing], site_dir: Path) -> list[str] | None:
        """Rewrite the pages of `saved` listings (new versions of listings of this build) in
        the site it wrote; returns the page rules they break, or None when they cannot be
        written alone (a new name that another listing has)."""
        directory = self.content.directory
        new = {item.id: item for item in saved}
        names = {item.name for item in directory.listings if item.id not in new}
        if any(item.name in names for item in saved) or len({i.name for i in saved}) < len(new):
            return None
        groups = {item.id: item for item in saved if isinstance(item, Group)}
        businesses = {item.id: item for item in saved if isinstance(item, Business)}
        directory = Directory(
            groups=tuple(groups.get(item.id, item) for item in directory.groups),
            businesses=tuple(businesses.get(item.id, item) for item in directory.businesses),
        )
        content = SiteContent(directory, self.content.cases)
        problems = []
        for stamp in listing_stamps(content, self.settings, set(new)):
            problems += [f"{stamp.src_uri}: {p}" for p in self._stamp(stamp, site_dir).problems]
        return problems

    def _stamp(self, stamp: Stamp, site_dir: Path, made: Written | None = None) -> Written:
        """Write one stamped page, unless the helper `made` it. A preview reuses the page its
        last build wrote when the page is made of the same."""
        url = page_url(stamp.src_uri)
        path = site_dir / url / "index.html"
        made_of = self._made_of(stamp)
        if made is None:
            kept = self.memo.reuse(url, made_of, path) if self.memo else None
            if kept is not None:
                return Written(kept, None)
            frame = self._frame(stamp)
            made = write_stamp(stamp, self._body(stamp), frame, site_dir, not self.preview)
        self.remade += 1
        if self.memo:
            self.memo.keep(url, made_of, path, list(made.problems))
        return made

    def preview_summary(self) -> str | None:
        """For a preview, what it made again and what it left out; None for other builds."""
        if not self.preview:
            return None
        reused = len(self._later) - self.remade
        return (
            f"プレビュー: 団体・企業のページと長い一覧の2ページ目以降を {self.remade} 件作り直し、"
            f"変わっていない {reused} 件は前回のものを使いました。検索の索引とPDFは作りません。"
        )

    def publish_handouts(self, site_dir: Path, description: str) -> HandoutRun | None:
        """Print the PDFs of the guide once every page is written, and link them from the
        pages; None for a preview. Raises HandoutError when Chromium cannot be found."""
        if not self.with_pdfs:
            return None
        cache = Path(os.environ.get(HANDOUT_CACHE) or self.root / ".cache" / "handouts")
        return publish_handouts(
            site_dir, self.order, self.settings.site_url, self.handouts.dates, description, cache
        )


def quick_preview(root: Path) -> tuple[str, list[str]] | None:
    """In a preview server, after saves: when only listing files of the site at `root` were
    saved since its last build, and each is valid, rewrite just their pages in the site that
    build wrote. Returns what was done and the page rules the pages break; None when the
    server must build the whole site (which also reports any problem of the saved files)."""
    memo = preview_memo(root)
    saved = memo.changed_listings(root)
    if not saved or memo.last is None or memo.site_dir is None:
        return None
    listings = []
    for path, schema in saved:
        file, wrong = memo.reads.read(path, schema, root)
        if file is None or wrong:
            return None
        listings.append(to_listing(file))
    ids = {item.id for item in memo.last.content.directory.listings}
    if any(item.id not in ids for item in listings):
        return None
    problems = memo.last.restamp(listings, memo.site_dir)
    if problems is None:
        return None
    files = "、".join(path.relative_to(root).as_posix() for path, _ in saved)
    done = f"プレビュー: 保存された {files} のページを先に書き換えました。一覧などはこのあと作り直します。"
    return done, problems


def outside_in_stylesheets(site_dir: Path) -> list[str]:
    """URLs outside the site that the site's style sheets refer to, as `file: url`."""
    return [
        f"{sheet.relative_to(site_dir).as_posix()}: {url}"
        for sheet in sorted(site_dir.rglob("*.css"))
        for url in css_urls(sheet.read_text(encoding="utf-8"))
        if is_outside(url)
    ]


def prepare(
    root: Path,
    site_url: str | None,
    repo_url: str | None,
    edit_uri: str | None,
    command: str = "build",
    site_dir: Path | None = None,
) -> SiteBuild:
    """Load and check the content, and generate every page and file the build adds.

    `command` is the generator's: its preview server (`serve`) gets a preview, without the
    search index and the PDFs, that reuses what did not change since its last build. Builds
    run with KYODO_PDFS=0 (tools that build sites for other purposes) print no PDFs either.
    With the `site_dir` the generator will write, stamped pages are written while it draws
    its own pages (`kyodo.build.stamping`).

    Raises ContentError naming every problem when the content cannot be published."""
    gc.unfreeze()  # what a build that stopped half-way left frozen (see below)
    settings = SiteSettings.from_config(site_url, repo_url, edit_uri, today())
    memo = preview_memo(root) if command == "serve" else None
    helper = _helper(sum(1 for _ in (root / "directory").rglob("*.yml")))
    folder = scratch_folder("files")
    try:
        with _collector_paused():
            if memo:
                memo.started(root)
                content = current_content(root, memo.reads, _shared_reads(helper))
            else:
                content = load_content(root, read_all=_shared_reads(helper))
            gc.freeze()  # see below
            made = _prepared(root, settings, content, memo, helper, folder)
    except BaseException:
        gc.unfreeze()
        if helper is not None:
            helper.close()
        _remove(folder)
        raise
    # The content and pages last until the build is done: the garbage collector need not
    # go over them again and again while the pages are drawn and indexed (`finish`, or the
    # next build when this one stops half-way, lets it).
    gc.freeze()
    return SiteBuild(
        root,
        settings,
        content,
        *made,
        with_pdfs=memo is None and os.environ.get(SKIP_PDFS) != "0",
        memo=memo,
        site_dir=site_dir,
        helper=helper,
        folder=folder,
    )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No full garbage collections while the content is read and the pages are made: nearly
    all of it lasts until the build ends (a 10,000-listing build freed nothing in them), and
    each went over all of it again, which cost more than in proportion to the listings (1.0 s
    at 5,000, 2.1-2.7 s at 10,000). The young generations are still collected: pausing them
    too left 27 MB more at the peak of a 5,000-listing build."""
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, 1 << 30)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, full)


def process_ends() -> None:
    """Once the generator's command is done (its process ends next): spare the garbage
    collector its last pass, at exit, over everything the builds made (over a second at
    5,000 listings). Files and helpers are closed by then; what is left only waits to go."""
    gc.freeze()


def _remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _helper(listings: int) -> BuildHelper | None:
    """A second process for a build of many listings (KYODO_STAMP_HELPER: 0 never, 1 always)."""
    wanted = os.environ.get(STAMP_HELPER)
    if wanted == "0" or (listings < HELPER_MIN_PAGES and wanted != "1"):
        return None
    return BuildHelper()


def _shared_reads(helper: BuildHelper | None) -> ReadAll:
    """Reading the listing files: the later half by the helper, when there is one."""
    if helper is None:
        return read_listings

    def read_all(paths: Sequence[tuple[Path, str]], repo: Path) -> list[Read]:
        half = len(paths) // 2
        theirs = helper.later(read_listings, paths[half:], repo)
        return read_listings(paths[:half], repo) + theirs()

    return read_all


def _made_aside(
    content: SiteContent, settings: SiteSettings, root: Path
) -> tuple[dict[str, bytes], list[GeneratedPage | Stamp]]:
    """The HSDS file and the browse pages: what the helper makes while the build makes the
    stamps, the partner finder, the handouts and the open data's tables."""
    return hsds_file(content.directory, settings), site_pages(content, settings, root)


def _write_files(files: Mapping[str, bytes], folder: Path) -> None:
    for path, data in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)


def _prepared(
    root: Path,
    settings: SiteSettings,
    content: SiteContent,
    memo: PreviewMemo | None,
    helper: BuildHelper | None,
    folder: Path,
) -> tuple[
    list[GeneratedPage], dict[str, Path], dict[str, str], GuideHandouts, list[Stamp], set[str]
]:
    """Every page and file the build adds, the files written below `folder` (the helper,
    when there is one, makes some)."""
    aside = later(helper, _made_aside, content, settings, root)
    handouts = prepare_handouts(root, root / "docs", settings.site_url)
    listings = listing_stamps(content, settings)
    finder, finder_files = partner_finder(content.directory, settings.today)
    finder_pages, finder_stamps = split_stamps(finder)
    _write_files(finder_files, folder)
    glossary = glossary_terms((root / "docs" / GLOSSARY).read_text(encoding="utf-8"))
    tables = opendata_files(content.directory, settings)
    _write_files(tables, folder)
    hsds, browse = aside()
    if helper is not None:
        helper.tidy()
    downloads = packaged(tables, hsds, settings)
    _write_files({path: downloads[path] for path in downloads.keys() - tables.keys()}, folder)
    sizes = {path: len(data) for path, data in downloads.items()}
    browse_pages, browse_stamps = split_stamps(browse)
    stamps = [*listings, *browse_stamps, *finder_stamps]
    drawn = stamps if os.environ.get(CHECK_STAMPS) == "all" else witnesses(stamps)
    pages = [
        *generated_pages(stamps, drawn),
        *browse_pages,
        *finder_pages,
        render_opendata_page(content.directory, settings, sizes),
        render_search_page(preview=memo is not None),
        render_results_page(AccessibilityRun.read(root)),
    ]
    _write_files(handouts.documents, folder)
    files = {path: folder / path for path in [*downloads, *finder_files, *handouts.documents]}
    return pages, files, glossary, handouts, stamps, {s.src_uri for s in drawn}


def attach(run_config: MutableMapping[str, object], build: SiteBuild) -> None:
    """Keep the build with the generator's configuration of this run, which every event sees.

    Per-run state lives there rather than in adapter modules, which a live-reloading server
    keeps loaded from one run to the next."""
    run_config[STATE_KEY] = build


def attached(run_config: Mapping[str, object]) -> SiteBuild:
    """The build kept with this run's configuration."""
    build = run_config[STATE_KEY]
    assert isinstance(build, SiteBuild)
    return build
