"""The frame printed around every page of a handout: the site's name and the chapter's title
at the top; the page's address, its QR code, the date of the last change and the page number
at the foot. It is CSS for the page margins (@page margin boxes), added only when rendering
the PDFs, so that the site's own print stylesheet stays the same for the browser's printing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import segno

from kyodo.handouts.chromium import PRINT_FONT

SITE_NAME = "協働の手引き"
QR_MM = 16
# The page's side and bottom margins, and the space between the QR code and the address
# beside it. The left box is the QR code and that space; the middle box takes the width the
# side boxes leave (the margin boxes are laid out around the centre, so the right one is as
# wide as the left): the address then starts at the same place on every handout, however
# long it is, and never touches the code.
SIDE_MM = 14
FOOT_MM = 24
GAP_MM = 4
A4_MM = (210, 297)  # width and height of every handout's paper, the PDFs' and the .docx's
_FOOTER_MM = A4_MM[0] - 2 * SIDE_MM - 2 * (QR_MM + GAP_MM)
# print.css's typeface first (see there), then others that cover Japanese.
_FONT = f'"{PRINT_FONT}", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", sans-serif'
_SMALL = f"font: 7.5pt/1.4 {_FONT}; color: #222;"


@dataclass(frozen=True)
class Frame:
    """What the margins of one PDF say."""

    url: str
    changed: str
    titles: Sequence[str]
    site_url: str

    def css(self) -> str:
        """The stylesheet that draws the frame; a chapter of the guidebook gets a named page
        each, whose top margin carries that chapter's title."""
        named = range(len(self.titles)) if len(self.titles) > 1 else range(0)
        return "\n".join([self._base(), *map(self._chapter_page, named)])

    def _base(self) -> str:
        footer = css_string(f"{self.url}\n最終更新 {self.changed}")
        title = css_string(self.titles[0] if len(self.titles) == 1 else "")
        return f"""
@page {{
  size: A4;
  margin: 14mm {SIDE_MM}mm {FOOT_MM}mm;
  @top-left {{ content: {css_string(SITE_NAME)}; {_SMALL} }}
  @top-right {{ content: {title}; {_SMALL} }}
  @bottom-left {{ content: url("{qr_data_uri(self.url)}"); width: {QR_MM + GAP_MM}mm; text-align: left; }}
  @bottom-center {{
    content: {footer}; width: {_FOOTER_MM}mm; white-space: pre-wrap; overflow-wrap: anywhere;
    text-align: left; {_SMALL}
  }}
  @bottom-right {{ content: counter(page) " / " counter(pages); {_SMALL} }}
}}
.kyodo-print-source {{ display: none !important; }}
.md-typeset a[href^="{self.site_url}"]::after {{ content: none !important; }}
"""

    def _chapter_page(self, index: int) -> str:
        title = css_string(self.titles[index])
        return (
            f".kyodo-book__chapter--{index} {{ page: kyodo-chapter-{index}; }}\n"
            f"@page kyodo-chapter-{index} {{ @top-right {{ content: {title}; {_SMALL} }} }}"
        )


def css_string(text: str) -> str:
    """Text as a quoted CSS string; a line break becomes CSS's \\A."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def qr_data_uri(url: str) -> str:
    """A QR code that opens the address, as an SVG data URI about QR_MM millimetres wide."""
    code = segno.make(url, error="m")
    width = code.symbol_size(border=0)[0]
    uri: str = code.svg_data_uri(scale=QR_MM / width, unit="mm", border=0)
    return uri
