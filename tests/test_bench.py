"""`kyodo bench`'s report: the goals a run misses, by how much, and cost per listing."""

from __future__ import annotations

from kyodo.devtools.bench import ScaleRun, best, marginal, misses, report
from kyodo.devtools.searchbench import StepRun, Transfers
from kyodo.devtools.servebench import ServeRun


def scale_run(
    listings: int, seconds: float, peak_mb: float, edit: float | None, first: float = 11.0
) -> ScaleRun:
    step = StepRun(10.0, 9.0, 100.0, 0, "")
    transfers = Transfers(80_000, 7_000, {"町内会": 150_000, "区": 210_000}, [8_000], 40_000)
    return ScaleRun(
        listings,
        listings + 300,
        [(100_000, "guide/pitfalls/index.html")],
        step,  # baseline 10 s
        StepRun(seconds, seconds * 0.9, peak_mb, 0, ""),
        step,  # stock Pagefind 10 s
        step,
        transfers,
        {"one word": "町内会", "one character": "区"},
        ServeRun(first, edit),
    )


def test_misses_say_by_how_much_and_why() -> None:
    assert misses(scale_run(10_000, 50.0, 900.0, 2.0)) == [
        "build 2.50× the yardstick, goal 2× (10 s over): each listing is rendered, checked,"
        " written and indexed in Python, by two processes (the search index's words are laid"
        " out by one)",
        "build 50 s, goal 30 s: each listing is rendered, checked, written and indexed in"
        " Python, by two processes (the search index's words are laid out by one)",
        "a query downloads 205.1 KB, goal 200 KB: pf_meta lists every page and every index"
        " chunk (as a tag and a number), so it grows with the directory",
    ]
    late = misses(scale_run(10_000, 30.0, 1500.0, None, first=15.0))
    assert [line.split(":")[0] for line in late] == [
        "peak 1500 MB, goal 1,024 MB",
        "serve's first build 1.50× plain MkDocs, goal 1.2×",
        "saving a listing under serve did not show within 3 s",
        "a query downloads 205.1 KB, goal 200 KB",
    ]
    assert [line[:20] for line in misses(scale_run(2_000, 39.0, 300.0, 2.5))] == [
        "a query downloads 20"
    ]


def test_the_report_names_every_goal_and_the_marginal_cost() -> None:
    lines = report(scale_run(2_000, 30.0, 300.0, 12.5))
    assert (
        "site build with search index (faster of 2 runs): 30.0 s (CPU 27.0 s), peak of all processes"
        " 300 MB" in lines
    )
    assert "saving one listing under serve, until its page shows: 12.5 s (target: 3 s)" in lines
    assert (
        "serve's first build (a preview: no index, no PDFs): 11.0 s,"
        " ratio to baseline: 1.10 (target: 1.20)" in lines
    )
    assert "listing page, first visit: 39.1 KB (target: 150 KB)" in lines
    assert [line[:25] for line in lines if line.startswith("missed")] == [
        "missed: saving a listing ",
        "missed: a query downloads",
    ]
    runs = [scale_run(500, 20.0, 200.0, 1.0), scale_run(2_000, 35.0, 260.0, 1.0)]
    assert marginal(runs) == [
        "== cost per 1,000 more listings (goal: flat within 20%)",
        "500 → 2000: build 10.0 s, CPU 9.0 s, peak memory 40 MB",
    ]
    assert marginal(runs[:1]) == []


def test_the_faster_run_is_reported_with_the_highest_peak() -> None:
    runs = [StepRun(16.1, 15.0, 56.0, 0, "a"), StepRun(9.7, 9.5, 55.0, 0, "b")]
    assert best(runs) == StepRun(9.7, 9.5, 56.0, 0, "b")
