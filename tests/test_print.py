"""Printing: every form fits one A4 page; chapters print as A4 with Japanese text."""

from __future__ import annotations

import io
import unicodedata

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from kyodo.handouts.forms import load_forms
from kyodo.site.urls import page_url
from tests.conftest import ROOT
from tests.printkit import first_label, holds, page_text

FORMS = load_forms(ROOT, ROOT / "docs")
A4_POINTS = (595, 842)


def print_pdf(browser: Browser, url: str) -> PdfReader:
    page = browser.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    data = page.pdf(prefer_css_page_size=True, print_background=True)
    page.close()
    return PdfReader(io.BytesIO(data))


@pytest.mark.parametrize("src_uri", sorted(FORMS))
def test_each_form_prints_on_one_a4_page(site_url: str, browser: Browser, src_uri: str) -> None:
    pdf = print_pdf(browser, site_url + page_url(src_uri))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
    # The page prints its sheet to the end, under its title, without the buttons around it.
    form, text = FORMS[src_uri], page_text(pdf)
    assert holds(text, form.title) and holds(text, first_label(form.blocks[-1]))
    assert "Word形式" not in text and "印刷する" not in text


def test_a_chapter_prints_as_an_a4_handout_with_its_text(site_url: str, browser: Browser) -> None:
    pdf = print_pdf(browser, f"{site_url}guide/process/")
    # Fonts map some kanji to look-alike radicals (⽅ for 方) in extracted text: NFKC undoes it.
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in pdf.pages))
    assert len(pdf.pages) >= 2
    assert all(
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == A4_POINTS
        for p in pdf.pages
    )
    assert "協働の進め方" in text and "協定書" in text
    assert "サイト内を検索" not in text  # the header and navigation are not printed
