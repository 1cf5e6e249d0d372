"""Tables stacked on phones: marked and labelled when the page is built."""

from __future__ import annotations

from kyodo.postbuild.tables import stacked_tables

THREE_COLUMNS = """<table>
<thead>
<tr>
<th>段階</th>
<th style="text-align: left;">主に<em>すること</em></th>
<th>使う様式 &amp; 時期</th>
</tr>
</thead>
<tbody>
<tr>
<td>1 <a href="#a">きっかけ</a></td>
<td style="text-align: left;">相談する</td>
<td>なし</td>
</tr>
</tbody>
</table>"""


def test_each_cell_is_labelled_with_its_column() -> None:
    assert stacked_tables(f"<p>前</p>{THREE_COLUMNS}") == (
        "<p>前</p>" + THREE_COLUMNS.replace("<table>", "<table data-kyodo-stack>")
        .replace("<td>1", '<td data-label="段階">1')
        .replace('<td style', '<td data-label="主にすること" style')
        .replace("<td>なし", '<td data-label="使う様式 &amp; 時期">なし')
    )  # fmt: skip


def test_narrow_and_classed_tables_are_left_alone() -> None:
    two = "<table><thead><tr><th>項目</th><th>内容</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>"
    classed = THREE_COLUMNS.replace("<table>", '<table class="kyodo-scores">')
    headless = "<table><tbody><tr><td>a</td><td>b</td><td>c</td></tr></tbody></table>"
    assert stacked_tables(two + classed + headless) == two + classed + headless
