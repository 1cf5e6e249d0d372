"""A form's sheet as HTML, for its page and for printing."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kyodo.handouts.forms import Cell, Form
from kyodo.site.templating import environment

_BLANK = re.compile(r"(＿+)")


def segments(text: str) -> list[tuple[str, bool]]:
    """Text split into printed parts and blanks to write in (runs of ＿), in order."""
    return [(part, bool(_BLANK.fullmatch(part))) for part in _BLANK.split(text) if part]


def widths(cells: Sequence[Cell]) -> list[float]:
    """Each cell's share of the sheet's width, in percent."""
    total = sum(cell.width for cell in cells)
    return [round(100 * cell.width / total, 2) for cell in cells]


def render_sheet(form: Form) -> str:
    """The form's sheet: every block, top to bottom."""
    template = environment().get_template("form.html.j2")
    return template.render(form=form, blocks=form.blocks, segments=segments, widths=widths)
