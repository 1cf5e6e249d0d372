"""Handouts: the PDFs `make build` makes of every guide page and of the whole guidebook, the
forms' sheets and Word documents, and the parts of the build that make them."""

from __future__ import annotations

import datetime
import functools
import html
import io
import os
import re
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
import zxingcpp
from docx import Document
from pypdf import PdfReader, PdfWriter

from kyodo.content.problems import ContentError
from kyodo.content.schema import load_schema
from kyodo.handouts.chromium import PRINT_FONT, PRINT_FONT_PACKAGE
from kyodo.handouts.dates import last_changed
from kyodo.handouts.form_docx import render_docx
from kyodo.handouts.form_html import render_sheet, segments
from kyodo.handouts.forms import load_forms
from kyodo.handouts.frame import FOOT_MM, GAP_MM, QR_MM, Frame, css_string
from kyodo.handouts.pages import (
    PageFacts,
    file_size,
    fill_pdf_details,
    handout_page,
    pdf_path,
    without_pdf_details,
)
from kyodo.handouts.printable import BookChapter, chapter_section, printable_page, with_style
from kyodo.handouts.publish import (
    Assets,
    Handout,
    HandoutRun,
    digest,
    made_or_kept,
    titled_bookmarks,
)
from kyodo.handouts.render import HandoutError, Printer, print_all
from kyodo.site.urls import page_url
from tests.conftest import ROOT, BuiltSite, make_build
from tests.printkit import first_label, holds, page_text, plain

SITE_URL = "https://example.github.io/kyodo/"
DOCS = ROOT / "docs"
GUIDE_PAGES = sorted(p.relative_to(DOCS).as_posix() for p in (DOCS / "guide").rglob("*.md"))
FORMS = load_forms(ROOT, DOCS)
A4_POINTS = (595, 842)
_H1 = re.compile(r"^# (.+)$", re.M)


def pdf_of(site: BuiltSite, src_uri: str) -> bytes:
    assert site.returncode == 0, site.output
    return (site.path / pdf_path(src_uri)).read_bytes()


def source_text(src_uri: str) -> tuple[str, str]:
    """A page's heading, and the first sentence of its first paragraph."""
    text = (DOCS / src_uri).read_text(encoding="utf-8")
    body = text.split("---\n", 2)[-1] if text.startswith("---") else text
    heading = _H1.search(body)
    assert heading is not None
    paragraph = next(
        line for line in body[heading.end() :].splitlines() if line and line[0] not in "#!|-:[<"
    )
    return heading[1], paragraph.split("。")[0]


def embedded(font: Any) -> bool:
    """Whether a PDF font carries its glyphs (Type 3 fonts always do)."""
    font = font.get_object()
    if font["/Subtype"] == "/Type3":
        return "/CharProcs" in font
    if font["/Subtype"] == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font["/FontDescriptor"].get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def grey_page(data: bytes, dpi: int = 150) -> tuple[int, int, bytes]:
    """The first page rendered in grey levels: width, height, one byte per pixel by rows."""
    page = pypdfium2.PdfDocument(data)[0]
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    raw = bytes(memoryview(bitmap.buffer).cast("B"))
    rows = [raw[y * bitmap.stride : y * bitmap.stride + bitmap.width] for y in range(bitmap.height)]
    return bitmap.width, bitmap.height, b"".join(rows)


def qr_codes(data: bytes) -> list[str]:
    width, height, pixels = grey_page(data)
    image = memoryview(pixels).cast("B", (height, width))
    return [code.text for code in zxingcpp.read_barcodes(image)]


@pytest.mark.browser
@pytest.mark.parametrize("src_uri", GUIDE_PAGES)
def test_every_guide_page_has_an_a4_tagged_pdf_with_its_text(site: BuiltSite, src_uri: str) -> None:
    reader = PdfReader(io.BytesIO(pdf_of(site, src_uri)))
    root = reader.trailer["/Root"]
    heading, sentence = source_text(src_uri)
    assert all(
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == A4_POINTS
        for p in reader.pages
    )
    fonts = [
        f.get_object() for p in reader.pages for f in (p["/Resources"].get("/Font") or {}).values()
    ]
    assert fonts and all(map(embedded, fonts))
    # The text, the diagrams' included, is set in the print typeface and embedded as a
    # TrueType subset, not as the Type 3 glyph drawings Chromium makes of Noto CJK.
    assert any(PRINT_FONT.replace(" ", "") in f.get("/BaseFont", "") for f in fonts)
    assert not [f for f in fonts if f["/Subtype"] == "/Type3"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert root["/Lang"] == "ja"
    title = re.search(r"<title>(.*?)</title>", site.read(page_url(src_uri)))
    assert title and reader.metadata.title == html.unescape(title[1])
    assert reader.outline, "no bookmarks"
    text = page_text(reader)
    assert holds(text, heading)
    # Each page's margins name the site and the page, and give its address and last change.
    assert text.count(plain("協働の手引き")) >= len(reader.pages)
    assert plain(SITE_URL + page_url(src_uri)) in text and "最終更新" in text
    if src_uri in FORMS:
        assert not holds(text, sentence), "the explanation for the web is printed"
        assert "Word形式" not in text and "印刷する" not in text
    else:
        assert holds(text, sentence), sentence


FOOT_DPI = 150


def dots(mm: float) -> int:
    """A length on the page in pixels of a rendering at FOOT_DPI."""
    return round(mm * FOOT_DPI / 25.4)


def inked_foot(data: bytes) -> list[bool]:
    """For each column of the first page's bottom margin, whether anything is printed there."""
    width, height, pixels = grey_page(data, FOOT_DPI)
    rows = [pixels[y * width : (y + 1) * width] for y in range(height - dots(FOOT_MM), height)]
    return [any(row[x] < 160 for row in rows) for x in range(width)]


@pytest.mark.browser
@pytest.mark.parametrize("src_uri", [*GUIDE_PAGES, "guide/guidebook.md"])
def test_the_address_in_the_foot_keeps_clear_of_the_qr_code(site: BuiltSite, src_uri: str) -> None:
    inked = inked_foot(pdf_of(site, src_uri))
    # The code starts at the first inked column; past it, a blank gap, then the address.
    code_ends = inked.index(True) + dots(QR_MM)
    assert not any(inked[code_ends + dots(0.5) : code_ends + dots(GAP_MM - 0.5)])
    assert any(inked[code_ends + dots(GAP_MM) : code_ends + dots(GAP_MM + 2)]), "no address"


@pytest.mark.browser
@pytest.mark.parametrize("src_uri", [*GUIDE_PAGES, "guide/guidebook.md"])
def test_the_qr_code_opens_the_page(site: BuiltSite, src_uri: str) -> None:
    page = "guide/index.md" if src_uri == "guide/guidebook.md" else src_uri
    assert qr_codes(pdf_of(site, src_uri)) == [SITE_URL + page_url(page)]


def test_printing_at_once_keeps_the_order_and_stops_at_the_first_error() -> None:
    # Jobs that do not print start no Chromium: this runs the threads, not a browser. Later
    # jobs take less time, so results taken in the order they finish would show.
    started: list[int] = []

    def job(number: int, _: Printer) -> bytes:
        started.append(number)
        time.sleep((9 - number) * 0.005)
        return str(number).encode()

    jobs = [functools.partial(job, n) for n in range(9)]
    assert print_all(jobs) == [str(n).encode() for n in range(9)]

    def broken(_: Printer) -> bytes:
        time.sleep(0.01)
        raise HandoutError("印刷できません")

    started.clear()
    with pytest.raises(HandoutError, match="印刷できません"):
        print_all([broken, *jobs])
    assert len(started) < len(jobs)


def test_a_failed_print_loses_none_of_the_pdfs_printed(tmp_path: Path) -> None:
    frame = Frame("https://example.jp/kyodo/guide/", "2026年12月1日", ["章"], "https://example.jp/")
    handouts = [
        Handout(f"guide/{n}.pdf", lambda _: "", tmp_path, frame, f"key{n}") for n in range(3)
    ]

    def printed(_: Printer) -> bytes:
        return b"%PDF-1.7"

    def broken(_: Printer) -> bytes:
        raise HandoutError("印刷できません")

    jobs = [(handouts[0], printed), (handouts[1], printed), (handouts[2], broken)]
    with pytest.raises(HandoutError):
        made_or_kept(tmp_path / "cache", jobs, HandoutRun())
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["key0.pdf", "key1.pdf"]
    run = HandoutRun()
    assert made_or_kept(tmp_path / "cache", jobs[:2], run) == [b"%PDF-1.7"] * 2
    assert run.reused == ["guide/0.pdf", "guide/1.pdf"] and run.made == []


@pytest.mark.browser
@pytest.mark.parametrize("src_uri", sorted(FORMS))
def test_each_form_is_one_sheet_filled_to_its_lower_fifth(site: BuiltSite, src_uri: str) -> None:
    data = pdf_of(site, src_uri)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    width, height, pixels = grey_page(data, dpi=72)
    # The sheet's own content: inside the margins (14 mm at the sides, 24 mm at the foot).
    side, foot = round(14 / 25.4 * 72), round(24 / 25.4 * 72)
    inked = [
        y
        for y in range(height - foot)
        if min(pixels[y * width + side : (y + 1) * width - side]) < 128
    ]
    assert max(inked) >= 0.8 * height, f"{src_uri}: content ends at {max(inked) / height:.0%}"
    last = FORMS[src_uri].blocks[-1]
    text = page_text(PdfReader(io.BytesIO(data)))
    assert holds(text, FORMS[src_uri].title)
    assert holds(text, first_label(last))


@pytest.mark.browser
def test_the_guidebook_pdf_has_contents_and_a_bookmark_per_page(site: BuiltSite) -> None:
    reader = PdfReader(io.BytesIO(pdf_of(site, "guide/guidebook.md")))
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    titles = [_H1.findall((DOCS / src).read_text(encoding="utf-8"))[0] for src in GUIDE_PAGES]
    assert top[0] == "目次"
    assert sorted(top[1:]) == sorted(titles)
    starts = [
        reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    ]
    forms = {form.title for form in FORMS.values()}
    for title, start, end in zip(top, starts, [*starts[1:], len(reader.pages) + 1], strict=True):
        assert title not in forms or end - start == 1, f"{title} takes {end - start} pages"
    contents = plain(reader.pages[0].extract_text())
    # The contents give each chapter's first page, as found by printing the book once.
    first = reader.get_destination_page_number(reader.outline[1]) + 1
    assert plain(f"{top[1]}{first}") in contents
    assert reader.trailer["/Root"]["/Lang"] == "ja"


@pytest.mark.browser
def test_pages_link_their_pdf_with_its_pages_and_size(site: BuiltSite) -> None:
    for src_uri in GUIDE_PAGES:
        data = pdf_of(site, src_uri)
        pages = len(PdfReader(io.BytesIO(data)).pages)
        html = site.read(page_url(src_uri))
        noun = "この様式" if src_uri in FORMS else "この章"
        link = f"{noun}をPDFで読む<!--kyodo-pdf:{pdf_path(src_uri)}-->（A4・{pages}ページ・{file_size(len(data))}）"
        assert link in html, src_uri
        assert f">{noun}を印刷する</button>" in html
    assert (
        "手引き全体をPDFで読む（目次付き）<!--kyodo-pdf:guide/guidebook.pdf-->（A4・"
        in site.read("guide/")
    )


@pytest.mark.browser
def test_a_rebuild_without_changes_makes_no_pdf(
    site: BuiltSite, tmp_path_factory: pytest.TempPathFactory
) -> None:
    total = len(GUIDE_PAGES) + 1
    assert f"PDF: {total}件（新たに作成 {total}件、前回のものを再利用 0件）" in site.output
    again = make_build(tmp_path_factory.mktemp("rebuild") / "site", site.handout_cache)
    assert again.returncode == 0, again.output
    assert "（新たに作成 0件、前回のものを再利用" in again.output
    for src_uri in [*GUIDE_PAGES, "guide/guidebook.md"]:
        assert (again.path / pdf_path(src_uri)).read_bytes() == pdf_of(site, src_uri)


@pytest.mark.parametrize("src_uri", sorted(FORMS))
def test_the_word_document_has_the_sheet_s_fields_on_a4(src_uri: str) -> None:
    form = FORMS[src_uri]
    document = Document(io.BytesIO(render_docx(form, datetime.date(2026, 12, 1))))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.title == form.title
    words = plain(
        "".join(p.text for p in document.paragraphs)
        + "".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    )
    printed = [plain(text) for text in re.findall(r">([^<]+)<", render_sheet(form))]
    # Whatever the sheet prints, the Word document says too (blanks are typed, not drawn).
    assert len(printed) > 10
    for text in filter(None, printed):
        assert text in words, text


def test_every_form_field_is_described_in_japanese_with_an_example() -> None:
    def nodes(node: Any, path: str) -> list[tuple[str, dict[str, Any]]]:
        found = [(path, node)] if "title" in node else []
        for key, child in (node.get("properties") or {}).items():
            found += nodes(child, f"{path}.{key}")
        if isinstance(node.get("items"), dict):
            found += nodes(node["items"], f"{path}[]")
        return found

    schema = load_schema("form")
    declared = nodes(schema, "")[1:] + [
        item for name, d in schema["definitions"].items() for item in nodes(d, name)
    ]
    for path, node in declared:
        assert re.search(r"[\u3040-\u9fff]", node.get("description", "")), path
        assert node.get("examples"), path


def write_form(tmp_path: Path, front: str, body: str = "# 表題\n") -> Path:
    docs = tmp_path / "docs"
    folder = docs / "guide" / "templates"
    folder.mkdir(parents=True)
    (folder / "sheet.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return docs


def test_a_block_with_two_kinds_is_explained(tmp_path: Path) -> None:
    docs = write_form(tmp_path, "form:\n  - note: 注記\n    text: 文\n")
    with pytest.raises(ContentError) as raised:
        load_forms(tmp_path, docs)
    assert [str(p) for p in raised.value.problems] == [
        "docs/guide/templates/sheet.md:3:5: 様式の欄 (form) の1番目の区画には、row、fields、table、"
        "checklist、choices、clauses、parties、text、note のどれか1つだけを書きます"
        "（いまは note と text の2つがあります）。区画を分けてください。"
    ]


def test_a_form_without_a_title_and_with_a_misspelt_key_is_explained(tmp_path: Path) -> None:
    docs = write_form(tmp_path, "form:\n  - fields:\n      - {label: 名前, line: 2}\n", "本文\n")
    with pytest.raises(ContentError) as raised:
        load_forms(tmp_path, docs)
    assert [str(p) for p in raised.value.problems] == [
        "docs/guide/templates/sheet.md:4:21: 様式の欄の項目と記入欄 (form.fields) の中に"
        "項目名「line」は使えません。もしかして: lines（行数）。項目名を直してください。",
        "docs/guide/templates/sheet.md:6:1: 様式の表題がありません。前付けの下に「# 表題」の行を書いてください。",
    ]


def test_characters_that_cannot_be_printed_are_explained(tmp_path: Path) -> None:
    # The Word document cannot hold a control character at all: it would stop the build.
    front = 'form:\n  - text: "お名前\\x07＿＿"\n  - note: "右から\\u202e左へ"\n'
    docs = write_form(tmp_path, front, "# 表\x01題\n")
    with pytest.raises(ContentError) as raised:
        load_forms(tmp_path, docs)
    assert [str(p) for p in raised.value.problems] == [
        "docs/guide/templates/sheet.md:3:11: 様式の欄の文 (form.text) に制御文字（U+0007）が含まれています。"
        "画面に見えない文字なので、この値を消して、キーボードで入力し直してください。",
        "docs/guide/templates/sheet.md:4:11: 様式の欄の注記 (form.note) に見えない文字（U+202E）が含まれています。"
        "文字の並びを入れ替えたり、ほかの名前に見せかけたりできるため使えません。この値を入力し直してください。",
        "docs/guide/templates/sheet.md:7:1: 様式の表題（# の行） に制御文字（U+0001）が含まれています。"
        "画面に見えない文字なので、この値を消して、キーボードで入力し直してください。",
    ]


def test_blanks_are_runs_of_full_width_low_lines() -> None:
    assert segments("＿＿（甲）と＿は") == [
        ("＿＿", True),
        ("（甲）と", False),
        ("＿", True),
        ("は", False),
    ]


def test_the_last_change_comes_from_git_unless_the_file_changed_since(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        env = {**os.environ, "GIT_COMMITTER_DATE": "2026-04-01T09:00:00", "HOME": str(tmp_path)}
        subprocess.run(["git", *args], cwd=tmp_path, check=True, env=env, capture_output=True)

    for name in ("kept.md", "edited.md"):
        (tmp_path / "docs" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "docs" / name).write_text("# 章\n", encoding="utf-8")
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.jp", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.jp", "commit", "-qm", "chapters")
    (tmp_path / "docs" / "edited.md").write_text("# 章（改）\n", encoding="utf-8")
    (tmp_path / "docs" / "new.md").write_text("# 新しい章\n", encoding="utf-8")
    moment = datetime.datetime(2026, 11, 20, 12).timestamp()
    for name in ("edited.md", "new.md"):
        os.utime(tmp_path / "docs" / name, (moment, moment))
    dates = last_changed(tmp_path, ["docs/kept.md", "docs/edited.md", "docs/new.md"], "docs")
    assert dates == {
        "docs/kept.md": datetime.date(2026, 4, 1),
        "docs/edited.md": datetime.date(2026, 11, 20),
        "docs/new.md": datetime.date(2026, 11, 20),
    }


def test_a_preview_says_when_the_pdf_is_made_and_keeps_the_print_button() -> None:
    facts = PageFacts("guide/process.md", SITE_URL, datetime.date(2026, 12, 1))
    page = handout_page("<h1>協働の進め方</h1><p>本文</p>", facts, None, with_pdf=False)
    assert "PDF版は、公開用にサイトを組み立てるとき（make build）に作られます。" in page
    assert ".pdf" not in page and "この章を印刷する</button>" in page
    assert page.index("</h1>") < page.index("kyodo-handout") < page.index("<p>本文</p>")
    assert (
        "出典：協働の手引き「協働の進め方」 https://example.github.io/kyodo/guide/process/（最終更新 2026年12月1日）"
        in page
    )


def test_pdf_details_are_filled_and_taken_back_out() -> None:
    page = '<a href="../process.pdf">この章をPDFで読む<!--kyodo-pdf:guide/process.pdf--><!--/kyodo-pdf--></a>'
    filled = fill_pdf_details(page, {"guide/process.pdf": "（A4・6ページ・320KB）"})
    assert "この章をPDFで読む<!--kyodo-pdf:guide/process.pdf-->（A4・6ページ・320KB）" in filled
    assert without_pdf_details(filled) == page
    assert [file_size(n) for n in (320_400, 2_140_000, 300)] == ["320KB", "2.1MB", "1KB"]


def test_printed_links_lead_to_the_published_site() -> None:
    built = (
        '<article class="md-content__inner md-typeset"><a href="../evaluation/#目標">評価</a>'
        '<a href="#手順">手順</a><a href="https://example.jp/">外</a><details class="note"></details></article>'
    )
    printed = printable_page(built, SITE_URL + "guide/process/")
    assert f'href="{SITE_URL}guide/evaluation/#目標"' in printed
    assert 'href="#手順"' in printed and 'href="https://example.jp/"' in printed
    assert '<details open class="note">' in printed


def test_a_chapter_in_the_guidebook_links_inside_the_book() -> None:
    chapter = BookChapter(
        "協働の進め方",
        SITE_URL + "guide/process/",
        "guide/process/",
        '<h2 id="手順">手順</h2><a href="../evaluation/#目標">評価</a><a href="#手順">上へ</a>'
        '<img src="../../assets/x.png" alt="図"><!--kyodo-web--><nav>PDF</nav><!--/kyodo-web-->',
    )
    anchors = {SITE_URL + "guide/process/": 3, SITE_URL + "guide/evaluation/": 4}
    section = chapter_section(3, chapter, anchors)
    assert '<h2 id="c3-手順">' in section
    assert 'href="#c4-目標"' in section and 'href="#c3-手順"' in section
    assert 'src="../assets/x.png"' in section
    assert "PDF" not in section


def test_css_strings_escape_quotes_and_break_lines() -> None:
    assert css_string('「a"b」\nc\\') == '"「a\\"b」\\A c\\\\"'


def test_a_quoted_title_cannot_end_the_frame_s_style_element() -> None:
    titles = ["</style><h1>章</h1>", "</STYLE ><p>章</p><!--"]
    frame = Frame("https://example.jp/", "2026年12月1日", titles, "https://example.jp/")
    document = with_style("<html><head><title>t</title></head><body></body></html>", frame.css())

    found: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            found.append(tag)

    Tags().feed(document)
    assert found == ["html", "head", "title", "style", "body"]
    with pytest.raises(ValueError):
        with_style("<p>頭のない文書</p>", frame.css())


@pytest.mark.browser
def test_documents_are_printed_without_running_their_scripts(tmp_path: Path) -> None:
    # Nothing a page's script does belongs on paper, loading the scripts slowed every print
    # down, and what a script writes to storage would outlive its page in the printer's tab.
    document = tmp_path / "page.html"
    document.write_text(
        '<html lang="ja"><head><title>t</title></head><body><p id="p">紙に載る文</p>'
        '<script>document.getElementById("p").textContent = "スクリプトの文";</script>'
        "</body></html>",
        encoding="utf-8",
    )
    # In a thread of print_all, as the build prints: the session's browser owns this one.
    [printed] = print_all([lambda printer: printer.pdf(document)])
    text = page_text(PdfReader(io.BytesIO(printed)))
    assert holds(text, "紙に載る文") and not holds(text, "スクリプトの文")


def test_the_cache_key_depends_on_every_part() -> None:
    assert digest("a", "bc") != digest("ab", "c")
    assert digest("a", b"b") == digest("a", "b")


def test_the_log_says_what_to_install_when_the_typeface_is_missing() -> None:
    run = HandoutRun(made=["guide/process.pdf"])
    assert PRINT_FONT_PACKAGE not in run.summary()
    run.typeface = False
    assert f"PDFの書体 {PRINT_FONT} が見つからない" in run.summary()
    assert f"apt-get install {PRINT_FONT_PACKAGE}" in run.summary()


def test_a_page_s_stylesheets_and_images_are_read_for_its_key(tmp_path: Path) -> None:
    page = tmp_path / "guide" / "process" / "index.html"
    page.parent.mkdir(parents=True)
    (tmp_path / "print.css").write_text("a {}", encoding="utf-8")
    (tmp_path / "guide" / "流れ.svg").write_text("<svg/>", encoding="utf-8")
    built = (
        '<link rel="stylesheet" href="../../print.css?v=1"><script src="../../x.js"></script>'
        '<img alt="図" src="../%E6%B5%81%E3%82%8C.svg"><img src="data:image/png;base64,AA">'
    )
    assert Assets().of(page, built) == [b"a {}", b"<svg/>"]


def test_doubled_bookmark_titles_are_set_to_the_chapters() -> None:
    writer = PdfWriter()
    for title in ("目次", "事故報告書事故報告書"):
        writer.add_blank_page(595, 842)
        writer.add_outline_item(title=title, page_number=len(writer.pages) - 1)
    printed = io.BytesIO()
    writer.write(printed)
    fixed = PdfReader(io.BytesIO(titled_bookmarks(printed.getvalue(), ["目次", "事故報告書"])))
    assert [item.title for item in fixed.outline] == ["目次", "事故報告書"]
    assert (
        titled_bookmarks(printed.getvalue(), ["目次", "事故報告書事故報告書"]) == printed.getvalue()
    )
